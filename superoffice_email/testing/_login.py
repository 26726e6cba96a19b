"""The fake server's login: SoPrincipal, PartnerSystemUserService, its JWKS, the version endpoint.

:class:`FakeLogin` answers, on the fake server's port:

- ``POST /<tenant>/Remote/ServicesNN/SoPrincipal.svc``: ``AuthenticateUsernamePassword``
  (``users``) and ``AuthenticateWithAccessToken`` (``access_tokens``; Services86 on). A wrong
  password is ``AuthenticationSucceeded`` false with ``Succeeded`` true, as NetServer answers.
- ``POST /Login/Services/PartnerSystemUserService.svc``: ``Authenticate`` for the
  ``system_users`` (system token -> the application's public key): checks the signature and
  its minute, answers a JWT signed with a key pair of its own (RS256, issuer
  ``http://127.0.0.1:PORT``), whose public half is at ``GET /login/.well-known/jwks``.
- ``GET /<tenant>/api``: the REST side's version endpoint (JSON when asked for it, else HTML).
- ``GET /<tenant>/Remote/ServicesNN/EMail.svc?wsdl``: a WSDL for each version.

It issues tickets, refuses unknown or expired ones on the EMail endpoint the way we expect
NetServer to (``Succeeded`` false, ``ExceptionType``
``SuperOffice.Exceptions.SoSessionException``, "Failed to validate tokens: ..."; our choice,
see ``netserver-in-use.md`` 1.1), and counts the logins it is asked for.
"""

from __future__ import annotations

import base64
import json
import threading
import uuid
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .. import VERSIONS
from .._login import (
    ACCESS_TOKEN_VERSIONS,
    PARTNER_ACTION,
    PARTNER_NS,
    login_envelope,
    read_login_message,
)
from .._reader import ParsedRequest
from .._wire import content_type, service_namespace, soap_action
from ..errors import NetServerError, UsageError
from ._checks import credentials_problem
from ._dispatch import HttpRequest, Reply, register_path, register_service, text_reply

if TYPE_CHECKING:
    from ._server import FakeNetServer

#: what the fake says when it refuses a ticket (see the module docstring)
SESSION_EXCEPTION = "SuperOffice.Exceptions.SoSessionException"
REFUSED_TICKET = "Failed to validate tokens: the ticket is not valid or has expired"
NO_TICKET = "Failed to validate tokens: the request carries no ticket (Credentials)"
#: how far the signed system token's minute may be from the fake's clock
SIGNED_TOKEN_SLACK = timedelta(minutes=5)
#: what ``GET /<tenant>/api`` reports as the NetServer build
NETSERVER_VERSION = "10.5.3.1024"

_TEXT = "text/plain; charset=utf-8"
_PARTNER_PATH = "/login/services/partnersystemuserservice.svc"
_JWKS_PATH = "/login/.well-known/jwks"


def _public_key(value: object) -> Any:
    """An RSA public key from a key object, a :class:`TestKeyPair`, or PEM text."""
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_pem_public_key

    if hasattr(value, "public_key") and not isinstance(value, rsa.RSAPrivateKey):
        value = value.public_key
    if isinstance(value, rsa.RSAPrivateKey):
        value = value.public_key()
    if isinstance(value, str | bytes):
        value = load_pem_public_key(value.encode("ascii") if isinstance(value, str) else value)
    if not isinstance(value, rsa.RSAPublicKey):
        raise UsageError("system_users: each value must be an RSA public key (or PEM of one)")
    return value


