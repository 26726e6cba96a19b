"""Logging in, over loopback against FakeNetServer: each flow, sync and async, to an EMail call.

The fake's login answers follow SuperOffice's WSDLs (SoPrincipal's ``AuthenticateResponse``,
PartnerSystemUserService's ``AuthenticationResponse``); the JWTs are checked by PyJWT against
the fake's own JWKS. What a test expects comes from the fake's configuration (its users, the
ticket it was given), never from the code under test.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine, Iterator
from datetime import timedelta
from typing import Any

import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer
from superoffice_email.testing._online_keys import TestKeyPair, generate_test_key

V = "Services88"
CLAIM = "http://schemes.superoffice.net/identity/"
APP_TOKEN = "app-token-1234"
SYSTEM_TOKEN = "SystemUserToken-abc123"


@pytest.fixture(scope="module")
def app_key() -> TestKeyPair:
    """The application's key pair: SuperOffice holds the public half."""
    return generate_test_key(1024, kid="app")


@pytest.fixture
def server(app_key: TestKeyPair) -> Iterator[FakeNetServer]:
    with FakeNetServer(
        users={"ann": "s3cret"},
        access_tokens={"8A:Cust1.access"},
        system_users={SYSTEM_TOKEN: app_key.public_pem()},
    ) as fake:
        yield fake


