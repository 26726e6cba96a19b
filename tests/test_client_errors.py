"""Every way a call can fail, sync and async: the error type, what it says, what it keeps back.

Each test queues the failing answer and then a good one, and makes two calls with the same
agent: the first must raise the expected error, the second must succeed (the agent keeps
working). Server answers are hand-written. Secrets must appear in no error and no log record.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, TypeVar

import httpx
import pytest
from pytest_httpx import HTTPXMock, IteratorStream

from superoffice_email import (
    AsyncEMailAgent,
    ConnectError,
    EMailAgent,
    Error,
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    SoapFault,
    TransportError,
)
from superoffice_email.services import services88 as m88

BASE = "https://crm.example.com/t1/Remote/"
URL = "https://crm.example.com/t1/Remote/Services88/EMail.svc"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TICKET = "7T:ZXJyb3ItdGVzdC10aWNrZXQ="
TOKEN = "token-err-4c3b2a"
PASSWORD = "imap-secret-77"
SECRETS = (TICKET, TOKEN, PASSWORD)
XML_11 = {"Content-Type": "text/xml; charset=utf-8"}
XML_12 = {"Content-Type": "application/soap+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}

OK = f"""<s:Envelope xmlns:s="{S11}"><s:Header><Succeeded xmlns="{NS}">true</Succeeded></s:Header>
<s:Body><RefreshFolderResponse xmlns="{NS}"><Response>0</Response></RefreshFolderResponse>
</s:Body></s:Envelope>""".encode()

NETSERVER_FAILURE = f"""<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{S11}">
  <s:Header>
    <ExceptionInfo xmlns="{NS}" xmlns:i="{XSI}">
      <Message>Could not refresh the folder</Message>
      <StackTrace>   at SuperOffice.CRM.Services.EMailAgent.RefreshFolder()</StackTrace>
      <FriendlyText>The mail server did not answer</FriendlyText>
      <ExceptionType>SoException</ExceptionType>
      <Source>SoCore</Source>
      <InnerException>
        <Message>No connection could be made to imap.example.com:993</Message>
        <StackTrace i:nil="true"/>
        <FriendlyText i:nil="true"/>
        <ExceptionType>System.Net.Sockets.SocketException</ExceptionType>
        <Source>System</Source>
        <InnerException i:nil="true"/>
        <Parameters i:nil="true"/>
      </InnerException>
      <Parameters>
        <SoExceptionInfoParametersKeyValuePair>
          <Key>server</Key><Value>imap.example.com</Value>
        </SoExceptionInfoParametersKeyValuePair>
        <SoExceptionInfoParametersKeyValuePair>
          <Key>port</Key><Value>993</Value>
        </SoExceptionInfoParametersKeyValuePair>
      </Parameters>
    </ExceptionInfo>
    <ExtraInfo xmlns="{NS}" xmlns:i="{XSI}" i:nil="true"/>
    <Succeeded xmlns="{NS}">false</Succeeded>
    <TimeZone xmlns="{NS}" xmlns:i="{XSI}" i:nil="true"/>
  </s:Header>
  <s:Body><RefreshFolderResponse xmlns="{NS}"/></s:Body>
