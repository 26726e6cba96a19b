"""Argument checks, one home: what the builders, the agents and the fake server accept.

Each check names the argument and the value it refused, in one wording wherever the
argument appears, and returns the value with its precise type; the callers never repeat
the checks (the shape of httpx's ``_config.py``).
"""

from __future__ import annotations

import re
from typing import Literal, cast
from urllib.parse import urlsplit, urlunsplit

from ._redact import safe_url
from ._wire import LOGIN_SERVICES_PATH, SOAP, SoapVersion
from .errors import UsageError, shown

Layout = Literal["documented", "wire"]
LAYOUTS: tuple[Layout, ...] = ("documented", "wire")

#: longer waits overflow the OS's and threading's timers; a billion seconds is "never" anyway
_MAX_SECONDS = 1e9
_SVC_PATH = re.compile(r"/(Services\d+)/(\w+)\.svc$", re.IGNORECASE)
# SuperOffice hands out netserver_url as …/Remote/ServicesNN/ (the id_token's claim)
_VERSION_PATH = re.compile(r"/(Services\d+)/?$", re.IGNORECASE)


def check_soap(soap: object) -> SoapVersion:
    if not isinstance(soap, str) or soap not in SOAP:
        raise UsageError(f"soap must be '1.1' or '1.2', not {shown(soap)}")
    return cast(SoapVersion, soap)


def check_layout(layout: object) -> Layout:
    if not isinstance(layout, str) or layout not in LAYOUTS:
        raise UsageError(f"layout must be 'documented' or 'wire', not {shown(layout)}")
    return layout


def is_seconds(value: object, *, zero: bool = False) -> bool:
    """Whether ``value`` is a finite number of seconds, above 0 (or 0 too, with ``zero``)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return (0 <= value if zero else 0 < value) and value < _MAX_SECONDS


def check_seconds(name: str, value: object, *, zero: bool = False) -> float:
    """``value`` as seconds; ``zero``: 0 is allowed and means none."""
    if not is_seconds(value, zero=zero):
        what = "a number of seconds (0 for none)" if zero else "a positive number of seconds"
        raise UsageError(f"{name} must be {what}, not {shown(value)}")
    return cast(float, value)


def check_positive_int(name: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UsageError(f"{name} must be a positive int, not {shown(value)}")
    return value


def endpoint_url(url: object, version: str, agent: str = "EMail") -> str:
    """The ``EMail.svc`` URL of ``version`` from a ``…/Remote/`` base or a full ``.svc`` URL.

    Another ``agent``: its own ``.svc`` beside EMail's (``…/Services88/SoPrincipal.svc``);
    a service outside NetServer's versions (``version=""``: PartnerSystemUserService) lives
    under the host's login path (``https://online.superoffice.com/Login/Services/…``).
    """
    if not isinstance(url, str):
        raise UsageError(f"url must be a string, not {type(url).__name__}")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port out of range or not a number raises here)
    except ValueError as error:  # its text may quote the URL, password and all: not shown
        reason = str(error)
        problem = (
            "its IPv6 address lacks a ']'"
            if "IPv6" in reason
            else "its port is not a number from 0 to 65535"
            if "Port" in reason
            else "urllib cannot split it"
        )
        raise UsageError(
            f"url is not a valid URL: {problem}; give one such as 'https://host/tenant/Remote/'"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(
            "url must be an http(s) URL such as 'https://host/tenant/Remote/', "
            f"not {safe_url(url)!r}"
        )
    if parts.query or parts.fragment:
        raise UsageError(f"url must not have a query or fragment: {safe_url(url)!r}")
    path = parts.path
    if not version:
        if path.lower().endswith(".svc"):
            if not path.lower().endswith(f"/{agent.lower()}.svc"):
                raise UsageError(f"{safe_url(url)!r} is not a {agent} endpoint ({agent}.svc)")
            return url
        login_path = f"{path.rstrip('/')}{LOGIN_SERVICES_PATH}{agent}.svc"
        return urlunsplit(parts._replace(path=login_path))
    versioned = _VERSION_PATH.search(path)
    if versioned is not None:
        named = "Services" + versioned.group(1)[len("Services") :]
        if named != version:
            raise UsageError(
                f"the URL is for {named} but version is {version!r}: pass "
                f"version={named!r}, or the base URL ending in /Remote/"
            )
        path = path[: versioned.start()]
    if path.lower().endswith(".svc"):
        match = _SVC_PATH.search(path)
        if match is None or match.group(2).lower() != agent.lower():
            raise UsageError(
                f"{safe_url(url)!r} is not an {agent} agent endpoint (…/ServicesNN/{agent}.svc);"
                " give that or the NetServer base URL ending in /Remote/"
            )
        if match.group(1).lower() != version.lower():
            raise UsageError(
                f"the URL is for {match.group(1)} but version is {version!r}: pass "
                f"version={match.group(1)!r}, or the base URL ending in /Remote/"
            )
        return url
    return urlunsplit(parts._replace(path=f"{path.rstrip('/')}/{version}/{agent}.svc"))


def version_in_url(url: object) -> str | None:
    """The ``ServicesNN`` a URL names (``…/ServicesNN/`` or ``…/ServicesNN/EMail.svc``), if any."""
    if not isinstance(url, str):
        return None
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    match = _VERSION_PATH.search(path) or _SVC_PATH.search(path)
    return None if match is None else "Services" + match.group(1)[len("Services") :]