def run_async(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """An async test as a sync one (pytest's fixtures still see its arguments)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def environment(server: FakeNetServer) -> str:
    return f"http://127.0.0.1:{server.port}"


def system_user(server: FakeNetServer, key: str | bytes) -> so.SystemUser:
    return so.SystemUser(SYSTEM_TOKEN, key, APP_TOKEN, server.tenant, environment(server))


def refresh(agent: Any) -> Any:
    return agent.call("RefreshFolder", folders=["INBOX"])


# -- username and password ---------------------------------------------------------------------


def test_username_password_to_ticket_to_email_call(server: FakeNetServer) -> None:
    server.respond("RefreshFolder", 42)
    with so.EMailAgent(
        server.url, version=V, credentials=so.UsernamePassword("ann", "s3cret")
    ) as agent:
        assert refresh(agent) == 42
        assert refresh(agent) == 42
    assert server.login_count == 1  # the ticket is cached
    tickets = {r.ticket for r in server.requests}
    assert len(tickets) == 1 and str(next(iter(tickets))).startswith("7T:")
    assert all(r.error is None for r in server.requests)


@run_async
async def test_username_password_async(server: FakeNetServer) -> None:
    server.respond("RefreshFolder", 42)
    async with so.AsyncEMailAgent(
        server.url, version=V, credentials=so.UsernamePassword("ann", "s3cret")
    ) as agent:
        assert await refresh(agent) == 42
        assert await refresh(agent) == 42
    assert server.login_count == 1


def test_same_result_as_with_the_ticket_given(server: FakeNetServer) -> None:
    m = so.models(V)
    mail = m.EMailEntity(subject="Hello", plain_body="Hi Ann", server_id=7)
    server.respond("GetEMailFromId", mail)
    info = m.EMailConnectionInfo(server_name="imap.example.com", user_name="me", password="pw")
    options: Any = {
        "lookup_addresses": False,
        "flags": m.EMailFlags.SEEN,
        "include_attachments": True,
    }
    with so.EMailAgent(
        server.url, version=V, credentials=so.UsernamePassword("ann", "s3cret")
    ) as agent:
        logged_in = agent.get_email_from_id(info, 7, **options)
    ticket = server.last_request.ticket
    with FakeNetServer(ticket=ticket) as plain:
        plain.respond("GetEMailFromId", mail)
        with so.EMailAgent(plain.url, version=V, ticket=ticket) as agent:
            given = agent.get_email_from_id(info, 7, **options)
    assert logged_in == given
    assert logged_in is not None
    assert logged_in.subject == "Hello" and logged_in.server_id == 7


def test_wrong_password_is_an_authentication_error(server: FakeNetServer) -> None:
    with (
        so.EMailAgent(server.url, credentials=so.UsernamePassword("ann", "wrong-pw")) as agent,
        pytest.raises(so.AuthenticationError) as caught,
    ):
        refresh(agent)
    assert "AuthenticationSucceeded false" in str(caught.value)
    assert_no_secret(caught.value, "wrong-pw")
    assert server.requests == []  # no EMail call without a ticket


# -- access token ------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["Services86", "Services88"])
def test_access_token(server: FakeNetServer, version: str) -> None:
    with so.EMailAgent(
        server.url, version=version, credentials=so.AccessToken("8A:Cust1.access")
    ) as agent:
        assert refresh(agent) == 0
    assert server.login_count == 1


@run_async
async def test_access_token_async(server: FakeNetServer) -> None:
    async with so.AsyncEMailAgent(
        server.url, credentials=so.AccessToken("8A:Cust1.access")
    ) as agent:
        assert await refresh(agent) == 0


def test_access_token_needs_services86(server: FakeNetServer) -> None:
    with (
        so.EMailAgent(
            server.url, version="Services85", credentials=so.AccessToken("8A:x")
        ) as agent,
        pytest.raises(so.UsageError, match="Services86, Services87, Services88"),
    ):
        refresh(agent)
    assert server.login_count == 0


def test_unknown_access_token_is_refused(server: FakeNetServer) -> None:
    with (
        so.EMailAgent(server.url, credentials=so.AccessToken("8A:Cust1.other")) as agent,
        pytest.raises(so.AuthenticationError) as caught,
    ):
        refresh(agent)
    assert_no_secret(caught.value, "8A:Cust1.other")


# -- system user -------------------------------------------------------------------------------


@pytest.mark.parametrize("form", ["pem", "pkcs1", "rsa_xml"])
def test_system_user(server: FakeNetServer, app_key: TestKeyPair, form: str) -> None:
    forms: dict[str, str | bytes] = {
        "pem": app_key.private_pem(),
        "pkcs1": app_key.private_pem(pkcs8=False).decode("ascii"),
        "rsa_xml": app_key.rsa_xml(),
    }
    key = forms[form]
    with so.EMailAgent(server.url, version=V, credentials=system_user(server, key)) as agent:
        assert refresh(agent) == 0
    assert server.login_count == 1
    # the application token the system user brings goes into the EMail calls too
    assert server.last_request.application_token == APP_TOKEN


@pytest.mark.parametrize("form", ["pem", "rsa_xml"])
@run_async
async def test_system_user_async(server: FakeNetServer, app_key: TestKeyPair, form: str) -> None:
    key = app_key.private_pem() if form == "pem" else app_key.rsa_xml()
    async with so.AsyncEMailAgent(server.url, credentials=system_user(server, key)) as agent:
        assert await refresh(agent) == 0


def test_system_user_with_the_public_key_given(server: FakeNetServer, app_key: TestKeyPair) -> None:
    credentials = so.SystemUser(
        SYSTEM_TOKEN,
        app_key.private_pem(),
        APP_TOKEN,
        server.tenant,
        base_url=environment(server),
        public_key=server.login.signing_key().public_pem(),
    )
    with so.EMailAgent(server.url, credentials=credentials) as agent:
        assert refresh(agent) == 0


def test_a_system_user_the_service_does_not_know(server: FakeNetServer) -> None:
    other = generate_test_key(1024)  # signs with a key SuperOffice does not hold
    with (
        so.EMailAgent(server.url, credentials=system_user(server, other.rsa_xml())) as agent,
        pytest.raises(so.AuthenticationError, match="not valid") as caught,
    ):
        refresh(agent)
    assert_no_secret(caught.value, SYSTEM_TOKEN)


BAD_TOKENS: dict[str, tuple[dict[str, Any], str]] = {
    "bad signature": ({"key": "impostor"}, "bad signature"),
    "another issuer": ({"issuer": "https://evil.example.com"}, "wrong issuer"),
    "expired": ({"expires_in": timedelta(minutes=-10)}, "expired"),
}


@pytest.mark.parametrize("case", sorted(BAD_TOKENS))
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_untrusted_jwt_is_refused(
    server: FakeNetServer, app_key: TestKeyPair, case: str, mode: str
) -> None:
    options, reason = BAD_TOKENS[case]
    if options.get("key") == "impostor":  # same kid as the fake's key, another key pair
        options = {"key": generate_test_key(2048, kid=server.login.signing_key().kid)}
    server.login.system_user_tokens(**options)
    credentials = system_user(server, app_key.private_pem())
    with pytest.raises(so.TokenValidationError) as caught:
        if mode == "sync":
            with so.EMailAgent(server.url, credentials=credentials) as agent:
                refresh(agent)
        else:

            async def main() -> None:
                async with so.AsyncEMailAgent(server.url, credentials=credentials) as agent:
                    await refresh(agent)

            asyncio.run(main())
    assert caught.value.reason == reason
    assert server.requests == []  # no EMail call with an untrusted ticket


# -- id_token claims ---------------------------------------------------------------------------


def claims(server: FakeNetServer, **extra: str) -> dict[str, str]:
    return {
        CLAIM + "netserver_url": f"{server.url}Services87/",
        CLAIM + "ctx": server.tenant,
        **{CLAIM + name: value for name, value in extra.items()},
    }


def test_claims_with_a_ticket_to_a_working_agent() -> None:
    with FakeNetServer(ticket="7T:FromTheIdToken==") as server:
        site = so.from_id_token_claims(claims(server, ticket="7T:FromTheIdToken=="))
        assert "FromTheIdToken" not in repr(site)
        with so.EMailAgent(
            site.base_url, version=site.version, credentials=so.Ticket(site.ticket or "")
        ) as agent:
            assert refresh(agent) == 0
            assert agent.version == "Services87"
        assert server.last_request.ticket == "7T:FromTheIdToken=="


@run_async
async def test_claims_with_a_system_token_to_a_working_agent(
    server: FakeNetServer, app_key: TestKeyPair
) -> None:
    site = so.from_id_token_claims(claims(server, system_token=SYSTEM_TOKEN))
    assert site.system_token is not None
    credentials = so.SystemUser(
        site.system_token,
        app_key.rsa_xml(),
        APP_TOKEN,
        site.context_identifier,
        environment(server),
    )
    async with so.AsyncEMailAgent(
        site.base_url, version=site.version, credentials=credentials
    ) as agent:
        assert await refresh(agent) == 0


# -- expiry and renewal ------------------------------------------------------------------------


def test_ticket_expiring_between_calls(server: FakeNetServer) -> None:
    with so.EMailAgent(server.url, credentials=so.UsernamePassword("ann", "s3cret")) as agent:
        assert refresh(agent) == 0
        server.expire_tickets()
        assert refresh(agent) == 0
        assert agent.logins == 2
    first, refused, repeated = server.requests
    assert refused.ticket == first.ticket and refused.error is not None
    assert repeated.ticket != first.ticket and repeated.error is None
    assert server.login_count == 2


@run_async
async def test_ticket_expiring_between_calls_async(server: FakeNetServer) -> None:
    async with so.AsyncEMailAgent(
        server.url, credentials=so.UsernamePassword("ann", "s3cret")
    ) as agent:
        assert await refresh(agent) == 0
        server.expire_tickets()
        assert await refresh(agent) == 0
    assert server.login_count == 2


def test_a_plain_ticket_refused_is_ticket_expired(server: FakeNetServer) -> None:
    with (
        so.EMailAgent(server.url, ticket="7T:NeverIssued==") as agent,
        pytest.raises(so.TicketExpiredError) as caught,
    ):
        refresh(agent)
    error = caught.value
    assert isinstance(error, so.AuthenticationError) and isinstance(error, so.NetServerError)
    assert error.exception_type == "SuperOffice.Exceptions.SoSessionException"
    assert error.message.startswith("Failed to validate tokens")
    assert_no_secret(error, "7T:NeverIssued==")
    assert server.login_count == 0


def test_a_new_ticket_refused_too_is_not_tried_again(server: FakeNetServer) -> None:
    server.fail(
        "RefreshFolder",
        "Failed to validate tokens: no",
        exception_type="SuperOffice.Exceptions.SoSessionException",
    )
    with (
        so.EMailAgent(server.url, credentials=so.UsernamePassword("ann", "s3cret")) as agent,
        pytest.raises(so.TicketExpiredError),
    ):
        refresh(agent)
    assert server.login_count == 2  # the first login, and one renewal
    assert len(server.requests) == 2


def test_other_failures_are_not_renewals(server: FakeNetServer) -> None:
    server.fail("RefreshFolder", "Folder not found", exception_type="SoException")
    with (
        so.EMailAgent(server.url, credentials=so.UsernamePassword("ann", "s3cret")) as agent,
        pytest.raises(so.NetServerError) as caught,
    ):
        refresh(agent)
    assert not isinstance(caught.value, so.TicketExpiredError)
    assert server.login_count == 1


def test_fifty_threads_on_an_expired_ticket_log_in_once(server: FakeNetServer) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with so.EMailAgent(server.url, credentials=so.UsernamePassword("ann", "s3cret")) as agent:
        refresh(agent)
        server.expire_tickets()
        with ThreadPoolExecutor(50) as pool:
            results = list(pool.map(lambda _: refresh(agent), range(50)))
    assert results == [0] * 50
    assert server.login_count == 2  # the first login and exactly one renewal


@run_async
async def test_fifty_tasks_on_an_expired_ticket_log_in_once(server: FakeNetServer) -> None:
    async with so.AsyncEMailAgent(
        server.url, credentials=so.UsernamePassword("ann", "s3cret")
    ) as agent:
        await refresh(agent)
        server.expire_tickets()
        results = await asyncio.gather(*(refresh(agent) for _ in range(50)))
    assert results == [0] * 50
    assert server.login_count == 2


@run_async
async def test_fifty_tasks_before_any_ticket_log_in_once(server: FakeNetServer) -> None:
    async with so.AsyncEMailAgent(
        server.url, credentials=so.UsernamePassword("ann", "s3cret")
    ) as agent:
        results = await asyncio.gather(*(refresh(agent) for _ in range(50)))
    assert results == [0] * 50
    assert server.login_count == 1


def test_one_agent_on_two_event_loops(server: FakeNetServer) -> None:
    # the async lock belongs to a loop: a second asyncio.run must get its own
    credentials = so.UsernamePassword("ann", "s3cret")

    async def once() -> Any:
        async with so.AsyncEMailAgent(server.url, credentials=credentials) as agent:
            server.expire_tickets()
            return await refresh(agent)

    assert asyncio.run(once()) == 0
    assert asyncio.run(once()) == 0


# -- secrets -----------------------------------------------------------------------------------


def assert_no_secret(error: BaseException, *secrets: str) -> None:
    """No secret in the error's text, args or repr, nor in any error down its chain."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        texts = [str(current), repr(current), *map(str, current.args)]
        texts += [str(v) for v in vars(current).values()]
        for secret in secrets:
            assert all(secret not in text for text in texts), (type(current), secret)
        current = current.__cause__ or current.__context__


def test_reprs_show_no_secret(app_key: TestKeyPair) -> None:
    pem = app_key.private_pem().decode("ascii")
    shown = [
        repr(so.Ticket("7T:SecretTicket==")),
        repr(so.UsernamePassword("ann", "s3cret-pw")),
        repr(so.AccessToken("8A:SecretAccess")),
        repr(so.SystemUser(SYSTEM_TOKEN, pem, "AppSecretToken", "Cust1", "sod")),
    ]
    for text in shown:
        for secret in ("SecretTicket", "s3cret-pw", "SecretAccess", SYSTEM_TOKEN, "AppSecretToken"):
            assert secret not in text
        assert "PRIVATE KEY" not in text and "MII" not in text
    assert shown[1] == "UsernamePassword('ann', ***)"
    assert "'Cust1'" in shown[3] and "'sod'" in shown[3]


def test_a_dead_login_service_names_no_secret(app_key: TestKeyPair) -> None:
    credentials = so.SystemUser(
        SYSTEM_TOKEN, app_key.rsa_xml(), "AppSecretToken", "Cust1", "http://127.0.0.1:9"
    )
    with (
        so.EMailAgent("http://127.0.0.1:9/tenant/Remote/", credentials=credentials) as agent,
        pytest.raises(so.TransportError) as caught,
    ):
        refresh(agent)
    assert "PartnerSystemUserService" in str(caught.value)
    assert_no_secret(caught.value, SYSTEM_TOKEN, "AppSecretToken")


def test_both_ticket_and_credentials_is_a_usage_error() -> None:
    with pytest.raises(so.UsageError, match="not both"):
        so.EMailAgent("http://127.0.0.1:9/t/Remote/", ticket="7T:x", credentials=so.Ticket("7T:y"))
    with pytest.raises(so.UsageError, match="credentials must be"):
        so.EMailAgent("http://127.0.0.1:9/t/Remote/", credentials="7T:x")  # type: ignore[call-overload]


def test_debug_log_shows_no_secret(
    server: FakeNetServer, app_key: TestKeyPair, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="superoffice_email")
    with so.EMailAgent(server.url, credentials=so.UsernamePassword("ann", "s3cret")) as agent:
        refresh(agent)
        server.expire_tickets()
        refresh(agent)
    with so.EMailAgent(server.url, credentials=system_user(server, app_key.rsa_xml())) as agent:
        refresh(agent)
    tickets = {r.ticket for r in server.requests if r.ticket}
    assert len(tickets) == 3 and caplog.text  # the calls were logged
    for secret in (*tickets, "s3cret", SYSTEM_TOKEN, APP_TOKEN):
        assert secret not in caplog.text


def test_the_jwks_is_fetched_once_and_again_for_a_new_key(
    server: FakeNetServer, app_key: TestKeyPair
) -> None:
    with so.EMailAgent(server.url, credentials=system_user(server, app_key.rsa_xml())) as agent:
        refresh(agent)
        server.expire_tickets()
        refresh(agent)
        assert (server.login_count, server.login.jwks_count) == (2, 1)  # kept
        server.login.rotate_signing_key()
        server.expire_tickets()
        refresh(agent)
        assert (server.login_count, server.login.jwks_count) == (3, 2)  # unknown kid: fetched


def test_a_login_that_cannot_connect_is_a_connect_error() -> None:
    # a login's transport failures have the same types as a call's (retries rely on them)
    import socket

    with socket.socket() as probe:  # a loopback port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/tenant/Remote/"
    credentials = so.UsernamePassword("ann", "s3cret-password")
    agent = so.EMailAgent(url, version="Services88", credentials=credentials)
    with agent, pytest.raises(so.ConnectError) as caught:
        agent.get_current_account_id()
    assert caught.value.maybe_sent is False
    assert "s3cret-password" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__context__ is None
