"""The models are typed as the schema says, read from the WSDLs with lxml, not from our plans.

- an element the schema does not allow to be nil is never ``None`` in its annotation, and its
  default is a value (.NET's default for a missing element), not ``None``;
- an array (a complex type of one repeated element) is ``list[T]`` with items ``T``, default
  ``[]``; a request wrapper's array (a parameter) may also be ``None`` (nil on the wire);
- a nillable element is ``T | None``, default ``None``.
"""

from __future__ import annotations

import datetime
import enum
import importlib
import logging
from pathlib import Path
from typing import Any

import attrs
import pytest
from lxml import etree
from pytest_httpx import HTTPXMock

from codegen import module_name, sources

XS = "{http://www.w3.org/2001/XMLSchema}"
SERVICES = "superoffice_email.services"


class Xsd:
    """The complex types and wrapper elements of one WSDL, as the schema states them."""

    def __init__(self, path: Path) -> None:
        root = etree.parse(str(path)).getroot()
        self.types: dict[tuple[str, str], etree._Element] = {}
        self.wrappers: dict[str, etree._Element] = {}
        for schema in root.iter(f"{XS}schema"):
            target = schema.get("targetNamespace", "")
            for child in schema:
                if child.tag == f"{XS}complexType":
                    self.types[target, child.get("name", "")] = child
                elif child.tag == f"{XS}element":
                    inline = child.find(f"{XS}complexType")
                    if inline is not None:
                        self.wrappers[child.get("name", "")] = inline

    def resolve(self, element: etree._Element) -> tuple[str, str]:
        prefix, _, local = element.get("type", "").rpartition(":")
        return element.nsmap.get(prefix or None, ""), local

    def kind(self, element: etree._Element) -> str:
        """"array", "dictionary" or "other" for the type of an element particle."""
        found = self.types.get(self.resolve(element))
        if found is None:
            return "other"
        if any(e.text == "true" for e in found.iter("{*}IsDictionary")):
            return "dictionary"
        particles = list(found.iter(f"{XS}element"))
        if len(particles) == 1 and particles[0].get("maxOccurs") == "unbounded":
            return "array"
        return "other"

    @staticmethod
    def own_elements(complex_type: etree._Element) -> list[etree._Element]:
        """The element particles a type declares itself (not its base's)."""
        found = []
        for element in complex_type.iter(f"{XS}element"):
            parent = element.getparent()
            if parent is not None and parent.tag == f"{XS}sequence":
                found.append(element)
        return found


#: (generated module, the WSDL it comes from)
MODULES = [(module_name(*key), path) for key, path in sorted(sources().items())]


def _annotation(cls: type, name: str) -> str:
    """A field's annotation as written (a string: the modules postpone annotations), even
    once ``attrs.resolve_types`` has replaced the field's ``type``."""
    for owner in cls.__mro__:
        written = vars(owner).get("__annotations__", {})
        if name in written:
            return str(written[name])
    raise AssertionError(f"{cls.__name__}.{name} has no annotation")


def _check(
    xsd: Xsd, cls: type, complex_type: etree._Element, *, parameter: bool, where: str
) -> int:
    fields = {f.metadata["xml"].name: f for f in attrs.fields(cls) if "xml" in f.metadata}
    checked = 0
    for element in Xsd.own_elements(complex_type):
        field = fields[element.get("name", "")]
        annotation = _annotation(cls, field.name)
        nillable = element.get("nillable") == "true"
        kind = xsd.kind(element)
        what = f"{where}.{element.get('name')}: {annotation}"
        if kind == "array":
            assert annotation.startswith("list["), what
            item = annotation.removesuffix(" | None")
            assert item.endswith("]") and "None" not in item, what  # items are T
            assert annotation.endswith(" | None") == parameter, what
            if not parameter:
                assert field.default == attrs.Factory(list), what
        elif nillable:
            assert annotation.endswith(" | None"), what
            assert field.default is None, what
        else:
            assert "None" not in annotation, what
            assert field.default is not None, what
        checked += 1
    return checked


