"""Issue 13 reviewed on main: variants of its findings the other tests do not try.

Every agent and version of ``_schema.MODULES`` given data of the wrong type or a lone
surrogate; secrets split by a CDATA boundary or written as mixed character references; an
answer in UTF-32 without a byte order mark, unit and through both agents. Expectations come
from XML 1.0 (a CDATA section is text; appendix F tells an encoding from the first "<") and
from the standard library, not from the code under test.
"""

from __future__ import annotations

import html
import logging
import re
import urllib.parse
from typing import Any

import pytest

import superoffice_email as so
from superoffice_email import _exchange, _redact, _schema
from superoffice_email.testing import FakeNetServer
from superoffice_email.validate import validate_envelope
from tests.test_secrets import PASSWORD, TICKET, TOKEN, URL, assert_clean, representations
from tests.test_secrets_agents import SECRETS, formatted, run_call, with_user

AGENTS = sorted(_schema.MODULES)


def first_operation(version: str, agent: str) -> str:
    operations = so.operations(version, agent=agent)
    return next(name for name in dir(operations) if name[:1].isupper())


def xml_text(text: str) -> str:
    """What a reader recovers from ``text``: CDATA markers gone, references resolved, and NULs
    (a UTF-32 body read as UTF-8, which a terminal does not show) dropped."""
    text = text.replace("\0", "").replace("\\x00", "")
    return html.unescape(text.replace("<![CDATA[", "").replace("]]>", ""))


def assert_unrecoverable(*texts: str, secrets: tuple[str, ...] = SECRETS) -> None:
    assert_clean(*texts, secrets=secrets)
    for text in texts:
        for secret in secrets:
            assert secret not in xml_text(text), text


# --- only the library's errors, for every agent and version ---------------------------------


@pytest.mark.parametrize(("agent", "version"), AGENTS, ids=[f"{a}-{v}" for a, v in AGENTS])
def test_every_agent_refuses_bad_data_with_its_own_errors(agent: str, version: str) -> None:
    operation = first_operation(version, agent)
    lone = "<x>\ud800</x>"
    with pytest.raises(so.XmlSyntaxError, match="lone surrogate"):
        so.parse_response(version, operation, lone, agent=agent)
    with pytest.raises(so.XmlSyntaxError, match="lone surrogate"):
        so.parse_request(version, lone, agent=agent)
    with pytest.raises(so.XmlSyntaxError, match="lone surrogate"):
        validate_envelope(version or "Services88", lone)  # its version names an EMail schema
    wrong: tuple[tuple[Any, str], ...] = ((None, "NoneType"), (3.5, "float"))
    for data, kind in wrong:
        with pytest.raises(so.UsageError, match=f"not {kind}"):
            so.parse_response(version, operation, data, agent=agent)
        with pytest.raises(so.UsageError, match=f"not {kind}"):
            so.parse_request(version, data, agent=agent)
    request: Any = so.example_envelope(version, operation, "request", agent=agent, layout="wire")
    as_bytes = so.parse_request(version, request, agent=agent)
    wraps: tuple[Any, ...] = (memoryview, bytearray)
    for wrap in wraps:
        assert so.parse_request(version, wrap(request), agent=agent) == as_bytes
    with pytest.raises(so.UnknownVersionError, match="not NoneType"):
        so.models(None, agent=agent)  # type: ignore[call-overload]


# --- secrets split by CDATA, or written with mixed references --------------------------------


