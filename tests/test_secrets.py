"""Secrets in every representation, without a network: refused values, escaped and encoded
echoes, other encodings, URLs, exception chains. The agents over loopback are in
test_secrets_agents.py.

Expected forms are computed here with the standard library (xml.sax.saxutils, urllib,
base64, json, repr), independently of the scrubbing code.
"""

from __future__ import annotations

import base64
import json
import traceback
import urllib.parse
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape

import pytest

import superoffice_email as so
from superoffice_email import _exchange, _redact
from superoffice_email.__main__ import main
from superoffice_email.services import services88 as m88

PASSWORD = "p&ss<w>rd'hunter2"  # characters every escaper changes
TICKET = "7T:dGlja2V0LXNlY3JldC0xMjM0NQ=="
TOKEN = "app-token-5e3c9a"
URL = "https://crm.example.com/t1/Remote/Services88/EMail.svc"
AS_BYTES: Any = PASSWORD.encode()  # a password of the wrong type


def encoded_forms(secret: str) -> set[str]:
    """The forms a secret takes when echoed: as is, XML-escaped (named entities, decimal and
    hex references), percent-encoded, in repr and JSON, base64 (standard and URL-safe)."""
    forms = {
        secret,
        escape(secret, {'"': "&quot;", "'": "&apos;"}),
        "".join(f"&#{ord(c)};" for c in secret),
        "".join(f"&#x{ord(c):X};" for c in secret),
        urllib.parse.quote(secret, safe=""),
        urllib.parse.quote_plus(secret),
        repr(secret)[1:-1],
        json.dumps(secret)[1:-1],
        json.dumps(secret, ensure_ascii=True)[1:-1],
        base64.b64encode(secret.encode()).decode(),
        base64.urlsafe_b64encode(secret.encode()).decode(),
    }
    return {form for form in forms if form}


def assert_clean(*texts: str, secrets: tuple[str, ...] = (PASSWORD, TICKET, TOKEN)) -> None:
    for text in texts:
        for secret in secrets:
            for form in encoded_forms(secret):
                assert form not in text, (form, text)


def chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def representations(error: BaseException) -> list[str]:
    """Everything a traceback, a log or a debugger shows of an error and its chain."""
    texts = ["".join(traceback.format_exception(error))]
    for link in chain(error):
        texts += [repr(link), str(link), repr(link.args), repr(vars(link))]
    return texts


# --- refused values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"ticket": TICKET.encode()}, "Ticket"),
        ({"ticket": 987654321987}, "Ticket"),
        ({"application_token": TOKEN.encode()}, "ApplicationToken"),
        ({"application_token": 12345678}, "ApplicationToken"),
        ({"connection_info": m88.EMailConnectionInfo(password=AS_BYTES)}, "Password"),
        ({"connection_info": m88.EMailConnectionInfo(password=PASSWORD + "\x00")}, "Password"),
    ],
)
def test_a_refused_secret_is_named_by_type_only(kwargs: dict[str, object], field: str) -> None:
    operation = "AuthenticateIncoming" if "connection_info" in kwargs else "RefreshFolder"
    with pytest.raises(so.BuildError) as caught:
        so.build_request("Services88", operation, **kwargs)  # type: ignore[arg-type]
    assert field in str(caught.value)
    assert caught.value.__context__ is None and caught.value.__cause__ is None
    assert_clean(*representations(caught.value), secrets=(PASSWORD, TICKET, TOKEN, "987654321987"))


def test_a_refused_value_of_another_field_is_still_quoted() -> None:
    # the rule hides secrets, not every value: a wrong folder name is shown as before
    with pytest.raises(so.BuildError, match=r"b'INBOX-bytes'"):
        so.build_request("Services88", "RefreshFolder", folders=[b"INBOX-bytes"])


def test_a_refused_secret_through_the_agent_names_no_value() -> None:
    with so.EMailAgent("https://crm.example.com/t1/Remote/", ticket=TICKET) as agent:
        info = m88.EMailConnectionInfo(password=AS_BYTES)
        with pytest.raises(so.BuildError) as caught:
            agent.authenticate_incoming(connection_info=info)
    assert_clean(*representations(caught.value))


@pytest.mark.parametrize(
    "param",
    [
        'connection_info={"password": 12345678901, "server_name": "imap"}',
        f'connection_info={{"password": ["{TOKEN}"]}}',
        f'connection_info={{"password": {{"x": "{TOKEN}"}}}}',
        f'connection_info={{"password": "{TOKEN}", "server_name": 5',  # not JSON
    ],
)
def test_cli_param_errors_do_not_quote_a_secret(
    capsys: pytest.CaptureFixture[str], param: str
) -> None:
    args = ["call", "Services88", "AuthenticateIncoming", "--url", URL, "--ticket", TICKET]
    code = main([*args, "--param", param])
    out, err = capsys.readouterr()
    assert code == 2 and ("password" in err or "not JSON" in err), err
    assert_clean(out, err, secrets=(TOKEN, TICKET, "12345678901"))


