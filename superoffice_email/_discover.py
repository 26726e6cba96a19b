"""Which ServicesNN versions does a site serve? :func:`discover` asks it.

How: first the REST side's documented version endpoint, ``GET https://host/tenant/api`` asked
for JSON (``Accept: application/json``), which names ``Services`` (such as ``Services87``)
and ``ServicesCurrent`` (such as ``Services88``); asked for nothing in particular it answers
HTML, and an onsite installation without the REST side answers 404. When it gives no
versions, each version we have models for is probed with ``GET …/Remote/ServicesNN/EMail.svc?wsdl``
(a WCF endpoint serves its WSDL there; an unknown version is a 404): the versions that
answer 200 are the site's.

:func:`newest_common` picks what ``EMailAgent.connect`` uses: the newest version we know that
is not newer than the newest the site names. A NetServer serves every supported ServicesNN
side by side and Services88 only ever gains operations, so a site that names a version we
do not know yet still serves the newest one we do.
"""

from __future__ import annotations

import json
import re
from collections.abc import Generator, Iterable
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

import httpx

from ._config import check_seconds
from ._credentials import asend_call, send_call
from ._login import LoginAnswer, LoginCall
from ._redact import safe_url
from .errors import ProtocolError, UsageError
from .services import VERSIONS

_C = TypeVar("_C", httpx.Client, httpx.AsyncClient)
_VERSION = re.compile(r"^Services(\d+)$")
_REMOTE = re.compile(r"/Remote(?:/|$)", re.IGNORECASE)

#: a discovery: yields the GETs to send, receives their answers, returns the versions
DiscoverFlow = Generator[LoginCall, LoginAnswer, tuple[str, ...]]


def remote_base(url: str) -> str:
    """The NetServer base ``https://host/tenant/Remote/`` of any URL under it."""
    if not isinstance(url, str):
        raise UsageError(f"url must be a str, not {type(url).__name__}")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise UsageError("url is not a valid URL") from None
    match = _REMOTE.search(parts.path)
    if parts.scheme not in ("http", "https") or not parts.hostname or match is None:
        raise UsageError(
            f"url must be a NetServer URL such as 'https://host/tenant/Remote/', "
            f"not {safe_url(url)!r}"
        )
    # a query is refused as the constructor refuses it (it may hold a ticket, and dropping it
    # silently would hide a mistake); a WSDL address's ``?wsdl`` names the same site
    if parts.fragment or parts.query.lower() not in ("", "wsdl", "singlewsdl"):
        raise UsageError(f"url must not have a query or fragment: {safe_url(url)!r}")
    path = parts.path[: match.start()] + "/Remote/"
    return urlunsplit(parts._replace(path=path, query="", fragment=""))


def _number(version: str) -> int:
    match = _VERSION.match(version)
    return int(match.group(1)) if match else -1


def discover_flow(url: str) -> DiscoverFlow:
    """The discovery, sans-I/O (see the module docstring)."""
    base = remote_base(url)
    api = base[: -len("Remote/")] + "api"
    call = LoginCall("version endpoint", "GET", api, {"Accept": "application/json"})
    answer = yield call
    found = _api_versions(answer)
    if found:
        return found
    served = []
    for version in VERSIONS:
        probe = LoginCall("WSDL", "GET", f"{base}{version}/EMail.svc?wsdl", {})
        if (yield probe).status == 200:
            served.append(version)
    return tuple(served)


def _api_versions(answer: LoginAnswer) -> tuple[str, ...]:
    if answer.status != 200:
        return ()
    try:
        data = json.loads(answer.body)
    except ValueError:  # the HTML page, or anything else that is not JSON
        return ()
    if not isinstance(data, dict):
        return ()
    named = {data.get("Services"), data.get("ServicesCurrent")}
    valid = (v for v in named if isinstance(v, str) and _VERSION.match(v))
    return tuple(sorted(valid, key=_number))


def newest_common(versions: Iterable[str]) -> str:
    """The newest version we know that is not newer than the newest of ``versions``."""
    site = max((_number(v) for v in versions), default=-1)
    ours = [v for v in VERSIONS if _number(v) <= site]
    if not ours:
        raise ProtocolError(
            f"the site names no ServicesNN version this library knows ({', '.join(VERSIONS)})"
        )
    return max(ours, key=_number)


def _client(given: object, kind: type[_C], timeout: object) -> _C:
    check_seconds("timeout", timeout)
    if given is None:
        return kind(timeout=timeout)  # type: ignore[arg-type]
    if not isinstance(given, kind):
        raise UsageError(f"client must be an httpx.{kind.__name__}, not {type(given).__name__}")
    return given


def discover(
    url: str, *, client: httpx.Client | None = None, timeout: float = 10.0
) -> tuple[str, ...]:
    """The ServicesNN versions the site at ``url`` (a NetServer URL, ``…/Remote/…``) serves,
    oldest first; how it asks is in the module docstring. ``client`` is borrowed if given."""
    flow = discover_flow(url)
    http = _client(client, httpx.Client, timeout)
    owned = client is None
    try:
        call = next(flow)
        while True:
            call = flow.send(send_call(http, call))
    except StopIteration as done:
        versions: tuple[str, ...] = done.value
        return versions
    finally:
        if owned:
            http.close()


async def adiscover(
    url: str, *, client: httpx.AsyncClient | None = None, timeout: float = 10.0
) -> tuple[str, ...]:
    """The async twin of :func:`discover`."""
    flow = discover_flow(url)
    http = _client(client, httpx.AsyncClient, timeout)
    owned = client is None
    try:
        call = next(flow)
        while True:
            call = flow.send(await asend_call(http, call))
    except StopIteration as done:
        versions: tuple[str, ...] = done.value
        return versions
    finally:
        if owned:
            await http.aclose()


__all__ = ["adiscover", "discover", "discover_flow", "newest_common", "remote_base"]