class FakeLogin:
    """The login half of :class:`~superoffice_email.testing.FakeNetServer` (see the module)."""

    def __init__(
        self,
        *,
        tenant: str,
        base_url: Callable[[], str],
        users: Mapping[str, str] | None = None,
        access_tokens: Iterable[str] | None = None,
        system_users: Mapping[str, Any] | None = None,
    ) -> None:
        self.tenant = tenant
        self._base_url = base_url
        self.users = dict(users or {})
        self.access_tokens = frozenset(access_tokens or ())
        self.system_users = {t: _public_key(k) for t, k in (system_users or {}).items()}
        #: whether tickets are checked against the ones issued (any login configured)
        self.enabled = bool(self.users or self.access_tokens or self.system_users)
        #: whether ``GET /<tenant>/api`` answers (False: 404, as onsite without REST)
        self.api = True
        self._lock = threading.Lock()
        self._issued: set[str] = set()
        self._login_count = 0
        #: how many times the JWKS was fetched
        self.jwks_count = 0
        self._signing: Any = None  # TestKeyPair, made on first need
        self._jwt_options: dict[str, Any] = {}

    # -- tickets ----------------------------------------------------------------------------

    @property
    def login_count(self) -> int:
        with self._lock:
            return self._login_count

    def expire_tickets(self) -> None:
        with self._lock:
            self._issued.clear()

    def _issue(self) -> str:
        ticket = "7T:" + base64.b64encode(uuid.uuid4().bytes + b";1").decode("ascii")
        with self._lock:
            self._issued.add(ticket)
        return ticket

    def credentials_problem(
        self, parsed: ParsedRequest, ticket: str | None, application_token: str | None
    ) -> str | None:
        """Why an EMail request's credentials are refused, or None."""
        if not self.enabled:
            return credentials_problem(parsed, ticket, application_token)
        if parsed.ticket is None:
            return NO_TICKET
        with self._lock:
            known = parsed.ticket in self._issued
        if not known and parsed.ticket != ticket:
            return REFUSED_TICKET
        return credentials_problem(parsed, None, application_token)

    def refusal(self, problem: str) -> NetServerError:
        kind = SESSION_EXCEPTION if self.enabled else "SoException"
        return NetServerError(problem, exception_type=kind)

    def system_user_tokens(
        self,
        *,
        issuer: str | None = None,
        expires_in: timedelta | None = None,
        key: Any = None,
    ) -> None:
        """Sign the next system user JWTs differently: another ``issuer``, an ``expires_in``
        (negative: expired already), another ``key`` (a TestKeyPair: a bad signature)."""
        options = {"issuer": issuer, "expires_in": expires_in, "key": key}
        with self._lock:
            self._jwt_options = {k: v for k, v in options.items() if v is not None}

    def rotate_signing_key(self) -> None:
        """Sign with a new key pair (another ``kid``) from now on, as SuperOffice rolls keys."""
        from ._online_keys import generate_test_key

        key = generate_test_key(2048, kid=f"fake-netserver-{uuid.uuid4().hex[:8]}")
        with self._lock:
            self._signing = key

    def signing_key(self) -> Any:
        """The fake's own key pair (a TestKeyPair), whose public half its JWKS serves."""
        from ._online_keys import generate_test_key

        with self._lock:
            if self._signing is None:
                self._signing = generate_test_key(2048, kid="fake-netserver")
            return self._signing

    # -- routing ----------------------------------------------------------------------------

    def answer(self, request: HttpRequest) -> Reply:
        """The reply to a request on one of the login's paths (registered below)."""
        route = self._route(request.method, request.path, request.query)
        if route is None:
            allowed = "GET" if request.method == "POST" else "POST"
            return text_reply(405, f"use {allowed}\n", ("Allow", allowed))
        return route(request.headers, request.body)

    def _route(
        self, method: str, path: str, query: str
    ) -> Callable[[Mapping[str, str], bytes], Reply] | None:
        lower = path.lower()
        remote = f"/{self.tenant}/Remote/"
        if method == "POST" and lower == _PARTNER_PATH:
            return self._partner
        if method == "GET" and lower == _JWKS_PATH:
            return self._jwks
        if method == "GET" and path in (f"/{self.tenant}/api", f"/{self.tenant}/api/"):
            return self._api
        if not path.startswith(remote):
            return None
        version, _, tail = path[len(remote) :].partition("/")
        if version not in VERSIONS:
            return None
        if method == "POST" and tail == "SoPrincipal.svc":
            return lambda headers, body: self._soprincipal(version, headers, body)
        if method == "GET" and tail == "EMail.svc" and query.lower() == "wsdl":
            return lambda headers, body: self._wsdl(version)
        return None

    # -- answers ----------------------------------------------------------------------------

    def _soprincipal(self, version: str, headers: Mapping[str, str], body: bytes) -> Reply:
        namespace = service_namespace(version)
        try:
            message = read_login_message(body)
        except Exception:
            return _fault("the request is not a SOAP envelope")
        operation = message.wrapper
        action = headers.get("soapaction", "").strip().strip('"')
        if action != soap_action(version, operation, "SoPrincipal"):
            return _fault(f"the SOAPAction {action!r} does not match the Body's {operation}")
        fields = message.fields
        if operation == "AuthenticateUsernamePassword":
            user = fields.get("UserName", "")
            known = user in self.users and self.users[user] == fields.get("Password", "")
        elif operation == "AuthenticateWithAccessToken" and version in ACCESS_TOKEN_VERSIONS:
            user = "access token user"
            known = fields.get("AccessToken", "") in self.access_tokens
        else:  # what WCF answers an action the contract does not have
            return _fault(
                f"The message with Action '{action}' cannot be processed at the receiver, due "
                "to a ContractFilter mismatch at the EndpointDispatcher (ActionNotSupported)"
            )
        with self._lock:
            self._login_count += 1
        ticket = self._issue() if known else ""
        content = login_envelope(
            namespace,
            "AuthenticateResponse",
            [
                ("Response/Associate", user if known else None),
                ("Credentials/Ticket", ticket),
                ("AuthenticationSucceeded", "true" if known else "false"),
            ],
            [("Succeeded", "true")],
        )
        return Reply(200, content, content_type("1.1"))

    def _partner(self, headers: Mapping[str, str], body: bytes) -> Reply:
        try:
            message = read_login_message(body)
        except Exception:
            return _fault("the request is not a SOAP envelope")
        action = headers.get("soapaction", "").strip().strip('"')
        if action != PARTNER_ACTION or message.wrapper != "AuthenticationRequest":
            return _fault(f"the SOAPAction {action!r} is not {PARTNER_ACTION!r}")
        with self._lock:
            self._login_count += 1
        problem = self._partner_problem(message.fields, message.headers)
        if problem is not None:
            fields = [("IsSuccessful", "false"), ("ErrorMessage", problem)]
        else:
            fields = [("IsSuccessful", "true"), ("Token", self._jwt(self._issue()))]
        content = login_envelope(PARTNER_NS, "AuthenticationResponse", fields)
        return Reply(200, content, content_type("1.1"))

    def _partner_problem(self, fields: Mapping[str, str], headers: Mapping[str, str]) -> str | None:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        if headers.get("ContextIdentifier") != self.tenant:
            return "Unknown context identifier"
        if not headers.get("ApplicationToken"):
            return "Missing application token"
        if fields.get("ReturnTokenType", "Jwt") != "Jwt":
            return "The fake server issues Jwt tokens only"
        token, _, rest = fields.get("SignedSystemToken", "").partition(".")
        stamp, _, signature = rest.partition(".")
        key = self.system_users.get(token)
        if key is None:
            return "Unknown system user token"
        try:
            minute = datetime.strptime(stamp, "%Y%m%d%H%M").replace(tzinfo=UTC)
            key.verify(
                base64.b64decode(signature, validate=True),
                f"{token}.{stamp}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except (ValueError, InvalidSignature):
            return "The signed system token is not valid"
        if abs(datetime.now(UTC) - minute) > SIGNED_TOKEN_SLACK:
            return "The signed system token has expired"
        return None

    def _jwt(self, ticket: str) -> str:
        from ._online_keys import issue_system_user_jwt

        with self._lock:
            options = dict(self._jwt_options)
        return issue_system_user_jwt(
            {},
            options.get("key") or self.signing_key(),
            options.get("issuer") or self._base_url(),
            options.get("expires_in") or timedelta(minutes=5),
            ticket=ticket,
        )

    def _jwks(self, headers: Mapping[str, str], body: bytes) -> Reply:
        with self._lock:
            self.jwks_count += 1
        content = json.dumps(self.signing_key().jwks()).encode("utf-8")
        return Reply(200, content, "application/json; charset=utf-8")

    def _api(self, headers: Mapping[str, str], body: bytes) -> Reply:
        if not self.api:
            return Reply(404, b"Not Found\n", _TEXT)
        if "application/json" not in headers.get("accept", ""):
            page = b"<!DOCTYPE html><html><body><h1>SuperOffice Web API</h1></body></html>"
            return Reply(200, page, "text/html; charset=utf-8")
        info = {
            "NetServerVersion": NETSERVER_VERSION,
            "Services": VERSIONS[-2],
            "ServicesCurrent": VERSIONS[-1],
        }
        return Reply(200, json.dumps(info).encode("utf-8"), "application/json; charset=utf-8")

    def _wsdl(self, version: str) -> Reply:
        namespace = service_namespace(version)
        text = (
            '<?xml version="1.0" encoding="utf-8"?><wsdl:definitions name="WcfEMailService" '
            f'targetNamespace="{namespace}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"/>'
        )
        return Reply(200, text.encode("utf-8"), "text/xml; charset=UTF-8")


def _fault(reason: str) -> Reply:
    from .._faults import fault_envelope

    return Reply(500, fault_envelope("1.1", "Client", reason), content_type("1.1"))


def _endpoint(server: FakeNetServer, request: HttpRequest) -> Reply:
    return server.login.answer(request)


def _soprincipal_service(server: FakeNetServer, version: str, request: HttpRequest) -> Reply:
    return server.login.answer(request)


register_service("SoPrincipal", _soprincipal_service)
for _path in (
    "/Login/Services/PartnerSystemUserService.svc",
    _JWKS_PATH,
    "/{tenant}/api",
    "/{tenant}/api/",
    "/{tenant}/Remote/{version}/EMail.svc",  # GET ?wsdl (a POST is the EMail endpoint's)
):
    register_path(_path, _endpoint)

__all__ = ["NO_TICKET", "REFUSED_TICKET", "SESSION_EXCEPTION", "FakeLogin"]
