"""Hostile and broken input: a library exception naming what and where, or a correct parse.

Never a resolved entity, a loaded DTD, a file or network access, a hang or a raw lxml error.
"""

from __future__ import annotations

import pytest

import superoffice_email as so

from .conftest import documented

NS = "http://www.superoffice.net/ws/crm/NetServer/Services86"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"


def envelope(payload: str, header: str = "") -> str:
    return (
        f'<s:Envelope xmlns:s="{S11}"><s:Header>{header}</s:Header><s:Body>{payload}</s:Body>'
        "</s:Envelope>"
    )


REFRESH = f'<RefreshFolderResponse xmlns="{NS}"><Response>&x;</Response></RefreshFolderResponse>'

HOSTILE = {
    "xxe": f'<!DOCTYPE s:Envelope [<!ENTITY x SYSTEM "file:///etc/passwd">]>{envelope(REFRESH)}',
    "billion laughs": (
        '<!DOCTYPE s:Envelope [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY x "&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        + envelope(REFRESH)
    ),
    "external dtd": (
        '<!DOCTYPE s:Envelope SYSTEM "http://127.0.0.1:9/evil.dtd">'
        + envelope(REFRESH.replace("&x;", "1"))
    ),
    "parameter entity": (
        '<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM "http://127.0.0.1:9/p.dtd"> %p;]>'
        + envelope(REFRESH.replace("&x;", "1"))
    ),
    "after a comment and a PI": (
        '<?xml version="1.0"?><!-- x --><?pi y?><!DOCTYPE s:Envelope [<!ENTITY x "1">]>'
        + envelope(REFRESH)
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_dtds_and_entities_are_refused(name: str) -> None:
    with pytest.raises(so.ForbiddenXmlError, match="DTD"):
        so.parse_response("Services86", "RefreshFolder", HOSTILE[name].encode())


def test_dtd_in_utf16_is_refused_after_parsing() -> None:
    data = HOSTILE["xxe"].replace("&x;", "1").encode("utf-16")  # the byte check cannot see it
    with pytest.raises(so.ForbiddenXmlError):
        so.parse_response("Services86", "RefreshFolder", data)


def test_undeclared_entity_is_a_syntax_error() -> None:
    with pytest.raises(so.XmlSyntaxError, match="not well-formed"):
        so.parse_response("Services86", "RefreshFolder", envelope(REFRESH).encode())


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (documented("Services86", "GetEMailFromId", "response")[:1500], so.XmlSyntaxError, ""),
        (
            envelope(REFRESH.replace("&x;", "1")).replace(S11, "urn:not-soap").encode(),
            so.ProtocolError,
            "not a SOAP envelope",
        ),
        (
            envelope(f'<Surprise xmlns="{NS}"/>').encode(),
            so.ProtocolError,
            "expected RefreshFolderResponse of Services86, found",
        ),
        (
            envelope(
                f'<GetEMailFromIdResponse xmlns="{NS}"><Response><Sent>yesterday</Sent>'
                "</Response></GetEMailFromIdResponse>"
            ).encode(),
            so.DecodeError,
            "GetEMailFromIdResponse/Response/Sent: 'yesterday' is not an xs:dateTime",
        ),
        (
            envelope(
                f'<GetEMailFromIdResponse xmlns="{NS}"><Response><Size><b>1</b></Size>'
                "</Response></GetEMailFromIdResponse>"
            ).encode(),
            so.DecodeError,
            "Response/Size: xs:int cannot hold elements",
        ),
        (
            envelope(
                f'<GetEMailFromIdResponse xmlns="{NS}"><Response><Sent>2021-13-01T00:00:00</Sent>'
                "</Response></GetEMailFromIdResponse>"
            ).encode(),
            so.DecodeError,
            "not a valid xs:dateTime",
        ),
    ],
)
def test_malformed(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        so.parse_response("Services86", data_operation(data), data)
    assert message in str(caught.value)


def data_operation(data: bytes) -> str:
    return "GetEMailFromId" if b"GetEMailFromId" in data else "RefreshFolder"


def test_nesting_10000_deep_is_refused() -> None:
    deep = "<x>" * 10_000 + "</x>" * 10_000
    data = envelope(f'<RefreshFolderResponse xmlns="{NS}">{deep}</RefreshFolderResponse>')
    with pytest.raises(so.XmlSyntaxError, match="depth"):
        so.parse_response("Services86", "RefreshFolder", data.encode())


def test_recursive_types_deeper_than_the_limit() -> None:
    # deep enough to exhaust Python's stack, shallow enough for libxml2
    inner = "<InnerException>" * 1500 + "</InnerException>" * 1500
    header = f'<ExceptionInfo xmlns="{NS}">{inner}</ExceptionInfo>'
    data = envelope(f'<RefreshFolderResponse xmlns="{NS}"/>', header)
    with pytest.raises(so.DecodeError, match="nest deeper than 100 levels") as caught:
        so.parse_response("Services86", "RefreshFolder", data.encode())
    assert "more)..." in str(caught.value)  # the path is shortened, not 1,500 steps long


def test_a_cycle_is_refused_when_building() -> None:
    m = so.models("Services86")
    info = m.SoExceptionInfo(message="loop")
    info.inner_exception = info
    with pytest.raises(so.BuildError, match="nest deeper"):
        so.build_response("Services86", "RefreshFolder", 1, exception_info=info)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),  # UTF-8 BOM
        lambda text: text.encode("utf-16"),  # with its BOM
        lambda text: text.replace('encoding="utf-8"', 'encoding="ISO-8859-1"').encode("latin-1"),
        lambda text: text.replace('encoding="utf-8"', 'encoding="windows-1252"').encode("cp1252"),
    ],
    ids=["utf-8", "utf-8 bom", "utf-16", "latin-1", "cp1252"],
)
def test_encodings(encode: object) -> None:
    text = '<?xml version="1.0" encoding="utf-8"?>' + envelope(
        f'<GetFolderListResponse xmlns="{NS}"><Response><string xmlns='
        '"http://schemas.microsoft.com/2003/10/Serialization/Arrays">Blåbær Ørjan é</string>'
        "</Response></GetFolderListResponse>"
    )
    if "utf-16" in repr(encode):
        text = text.replace('encoding="utf-8"', 'encoding="utf-16"')
    data = encode(text)  # type: ignore[operator]
    result = so.parse_response("Services86", "GetFolderList", data)
    assert result.value == ["Blåbær Ørjan é"]


def test_str_input() -> None:
    text = envelope(REFRESH.replace("&x;", "5"))
    assert so.parse_response("Services86", "RefreshFolder", text).value == 5


def test_empty_input() -> None:
    with pytest.raises(so.XmlSyntaxError):
        so.parse_response("Services86", "RefreshFolder", b"")