@pytest.mark.parametrize(
    "echo",
    [
        # text, then the rest in a CDATA section
        lambda s: html.escape(s[:5], quote=False) + f"<![CDATA[{s[5:]}]]>",
        # two sections, as a writer splitting at "]]>" or a chunked one makes
        lambda s: f"<![CDATA[{s[:7]}]]><![CDATA[{s[7:]}]]>",
        # a section that ends mid-secret
        lambda s: f"<![CDATA[{s[:-3]}]]>" + html.escape(s[-3:], quote=False),
        # one character a hex reference, one decimal, the rest as is
        lambda s: (
            f"&#x{ord(s[0]):x};" + html.escape(s[1:3]) + f"&#{ord(s[3])};" + html.escape(s[4:])
        ),
    ],
    ids=["text-then-cdata", "two-sections", "section-ends-inside", "mixed-references"],
)
def test_scrub_text_finds_a_secret_however_xml_writes_its_text(echo: Any) -> None:
    for secret in (PASSWORD, TICKET, TOKEN, "hunter2-secret"):
        text = f"<Message>login failed for {echo(secret)} today</Message>"
        assert xml_text(text) == f"<Message>login failed for {secret} today</Message>"
        scrubbed = _redact.scrub_text(text, [secret])
        assert_unrecoverable(scrubbed, secrets=(secret,))
        assert "login failed for" in scrubbed and "today" in scrubbed


def test_cdata_boundaries_alone_are_left_alone() -> None:
    text = "<![CDATA[hunter]]> and <![CDATA[2]]> are not the password hunter2-secret's echo"
    assert _redact.scrub_text(text, ["hunter2-secret"]).startswith(text[:30])


# --- UTF-32 without a byte order mark (XML 1.0 appendix F: 3C 00 00 00 / 00 00 00 3C) -------


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("declared", [False, True])
def test_utf32_without_a_mark_is_decoded_before_scrubbing(encoding: str, declared: bool) -> None:
    decl = '<?xml version="1.0" encoding="utf-32"?>' if declared else ""
    body = f"{decl}<Error>bad password {PASSWORD}</Error>".encode(encoding)
    assert not body.startswith((b"\xff\xfe", b"\xfe\xff"))  # no mark
    call = _exchange.PreparedCall(
        "Services88", "RefreshFolder", URL, {}, b"", known_secrets=(PASSWORD,)
    )
    for content_type in ("text/xml", "text/xml; charset=utf-8"):
        text = _redact.decode_body(body, content_type)
        assert "<Error>bad password " in text
        assert_clean(call.scrub(text), _exchange.excerpt(call, body, content_type))


# --- the same through both agents, errors and every logger at DEBUG ------------------------


@pytest.fixture(scope="module")
def server() -> Any:
    with FakeNetServer(ticket=TICKET, application_token=TOKEN) as fake:
        yield fake


def cdata_echo(secret: str) -> str:
    return html.escape(secret[:5], quote=False) + f"<![CDATA[{secret[5:]}]]>"


ANSWERS = {
    "utf32le-no-mark": lambda: (f"<Error>{PASSWORD} {TICKET}</Error>".encode("utf-32-le"), 500),
    "utf32be-no-mark": lambda: (f"<Error>{TOKEN} {TICKET}</Error>".encode("utf-32-be"), 500),
    "cdata-split": lambda: (
        (
            "<Error>" + " ".join(cdata_echo(s) for s in (PASSWORD, TICKET, TOKEN)) + "</Error>"
        ).encode(),
        500,
    ),
}


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("answer", sorted(ANSWERS))
def test_no_secret_through_the_agents(
    server: FakeNetServer, caplog: pytest.LogCaptureFixture, answer: str, kind: str
) -> None:
    caplog.set_level(logging.DEBUG)
    server.clear()
    body, status = ANSWERS[answer]()
    server.status(None, status, body, "text/xml; charset=utf-8")
    error = run_call(kind, with_user(server.url))
    assert isinstance(error, so.HTTPStatusError), repr(error)
    assert error.__cause__ is None and error.__context__ is None
    texts = [*representations(error), *formatted(caplog.records)]
    assert_unrecoverable(*texts)
    # the body was seen (the scrubbing, not a missing excerpt, is why nothing shows)
    assert any(re.search(r"Error", text) for text in texts)


# --- a URL password percent-encoded in the URL, echoed decoded ------------------------------

