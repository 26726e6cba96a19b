"""assert_envelope_equal, with the documented envelopes in fixtures/docs as golden files.

Equivalent variants are written here by hand (other prefixes, a default namespace, another
layout); changed ones differ in one known place, so the expected diff lines are known too.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import superoffice_email as so
from superoffice_email.testing import _golden, assert_envelope_equal

from .conftest import DOCS, documented, documented_pages

V = "Services86"
GOLDEN = DOCS / V / "GetFolderEMailCount.request.xml"
TICKET = "7T:1234abcxyzExample=="  # what the documented requests carry
TOKEN = "1234567-1234-9876"


def golden() -> bytes:
    return GOLDEN.read_bytes()


def failure(actual: bytes | str, expected: bytes | str | Path, *, exact: bool = False) -> str:
    with pytest.raises(AssertionError) as caught:
        assert_envelope_equal(actual, expected, exact=exact)
    return str(caught.value)


# -- equal ------------------------------------------------------------------------------------


def test_a_golden_file_equals_itself_as_path_bytes_and_text() -> None:
    for form in (GOLDEN, str(GOLDEN), golden(), golden().decode("utf-8")):
        assert_envelope_equal(golden(), form)
        assert_envelope_equal(golden(), form, exact=True)
        assert_envelope_equal(form, golden())


def test_other_prefixes_and_no_layout_whitespace_are_equal() -> None:
    text = golden().decode("utf-8")
    # other prefixes, xsi:type values included, and everything on one line
    renamed = (
        text.replace("EMail:", "mail:")
        .replace("xmlns:EMail=", "xmlns:mail=")
        .replace("SOAP-ENV:", "env:")
        .replace("xmlns:SOAP-ENV=", "xmlns:env=")
        .replace("xsi:", "i:")
        .replace("xmlns:xsi=", "xmlns:i=")
        .replace("xsd:", "xs:")
        .replace("xmlns:xsd=", "xmlns:xs=")
    )
    compact = re.sub(r">\s+<", "><", renamed.replace("\n xmlns:", " xmlns:"))
    compact = compact.replace('<?xml version="1.0" encoding="UTF-8"?>', "").strip()
    assert "EMail:" not in compact
    assert "\n" not in compact
    assert_envelope_equal(compact, golden())
    assert failure(compact, golden(), exact=True).startswith("envelopes differ byte for byte")


def test_default_namespace_and_unprefixed_xsi_type_are_equal() -> None:
    service = "http://www.superoffice.net/ws/crm/NetServer/Services86"
    prefixed = (
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        f'xmlns:x="http://www.w3.org/2001/XMLSchema-instance" xmlns:e="{service}">'
        '<s:Body><e:HasNewMail><e:MailItemId x:type="e:int">1</e:MailItemId></e:HasNewMail>'
        "</s:Body></s:Envelope>"
    )
    default = (
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
        'xmlns:x="http://www.w3.org/2001/XMLSchema-instance">'
        f'<s:Body><HasNewMail xmlns="{service}"><!-- a comment -->'
        '<MailItemId x:type="int">1</MailItemId></HasNewMail></s:Body></s:Envelope>'
    )
    assert_envelope_equal(default, prefixed)
    # the xsi:type value names a type in another namespace: not equal
    other = prefixed.replace('x:type="e:int"', 'x:type="x:int"')
    message = failure(other, prefixed)
    assert '-      <tns:MailItemId xsi:type="tns:int">1</tns:MailItemId>' in message
    assert '+      <tns:MailItemId xsi:type="xsi:int">1</tns:MailItemId>' in message


def test_fault_codes_compare_by_namespace_not_prefix() -> None:
    soap11 = "http://schemas.xmlsoap.org/soap/envelope/"
    one = (
        f'<s:Envelope xmlns:s="{soap11}"><s:Body><s:Fault><faultcode>s:Client</faultcode>'
        "<faultstring>bad</faultstring></s:Fault></s:Body></s:Envelope>"
    )
    other = (
        f'<soap:Envelope xmlns:soap="{soap11}"><soap:Body><soap:Fault>'
        "<faultcode>soap:Client</faultcode><faultstring>bad</faultstring>"
        "</soap:Fault></soap:Body></soap:Envelope>"
    )
    assert_envelope_equal(other, one)
    assert "Server" in failure(one.replace("s:Client", "s:Server"), one)


@pytest.mark.parametrize(("version", "operation"), documented_pages())
def test_documented_examples_against_their_golden_files(version: str, operation: str) -> None:
    for direction in ("request", "response"):
        path = DOCS / version / f"{operation}.{direction}.xml"
        assert_envelope_equal(so.example_envelope(version, operation, direction), path)


# -- different --------------------------------------------------------------------------------


def test_a_changed_value_fails_with_a_unified_diff() -> None:
    changed = golden().replace(
        b'boolean">false</EMail:OnlyUnread>', b'boolean">true</EMail:OnlyUnread>'
    )
    message = failure(changed, GOLDEN)
    assert message.startswith("envelopes differ in canonical form")
    assert "--- golden\n+++ actual\n@@ " in message
    removed = [line for line in message.splitlines() if line.startswith("- ")]
    added = [line for line in message.splitlines() if line.startswith("+ ")]
    assert removed == ['-      <tns:OnlyUnread xsi:type="xsd:boolean">false</tns:OnlyUnread>']
    assert added == ['+      <tns:OnlyUnread xsi:type="xsd:boolean">true</tns:OnlyUnread>']


def test_text_with_content_is_compared_exactly() -> None:
    spaced = golden().replace(b'boolean">false<', b'boolean"> false<')
    assert "OnlyUnread" in failure(spaced, golden())


def test_wire_and_documented_layouts_differ() -> None:
    wire = so.example_envelope(V, "GetFolderEMailCount", layout="wire")
    message = failure(wire, GOLDEN)
    assert "soap12:Header" in message  # the wire form has a SOAP Header


def test_soap_versions_differ() -> None:
    soap11 = so.example_envelope(V, "GetFolderEMailCount", soap="1.1")
    assert "soap11:Envelope" in failure(soap11, GOLDEN)


def test_exact_mode_catches_whitespace() -> None:
    reindented = golden().replace(b"\n  <EMail:Credentials>", b"\n   <EMail:Credentials>")
    assert_envelope_equal(reindented, golden())  # canonically the same
    message = failure(reindented, golden(), exact=True)
    assert "first difference at character" in message and "(line 11)" in message
    # each line is shown as its repr, so the whitespace that differs is visible
    assert "-'  <EMail:Credentials>\\n'" in message
    assert "+'   <EMail:Credentials>\\n'" in message
    trailing = failure(golden() + b"\n", golden(), exact=True)
    assert "+'\\n'" in trailing


def test_a_missing_golden_file_is_named() -> None:
    assert "no-such-file.xml" in failure(golden(), DOCS / "no-such-file.xml")


# -- secrets ----------------------------------------------------------------------------------


def with_password(data: bytes, password: bytes) -> bytes:
    return data.replace(
        b'<EMail:Password xsi:type="xsd:string"></EMail:Password>',
        b'<EMail:Password xsi:type="xsd:string">' + password + b"</EMail:Password>",
    )


@pytest.mark.parametrize("exact", [False, True])
def test_secrets_are_redacted_from_the_diff(exact: bool) -> None:
    secret = b"hunter2-Secret"
    expected = with_password(golden(), secret)
    # changed next to the headers and the password, so they are in the diff's context
    actual = (
        expected.replace(
            b'<EMail:UserName xsi:type="xsd:string"></EMail:UserName>',
            b'<EMail:UserName xsi:type="xsd:string">anna</EMail:UserName>',
        )
        .replace(b"\n  <EMail:Credentials>", b"\n   <EMail:Credentials>")
        .replace(b"<SOAP-ENV:Body>", b'<SOAP-ENV:Body Id="b1">')
    )
    message = failure(actual, expected, exact=exact)
    assert "anna" in message
    assert "Password" in message and "Credentials" in message
    for value in (TICKET, TOKEN, secret.decode()):
        assert value not in message
    assert "***" in message


def test_a_difference_only_in_secrets_says_so_without_showing_them() -> None:
    expected = with_password(golden(), b"first-Secret")
    actual = with_password(golden().replace(TICKET.encode(), b"7T:OtherTicket=="), b"second")
    for exact in (False, True):
        message = failure(actual, expected, exact=exact)
        assert "only inside redacted values" in message
        for value in (TICKET, "7T:OtherTicket==", "first-Secret", "second"):
            assert value not in message


def test_documented_fixture_pairs_are_golden_for_each_other() -> None:
    # the request and the response of one page are different envelopes
    message = failure(documented(V, "HasNewMail", "response"), DOCS / V / "HasNewMail.request.xml")
    assert "HasNewMailResponse" in message and "HasNewMail>" in message


# -- the golden workflow: --superoffice-update-golden ------------------------------------------


@pytest.fixture
def updating() -> Iterator[None]:
    _golden.set_update(True)
    try:
        yield
    finally:
        _golden.set_update(False)


def test_a_missing_golden_file_fails_naming_the_option(tmp_path: Path) -> None:
    message = failure(golden(), tmp_path / "new.xml")
    assert "new.xml" in message and "--superoffice-update-golden" in message
    assert not (tmp_path / "new.xml").exists()


def test_update_creates_a_missing_golden_file_scrubbed(tmp_path: Path, updating: None) -> None:
    target = tmp_path / "sub" / "new.xml"
    actual = with_password(golden(), b"hunter2-Secret")
    assert_envelope_equal(actual, target)
    written = target.read_bytes()
    for value in (TICKET, TOKEN, "hunter2-Secret"):
        assert value.encode() not in written
    assert b"<EMail:Ticket>***</EMail:Ticket>" in written
    assert b"<EMail:ApplicationToken>***</EMail:ApplicationToken>" in written
    # all else byte for byte: the layout and the values that are not secrets
    assert written == actual.replace(TICKET.encode(), b"***").replace(
        TOKEN.encode(), b"***"
    ).replace(b"hunter2-Secret", b"***")
    _golden.set_update(False)
    # the actual envelope, secrets and all, matches its scrubbed golden file, even exactly
    assert_envelope_equal(actual, target)
    assert_envelope_equal(actual, target, exact=True)


def test_a_stale_golden_file_fails_naming_the_option_and_is_rewritten_only_when_asked(
    tmp_path: Path,
) -> None:
    target = tmp_path / "stale.xml"
    target.write_bytes(golden())
    changed = golden().replace(b">false</EMail:OnlyUnread>", b">true</EMail:OnlyUnread>")
    message = failure(changed, target)
    assert "-" in message and "+" in message and "OnlyUnread" in message
    assert "--superoffice-update-golden" in message and "stale.xml" in message
    assert target.read_bytes() == golden()  # untouched
    _golden.set_update(True)
    try:
        assert_envelope_equal(changed, target)
    finally:
        _golden.set_update(False)
    assert b">true</EMail:OnlyUnread>" in target.read_bytes()
    assert TICKET.encode() not in target.read_bytes()
    assert_envelope_equal(changed, target, exact=True)


@pytest.mark.parametrize("direction", ["request", "response"])
@pytest.mark.parametrize("layout", ["documented", "wire"])
def test_golden_files_of_requests_and_responses_in_either_layout(
    tmp_path: Path, updating: None, direction: str, layout: str
) -> None:
    m = so.models(V)
    info = m.EMailConnectionInfo(
        server_name="imap", user_name="u", password="pw-secret-1", folder="INBOX", use_ssl=True
    )
    if direction == "request":
        envelope = so.build_request(
            V, "GetFolderEMailCount", connection_info=info, only_unread=True,
            ticket=TICKET, layout=layout,  # type: ignore[arg-type]
        )
    else:
        envelope = so.build_response(V, "GetFolderEMailCount", 42, layout=layout)  # type: ignore[arg-type]
    target = tmp_path / f"{direction}-{layout}.xml"
    assert_envelope_equal(envelope, target)
    _golden.set_update(False)
    assert_envelope_equal(envelope, target, exact=True)
    assert b"pw-secret-1" not in target.read_bytes() and TICKET.encode() not in target.read_bytes()
    other = envelope.replace(b"42", b"43") if direction == "response" else envelope.replace(
        b"imap", b"pop3"
    )
    assert "--superoffice-update-golden" in failure(other, target)


def test_the_option_through_pytest_itself(tmp_path: Path) -> None:
    test_file = tmp_path / "test_envelope.py"
    test_file.write_text(
        "import superoffice_email as so\n"
        "from superoffice_email.testing import assert_envelope_equal\n"
        "def test_it():\n"
        "    e = so.build_response('Services86', 'GetFolderEMailCount', 7, layout='wire')\n"
        f"    assert_envelope_equal(e, {str(tmp_path / 'golden' / 'count.xml')!r})\n"
    )

    def pytest_run(*options: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options,
             str(test_file)],
            capture_output=True, text=True, cwd=tmp_path,
        )

    first = pytest_run()
    assert first.returncode == 1 and "--superoffice-update-golden" in first.stdout
    assert pytest_run("--superoffice-update-golden").returncode == 0
    assert (tmp_path / "golden" / "count.xml").exists()
    assert pytest_run().returncode == 0
