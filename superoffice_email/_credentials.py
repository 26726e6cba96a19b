"""Credentials as objects, in the spirit of ``httpx.Auth``: each one produces a ticket.

Each credential's :meth:`Credentials.login_flow` is a generator that yields the HTTP
requests its login needs (:class:`~._login.LoginCall`) and receives their answers, then
returns the ticket; it holds no I/O. :meth:`Credentials.login` drives it over an
``httpx.Client`` and :meth:`Credentials.alogin` over an ``httpx.AsyncClient``: one login
logic, two edges, as httpx's ``Auth.auth_flow``.

- :class:`Ticket`: a ticket you already hold; it cannot log in again.
- :class:`UsernamePassword`: SoPrincipal ``AuthenticateUsernamePassword`` (onsite).
- :class:`AccessToken`: SoPrincipal ``AuthenticateWithAccessToken`` (Services86 and later).
- :class:`SystemUser`: SuperOffice Online's system user: a signed system token to
  PartnerSystemUserService, a JWT back, checked against the environment's JWKS.

No credential shows a secret in its ``repr``, and no error quotes one.
"""

from __future__ import annotations

import threading
from collections.abc import Generator, Mapping
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import httpx

from . import _login
from ._exchange import classify_transport_error
from ._login import LoginAnswer, LoginCall
from ._online import Environment, resolve_environment
from ._online_crypto import (
    load_private_key,
    require_online_extra,
    signed_system_token,
    system_user_ticket,
    verify_system_user_jwt,
)
from ._redact import REDACTED, scrub_text
from .errors import TokenValidationError, TransportError, UsageError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey
    from cryptography.x509 import Certificate

#: a login: yields the requests to send, receives their answers, returns the ticket
LoginFlow = Generator[LoginCall, LoginAnswer, str]


@attrs.frozen
class Site:
    """Where a login happens: the NetServer base (``…/Remote/``), its version, the app's token."""

    base_url: str
    version: str
    application_token: str | None = attrs.field(default=None, repr=False)


def _text(name: str, value: object) -> str:
    """A required credential string; the value itself never appears in the error."""
    if not isinstance(value, str) or not value.strip():
        raise UsageError(f"{name} must be a non-empty str, not {type(value).__name__}")
    return value


class Credentials:
    """What an agent logs in with (``credentials=``): anything that produces a ticket."""

    #: whether a refused ticket can be replaced by logging in again
    can_renew: ClassVar[bool] = True

    @property
    def application_token(self) -> str | None:
        """The application token these credentials bring, if any (the agent's, unless set)."""
        return None

    def login_flow(self, site: Site) -> LoginFlow:
        """Yield the requests of one login, receive their answers, return the ticket."""
        raise NotImplementedError

    def login(self, site: Site, client: httpx.Client) -> str:
        """Log in over ``client`` and return the ticket (a secret)."""
        flow = self.login_flow(site)
        try:
            call = next(flow)
            while True:
                call = flow.send(send_call(client, call))
        except StopIteration as done:
            ticket: str = done.value
            return ticket

    async def alogin(self, site: Site, client: httpx.AsyncClient) -> str:
        """Log in over ``client`` and return the ticket (a secret)."""
        flow = self.login_flow(site)
        try:
            call = next(flow)
            while True:
                call = flow.send(await asend_call(client, call))
        except StopIteration as done:
            ticket: str = done.value
            return ticket


def send_call(client: httpx.Client, call: LoginCall) -> LoginAnswer:
    failure: TransportError | None = None
    try:
        response = client.request(
            call.method,
            call.url,
            headers=dict(call.headers),
            content=call.content or None,
            follow_redirects=False,
        )
    except httpx.RequestError as error:
        failure = _transport_error(call, error)
    if failure is not None:
        raise failure  # outside the handler: no chain to httpx's text
    return LoginAnswer(response.status_code, response.headers, response.content)


