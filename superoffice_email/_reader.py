"""Namespace-aware parsing: SOAP bytes to typed values, the mirror image of ``_writer``.

Names are resolved by namespace URI, never by prefix. SOAP 1.1 and 1.2 are both read, header
elements are taken from a real ``Header`` or directly from the ``Envelope`` (the documented
placement), ``xsi:type`` is not needed, unknown elements are skipped (newer servers add
fields) and listed in the result's ``skipped``, and a missing optional element is ``None``.
The parser never loads a DTD, resolves an entity or touches the network.
"""

from __future__ import annotations

import io
import re
from typing import Any, BinaryIO

import attrs
from lxml import etree

from ._faults import netserver_error, soap_fault
from ._readvalues import Document, element_path, readers
from ._schema import Kind, Node, Schema, load
from ._stream import Sink, StreamingParser
from ._wire import SOAP_BY_ENVELOPE_NS, Soap
from .errors import DecodeError, ForbiddenXmlError, ProtocolError, XmlSyntaxError

__all__ = ["element_path"]  # validate's too

_CHUNK = 1 << 20  # bytes read and fed at a time from a file or stream
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*", re.S)


def _parser() -> etree.XMLParser:
    # huge_tree: a 100 MB attachment is one text node; safe because entities stay unresolved
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,
        remove_blank_text=False,
    )


def _utf8(data: str) -> bytes:
    # lxml refuses str with an encoding declaration: re-encode and declare what it is
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", data, count=1).encode("utf-8")


def _refuse_doctype(data: bytes) -> None:
    prolog_end = _PROLOG.match(data)
    rest = data[prolog_end.end() if prolog_end else 0 :]
    if rest[:9].upper() == b"<!DOCTYPE":
        raise ForbiddenXmlError("the document has a DTD (<!DOCTYPE>); DTDs are never loaded")


