"""The agents' sans-I/O half: URLs, headers, redaction, the body limit, response meaning.

No HTTP here: status, headers and hand-written bodies go straight into ``_exchange.interpret``.
"""

from __future__ import annotations

import logging

import httpx
import pytest

from superoffice_email import (
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    SoapFault,
    TransportError,
    UsageError,
    models,
)
from superoffice_email._config import endpoint_url
from superoffice_email._exchange import (
    EXCERPT_CHARS,
    BodyReader,
    PreparedCall,
    excerpt,
    interpret,
    prepare_call,
    transport_error,
)
from superoffice_email._redact import safe_url
from superoffice_email._wire import SoapVersion, soap_headers

V = "Services88"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
TICKET = "7T:c2VjcmV0LXRpY2tldC0xMjM0NQ=="
TOKEN = "app-token-0f1e2d3c"
PASSWORD = "hunter2-imap-pw"


def make_call(operation: str = "RefreshFolder", **fields: object) -> PreparedCall:
    m = models(V)
    if operation == "RefreshFolder" and not fields:
        fields = {
            "connection_info": m.EMailConnectionInfo(user_name="ann", password=PASSWORD),
            "folders": ["INBOX"],
        }
    return prepare_call(
        V,
        operation,
        None,
        fields,
        url=f"https://ns.example.com/t1/Remote/{V}/EMail.svc",
        ticket=TICKET,
        application_token=TOKEN,
        time_zone=None,
        soap="1.1",
        layout="wire",
    )


def envelope11(body: str, headers: str = f'<Succeeded xmlns="{NS}">true</Succeeded>') -> bytes:
    return (
        f'<s:Envelope xmlns:s="{S11}"><s:Header>{headers}</s:Header>'
        f"<s:Body>{body}</s:Body></s:Envelope>"
    ).encode()


XML = {"content-type": "text/xml; charset=utf-8"}
HTML = {"content-type": "text/html; charset=utf-8"}

# --- URLs and headers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://h.example/t/Remote/", "https://h.example/t/Remote/Services86/EMail.svc"),
        ("https://h.example/t/Remote", "https://h.example/t/Remote/Services86/EMail.svc"),
        ("http://127.0.0.1:8080/Remote/", "http://127.0.0.1:8080/Remote/Services86/EMail.svc"),
        (
            "https://h.example/t/Remote/Services86/EMail.svc",
            "https://h.example/t/Remote/Services86/EMail.svc",
        ),
        (
            "https://h.example/t/remote/services86/email.svc",
            "https://h.example/t/remote/services86/email.svc",
        ),
    ],
)
def test_endpoint_url(given: str, expected: str) -> None:
    assert endpoint_url(given, "Services86") == expected


def test_endpoint_url_version_mismatch_names_both() -> None:
    with pytest.raises(UsageError) as caught:
        endpoint_url("https://h.example/t/Remote/Services86/EMail.svc", "Services88")
    assert "Services86" in str(caught.value) and "'Services88'" in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://h.example/t/Remote/Services88/SoPrincipal.svc",
        "ftp://h.example/t/Remote/",
        "h.example/t/Remote/",
        "https:///Remote/",
        "https://h.example/t/Remote/?x=1",
        "https://h.example/t/Remote/#top",
    ],
)
def test_endpoint_url_refusals(url: str) -> None:
    with pytest.raises(UsageError):
        endpoint_url(url, V)


def test_user_info_never_shown() -> None:
    url = "https://ann:pa55word@h.example/t/Remote/"
    assert safe_url(url) == "https://***@h.example/t/Remote/"
    assert safe_url("https://h.example/x") == "https://h.example/x"
    with pytest.raises(UsageError) as caught:
        endpoint_url("ftp://ann:pa55word@h.example/", V)
    assert "pa55word" not in str(caught.value)