async def asend_call(client: httpx.AsyncClient, call: LoginCall) -> LoginAnswer:
    failure: TransportError | None = None
    try:
        response = await client.request(
            call.method,
            call.url,
            headers=dict(call.headers),
            content=call.content or None,
            follow_redirects=False,
        )
    except httpx.RequestError as error:
        failure = _transport_error(call, error)
    if failure is not None:
        raise failure
    return LoginAnswer(response.status_code, response.headers, response.content)


def _transport_error(call: LoginCall, error: httpx.RequestError) -> TransportError:
    # the same types as a call's (ConnectError, TransportTimeout): retries and callers rely
    # on them; the login's secrets are scrubbed from httpx's text as a call's are
    return classify_transport_error(
        call.what,
        call.method,
        call.url,
        error,
        lambda text: scrub_text(text, call.secrets, tickets=True),
    )


class Ticket(Credentials):
    """A ticket you already hold (``7T:...``); when NetServer refuses it, calls fail with
    :class:`~superoffice_email.TicketExpiredError`."""

    can_renew = False

    def __init__(self, ticket: str) -> None:
        self._ticket = _text("ticket", ticket)

    def __repr__(self) -> str:
        return f"Ticket({REDACTED})"

    def login_flow(self, site: Site) -> LoginFlow:
        return self._ticket
        yield  # a generator that sends nothing


class UsernamePassword(Credentials):
    """An onsite user: SoPrincipal ``AuthenticateUsernamePassword``.

    A refused login is an :class:`~superoffice_email.AuthenticationError` (never with the
    password).
    """

    def __init__(self, username: str, password: str) -> None:
        self.username = _text("username", username)
        if not isinstance(password, str):
            raise UsageError(f"password must be a str, not {type(password).__name__}")
        self._password = password

    def __repr__(self) -> str:
        return f"UsernamePassword({self.username!r}, {REDACTED})"

    def login_flow(self, site: Site) -> LoginFlow:
        call = _login.soprincipal_call(
            site.base_url,
            site.version,
            "AuthenticateUsernamePassword",
            {"user_name": self.username, "password": self._password},
            application_token=site.application_token,
        )
        return _login.read_soprincipal(call, (yield call))


class AccessToken(Credentials):
    """An OpenID Connect access token (``8A:...``): SoPrincipal ``AuthenticateWithAccessToken``,
    which Services86 and later have (an older version is a :class:`UsageError`)."""

    def __init__(self, token: str) -> None:
        self._token = _text("token", token)

    def __repr__(self) -> str:
        return f"AccessToken({REDACTED})"

    def login_flow(self, site: Site) -> LoginFlow:
        _login.check_access_token_version(site.version)
        call = _login.soprincipal_call(
            site.base_url,
            site.version,
            "AuthenticateWithAccessToken",
            {"access_token": self._token},
            application_token=site.application_token,
        )
        return _login.read_soprincipal(call, (yield call))