@pytest.mark.parametrize(("module_name", "path"), MODULES, ids=[m for m, _ in MODULES])
def test_every_field_is_typed_as_its_schema_says(module_name: str, path: Path) -> None:
    module = importlib.import_module(f"{SERVICES}.{module_name}")
    xsd = Xsd(path)
    checked = 0
    for (_, name), complex_type in xsd.types.items():
        cls = module.TYPES.get(name)
        if cls is not None and isinstance(cls, type) and attrs.has(cls):
            checked += _check(xsd, cls, complex_type, parameter=False, where=name)
    for operation in module.OPERATIONS.values():
        wrapper = operation.request_wrapper or operation.name
        if wrapper in xsd.wrappers:
            checked += _check(
                xsd, operation.request, xsd.wrappers[wrapper], parameter=True, where=wrapper
            )
    assert checked > 0


def test_the_defaults_are_what_dotnet_gives_a_missing_element() -> None:
    """Hand-written: .NET's ``default(T)`` for the value types the EMail models hold."""
    from superoffice_email.services import services88 as m
    from superoffice_email.services import services88_soprincipal as p

    envelope = m.EMailEnvelope()
    assert (envelope.server_id, envelope.size) == (0, 0)
    assert envelope.sent == datetime.datetime(1, 1, 1)  # DateTime.MinValue, Kind Unspecified
    assert envelope.priority is m.EMailPriority.NO_PRIORITY  # the enumeration's first value
    assert envelope.flags == m.EMailFlags(0) and not envelope.flags
    assert envelope.to == [] and envelope.subject is None
    assert m.EMailEnvelope().to is not envelope.to  # one list each
    assert m.EMailConnectionInfo().use_ssl is False
    key = p.SignedPublicKey().key  # a struct: its own defaults
    assert isinstance(key, p.DSAParameters) and key.counter == 0 and key.g is None
    assert m.MarkAsReadRequest().read is False
    assert m.MarkAsReadRequest().message_server_ids is None  # a parameter: nil unless given


def test_every_default_is_an_instance_of_its_annotation() -> None:
    from superoffice_email.services import services88 as m

    scalars: dict[str, Any] = {"int": int, "bool": bool, "float": float}
    for cls in m.TYPES.values():
        if not attrs.has(cls):
            continue
        instance = cls()
        for field in attrs.fields(cls):
            value = getattr(instance, field.name)
            if field.type in scalars:
                assert type(value) is scalars[field.type], (cls.__name__, field.name)
            elif field.type == "datetime.datetime":
                assert value == datetime.datetime.min
            elif field.type in m.TYPES and isinstance(m.TYPES[field.type], enum.EnumMeta):
                assert isinstance(value, m.TYPES[field.type]), (cls.__name__, field.name)


# --- reading: what an answer lacks is made good as the types promise, and reported ---------

NS88 = "http://www.superoffice.net/ws/crm/NetServer/Services88"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SUCCEEDED = f'<Succeeded xmlns="{NS88}">true</Succeeded>'
FAILED = (
    f'<Succeeded xmlns="{NS88}">false</Succeeded>'
    f'<ExceptionInfo xmlns="{NS88}"><Message>no</Message></ExceptionInfo>'
)


def _answer(operation: str, body: str, headers: str = SUCCEEDED) -> bytes:
    return (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">'
        f"<s:Header>{headers}</s:Header><s:Body>"
        f'<{operation}Response xmlns="{NS88}" xmlns:i="{XSI}" xmlns:a="{ARR}">{body}'
        f"</{operation}Response></s:Body></s:Envelope>"
    ).encode()


def _parse(operation: str, body: str, headers: str = SUCCEEDED) -> Any:
    import superoffice_email as so

    return so.parse_response("Services88", operation, _answer(operation, body, headers))


ENVELOPES = "Envelope/Body/GetEMailEnvelopesResponse/Response/EMailEnvelope"


def test_a_missing_value_reads_as_dotnet_default_and_is_reported() -> None:
    # an older server's envelope: no Size, Flags, Priority, Sent (nor the 2026-07 fields)
    result = _parse(
        "GetEMailEnvelopes",
        "<Response><EMailEnvelope><ServerId>7</ServerId><Subject>hi</Subject>"
        "</EMailEnvelope></Response>",
    )
    (envelope,) = result.value
    assert (envelope.server_id, envelope.subject) == (7, "hi")
    assert envelope.size == 0 and envelope.sent == datetime.datetime(1, 1, 1)
    assert envelope.flags == type(envelope.flags)(0) and envelope.to == []
    assert result.defaulted == (
        f"{ENVELOPES}/Sent",
        f"{ENVELOPES}/Priority",
        f"{ENVELOPES}/Flags",
        f"{ENVELOPES}/Size",
    )  # schema order, each once; missing nillable ones (Subject, To) are not news
    assert result.skipped == ()