def test_soap_headers() -> None:
    # the action as the WSDL's binding gives it: in SOAPAction (1.1), in the type (1.2)
    action = "http://www.superoffice.net/ws/crm/NetServer/Services88/EMail/RefreshFolder"
    by_soap: dict[SoapVersion, dict[str, str]] = {
        "1.1": {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'},
        "1.2": {"Content-Type": f'application/soap+xml; charset=utf-8; action="{action}"'},
    }
    for soap, expected in by_soap.items():
        assert soap_headers(soap, action) == expected
        call = prepare_call(
            V,
            "RefreshFolder",
            None,
            {},
            url=f"https://ns.example.com/t1/Remote/{V}/EMail.svc",
            ticket=None,
            application_token=None,
            time_zone=None,
            soap=soap,
            layout="wire",
        )
        assert call.headers == expected


def test_prepared_call_repr_has_no_body_or_secrets() -> None:
    call = make_call()
    text = repr(call)
    assert "RefreshFolder" in text
    for secret in (TICKET, TOKEN, PASSWORD):
        assert secret not in text


# --- redaction ----------------------------------------------------------------------------


def test_secrets_are_collected_from_the_request() -> None:
    call = make_call()
    assert set(call.secrets) == {TICKET, TOKEN, PASSWORD}


def test_secrets_are_unescaped_xml_text() -> None:
    m = models(V)
    call = make_call(connection_info=m.EMailConnectionInfo(password="a<b&c>d"))
    assert "a<b&c>d" in call.secrets
    assert call.scrub("login a<b&c>d failed") == "login *** failed"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<Ticket>abc</Ticket>", "<Ticket>***</Ticket>"),
        ('<e:Ticket xmlns:e="urn:x">abc</e:Ticket>', '<e:Ticket xmlns:e="urn:x">***</e:Ticket>'),
        ("<ApplicationToken>t</ApplicationToken>", "<ApplicationToken>***</ApplicationToken>"),
        ("<Password><![CDATA[p<w]]></Password>", "<Password>***</Password>"),
        ("<AccessToken>t</AccessToken>", "<AccessToken>***</AccessToken>"),
        ("<ClientSecret>s</ClientSecret>", "<ClientSecret>***</ClientSecret>"),
        ("<Password>cut off in the mid", "<Password>***"),
        ("<Password></Password>", "<Password></Password>"),
        ('<Password xsi:nil="true"/>', '<Password xsi:nil="true"/>'),
        ("<TicketPriority>High</TicketPriority>", "<TicketPriority>High</TicketPriority>"),
        ("<UserName>ann</UserName>", "<UserName>ann</UserName>"),
    ],
)
def test_secret_elements_are_redacted(text: str, expected: str) -> None:
    call = make_call("GetCurrentAccountId")
    assert call.scrub(text) == expected


def test_short_literal_values_are_not_scrubbed_everywhere() -> None:
    # a 3-character value would turn every message into asterisks and hide nothing
    m = models(V)
    call = make_call(connection_info=m.EMailConnectionInfo(password="abc"))
    assert "abc" not in call.secrets
    assert "<EMail:Password>***</EMail:Password>" in call.scrub(call.content.decode())


def test_request_debug_log_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="superoffice_email"):
        make_call()
    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "RefreshFolder" in text and "<EMail:Ticket>***</EMail:Ticket>" in text
    assert "<EMail:Password>***</EMail:Password>" in text
    for secret in (TICKET, TOKEN, PASSWORD):
        assert secret not in text


# --- the body limit -----------------------------------------------------------------------


def test_body_reader_within_the_limit() -> None:
    reader = BodyReader(make_call(), 10, {"content-length": "10"})
    reader.feed(b"12345")
    reader.feed(b"67890")
    assert reader.body() == b"1234567890"


def test_body_reader_refuses_a_declared_length_over_the_limit() -> None:
    with pytest.raises(TransportError, match=r"max_response_bytes=10 \(it declares 11 bytes\)"):
        BodyReader(make_call(), 10, {"content-length": "11"})


def test_body_reader_stops_once_over_the_limit() -> None:
    reader = BodyReader(make_call(), 10, {})
    reader.feed(b"123456")
    with pytest.raises(TransportError, match="max_response_bytes=10"):
        reader.feed(b"78901")


# --- excerpts -----------------------------------------------------------------------------


def test_excerpt_of_an_html_page() -> None:
    page = (
        b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"
        b"<style>body { color: red }</style><script>var x = '<p>';</script></head>"
        b"<body><h1>Bad   Gateway</h1>\n<p>The upstream &amp; proxy failed.</p></body></html>"
    )
    assert excerpt(make_call(), page, "text/html") == (
        "502 Bad Gateway Bad Gateway The upstream & proxy failed."
    )


def test_excerpt_is_short_and_redacted() -> None:
    call = make_call()
    body = f"error for ticket {TICKET}: ".encode() + b"x" * 1000
    text = excerpt(call, body, "text/plain")
    assert len(text) == EXCERPT_CHARS and text.endswith("…")
    assert text.startswith("error for ticket ***: xxx")


def test_excerpt_of_nothing() -> None:
    assert excerpt(make_call(), b"  \n", "text/plain") == "(empty body)"


