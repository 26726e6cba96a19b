"""Errors a program can act on: the type says what happened, the attributes say what to do.

Timeouts, refused connections and oversized answers are subclasses of ``TransportError``
(so ``except TransportError`` keeps working); ``maybe_sent`` tells whether the request can
have reached the server; ``HTTPStatusError`` carries the answer's headers (scrubbed) and its
``Retry-After`` in seconds; ``NetServerError`` names the operation; a model of another
version is named with its version.
"""

from __future__ import annotations

import asyncio
import datetime
import email.utils
import time
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

import superoffice_email as so
from superoffice_email.errors import retry_after_seconds

BASE = "https://crm.example.com/t1/Remote/"
URL = "https://crm.example.com/t1/Remote/Services88/EMail.svc"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
TICKET = "7T:YWN0aW9uYWJsZS10aWNrZXQ="
XML_11 = {"Content-Type": "text/xml; charset=utf-8"}
OK = (
    f'<s:Envelope xmlns:s="{S11}"><s:Header><Succeeded xmlns="{NS}">true</Succeeded>'
    f'</s:Header><s:Body><RefreshFolderResponse xmlns="{NS}"><Response>7</Response>'
    "</RefreshFolderResponse></s:Body></s:Envelope>"
).encode()
FAILURE = (
    f'<s:Envelope xmlns:s="{S11}"><s:Header><ExceptionInfo xmlns="{NS}"><Message>no folder'
    f'</Message></ExceptionInfo><Succeeded xmlns="{NS}">false</Succeeded></s:Header>'
    f'<s:Body><RefreshFolderResponse xmlns="{NS}"/></s:Body></s:Envelope>'
).encode()
MODES = pytest.mark.parametrize("mode", ["sync", "async"])


def call_once(mode: str, **options: Any) -> Any:
    """One RefreshFolder call with a fresh agent: its value, or the library error it raised."""
    options = {"ticket": TICKET, **options}

    async def run_async() -> Any:
        async with so.AsyncEMailAgent(BASE, **options) as agent:
            return await agent.refresh_folder()

    try:
        if mode == "sync":
            with so.EMailAgent(BASE, **options) as agent:
                return agent.refresh_folder()
        return asyncio.run(run_async())
    except so.Error as error:
        return error


@MODES
@pytest.mark.parametrize(
    ("exception", "kind", "maybe_sent"),
    [
        (httpx.ConnectError("[Errno 111] Connection refused"), so.ConnectError, False),
        (httpx.ConnectTimeout("timed out"), so.ConnectTimeout, False),
        (httpx.PoolTimeout("no connection free"), so.TransportTimeout, False),
        (httpx.ReadTimeout("The read operation timed out"), so.TransportTimeout, True),
        (httpx.WriteTimeout("The write operation timed out"), so.TransportTimeout, True),
        (httpx.ReadError("Connection reset by peer"), so.TransportError, True),
        (httpx.RemoteProtocolError("Server disconnected"), so.TransportError, True),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_transport_errors_by_what_happened(
    httpx_mock: HTTPXMock, mode: str, exception: Exception, kind: type, maybe_sent: bool
) -> None:
    httpx_mock.add_exception(exception)
    error = call_once(mode)
    assert type(error) is kind
    assert isinstance(error, so.TransportError)  # the old catch still works
    assert error.maybe_sent is maybe_sent
    assert isinstance(error, TimeoutError) is isinstance(exception, httpx.TimeoutException)
    assert str(error).startswith("RefreshFolder: ") and URL in str(error)


def test_a_connect_timeout_is_both_a_connect_error_and_a_timeout() -> None:
    assert issubclass(so.ConnectTimeout, so.ConnectError)
    assert issubclass(so.ConnectTimeout, so.TransportTimeout)
    assert issubclass(so.TransportTimeout, TimeoutError)


@MODES
def test_an_oversized_answer_is_response_too_large(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(content=b"<x>" + b"a" * 5000 + b"</x>", headers=XML_11)
    error = call_once(mode, max_response_bytes=4096)
    assert type(error) is so.ResponseTooLargeError
    assert error.maybe_sent is True
    assert "max_response_bytes=4096" in str(error)


@MODES
def test_http_status_error_carries_the_headers_without_secrets(
    httpx_mock: HTTPXMock, mode: str
) -> None:
    httpx_mock.add_response(
        status_code=503,
        text="busy",
        headers={
            "Content-Type": "text/plain",
            "Retry-After": "120",
            "Set-Cookie": "session=abc123secret",
            "X-Request-Echo": f"ticket {TICKET}",
        },
    )
    error = call_once(mode)
    assert isinstance(error, so.HTTPStatusError)
    assert error.status_code == 503
    assert error.headers["retry-after"] == "120"
    assert error.headers["content-type"] == "text/plain"
    assert "set-cookie" not in error.headers
    assert error.headers["x-request-echo"] == "ticket ***"
    assert error.retry_after == 120.0


@MODES
def test_retry_after_as_an_http_date(httpx_mock: HTTPXMock, mode: str) -> None:
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=90)
    date = email.utils.format_datetime(later, usegmt=True)
    httpx_mock.add_response(status_code=503, text="busy", headers={"Retry-After": date})
    error = call_once(mode)
    assert isinstance(error, so.HTTPStatusError)
    assert error.retry_after is not None and 85 <= error.retry_after <= 90


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("0", 0.0),
        (" 7 ", 7.0),
        # RFC 9110's own example date, read from 10 s before it
        ("Fri, 31 Dec 1999 23:59:59 GMT", 10.0),
        # the obsolete RFC 850 and asctime forms that RFC 9110 says to accept
        ("Friday, 31-Dec-99 23:59:59 GMT", 10.0),
        ("Fri Dec 31 23:59:59 1999", 10.0),
        ("Fri, 31 Dec 1999 23:59:00 GMT", 0.0),  # in the past: no wait
        ("-5", None),
        ("soon", None),
        ("1.5", None),
        ("", None),
        (None, None),
        ("99999999999999999999", 1e9),  # capped, not an OverflowError
    ],
)
def test_retry_after_values(value: str | None, seconds: float | None) -> None:
    # 1999-12-31T23:59:49Z as a POSIX timestamp, computed by hand: 946684799 - 10
    assert retry_after_seconds(value, now=946684789.0) == seconds


