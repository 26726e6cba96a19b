"""Observability: the ``on_call`` hook, the ``User-Agent`` and the bounded, scrubbed history.

Outcomes are checked against the answers given (a value, ``Succeeded`` false, a Fault, a
status, a refused connection, an HTML page); byte counts against the bodies sent and
received as httpx's mock saw them.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import logging
from typing import Any

import attrs
import httpx
import pytest
from pytest_httpx import HTTPXMock

import superoffice_email as so

BASE = "https://crm.example.com/t1/Remote/"
URL = "https://crm.example.com/t1/Remote/Services88/EMail.svc"
TICKET = "7T:aG9vay10ZXN0LXRpY2tldA=="
TOKEN = "app-token-for-hooks"
PASSWORD = "imap-pass-hooks-9"
XML_11 = {"Content-Type": "text/xml; charset=utf-8"}
m = so.models("Services88")
OK = so.build_response("Services88", "RefreshFolder", 5, layout="wire", soap="1.1")
FAILED = so.build_response(
    "Services88",
    "RefreshFolder",
    succeeded=False,
    exception_info=m.SoExceptionInfo(message=f"login {PASSWORD} refused"),
    layout="wire",
    soap="1.1",
)
FAULT = (
    b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
    b"<faultcode>s:Server</faultcode><faultstring>down</faultstring></s:Fault></s:Body>"
    b"</s:Envelope>"
)
MODES = pytest.mark.parametrize("mode", ["sync", "async"])


def info() -> Any:
    return m.EMailConnectionInfo(server_name="imap.example.com", user_name="u", password=PASSWORD)


def calls(mode: str, count: int, **options: Any) -> tuple[list[object], Any]:
    """``count`` RefreshFolder calls with one agent: each value or error, and the agent."""
    options = {"ticket": TICKET, "application_token": TOKEN, **options}
    results: list[object] = []

    async def run_async() -> Any:
        async with so.AsyncEMailAgent(BASE, **options) as agent:
            for _ in range(count):
                try:
                    results.append(await agent.refresh_folder(info(), ["INBOX"]))
                except so.Error as error:
                    results.append(error)
        return agent

    if mode == "async":
        return results, asyncio.run(run_async())
    with so.EMailAgent(BASE, **options) as agent:
        for _ in range(count):
            try:
                results.append(agent.refresh_folder(info(), ["INBOX"]))
            except so.Error as error:
                results.append(error)
    return results, agent


@MODES
def test_on_call_sees_every_outcome(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)
    httpx_mock.add_response(content=FAILED, headers=XML_11)
    httpx_mock.add_response(status_code=500, content=FAULT, headers=XML_11)
    httpx_mock.add_response(status_code=502, text="bad gateway")
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    httpx_mock.add_response(text="<html>login</html>", headers={"Content-Type": "text/html"})
    events: list[so.CallEvent] = []
    results, _ = calls(mode, 6, on_call=events.append)
    assert [e.outcome for e in events] == [
        "ok",
        "netserver_failure",
        "fault",
        "http_status",
        "transport_error",
        "protocol_error",
    ]
    assert [e.status_code for e in events] == [200, 200, 500, 502, None, 200]
    assert [e.error for e in events] == [None, *results[1:]]  # the very errors raised
    assert results[0] == 5
    sent = httpx_mock.get_requests()
    for event, request in zip(events, sent, strict=False):
        assert event.agent == "EMail" and event.version == "Services88"
        assert event.operation == "RefreshFolder"
        assert event.attempt == 1
        assert event.bytes_sent == len(request.content)
        assert 0 <= event.duration < 5
    bodies = [OK, FAILED, FAULT, b"bad gateway", b"", b"<html>login</html>"]
    assert [e.bytes_received for e in events] == [len(b) for b in bodies]


def test_call_event_is_frozen() -> None:
    event = so.CallEvent("EMail", "X", "Services88", 0.1, "ok", 1, 2, 1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.outcome = "fault"  # type: ignore[misc]


@MODES
def test_a_hook_that_raises_changes_nothing(
    httpx_mock: HTTPXMock, mode: str, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)

    def broken(event: so.CallEvent) -> None:
        raise RuntimeError("hook bug")

    with caplog.at_level(logging.WARNING, logger="superoffice_email"):
        results, _ = calls(mode, 1, on_call=broken)
    assert results == [5]
    assert any("on_call hook raised" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize(("name", "value"), [("on_call", 3), ("history", -1), ("history", "5")])
def test_bad_hook_options_are_refused(name: str, value: Any) -> None:
    with pytest.raises(so.UsageError, match=name):
        so.EMailAgent(BASE, **{name: value})


@MODES
def test_user_agent_names_the_library_and_httpx(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)
    calls(mode, 1)
    ours = importlib.metadata.version("superoffice_email")
    assert httpx_mock.get_requests()[0].headers["User-Agent"] == (
        f"superoffice_email/{ours} httpx/{httpx.__version__}"
    )


def test_a_borrowed_clients_own_user_agent_is_kept(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)
    with httpx.Client(headers={"User-Agent": "my-sync-job/2"}) as client:
        so.EMailAgent(BASE, client=client).refresh_folder()
    assert httpx_mock.get_requests()[0].headers["User-Agent"] == "my-sync-job/2"


@MODES
def test_history_keeps_the_last_exchanges_scrubbed(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)
    httpx_mock.add_response(content=FAILED, headers=XML_11)
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    _, agent = calls(mode, 3, history=2)
    history = agent.history
    assert [(h.operation, h.outcome, h.status_code) for h in history] == [
        ("RefreshFolder", "netserver_failure", 200),
        ("RefreshFolder", "transport_error", None),
    ]
    failed, refused = history
    assert failed.url == URL and refused.response is None
    for entry in history:
        for secret in (TICKET, TOKEN, PASSWORD):
            assert secret.encode() not in entry.request
            assert secret not in repr(entry)
        assert b"<EMail:Ticket>***</EMail:Ticket>" in entry.request
        assert b"<EMail:Password>***</EMail:Password>" in entry.request
    assert failed.response is not None
    assert PASSWORD.encode() not in failed.response and b"login *** refused" in failed.response


def test_no_history_by_default(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)
    _, agent = calls("sync", 1)
    assert agent.history == []


def test_history_scrubs_a_utf16_answer(httpx_mock: HTTPXMock) -> None:
    echo = FAILED.decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    httpx_mock.add_response(content=echo, headers={"Content-Type": "text/xml; charset=utf-16"})
    _, agent = calls("sync", 1, history=1)
    (entry,) = agent.history
    assert entry.response is not None
    assert PASSWORD.encode("utf-16-le") not in entry.response
    assert PASSWORD.encode() not in entry.response


def test_history_keeps_an_answer_in_its_declared_encoding(httpx_mock: HTTPXMock) -> None:
    # the XML declaration says ISO-8859-1: read as such, not as UTF-8 (which would turn
    # every non-ASCII character into U+FFFD)
    text = FAILED.decode().replace('encoding="utf-8"', 'encoding="ISO-8859-1"')
    text = text.replace("refused", "refusé")
    httpx_mock.add_response(content=text.encode("latin-1"), headers=XML_11)
    _, agent = calls("sync", 1, history=1)
    (entry,) = agent.history
    assert entry.response is not None
    assert "login *** refusé".encode() in entry.response