</s:Envelope>""".encode()

FAULT_11 = f"""<s:Envelope xmlns:s="{S11}"><s:Body><s:Fault>
<faultcode xmlns:a="http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher">a:InternalServiceFault</faultcode>
<faultstring xml:lang="en-US">The server was unable to process the request.</faultstring>
<detail><ExceptionDetail>NullReferenceException</ExceptionDetail></detail>
</s:Fault></s:Body></s:Envelope>""".encode()

FAULT_12 = f"""<s:Envelope xmlns:s="{S12}" xmlns:a="http://www.w3.org/2005/08/addressing">
<s:Body><s:Fault>
<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>a:ActionNotSupported</s:Value></s:Subcode>
</s:Code>
<s:Reason><s:Text xml:lang="en-US">The action cannot be processed at the receiver.</s:Text>
</s:Reason>
</s:Fault></s:Body></s:Envelope>""".encode()

BAD_GATEWAY = (
    "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>h1 {color: red}</style>"
    "</head><body><h1>Bad Gateway</h1><p>The proxy server received an invalid response from an "
    "upstream server. The upstream server may be down for maintenance, overloaded, or "
    "misconfigured; please try again in a few minutes, or contact the administrator of this "
    "installation if the problem persists for longer than you would expect.</p></body></html>"
)

LOGIN_PAGE = (
    "<!DOCTYPE html><html><head><title>SuperOffice - Sign in</title></head><body>"
    '<form method="post"><input name="username"/><input name="password" type="password"/>'
    "</form></body></html>"
)


T = TypeVar("T")


def connection() -> m88.EMailConnectionInfo:
    return m88.EMailConnectionInfo(
        server_name="imap.example.com", user_name="ann", password=PASSWORD
    )


def outcomes(mode: str, calls: int = 2, **options: Any) -> list[object]:
    """Make ``calls`` RefreshFolder calls with one agent; each gives its value or its error."""
    options = {"ticket": TICKET, "application_token": TOKEN, **options}
    results: list[object] = []
    if mode == "sync":
        with EMailAgent(BASE, **options) as agent:
            for _ in range(calls):
                try:
                    results.append(agent.refresh_folder(connection(), ["INBOX"]))
                except Error as error:
                    results.append(error)
        return results

    async def run() -> None:
        async with AsyncEMailAgent(BASE, **options) as agent:
            for _ in range(calls):
                try:
                    results.append(await agent.refresh_folder(connection(), ["INBOX"]))
                except Error as error:
                    results.append(error)

    asyncio.run(run())
    return results


def first_error(results: list[object], kind: type[T]) -> T:
    assert len(results) == 2
    error, after = results
    assert isinstance(error, kind), repr(error)
    assert after == 0, "the agent must keep working after an error"
    return error


def assert_no_secrets(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


def error_texts(error: BaseException) -> list[str]:
    texts = [str(error), repr(error), *(str(a) for a in error.args)]
    texts += [str(v) for v in vars(error).values()]
    return texts


MODES = pytest.mark.parametrize("mode", ["sync", "async"])


@MODES
def test_netserver_error_with_inner_exception_and_parameters(
    httpx_mock: HTTPXMock, mode: str
) -> None:
    httpx_mock.add_response(content=NETSERVER_FAILURE, headers=XML_11)
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode), NetServerError)
    assert str(error) == "SoException: Could not refresh the folder"
    assert error.message == "Could not refresh the folder"
    assert error.exception_type == "SoException"
    assert error.friendly_text == "The mail server did not answer"
    assert error.source == "SoCore"
    assert error.stack_trace is not None and "EMailAgent.RefreshFolder" in error.stack_trace
    assert "EMailAgent.RefreshFolder" not in str(error)
    assert error.parameters == {"server": "imap.example.com", "port": "993"}
    inner = error.inner
    assert inner is not None
    assert inner.message == "No connection could be made to imap.example.com:993"
    assert inner.exception_type == "System.Net.Sockets.SocketException"
    assert inner.source == "System"
    assert inner.stack_trace is None and inner.inner is None and inner.parameters == {}


@MODES
def test_netserver_failure_in_a_500(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=500, content=NETSERVER_FAILURE, headers=XML_11)
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode), NetServerError)
    assert error.exception_type == "SoException"


@MODES
def test_soap11_fault(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=500, content=FAULT_11, headers=XML_11)
    httpx_mock.add_response(content=OK, headers=XML_11)
    fault = first_error(outcomes(mode), SoapFault)
    assert fault.code == "a:InternalServiceFault"
    assert fault.reason == "The server was unable to process the request."
    assert fault.detail == "NullReferenceException"


@MODES
def test_soap12_fault(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=500, content=FAULT_12, headers=XML_12)
    httpx_mock.add_response(content=OK, headers=XML_11)
    fault = first_error(outcomes(mode, soap="1.2"), SoapFault)
    assert fault.code == "s:Sender (a:ActionNotSupported)"
    assert fault.reason == "The action cannot be processed at the receiver."
    assert fault.detail is None


@MODES
def test_500_without_fault(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(
        status_code=500, text="Internal Server Error", headers={"Content-Type": "text/plain"}
    )
    httpx_mock.add_response(
        status_code=500, content=b"<Error>Service broke</Error>", headers=XML_11
    )
    httpx_mock.add_response(content=OK, headers=XML_11)
    plain, xml, after = outcomes(mode, calls=3)
    assert isinstance(plain, HTTPStatusError) and isinstance(xml, HTTPStatusError)
    assert (plain.status_code, plain.excerpt) == (500, "Internal Server Error")
    assert (xml.status_code, xml.excerpt) == (500, "Service broke")
    assert str(plain) == "HTTP 500: Internal Server Error"
    assert after == 0


@MODES
def test_502_html(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=502, text=BAD_GATEWAY, headers=HTML)
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode), HTTPStatusError)
    assert error.status_code == 502
    assert error.excerpt.startswith("502 Bad Gateway Bad Gateway The proxy server received")
    assert len(error.excerpt) <= 200 and error.excerpt.endswith("…")
    assert "<" not in error.excerpt and "color" not in error.excerpt


@MODES
def test_200_html_login_page(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=200, text=LOGIN_PAGE, headers=HTML)
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode), ProtocolError)
    assert "expected a SOAP envelope" in str(error)
    assert "text/html" in str(error) and "SuperOffice - Sign in" in str(error)


@MODES
def test_302_redirect_is_not_followed(httpx_mock: HTTPXMock, mode: str) -> None:
    login = "https://crm.example.com/t1/login?ReturnUrl=%2Ft1%2FRemote"
    httpx_mock.add_response(status_code=302, headers={"Location": login})
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode), HTTPStatusError)
    assert error.status_code == 302
    assert login in error.excerpt
    assert [str(r.url) for r in httpx_mock.get_requests()] == [URL, URL]


def test_redirect_not_followed_even_by_a_client_that_would(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=301, headers={"Location": "https://elsewhere.example/"})
    with httpx.Client(follow_redirects=True) as borrowed:
        agent = EMailAgent(BASE, client=borrowed)
        with pytest.raises(HTTPStatusError) as caught:
            agent.refresh_folder()
    assert caught.value.status_code == 301
    assert len(httpx_mock.get_requests()) == 1


@MODES
@pytest.mark.parametrize(
    "exception",
    [
        httpx.ReadTimeout("The read operation timed out"),
        httpx.ConnectTimeout("timed out"),
        httpx.ConnectError("[Errno 111] Connection refused"),
        httpx.RemoteProtocolError("Server disconnected without sending a response."),
    ],
    ids=lambda e: type(e).__name__,
)
def test_transport_errors(httpx_mock: HTTPXMock, mode: str, exception: httpx.RequestError) -> None:
    httpx_mock.add_exception(exception)
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode), TransportError)
    assert error.__cause__ is None and error.__context__ is None  # httpx's error stays out
    assert str(error).startswith("RefreshFolder: ")
    assert type(exception).__name__ in str(error) and URL in str(error)
    if isinstance(exception, httpx.TimeoutException):
        assert "timed out" in str(error)


@MODES
def test_oversized_body_with_content_length(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(content=b"<x>" + b"a" * 5000 + b"</x>", headers=XML_11)
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode, max_response_bytes=4096), TransportError)
    assert "max_response_bytes=4096" in str(error)


@MODES
def test_oversized_streamed_body(httpx_mock: HTTPXMock, mode: str) -> None:
    chunks = [b"<x>", *([b"a" * 1000] * 10), b"</x>"]
    httpx_mock.add_response(stream=IteratorStream(chunks), headers=XML_11)
    httpx_mock.add_response(content=OK, headers=XML_11)
    error = first_error(outcomes(mode, max_response_bytes=4096), TransportError)
    assert "max_response_bytes=4096" in str(error)
    assert "more than 4096 bytes arrived" in str(error)


def test_a_body_at_the_limit_is_read(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)
    with EMailAgent(BASE, max_response_bytes=len(OK)) as agent:
        assert agent.refresh_folder() == 0


# --- secrets ------------------------------------------------------------------------------

ECHOING_FAULT = f"""<s:Envelope xmlns:s="{S11}"><s:Body><s:Fault><faultcode>s:Server</faultcode>
<faultstring>Ticket {TICKET} is not valid</faultstring><detail>token {TOKEN}</detail>
</s:Fault></s:Body></s:Envelope>""".encode()

ECHOING_FAILURE = f"""<s:Envelope xmlns:s="{S11}"><s:Header>
<ExceptionInfo xmlns="{NS}"><Message>Login as ann/{PASSWORD} failed</Message>
<StackTrace>at Login(ticket={TICKET})</StackTrace><ExceptionType>SoException</ExceptionType>
<InnerException><Message>bad password {PASSWORD}</Message></InnerException>
<Parameters><SoExceptionInfoParametersKeyValuePair><Key>ticket</Key><Value>{TICKET}</Value>
</SoExceptionInfoParametersKeyValuePair></Parameters></ExceptionInfo>
<Succeeded xmlns="{NS}">false</Succeeded></s:Header>
<s:Body><RefreshFolderResponse xmlns="{NS}"/></s:Body></s:Envelope>""".encode()


@MODES
def test_secrets_are_in_no_error_and_no_log(
    httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture, mode: str
) -> None:
    httpx_mock.add_response(status_code=500, content=ECHOING_FAULT, headers=XML_11)
    httpx_mock.add_response(content=ECHOING_FAILURE, headers=XML_11)
    httpx_mock.add_response(status_code=502, text=f"<p>bad ticket {TICKET}</p>", headers=HTML)
    httpx_mock.add_response(
        status_code=302,
        headers={
            "Location": f"https://x.example/?t={TICKET}",
            "Set-Cookie": f"session={TOKEN}",
            "X-Echo": f"ticket={TICKET}",
        },
    )
    httpx_mock.add_response(text=f"<html>{TOKEN}</html>", headers=HTML)
    httpx_mock.add_exception(httpx.ConnectError(f"refused for {TICKET}"))
    httpx_mock.add_response(content=OK, headers=XML_11)
    with caplog.at_level(logging.DEBUG, logger="superoffice_email"):
        results = outcomes(mode, calls=7)
    assert [type(r) for r in results] == [
        SoapFault,
        NetServerError,
        HTTPStatusError,
        HTTPStatusError,
        ProtocolError,
        ConnectError,
        int,
    ]
    fault, failure = results[0], results[1]
    assert isinstance(fault, SoapFault) and fault.reason == "Ticket *** is not valid"
    assert isinstance(failure, NetServerError)
    assert failure.message == "Login as ann/*** failed"
    assert failure.parameters == {"ticket": "***"}
    assert failure.inner is not None and failure.inner.message == "bad password ***"
    for result in results:
        if isinstance(result, BaseException):
            assert_no_secrets(*error_texts(result))
            if isinstance(result, NetServerError) and result.inner is not None:
                assert_no_secrets(*error_texts(result.inner))
    messages = [record.getMessage() for record in caplog.records]
    assert_no_secrets(*messages)
    requests = [m for m in messages if "POST" in m]
    assert len(requests) == 7
    for message in requests:
        assert "<EMail:Ticket>***</EMail:Ticket>" in message
        assert "<EMail:ApplicationToken>***</EMail:ApplicationToken>" in message
        assert "<EMail:Password>***</EMail:Password>" in message
    assert any("HTTP 500" in m and "Ticket *** is not valid" in m for m in messages)
    assert all(r.name.startswith("superoffice_email") for r in caplog.records)


def test_nothing_is_logged_above_debug(
    httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    httpx_mock.add_response(content=OK, headers=XML_11)
    with caplog.at_level(logging.INFO, logger="superoffice_email"):
        outcomes("sync", calls=1)
    assert caplog.records == []


@MODES
def test_skipped_elements_are_logged_at_info(
    httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture, mode: str
) -> None:
    newer = (
        f'<s:Envelope xmlns:s="{S11}"><s:Header><Succeeded xmlns="{NS}">true</Succeeded>'
        f'</s:Header><s:Body><RefreshFolderResponse xmlns="{NS}"><Response>7</Response>'
        "<Elapsed>3</Elapsed></RefreshFolderResponse></s:Body></s:Envelope>"
    )
    httpx_mock.add_response(content=newer.encode(), headers=XML_11)
    with caplog.at_level(logging.INFO, logger="superoffice_email"):
        assert outcomes(mode, calls=1) == [7]
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (
            logging.INFO,
            "Services88 RefreshFolder: the answer has elements the models have no field for "
            "(a newer server?), skipped: Envelope/Body/RefreshFolderResponse/Elapsed",
        )
    ]
