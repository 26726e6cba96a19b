"""Every way an agent call can fail, sync and async, over loopback, with a ticket, an
application token, an IMAP password and a URL password in play: no secret, in any escaped or
encoded form, shows up in an error, its chain, its traceback, or any logger's record at DEBUG
(httpx's and httpcore's included).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable, Iterator
from typing import Any
from xml.sax.saxutils import escape

import pytest

import superoffice_email as so
from superoffice_email import _redact
from superoffice_email.services import services88 as m88
from superoffice_email.testing import FakeNetServer
from tests.test_secrets import AS_BYTES, PASSWORD, TICKET, TOKEN, assert_clean, representations

URL_PASSWORD = "url-pass-9f8e7d"
SECRETS = (PASSWORD, TICKET, TOKEN, URL_PASSWORD)
NS = 'xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"'
ECHO = f"ticket {TICKET} token {TOKEN} password {PASSWORD}"


def utf16_envelope(inner: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-16"?>'
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>'
        f"<Succeeded {NS}>true</Succeeded></s:Header><s:Body>{inner}</s:Body></s:Envelope>"
    ).encode("utf-16")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def drip_a_failure(server: FakeNetServer) -> None:
    server.fail(None, ECHO)
    server.drip(None, 0.3, chunk_bytes=8)


# (name, how to set the server up) -> the call fails with one of the library's errors
SCENARIOS: dict[str, Callable[[FakeNetServer], None]] = {
    "fail": lambda s: s.fail(
        None, f"no login: {ECHO}", stack_trace=ECHO, parameters={"ticket": TICKET}
    ),
    "fault": lambda s: s.fault(None, "Client", f"refused: {ECHO}", detail=escape(ECHO)),
    "status-html": lambda s: s.status(
        None, 500, f"<html><p>{escape(ECHO)}</p></html>", "text/html"
    ),
    "status-utf16": lambda s: s.status(
        None, 500, f"<Error>{ECHO}</Error>".encode("utf-16"), "text/xml; charset=utf-8"
    ),
    "decode-utf16": lambda s: s.status(
        None,
        200,
        utf16_envelope(
            f"<AuthenticateIncomingResponse {NS}><Response>{escape(PASSWORD)}</Response>"
            "</AuthenticateIncomingResponse>"
        ),
        "text/xml",
    ),
    "syntax": lambda s: s.status(
        None, 200, f"<s:Envelope><{TOKEN}>{escape(PASSWORD)}</s:Envelope>", "text/xml"
    ),
    "redirect": lambda s: s.redirect(None, f"https://login.example.com/?ticket={TICKET}"),
    "reset": lambda s: s.reset(None),
    "drip": lambda s: drip_a_failure(s),
}


@pytest.fixture(scope="module")
def server() -> Iterator[FakeNetServer]:
    with FakeNetServer(ticket=TICKET, application_token=TOKEN) as fake:
        yield fake


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)  # every logger, httpx's and httpcore's too
    return caplog


def formatted(records: list[logging.LogRecord]) -> list[str]:
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return [formatter.format(record) for record in records]


def run_call(kind: str, url: str, **options: Any) -> so.Error:
    """One AuthenticateIncoming call carrying every secret; the error it raises."""
    options = {"ticket": TICKET, "application_token": TOKEN, "timeout": 5.0, **options}
    info = m88.EMailConnectionInfo(server_name="imap", user_name="ann", password=PASSWORD)
    options.setdefault("connection_info", info)
    connection_info = options.pop("connection_info")
    if kind == "sync":
        with so.EMailAgent(url, **options) as agent, pytest.raises(so.Error) as caught:
            agent.authenticate_incoming(connection_info=connection_info)
        return caught.value

    async def once() -> so.Error:
        async with so.AsyncEMailAgent(url, **options) as agent:
            with pytest.raises(so.Error) as caught:
                await agent.authenticate_incoming(connection_info=connection_info)
        return caught.value

    return asyncio.run(once())


def with_user(url: str) -> str:
    return url.replace("http://", f"http://ann:{URL_PASSWORD}@")


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_no_secret_in_any_failure(
    server: FakeNetServer, logs: pytest.LogCaptureFixture, scenario: str, kind: str
) -> None:
    server.clear()
    SCENARIOS[scenario](server)
    deadline = {"deadline": 0.5} if scenario == "drip" else {}
    error = run_call(kind, with_user(server.url), **deadline)
    assert error.__cause__ is None and error.__context__ is None, repr(error.__context__)
    assert_clean(*representations(error), *formatted(logs.records), secrets=SECRETS)
    # the logs did run: the request, and httpx's own line with the URL's password scrubbed
    assert any(r.name == "httpx" for r in logs.records) or scenario in ("reset", "drip")
    assert any(r.name == "superoffice_email" for r in logs.records)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_no_secret_when_nothing_listens(logs: pytest.LogCaptureFixture, kind: str) -> None:
    url = with_user(f"http://127.0.0.1:{closed_port()}/tenant/Remote/")
    error = run_call(kind, url)
    assert isinstance(error, so.TransportError)
    assert "ConnectError" in str(error)  # the first message is kept, scrubbed
    assert error.__cause__ is None and error.__context__ is None
    assert_clean(*representations(error), *formatted(logs.records), secrets=SECRETS)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_no_secret_in_a_refused_value_or_url(
    server: FakeNetServer, logs: pytest.LogCaptureFixture, kind: str
) -> None:
    bad = m88.EMailConnectionInfo(password=AS_BYTES)
    error = run_call(kind, server.url, connection_info=bad)
    assert isinstance(error, so.BuildError)
    with pytest.raises(so.UsageError) as caught:
        so.EMailAgent(f"{server.url}?ticket={TICKET}&token={TOKEN}")
    assert_clean(
        *representations(error),
        *representations(caught.value),
        *formatted(logs.records),
        secrets=SECRETS,
    )


def test_httpx_log_outside_a_call_is_left_alone(logs: pytest.LogCaptureFixture) -> None:
    # the filter works only while a call runs: other users of httpx keep their records
    _redact.install_log_filter()
    logging.getLogger("httpx").info("HTTP Request: GET http://u:%s@example.com/", "other-pw")
    assert logs.records[-1].getMessage() == "HTTP Request: GET http://u:other-pw@example.com/"


def test_log_filter_is_installed_once_and_removable() -> None:
    _redact.install_log_filter()
    _redact.install_log_filter()
    logger = logging.getLogger("httpx")
    assert sum(isinstance(f, _redact.ThirdPartyLogScrubber) for f in logger.filters) == 1
    _redact.remove_log_filter()
    assert not any(isinstance(f, _redact.ThirdPartyLogScrubber) for f in logger.filters)
    with _redact.scrubbing_logs(lambda text: text):  # a call puts it back
        assert any(isinstance(f, _redact.ThirdPartyLogScrubber) for f in logger.filters)