URL_PASSWORD = "p@ss:w0rd/xyz-7"  # "@", ":" and "/" must be percent-encoded in user information


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_percent_encoded_url_password_is_scrubbed_as_sent(
    server: FakeNetServer, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    # httpx sends the decoded password (RFC 3986 3.2.1 user information is percent-encoded)
    # in the Basic header; a server echoing it echoes the decoded form
    caplog.set_level(logging.DEBUG)
    encoded = urllib.parse.quote(URL_PASSWORD, safe="")
    assert encoded != URL_PASSWORD
    server.clear()
    server.status(None, 500, f"<html>bad login {URL_PASSWORD} ({encoded})</html>", "text/html")
    url = server.url.replace("http://", f"http://ann:{encoded}@")
    error = run_call(kind, url)
    assert isinstance(error, so.HTTPStatusError), repr(error)
    texts = [*representations(error), *formatted(caplog.records)]
    assert any("bad login" in text for text in texts)
    assert_unrecoverable(*texts, secrets=(URL_PASSWORD, encoded, TICKET, TOKEN, PASSWORD))


# --- the list reader (item by item) loses nothing either ----------------------------------

NS86 = "http://www.superoffice.net/ws/crm/NetServer/Services86"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
FAULT = "<s:Fault><faultcode>s:Server</faultcode><faultstring>late</faultstring></s:Fault>"


def envelopes(items: str, after: str = "") -> bytes:
    return (
        f'<s:Envelope xmlns:s="{S11}"><s:Header><Succeeded xmlns="{NS86}">true</Succeeded>'
        f'</s:Header><s:Body><GetEMailEnvelopesResponse xmlns="{NS86}"><Response xmlns:i="{XSI}">'
        f"{items}</Response></GetEMailEnvelopesResponse>{after}</s:Body></s:Envelope>"
    ).encode()


ITEM = "<EMailEnvelope><Subject>s</Subject></EMailEnvelope>"


def test_a_list_answer_with_a_fault_after_it_is_a_fault() -> None:
    with pytest.raises(so.SoapFault) as caught:
        so.parse_response("Services86", "GetEMailEnvelopes", envelopes(ITEM * 3, FAULT))
    assert caught.value.reason == "late"


def test_a_list_answer_with_another_element_after_it_is_refused() -> None:
    with pytest.raises(so.ProtocolError, match="the Body holds 2 elements") as caught:
        so.parse_response("Services86", "GetEMailEnvelopes", envelopes(ITEM * 3, "<Audit/>"))
    assert caught.value.path == "Envelope/Body/Audit"


@pytest.mark.parametrize(
    ("items", "path"),
    [
        # the second item: paths count positions in the whole answer, items mapped and
        # dropped while it was parsed included
        ('<EMailEnvelope i:nil="true">x</EMailEnvelope>', "EMailEnvelope[2]"),
        ('<EMailEnvelope><From i:nil="true">x</From></EMailEnvelope>', "EMailEnvelope[2]/From"),
    ],
)
def test_a_nil_list_item_with_text_is_refused(items: str, path: str) -> None:
    with pytest.raises(so.DecodeError) as caught:
        so.parse_response("Services86", "GetEMailEnvelopes", envelopes(ITEM + items))
    assert str(caught.value).startswith(
        f"Envelope/Body/GetEMailEnvelopesResponse/Response/{path}: xsi:nil is"
    )


def test_unknown_elements_in_a_list_answer_are_listed_in_skipped() -> None:
    data = envelopes(ITEM + "<Foo>1</Foo><EMailEnvelope><Bar>2</Bar></EMailEnvelope>")
    result = so.parse_response("Services86", "GetEMailEnvelopes", data)
    assert [mail.subject for mail in result.value] == ["s", None]
    assert set(result.skipped) == {
        "Envelope/Body/GetEMailEnvelopesResponse/Response/Foo",
        "Envelope/Body/GetEMailEnvelopesResponse/Response/EMailEnvelope/Bar",
    }


def test_the_async_agent_refuses_a_url_urllib_cannot_split() -> None:
    with pytest.raises(so.UsageError, match=r"its IPv6 address lacks a '\]'"):
        so.AsyncEMailAgent("http://[::1/Remote/")