# --- escaped and encoded echoes ---------------------------------------------------------------


@pytest.mark.parametrize("form", sorted(encoded_forms(PASSWORD)))
def test_scrub_text_finds_every_form(form: str) -> None:
    text = f"<Message>login failed: {form}</Message> and again <![CDATA[{form}]]>"
    assert_clean(_redact.scrub_text(text, [PASSWORD]), secrets=(PASSWORD,))


def test_scrub_text_finds_a_password_inside_longer_base64() -> None:
    # a Basic header: the password's bytes start at offset len("user:") of the encoded value
    for user in ("u", "us", "use", "user"):
        header = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        assert _redact.REDACTED in _redact.scrub_text(header, [PASSWORD])


def test_scrub_text_leaves_other_text_alone() -> None:
    text = "Could not refresh INBOX &amp; Sent: 3 of 5 (QUJDREVGR0g=)"
    assert _redact.scrub_text(text, [PASSWORD, TOKEN]) == text


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [
        ("utf-16", ""),  # with a byte order mark
        ("utf-16-le", "utf-16"),  # no mark, the XML declaration and no charset
        ("utf-16-be", "utf-16"),
        ("utf-32", ""),
        ("latin-1", "iso-8859-1"),
    ],
)
def test_a_body_in_another_encoding_is_decoded_before_scrubbing(
    encoding: str, declared: str
) -> None:
    decl = f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""
    body = f"{decl}<Error>bad password {PASSWORD}</Error>".encode(encoding)
    call = _exchange.PreparedCall(
        "Services88", "RefreshFolder", URL, {}, b"", known_secrets=(PASSWORD,)
    )
    for content_type in ("text/xml", "text/xml; charset=utf-8"):
        text = _redact.decode_body(body, content_type)
        assert "bad password" in text
        assert_clean(call.scrub(text), _exchange.excerpt(call, body, content_type))


# --- URLs -----------------------------------------------------------------------------------


def test_safe_url_drops_user_information_and_query_values() -> None:
    url = f"https://admin:{TOKEN}@crm.example.com/t1/Remote/?ticket={TICKET}&x=1#{TOKEN}"
    shown = _redact.safe_url(url)
    assert shown == "https://***@crm.example.com/t1/Remote/?ticket=***&x=***#***"


def test_a_url_with_a_ticket_in_its_query_is_refused_without_echoing_it() -> None:
    url = f"https://crm.example.com/t1/Remote/?ticket={urllib.parse.quote(TICKET)}"
    with pytest.raises(so.UsageError, match="query") as caught:
        so.EMailAgent(url)
    assert_clean(*representations(caught.value))


# --- errors made from an answer ---------------------------------------------------------------


def envelope(body: str) -> bytes:
    return (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
        f"{body}</s:Body></s:Envelope>"
    ).encode()


NS = 'xmlns="http://www.superoffice.net/ws/crm/NetServer/Services88"'
ANSWERS = {
    "fault": envelope(
        f"<s:Fault><faultcode>s:Client</faultcode><faultstring>ticket {escape(TICKET)} "
        f"password {escape(PASSWORD)}</faultstring><detail>{TOKEN}</detail></s:Fault>"
    ),
    "netserver": (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header>'
        f"<Succeeded {NS}>false</Succeeded><ExceptionInfo {NS}><Message>no login for "
        f"{escape(PASSWORD)}</Message><StackTrace>{TICKET}</StackTrace><InnerException>"
        f"<Message>{TOKEN}</Message></InnerException></ExceptionInfo></s:Header><s:Body>"
        f"<RefreshFolderResponse {NS}/></s:Body></s:Envelope>"
    ).encode(),
    "decode": envelope(
        f"<RefreshFolderResponse {NS}><Response>{escape(PASSWORD)}</Response>"
        "</RefreshFolderResponse>"
    ),
    "syntax": envelope(f"<RefreshFolderResponse {NS}><{TOKEN}></RefreshFolderResponse>"),
    "surrogate": envelope(f"<Response>{TOKEN}&#xD800;</Response>"),
}


@pytest.mark.parametrize("status", [200, 500])
@pytest.mark.parametrize("answer", sorted(ANSWERS))
def test_errors_from_an_answer_are_scrubbed_and_carry_no_original(answer: str, status: int) -> None:
    call = _exchange.PreparedCall(
        "Services88",
        "RefreshFolder",
        URL,
        {},
        b"",
        known_secrets=(PASSWORD, TICKET, TOKEN),
    )
    with pytest.raises(so.Error) as caught:
        _exchange.interpret(call, status, {"content-type": "text/xml"}, ANSWERS[answer])
    error = caught.value
    assert error.__context__ is None and error.__cause__ is None, list(chain(error))
    assert_clean(*representations(error))
    if isinstance(error, so.NetServerError):
        assert error.inner is not None
        assert_clean(*representations(error.inner))
