"""The builders: hand-written expected envelopes, and refusals that name the element."""

from __future__ import annotations

import base64
from typing import Any

import pytest

import superoffice_email as so

m86 = so.models("Services86")

WIRE_11 = (
    b'<?xml version="1.0" encoding="utf-8"?>\n'
    b'<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"'
    b' xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"'
    b' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
    b' xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
    b' xmlns:NetServerServices862="http://schemas.microsoft.com/2003/10/Serialization/Arrays"'
    b' xmlns:NetServerServices861="http://schemas.microsoft.com/2003/10/Serialization/"'
    b' xmlns:EMail="http://www.superoffice.net/ws/crm/NetServer/Services86">'
    b"<SOAP-ENV:Header><EMail:ApplicationToken>app</EMail:ApplicationToken>"
    b"<EMail:Credentials><EMail:Ticket>7T:t</EMail:Ticket></EMail:Credentials>"
    b"</SOAP-ENV:Header><SOAP-ENV:Body><EMail:RefreshFolder><EMail:ConnectionInfo>"
    b"<EMail:ServerName>imap.example.com</EMail:ServerName><EMail:UseSSL>true</EMail:UseSSL>"
    b"</EMail:ConnectionInfo><EMail:Folders><NetServerServices862:string>INBOX"
    b'</NetServerServices862:string><NetServerServices862:string xsi:nil="true"/>'
    b"</EMail:Folders></EMail:RefreshFolder></SOAP-ENV:Body></SOAP-ENV:Envelope>"
)


def test_wire_layout_soap11() -> None:
    info = m86.EMailConnectionInfo(server_name="imap.example.com", use_ssl=True)
    envelope = so.build_request(
        "Services86",
        "RefreshFolder",
        connection_info=info,
        folders=["INBOX", None],
        ticket="7T:t",
        application_token="app",
        layout="wire",
        soap="1.1",
    )
    assert envelope == WIRE_11


def test_wire_layout_soap12_uses_the_12_envelope() -> None:
    envelope = so.build_request("Services86", "GetCurrentAccountId", layout="wire", soap="1.2")
    assert b'xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"' in envelope
    assert b"<SOAP-ENV:Header" not in envelope  # no header values given: no Header


def test_request_object_or_keywords() -> None:
    info = m86.EMailConnectionInfo(
        server_name="s", user_name="u", password="p", folder="f", use_ssl=False
    )
    by_object = so.build_request(
        "Services86", "RefreshFolder", m86.RefreshFolderRequest(connection_info=info, folders=[])
    )
    by_keywords = so.build_request("Services86", "RefreshFolder", connection_info=info, folders=[])
    assert by_object == by_keywords
    with pytest.raises(so.UsageError, match="not both"):
        so.build_request("Services86", "RefreshFolder", m86.RefreshFolderRequest(), folders=["x"])
    with pytest.raises(
        so.UsageError, match="has no field 'folder'; its fields are: connection_info, folders"
    ):
        so.build_request("Services86", "RefreshFolder", folder=["x"])


def test_documented_layout_with_values() -> None:
    envelope = so.build_request(
        "Services86",
        "MarkEmailsAsRead",
        m86.MarkEmailsAsReadRequest(ids=[12, 13], read=True),
        ticket="7T:x",
    )
    text = envelope.decode()
    assert (
        "  <EMail:Credentials>\n    <EMail:Ticket>7T:x</EMail:Ticket>\n  </EMail:Credentials>"
        in text
    )
    assert (
        '    <EMail:Ids xsi:type="NetServerServices862:ArrayOfint">\n'
        '     <NetServerServices862:int xsi:type="xsd:int">12</NetServerServices862:int>\n'
        '     <NetServerServices862:int xsi:type="xsd:int">13</NetServerServices862:int>\n'
        "    </EMail:Ids>\n"
        '    <EMail:Read xsi:type="xsd:boolean">true</EMail:Read>\n'
        "   </EMail:MarkEmailsAsRead>\n\n </SOAP-ENV:Body>"
    ) in text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            # None where the schema does not allow nil: an untyped caller's (mypy says no)
            {"connection_info": m86.EMailConnectionInfo(server_name="s", use_ssl=None)},  # type: ignore[arg-type]
            "RefreshFolder/ConnectionInfo/UseSSL: None cannot be written: this element is "
            "xs:boolean, which the schema does not allow to be nil; give a value (or use "
            "layout='wire')",
        ),
        (
            {"folders": "INBOX"},
            "RefreshFolder/Folders: expected a list for arr:ArrayOfstring, got str",
        ),
        (
            {"connection_info": m86.EMailAddress()},
            "RefreshFolder/ConnectionInfo: expected Services86 EMailConnectionInfo, "
            "got Services86 EMailAddress",
        ),
    ],
)
def test_documented_refusals(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(so.BuildError) as caught:
        so.build_request("Services86", "RefreshFolder", **fields)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("operation", "fields", "message"),
    [
        (
            "MarkEmailsAsRead",
            {"ids": [1, None]},
            "MarkEmailsAsRead/Ids/int[1]: None cannot be written: an item of this list is xs:int",
        ),
        (
            "MarkEmailsAsRead",
            {"ids": [2**31]},
            "MarkEmailsAsRead/Ids/int[0]: 2147483648 is outside xs:int",
        ),
        (
            "MarkEmailsAsRead",
            {"ids": [True]},
            "MarkEmailsAsRead/Ids/int[0]: expected int, got bool True",
        ),
        ("MarkEmailsAsRead", {"read": "yes"}, "MarkEmailsAsRead/Read: expected bool, got str"),
        (
            "FindAddress",
            {"address": "bell\x07"},
            "FindAddress/Address: character '\\x07' at 4 cannot be written in XML",
        ),
    ],
)
def test_wire_refusals(operation: str, fields: dict[str, Any], message: str) -> None:
    with pytest.raises(so.BuildError) as caught:
        so.build_request("Services86", operation, layout="wire", **fields)
    assert message in str(caught.value)