def test_nil_where_the_schema_forbids_it_reads_as_the_default_and_is_reported() -> None:
    result = _parse(
        "GetEMailEnvelopes",
        '<Response><EMailEnvelope><ServerId i:nil="true"/><Sent>2026-01-02T03:04:05Z</Sent>'
        '<Priority>High</Priority><Flags>Seen</Flags><Size>1</Size><To i:nil="true"/>'
        "</EMailEnvelope></Response>",
    )
    (envelope,) = result.value
    assert envelope.server_id == 0 and envelope.to == []
    assert result.defaulted == (f"{ENVELOPES}/ServerId",)  # a nil list is [] and no news


def test_nil_and_missing_lists_read_as_empty() -> None:
    for response in ('<Response i:nil="true"/>', "", "<Response/>"):
        result = _parse("GetEMailEnvelopes", response)
        assert result.value == [] and result.defaulted == ()
    # a list field, nil or missing, in an object
    folder = "<ServerId>1</ServerId><Sent>2026-01-02T03:04:05Z</Sent><Priority>High</Priority>"
    folder += "<Flags/><Size>1</Size>"
    for to in ('<To i:nil="true"/>', "", "<To/>"):
        result = _parse(
            "GetEMailEnvelopes", f"<Response><EMailEnvelope>{folder}{to}</EMailEnvelope></Response>"
        )
        assert result.value[0].to == [] and result.defaulted == ()


def test_a_nil_list_item_is_left_out_and_reported() -> None:
    result = _parse(
        "GetEmailMessageIds",
        '<Response><a:string>1</a:string><a:string i:nil="true"/><a:string>3</a:string>'
        "</Response>",
    )
    assert result.value == ["1", "3"]
    assert result.defaulted == ("Envelope/Body/GetEmailMessageIdsResponse/Response/string",)


def test_succeeded_without_a_response_that_is_not_nillable_is_a_decode_error() -> None:
    import superoffice_email as so

    for body in ("", '<Response i:nil="true"/>'):
        with pytest.raises(so.DecodeError) as caught:
            _parse("RefreshFolder", body)
        assert str(caught.value) == (
            "Envelope/Body/RefreshFolderResponse: RefreshFolder succeeded but no Response: "
            "Services88 declares it xs:int, which is not nillable"
        )
    # a failure carries no Response: returned, for raise_for_error to raise
    failed = _parse("RefreshFolder", "", FAILED)
    assert failed.value is None and failed.succeeded is False
    with pytest.raises(so.NetServerError):
        failed.raise_for_error()
    # nillable Responses and void operations: None, as before
    assert _parse("GetEMailFromId", "").value is None
    assert _parse("MarkAsRead", "").value is None
    assert _parse("RefreshFolder", "<Response>0</Response>").value == 0


def test_a_missing_value_in_a_request_is_reported_too() -> None:
    import superoffice_email as so

    request = (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
        f'<MarkAsRead xmlns="{NS88}"><MessageServerIds xmlns:a="{ARR}"><a:int>1</a:int>'
        "</MessageServerIds></MarkAsRead></s:Body></s:Envelope>"
    ).encode()
    parsed = so.parse_request("Services88", request)
    assert parsed.params.read is False  # what NetServer reads too: the mail marked unread
    assert parsed.defaulted == ("Envelope/Body/MarkAsRead/Read",)


def test_the_agents_log_what_was_defaulted_at_info(
    httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    import superoffice_email as so

    body = "<Response><EMailEnvelope><Subject>s</Subject></EMailEnvelope></Response>"
    older = _answer("GetEMailEnvelopes", body)
    httpx_mock.add_response(content=older, headers={"Content-Type": "text/xml; charset=utf-8"})
    agent = so.EMailAgent("https://host/tenant/Remote/", ticket="7T:x")
    with agent, caplog.at_level(logging.INFO, logger="superoffice_email"):
        (envelope,) = agent.get_email_envelopes(None, [1])
    assert (envelope.subject, envelope.server_id, envelope.size) == ("s", 0, 0)
    fields = ("ServerId", "Sent", "Priority", "Flags", "Size")
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (
            logging.INFO,
            "Services88 GetEMailEnvelopes: the answer lacks values the schema requires (an older "
            "server?) or holds nil list items; read as .NET's defaults, nil items left out: "
            + ", ".join(f"{ENVELOPES}/{name}" for name in fields),
        )
    ]
