"""SuperOffice Online login, sans-I/O: environments, URLs, id_token claims, system user tokens.

No networking code at all: values in, values out. Whoever holds the connection (the
credential objects, the agents, the fake server, a user's own code) sends what these
functions build and hands back what arrived:

- :data:`ENVIRONMENTS` and :func:`resolve_environment`: where ``sod``, ``stage`` and
  ``online`` (or a caller's own base URL) keep their issuer, JWKS and PartnerSystemUserService.
- :func:`load_private_key`: an application's RSA key, PEM or SuperOffice's ``<RSAKeyValue>``.
- :func:`signed_system_token`: ``system_token.yyyyMMddHHmm.signature`` for ``Authenticate``.
- :func:`verify_system_user_jwt` and :func:`system_user_ticket`: the answer's JWT checked
  (RS256, issuer, expiry) and its ticket claim.
- :func:`from_id_token_claims`: a validated id_token's claims as a :class:`SiteInfo`.

The cryptography lives in :mod:`superoffice_email._online_crypto` and needs the ``online``
extra (``cryptography`` and ``PyJWT``), imported only when called.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

import attrs

from ._online_crypto import (
    CLAIM_PREFIX,
    TICKET_CLAIM,
    load_private_key,
    signed_system_token,
    system_user_ticket,
    verify_system_user_jwt,
)
from ._redact import REDACTED
from .errors import UsageError

#: path of the signing keys (JSON Web Key Set) under an environment's base URL
JWKS_PATH = "/login/.well-known/jwks"
#: path of the SOAP system user service under an environment's base URL
PARTNER_SYSTEM_USER_PATH = "/Login/Services/PartnerSystemUserService.svc"
#: path of the JSON twin of ``Authenticate`` under an environment's base URL
PARTNER_SYSTEM_USER_REST_PATH = "/Login/api/PartnerSystemUser/Authenticate"


@attrs.frozen
class Environment:
    """One SuperOffice Online environment (or a base URL standing in for one).

    ``issuer`` is what its signed tokens carry in ``iss``: the base URL itself.
    """

    name: str
    base_url: str

    @property
    def issuer(self) -> str:
        return self.base_url

    @property
    def jwks_url(self) -> str:
        return self.base_url + JWKS_PATH

    @property
    def partner_system_user_url(self) -> str:
        return self.base_url + PARTNER_SYSTEM_USER_PATH

    @property
    def partner_system_user_rest_url(self) -> str:
        return self.base_url + PARTNER_SYSTEM_USER_REST_PATH


#: SuperOffice's environments: development (``sod``), staging and production
ENVIRONMENTS: Mapping[str, Environment] = MappingProxyType(
    {
        name: Environment(name, f"https://{name}.superoffice.com")
        for name in ("sod", "stage", "online")
    }
)

_LOOPBACK_NAMES = frozenset({"localhost"})


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, what: str) -> str:
    """``url`` checked as a place to send credentials to, without a trailing slash.

    https only (http only to a loopback host, for tests), no user info, query or fragment.
    Errors name ``what`` and the problem; they quote at most the scheme and host, never the
    user info or query, where secrets would be.
    """
    if not isinstance(url, str):
        raise UsageError(f"{what} must be a str URL, not {type(url).__name__}")
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # ValueError for a port that is not a number in range
    except ValueError:
        raise UsageError(f"{what} is not a valid URL") from None
    del port
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise UsageError(f"{what} must be an absolute https:// URL with a host")
    where = f"{parts.scheme}://{host}"
    if parts.scheme == "http" and not _is_loopback(host):
        raise UsageError(f"{what} must use https (http only to a loopback host): {where}")
    if parts.username is not None or parts.password is not None:
        raise UsageError(f"{what} must not carry user info (user:password@): {where}")
    if parts.query or url.rstrip().endswith("?"):
        raise UsageError(f"{what} must not carry a query: {where}")
    if parts.fragment or "#" in url:
        raise UsageError(f"{what} must not carry a fragment: {where}")
    return parts.geturl().rstrip("/")


def resolve_environment(environment: str) -> Environment:
    """``"sod"``, ``"stage"``, ``"online"``, or a base URL such as ``https://127.0.0.1:8080``
    (a fake server's), as an :class:`Environment`. A URL's environment is named by the URL."""
    if not isinstance(environment, str):
        raise UsageError(
            f"environment must be a str (sod, stage, online or a base URL), "
            f"not {type(environment).__name__}"
        )
    known = ENVIRONMENTS.get(environment.strip().lower())
    if known is not None:
        return known
    if "://" not in environment:
        names = ", ".join(ENVIRONMENTS)
        shown = environment if len(environment) <= 40 else environment[:37] + "..."
        raise UsageError(f"unknown environment {shown!r}: expected one of {names} or a base URL")
    base = check_url(environment, "environment base URL")
    return Environment(base, base)


def _secret_repr(value: str | None) -> str:
    return "None" if value is None else REDACTED


@attrs.frozen
class SiteInfo:
    """Where a tenant's agents are and who it is, from a validated id_token's claims.

    ``base_url`` is the NetServer base up to ``/Remote/`` (an agent adds
    ``ServicesNN/EMail.svc``), ``version`` the ``ServicesNN`` the claim named,
    ``context_identifier`` the tenant (``Cust12345``). ``ticket`` (legacy flow) and
    ``system_token`` are secrets: their reprs show ``***``.
    """

    base_url: str
    version: str
    context_identifier: str
    webapi_url: str | None = None
    ticket: str | None = attrs.field(default=None, repr=_secret_repr)
    system_token: str | None = attrs.field(default=None, repr=_secret_repr)


_NETSERVER_PATH = re.compile(r"^(?P<base>.*/Remote/)(?P<version>Services\d+)/?$", re.IGNORECASE)


def _claim(claims: Mapping[str, Any], name: str, *, required: bool) -> str | None:
    key = CLAIM_PREFIX + name
    if key not in claims:
        if required:
            raise UsageError(f"the id_token claims have no {key!r}")
        return None
    value = claims[key]
    if not isinstance(value, str) or not value.strip():
        # the value is never quoted: for ticket and system_token it is a secret
        raise UsageError(f"claim {key!r} must be a non-empty string, not {type(value).__name__}")
    return value.strip()


def from_id_token_claims(claims: Mapping[str, Any]) -> SiteInfo:
    """A validated id_token's claims (a dict, e.g. from PyJWT) as a :class:`SiteInfo`.

    Needs ``netserver_url`` (``https://sod.superoffice.com/Cust26759/Remote/Services86/``)
    and ``ctx``; takes ``ticket``, ``system_token`` and ``webapi_url`` where present. All
    names carry the prefix ``http://schemes.superoffice.net/identity/``. The caller validates
    the token; this only reads it. A missing or odd claim is a :class:`UsageError` naming it.
    """
    if not isinstance(claims, Mapping):
        raise UsageError(f"claims must be a mapping, not {type(claims).__name__}")
    netserver_url = _claim(claims, "netserver_url", required=True)
    context = _claim(claims, "ctx", required=True)
    assert netserver_url is not None and context is not None
    checked = check_url(netserver_url, f"claim {CLAIM_PREFIX}netserver_url") + "/"
    match = _NETSERVER_PATH.match(checked)
    if match is None:
        raise UsageError(
            f"claim {CLAIM_PREFIX + 'netserver_url'!r} must end in /Remote/ServicesNN/"
        )
    version = "Services" + match["version"][len("Services") :]
    webapi_url = _claim(claims, "webapi_url", required=False)
    if webapi_url is not None:
        webapi_url = check_url(webapi_url, f"claim {CLAIM_PREFIX}webapi_url") + "/"
    return SiteInfo(
        base_url=match["base"],
        version=version,
        context_identifier=context,
        webapi_url=webapi_url,
        ticket=_claim(claims, "ticket", required=False),
        system_token=_claim(claims, "system_token", required=False),
    )


__all__ = [
    "CLAIM_PREFIX",
    "ENVIRONMENTS",
    "TICKET_CLAIM",
    "Environment",
    "SiteInfo",
    "check_url",
    "from_id_token_claims",
    "load_private_key",
    "resolve_environment",
    "signed_system_token",
    "system_user_ticket",
    "verify_system_user_jwt",
]