def test_excerpt_honours_the_charset() -> None:
    assert excerpt(
        make_call(), "Fehler: Größe".encode("latin-1"), "text/plain; charset=latin-1"
    ) == ("Fehler: Größe")


# --- what a response means ----------------------------------------------------------------


def test_success_returns_the_value() -> None:
    body = envelope11(
        f'<RefreshFolderResponse xmlns="{NS}"><Response>42</Response></RefreshFolderResponse>'
    )
    assert interpret(make_call(), 200, XML, body) == 42


def test_void_success_returns_none() -> None:
    body = envelope11(f'<CreateFolderResponse xmlns="{NS}"/>')
    assert interpret(make_call("CreateFolder"), 200, XML, body) is None


def test_failure_header_raises_netserver_error() -> None:
    headers = (
        f'<ExceptionInfo xmlns="{NS}"><Message>No access</Message>'
        f"<ExceptionType>SoSecurityException</ExceptionType></ExceptionInfo>"
        f'<Succeeded xmlns="{NS}">false</Succeeded>'
    )
    body = envelope11(f'<RefreshFolderResponse xmlns="{NS}"/>', headers)
    with pytest.raises(NetServerError) as caught:
        interpret(make_call(), 200, XML, body)
    assert caught.value.message == "No access"
    assert caught.value.exception_type == "SoSecurityException"


def test_fault_in_500_raises_soap_fault() -> None:
    body = (
        f'<s:Envelope xmlns:s="{S11}"><s:Body><s:Fault><faultcode>s:Client</faultcode>'
        f"<faultstring>Bad request</faultstring></s:Fault></s:Body></s:Envelope>"
    ).encode()
    with pytest.raises(SoapFault) as caught:
        interpret(make_call(), 500, XML, body)
    assert (caught.value.code, caught.value.reason) == ("s:Client", "Bad request")


def test_500_xml_without_envelope_is_a_status_error() -> None:
    with pytest.raises(HTTPStatusError) as caught:
        interpret(make_call(), 500, XML, b"<error><message>Server broke</message></error>")
    assert caught.value.status_code == 500
    assert caught.value.excerpt == "Server broke"


def test_200_html_is_a_protocol_error() -> None:
    page = b"<html><head><title>Sign in</title></head><body><form>...</form></body></html>"
    with pytest.raises(ProtocolError) as caught:
        interpret(make_call(), 200, HTML, page)
    message = str(caught.value)
    assert "RefreshFolder" in message and "text/html" in message and "Sign in" in message


def test_200_xml_of_another_operation_is_a_protocol_error() -> None:
    body = envelope11(f'<CreateFolderResponse xmlns="{NS}"/>')
    with pytest.raises(ProtocolError, match="expected RefreshFolderResponse"):
        interpret(make_call(), 200, XML, body)


def test_redirect_is_a_status_error_naming_the_target() -> None:
    headers = {"location": "https://login.example/?ReturnUrl=%2Ft1", "content-length": "0"}
    with pytest.raises(HTTPStatusError) as caught:
        interpret(make_call(), 302, headers, b"")
    assert caught.value.status_code == 302
    assert "https://login.example/?ReturnUrl=%2Ft1" in caught.value.excerpt
    assert "not followed" in caught.value.excerpt


def test_server_echoing_a_secret_is_scrubbed() -> None:
    body = (
        f'<s:Envelope xmlns:s="{S11}"><s:Body><s:Fault><faultcode>s:Server</faultcode>'
        f"<faultstring>Ticket {TICKET} expired</faultstring><detail>{PASSWORD}</detail>"
        f"</s:Fault></s:Body></s:Envelope>"
    ).encode()
    with pytest.raises(SoapFault) as caught:
        interpret(make_call(), 500, XML, body)
    assert caught.value.reason == "Ticket *** expired"
    assert caught.value.detail == "***"


# --- transport errors ---------------------------------------------------------------------


def test_transport_error_for_a_timeout() -> None:
    error = transport_error(make_call(), httpx.ReadTimeout("timed out"))
    assert str(error) == (
        "RefreshFolder: timed out (ReadTimeout) on POST "
        "https://ns.example.com/t1/Remote/Services88/EMail.svc"
    )


def test_transport_error_for_a_refused_connection() -> None:
    error = transport_error(make_call(), httpx.ConnectError(f"[Errno 111] refused {TICKET}"))
    assert str(error).startswith("RefreshFolder: ConnectError: [Errno 111] refused ***")