def test_wire_leaves_out_none() -> None:
    envelope = so.build_request(
        "Services86", "RefreshFolder", connection_info=m86.EMailConnectionInfo(), layout="wire"
    )
    # the None texts left out; UseSSL, which the schema does not allow nil, has its value
    assert (
        b"<EMail:ConnectionInfo><EMail:UseSSL>false</EMail:UseSSL></EMail:ConnectionInfo>"
        in envelope
    )
    assert b"Folders" not in envelope  # a list parameter left None


def test_response_headers() -> None:
    info = m86.SoExceptionInfo(message="boom", exception_type="SoException")
    wire = so.build_response(
        "Services86", "RefreshFolder", None, succeeded=False, exception_info=info, layout="wire"
    )
    result = so.parse_response("Services86", "RefreshFolder", wire)
    assert result.succeeded is False and result.exception_info == info
    # only Succeeded=true: the documented form shows no headers at all
    documented = so.build_response("Services86", "RefreshFolder", 5)
    assert b"Succeeded" not in documented
    assert b"<EMail:Succeeded>true</EMail:Succeeded>" in so.build_response(
        "Services86", "RefreshFolder", 5, layout="wire"
    )
    with pytest.raises(so.UsageError, match="returns nothing"):
        so.build_response("Services86", "MarkAsRead", 1)


def test_documented_headers_indent_two_spaces_a_level_empty_containers_too() -> None:
    # the pages show headers two spaces a level (Credentials/Ticket); an empty container keeps
    # its two-line form, its end tag at its own element's indentation, at any depth
    info = m86.SoExceptionInfo(message="x", parameters={})
    envelope = so.build_response(
        "Services86", "GetCurrentAccountId", 0, exception_info=info, extra_info={}
    )
    assert (
        b"  <EMail:ExceptionInfo>\n"
        b"    <EMail:Message>x</EMail:Message>\n"
        b'    <EMail:StackTrace xsi:nil="true"></EMail:StackTrace>\n'
        b'    <EMail:FriendlyText xsi:nil="true"></EMail:FriendlyText>\n'
        b'    <EMail:ExceptionType xsi:nil="true"></EMail:ExceptionType>\n'
        b'    <EMail:Source xsi:nil="true"></EMail:Source>\n'
        b'    <EMail:InnerException xsi:nil="true"></EMail:InnerException>\n'
        b"    <EMail:Parameters>\n"
        b"    </EMail:Parameters>\n"
        b"  </EMail:ExceptionInfo>\n"
        b"  <EMail:ExtraInfo>\n"
        b"  </EMail:ExtraInfo>\n"
        b"  <EMail:Succeeded>true</EMail:Succeeded>\n"
        b" <SOAP-ENV:Body>\n"
    ) in envelope


def test_bad_layout_and_soap() -> None:
    with pytest.raises(so.UsageError, match="layout must be"):
        so.build_request("Services86", "GetCurrentAccountId", layout="pretty")  # type: ignore[arg-type]
    with pytest.raises(so.UsageError, match="soap must be"):
        so.build_request("Services86", "GetCurrentAccountId", soap="1.3")  # type: ignore[arg-type]