def parse_xml(data: bytes | str) -> etree._Element:
    """The document element, refusing DTDs and entity declarations before libxml2 sees them."""
    if isinstance(data, str):
        data = _utf8(data)
    _refuse_doctype(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise XmlSyntaxError(f"not well-formed XML: {error}") from None
    return _checked(root)


def _checked(root: etree._Element | None) -> etree._Element:
    if root is None:
        raise XmlSyntaxError("empty document")
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise ForbiddenXmlError("the document has a DTD; DTDs are never loaded")
    return root


@attrs.frozen
class Result:
    """A parsed response: the typed ``Response`` value and the response headers."""

    value: Any
    succeeded: bool
    exception_info: Any = None
    extra_info: dict[str, str | None] | None = None
    time_zone: Any = None
    soap_version: str = "1.2"
    #: elements the models have no field for (a newer server's), as paths without positions
    skipped: tuple[str, ...] = ()

    def raise_for_error(self) -> None:
        """Raise :class:`NetServerError` when NetServer reported a failure."""
        if not self.succeeded or self.exception_info is not None:
            raise netserver_error(self.exception_info)


@attrs.frozen
class ParsedRequest:
    """A parsed request, for the server side: which operation, its fields, its headers."""

    operation: str
    params: Any
    application_token: str | None = attrs.field(default=None, repr=False)
    ticket: str | None = attrs.field(default=None, repr=False)
    time_zone: Any = None
    soap_version: str = "1.2"
    #: elements the models have no field for, as paths without positions
    skipped: tuple[str, ...] = ()


@attrs.frozen(eq=False)
class EnvelopeParts:
    """An envelope taken apart: the one place that knows where headers and the Body sit."""

    soap: Soap
    #: header elements in either placement: inside a SOAP ``Header``, or directly in the
    #: ``Envelope`` (the documented placement), in document order
    headers: list[etree._Element]
    #: those of ``headers`` directly in the ``Envelope``
    loose: list[etree._Element]
    bodies: list[etree._Element]  # one in a valid envelope

    @property
    def payload(self) -> etree._Element | None:
        """The first element in the (first) Body: the operation's wrapper, or a Fault."""
        body = self.bodies[0] if self.bodies else None
        return None if body is None else next((c for c in body if isinstance(c.tag, str)), None)


def split_envelope(root: etree._Element) -> EnvelopeParts:
    """Take an envelope apart; anything but a SOAP 1.1 or 1.2 ``Envelope`` is a ProtocolError."""
    namespace = etree.QName(root).namespace
    soap = SOAP_BY_ENVELOPE_NS.get(namespace or "")
    if etree.QName(root).localname != "Envelope" or soap is None:
        raise ProtocolError(
            f"not a SOAP envelope: the document element is {root.tag!r}", element_path(root)
        )
    header_tag, body_tag = f"{{{namespace}}}Header", f"{{{namespace}}}Body"
    parts = EnvelopeParts(soap, [], [], [])
    for child in root:
        if not isinstance(child.tag, str):
            continue
        if child.tag == header_tag:
            parts.headers.extend(c for c in child if isinstance(c.tag, str))
        elif child.tag == body_tag:
            parts.bodies.append(child)
        else:
            parts.headers.append(child)
            parts.loose.append(child)
    return parts


def _split_envelope(
    root: etree._Element, doc: Document
) -> tuple[str, list[etree._Element], etree._Element]:
    """The SOAP version, the header elements (either placement), and the Body's payload.

    A Fault anywhere in the Body raises :class:`SoapFault`; other elements after the payload
    are recorded in ``doc`` as skipped.
    """
    parts = split_envelope(root)
    if len(parts.bodies) > 1:
        raise ProtocolError("the envelope has two Body elements", element_path(parts.bodies[1]))
    if not parts.bodies:
        raise ProtocolError("the envelope has no Body", element_path(root))
    payload = parts.payload
    if payload is None:
        raise ProtocolError("the Body is empty", element_path(parts.bodies[0]))
    fault_tag = f"{{{parts.soap.envelope_ns}}}Fault"
    for child in parts.bodies[0]:
        if child.tag == fault_tag:
            raise soap_fault(child, parts.soap.envelope_ns)
        if child is not payload:
            doc.skip(child)
    return parts.soap.version, parts.headers, payload


def _check_payload(schema: Schema, payload: etree._Element, tag: str) -> None:
    if payload.tag == tag:
        return
    expected = etree.QName(tag).localname
    name = etree.QName(payload)
    if name.localname == expected:
        raise ProtocolError(
            f"{expected} is in namespace {name.namespace!r}, not {schema.version}'s "
            f"{schema.namespace!r}",
            element_path(payload),
        )
    raise ProtocolError(
        f"expected {expected} of {schema.version}, found {payload.tag!r}", element_path(payload)
    )


def _read_headers(
    version: str, doc: Document, nodes: tuple[Node, ...], elements: list[etree._Element]
) -> dict[str, Any]:
    by_tag = {n.tag: n for n in nodes}
    read = readers(version).node
    values: dict[str, Any] = {}
    for element in elements:
        node = by_tag.get(element.tag)
        if node is None:
            doc.skip(element)  # another party's header (WS-Addressing, diagnostics)
            continue
        if node.name in values:
            raise DecodeError(f"header {node.name} appears twice", element_path(element))
        values[node.name] = read(node)(doc, element, 0)
    return values


def parse_response(
    version: str,
    operation: str,
    data: bytes | str | BinaryIO,
    *,
    sink: Sink | None = None,
) -> Result:
    """Parse the response to ``operation``: its typed ``Response`` value and headers.

    A SOAP Fault raises :class:`SoapFault`; anything that is not the expected envelope
    raises a :class:`ProtocolError` naming the element path. A NetServer failure
    (``Succeeded`` false) is returned, not raised: call ``result.raise_for_error()``.

    ``data`` is the answer, or a binary file or stream to read it from a megabyte at a time.
    With ``sink``, base64 values (an attachment's ``Stream``) are not kept: their bytes are
    decoded as they are read and written to ``sink(owner)``, a writable the callable returns
    for each (``owner``: the ``EMailAttachment`` as far as it has arrived, ``stream`` None;
    None where the value is the ``Response`` itself, as for ``GetEMailAsStream``); in the
    result they are None. Memory then stays independent of the attachments' size. The
    writables are not closed here.
    """
    plan = load(version).operation_plan(operation)  # unknown version, operation: said first
    if sink is None and isinstance(data, bytes | str):
        if plan.response is not None and plan.response.kind is Kind.ARRAY:
            return _list_response(version, operation, data)
        return _response(version, operation, parse_xml(data))
    parser = StreamingParser(version, operation, sink)
    if isinstance(data, str):
        data = _utf8(data)
    if isinstance(data, bytes):
        for start in range(0, len(data), _CHUNK):
            parser.feed(data[start : start + _CHUNK])
    else:
        while chunk := data.read(_CHUNK):
            parser.feed(chunk)
    return _response(version, operation, parser.close())


def parse_streamed(parser: StreamingParser) -> Result:
    """The result of an answer fed to ``parser`` (made with ``streaming_parser``)."""
    return _response(parser.version, parser.operation, parser.close())


def streaming_parser(version: str, operation: str, sink: Sink | None) -> StreamingParser:
    """A parser to feed the answer to ``operation`` as it arrives; see :func:`parse_response`."""
    load(version).operation_plan(operation)
    return StreamingParser(version, operation, sink)


def _list_response(version: str, operation: str, data: bytes | str) -> Result:
    """A Response that is a list, its items mapped as they are parsed and then dropped from
    the tree: memory holds one item's elements at a time, not all (9x the answer for
    GetEMailEnvelopes as a tree; 1.4x this way, in the same time)."""
    plan = load(version).operation_plan(operation)
    node = plan.response
    assert node is not None and node.item is not None
    if isinstance(data, str):
        data = _utf8(data)
    _refuse_doctype(data)
    doc = Document()
    items: list[Any] = []
    read_item = readers(version).node(node.item)
    events = etree.iterparse(
        io.BytesIO(data),
        events=("end",),
        tag=node.item.tag,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
    )
    try:
        for _, element in events:
            parent = element.getparent()
            if parent is None or parent.tag != node.tag:
                continue  # an element of the same name elsewhere: read with the tree
            wrapper = parent.getparent()
            if wrapper is None or wrapper.tag != plan.response_tag:
                continue
            items.append(read_item(doc, element, 1))
            parent.remove(element)  # mapped: its elements are freed
        root = _checked(events.root)
    except etree.XMLSyntaxError as error:
        raise XmlSyntaxError(f"not well-formed XML: {error}") from None
    return _response(version, operation, root, doc, items)


def _response(
    version: str,
    operation: str,
    root: etree._Element,
    doc: Document | None = None,
    items: list[Any] | None = None,
) -> Result:
    """The result from a document element; ``items``: the Response's, mapped already."""
    schema = load(version)
    plan = schema.operation_plan(operation)
    doc = doc or Document()
    soap_version, header_elements, payload = _split_envelope(root, doc)
    _check_payload(schema, payload, plan.response_tag)
    value = None
    node = plan.response
    if node is not None:
        found = [c for c in payload if c.tag == node.tag]
        if len(found) > 1:
            raise DecodeError("Response appears more than once", element_path(found[1]))
        if found:
            value = readers(version).node(node)(doc, found[0], 0)
            if items is not None and value is not None:
                value = items + value  # nothing left to add but what was not an item
        if len(found) != len(payload):
            doc.skip_others(payload, node.tag)
    else:
        doc.skip_others(payload)
    headers = _read_headers(version, doc, schema.response_headers, header_elements)
    exception_info = headers.get("ExceptionInfo")
    succeeded = headers.get("Succeeded")
    return Result(
        value=value,
        succeeded=(exception_info is None) if succeeded is None else succeeded,
        exception_info=exception_info,
        extra_info=headers.get("ExtraInfo"),
        time_zone=headers.get("TimeZone"),
        soap_version=soap_version,
        skipped=tuple(doc.skipped),
    )


def parse_request(version: str, data: bytes | str) -> ParsedRequest:
    """Parse a request envelope (the server side): which operation, its fields, its headers."""
    schema = load(version)
    doc = Document()
    soap_version, header_elements, payload = _split_envelope(parse_xml(data), doc)
    name = etree.QName(payload)
    if name.namespace != schema.namespace:
        raise ProtocolError(
            f"the request is in namespace {name.namespace!r}, not {schema.version}'s "
            f"{schema.namespace!r}",
            element_path(payload),
        )
    op = schema.operations.get(name.localname)
    if op is None:
        raise ProtocolError(
            f"{schema.version} has no operation {name.localname!r}", element_path(payload)
        )
    params = readers(version).fields(op.request)(doc, payload, 0)
    headers = _read_headers(version, doc, schema.request_headers, header_elements)
    credentials = headers.get("Credentials")
    return ParsedRequest(
        operation=op.name,
        params=params,
        application_token=headers.get("ApplicationToken"),
        ticket=credentials.ticket if credentials is not None else None,
        time_zone=headers.get("TimeZone"),
        soap_version=soap_version,
        skipped=tuple(doc.skipped),
    )