@MODES
def test_netserver_error_names_the_operation(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(content=FAILURE, headers=XML_11)
    error = call_once(mode)
    assert isinstance(error, so.NetServerError)
    assert error.operation == "RefreshFolder"
    assert error.message == "no folder"


def test_parsed_netserver_error_has_no_operation() -> None:
    result = so.parse_response("Services88", "RefreshFolder", FAILURE)
    with pytest.raises(so.NetServerError) as caught:
        result.raise_for_error()
    assert caught.value.operation is None


def test_a_model_of_another_version_is_named_with_both_versions() -> None:
    info = so.models("Services88").EMailConnectionInfo()
    agent = so.EMailAgent(BASE, version="Services86")
    with pytest.raises(so.BuildError) as caught:
        agent.refresh_folder(info, ["INBOX"])  # type: ignore[arg-type]  # mypy sees it too
    assert str(caught.value) == (
        "RefreshFolder/ConnectionInfo: expected Services86 EMailConnectionInfo, "
        "got Services88 EMailConnectionInfo"
    )
    request = so.models("Services88").RefreshFolderRequest()
    with pytest.raises(so.UsageError) as whole:
        so.build_request("Services86", "RefreshFolder", request)
    assert str(whole.value) == (
        "expected Services86 RefreshFolderRequest, got Services88 RefreshFolderRequest"
    )
    agent.close()


@pytest.mark.parametrize(
    "page",
    [
        "<!--" * 16384,  # 64 KB of unclosed comments: 6 s with a lazy regex
        "<Token " * 10000,  # unclosed secret start tags: 14 s with the old secret pattern
        "<script>" * 8000 + "</script x>" * 8000,
        "<a" * 32768,
    ],
    ids=["comments", "token-tags", "scripts", "open-tags"],
)
def test_an_error_page_excerpt_takes_bounded_time(httpx_mock: HTTPXMock, page: str) -> None:
    httpx_mock.add_response(
        status_code=502, text=f"<html>{page}</html>", headers={"Content-Type": "text/html"}
    )
    started = time.perf_counter()
    error = call_once("sync", application_token="token-for-the-excerpt")
    took = time.perf_counter() - started
    assert isinstance(error, so.HTTPStatusError)
    assert len(error.excerpt) <= 200
    assert took < 0.5, took


def test_a_secret_across_the_excerpt_scan_is_not_quoted_in_part() -> None:
    from superoffice_email import _exchange

    call = _exchange.prepare_call(
        "Services88", "RefreshFolder", None, {}, url=URL, ticket=TICKET,
        application_token=None, time_zone=None, soap="1.1", layout="wire",
    )
    for shift in range(len(TICKET) + 1):  # the ticket ends before, across and after the cut
        filler = "x" * (_exchange.EXCERPT_SCAN_CHARS - 197 - shift)
        body = f"{filler} {TICKET} tail".encode()
        text = _exchange.excerpt(call, body, "text/plain", limit=10**6)
        for size in range(6, len(TICKET) + 1):
            assert TICKET[:size] not in text, (shift, size)


def test_a_model_of_another_agent_is_named_with_its_agent() -> None:
    # the agent in the name, as in the schema's label; the system user service has no version
    answer = so.models("Services88", "SoPrincipal").AuthenticateResponse()
    with pytest.raises(so.UsageError) as caught:
        so.build_response("Services86", "AuthenticateGeneric", answer, agent="SoPrincipal")
    assert str(caught.value) == (
        "expected Services86 SoPrincipal AuthenticateResponse, "
        "got Services88 SoPrincipal AuthenticateResponse"
    )
    request = so.models("", "PartnerSystemUserService").AuthenticateRequest()
    with pytest.raises(so.UsageError) as whole:
        so.build_request("Services88", "RefreshFolder", request)
    assert str(whole.value) == (
        "expected Services88 RefreshFolderRequest, got PartnerSystemUserService AuthenticateRequest"
    )