TRICKY_TEXT = "a & b < c > d\r\ne\t\"f' ]]> \x7f\x85\u2028 \U0001f600 &amp;"


@pytest.mark.parametrize("layout", ["documented", "wire"])
def test_text_is_escaped_as_lxml_escapes_it(layout: str) -> None:
    # the writer builds no tree: its escaping is held to libxml2's, which serialises the
    # same text in an element of its own
    from lxml import etree

    element = etree.Element("Subject")
    element.text = TRICKY_TEXT
    expected = etree.tostring(element, encoding="utf-8")[len(b"<Subject>") : -len(b"</Subject>")]
    assert expected == (
        b"a &amp; b &lt; c &gt; d&#13;\ne\t\"f' ]]&gt; \x7f\xc2\x85\xe2\x80\xa8 \xf0\x9f\x98\x80 "
        b"&amp;amp;"
    )
    entity = m86.EMailEntity(subject=TRICKY_TEXT, attachments=[m86.EMailAttachment()])
    envelope = so.build_response("Services86", "GetEMailFromId", entity, layout=layout)  # type: ignore[arg-type]
    assert b">" + expected + b"</EMail:Subject>" in envelope
    assert so.parse_response("Services86", "GetEMailFromId", envelope).value.subject == TRICKY_TEXT


@pytest.mark.parametrize("stream", [b"", b"\x00", b"\xff\xfe\xfd", bytes(range(256)) * 300])
def test_base64_is_written_as_b64encode_writes_it(stream: bytes) -> None:
    entity = m86.EMailEntity(attachments=[m86.EMailAttachment(stream=stream)])
    envelope = so.build_response("Services86", "GetEMailFromId", entity, layout="wire")
    expected = base64.b64encode(stream)
    assert b"<EMail:Stream>" + expected + b"</EMail:Stream>" in envelope
    # and the text around it is intact UTF-8 after the bytes spliced in
    assert envelope.decode("utf-8").endswith("</SOAP-ENV:Body></SOAP-ENV:Envelope>")
    assert so.parse_response("Services86", "GetEMailFromId", envelope).value == entity


@pytest.mark.parametrize("bad", ["\x00", "\x0b", "\ud800", "\ufffe", "\uffff"])
def test_text_xml_cannot_carry_is_refused_naming_the_element(bad: str) -> None:
    with pytest.raises(so.BuildError) as caught:
        so.build_request("Services86", "RefreshFolder", folders=["INBOX", f"x{bad}"])
    assert str(caught.value) == (
        f"RefreshFolder/Folders/string[1]: character {bad!r} at 1 cannot be written in XML"
    )


@pytest.mark.parametrize(
    ("agent", "version", "operation", "option"),
    [
        ("SoPrincipal", "Services88", "AuthenticateUsernamePassword", "ticket"),
        ("PartnerSystemUserService", "", "Authenticate", "ticket"),
        ("EMail", "Services88", "RefreshFolder", "context_identifier"),
    ],
)
def test_a_header_the_agent_lacks_is_refused_not_dropped(
    agent: str, version: str, operation: str, option: str
) -> None:
    # SoPrincipal's and the system user service's WSDLs bind no Credentials header, the
    # EMail agent's no ContextIdentifier: a value given for one would vanish without a word
    with pytest.raises(so.UsageError, match=f"no .* header: leave out {option}") as caught:
        options: dict[str, Any] = {option: "7T:never-shown"}
        so.build_request(version, operation, agent=agent, **options)
    assert "never-shown" not in str(caught.value)


def test_a_dictionary_entry_that_cannot_be_written_is_named_by_its_key() -> None:
    # as a list item is named by its position: which of the entries is wrong
    info = m86.SoExceptionInfo(message="x", parameters={"a": "ok", "b": "bad\x00"})
    with pytest.raises(so.BuildError) as caught:
        so.build_response("Services86", "GetCurrentAccountId", 0, exception_info=info)
    assert str(caught.value).startswith(
        "ExceptionInfo/Parameters/SoExceptionInfoParametersKeyValuePair['b']/Value: "
    )
    with pytest.raises(
        so.BuildError, match=r"^ExtraInfo/ExtraInfoNameValuePair\[3\]/Key: expected str"
    ):
        so.build_response(
            "Services86",
            "GetCurrentAccountId",
            0,
            extra_info={3: "x"},  # type: ignore[dict-item]  # what is tested
            layout="wire",
        )