class SystemUser(Credentials):
    """SuperOffice Online's system user: a ticket for background work, no user signed in.

    Signs ``system_token.yyyyMMddHHmm`` with ``private_key`` (PEM or SuperOffice's RSA XML;
    ``key_password`` for an encrypted PEM), sends it to the environment's
    PartnerSystemUserService ``Authenticate`` with ``application_token`` and
    ``context_identifier`` (``Cust12345``), asks for a JWT and checks it (RS256 signature,
    issuer, expiry) before taking its ticket claim. The key is the environment's JWKS,
    fetched over the agent's client and kept (fetched again once for an unknown ``kid``), or
    the ``public_key`` or ``certificate`` you give. ``environment`` is ``"sod"``,
    ``"stage"``, ``"online"`` or a base URL; ``base_url=`` says the same. Needs the
    ``online`` extra.
    """

    def __init__(
        self,
        system_token: str,
        private_key: str | bytes | RSAPrivateKey,
        application_token: str,
        context_identifier: str,
        environment: str = "online",
        *,
        base_url: str | None = None,
        key_password: str | bytes | None = None,
        public_key: RSAPublicKey | str | bytes | None = None,
        certificate: Certificate | str | bytes | None = None,
        leeway: timedelta = timedelta(seconds=30),
    ) -> None:
        require_online_extra()
        self._system_token = _text("system_token", system_token)
        self._application_token = _text("application_token", application_token)
        self.context_identifier = _text("context_identifier", context_identifier)
        self.environment: Environment = resolve_environment(
            base_url if base_url is not None else environment
        )
        if base_url is not None and environment != "online":
            raise UsageError("give environment= or base_url=, not both")
        if public_key is not None and certificate is not None:
            raise UsageError("give public_key= or certificate=, not both")
        if isinstance(private_key, str | bytes):
            private_key = load_private_key(private_key, key_password)
        from cryptography.hazmat.primitives.asymmetric import rsa

        if not isinstance(private_key, rsa.RSAPrivateKey):
            raise UsageError(
                "private_key must be PEM, RSA XML or an RSA private key, "
                f"not {type(private_key).__name__}"
            )
        if not isinstance(leeway, timedelta) or leeway < timedelta(0):
            raise UsageError("leeway must be a timedelta of zero or more")
        self._key = private_key
        self._public_key = public_key
        self._certificate = certificate
        self._leeway = leeway
        self._jwks: Mapping[str, Any] | None = None
        self._jwks_lock = threading.Lock()

    def __repr__(self) -> str:
        return (
            f"SystemUser({REDACTED}, {REDACTED}, {REDACTED}, {self.context_identifier!r}, "
            f"{self.environment.name!r})"
        )

    @property
    def application_token(self) -> str | None:
        return self._application_token

    def login_flow(self, site: Site) -> LoginFlow:
        signed = signed_system_token(self._system_token, self._key, datetime.now(UTC))
        call = _login.partner_call(
            self.environment.partner_system_user_url,
            signed,
            application_token=self._application_token,
            context_identifier=self.context_identifier,
        )
        token = _login.read_partner(call, (yield call))
        claims = yield from self._verify(token)
        return system_user_ticket(claims)

    def _verify(self, token: str) -> Generator[LoginCall, LoginAnswer, dict[str, Any]]:
        issuer = self.environment.issuer
        if self._public_key is not None or self._certificate is not None:
            return verify_system_user_jwt(
                token,
                issuer=issuer,
                now=datetime.now(UTC),
                leeway=self._leeway,
                public_key=self._public_key,
                certificate=self._certificate,
            )
        jwks, fresh = self._jwks, False
        if jwks is None:
            jwks, fresh = (yield from self._fetch_jwks()), True
        stale_kid = False
        try:
            return verify_system_user_jwt(
                token, issuer=issuer, now=datetime.now(UTC), leeway=self._leeway, jwks=jwks
            )
        except TokenValidationError as error:
            if fresh or "unknown kid" not in error.reason:
                raise
            stale_kid = True  # the keys may have rolled over since they were fetched
        assert stale_kid
        jwks = yield from self._fetch_jwks()
        return verify_system_user_jwt(
            token, issuer=issuer, now=datetime.now(UTC), leeway=self._leeway, jwks=jwks
        )

    def _fetch_jwks(self) -> Generator[LoginCall, LoginAnswer, Mapping[str, Any]]:
        call = _login.jwks_call(self.environment.jwks_url)
        jwks = _login.read_jwks(call, (yield call))
        with self._jwks_lock:
            self._jwks = jwks
        return jwks


def check_credentials(credentials: object) -> Credentials:
    if not isinstance(credentials, Credentials):
        raise UsageError(
            "credentials must be a Ticket, UsernamePassword, AccessToken or SystemUser, "
            f"not {type(credentials).__name__}"
        )
    return credentials


__all__ = [
    "AccessToken",
    "Credentials",
    "LoginFlow",
    "Site",
    "SystemUser",
    "Ticket",
    "UsernamePassword",
    "check_credentials",
]
