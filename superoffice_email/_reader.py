"""Namespace-aware parsing: SOAP bytes to typed values, the mirror image of ``_writer``.

Names are resolved by namespace URI, never by prefix. SOAP 1.1 and 1.2 are both read, header
elements are taken from a real ``Header`` or directly from the ``Envelope`` (the documented
placement), ``xsi:type`` is not needed, unknown elements are skipped (newer servers add
fields) and listed in the result's ``skipped``, and a missing optional element is ``None``.
A missing element the schema requires a value for, a nil one where it does not allow nil
and a nil list item are made good as the models' types promise (.NET's default; left out)
and listed in the result's ``defaulted``; a nil or missing list is ``[]``.
The parser never loads a DTD, resolves an entity or touches the network.

The values are read by :mod:`._readvalues` (a function a node); an answer with a sink, or
given as a file or stream, goes through :mod:`._stream`; the items of a list answer given as
bytes, where they are in WCF's layout, are read from the bytes by :mod:`._scan`.
"""

from __future__ import annotations

from typing import Any, BinaryIO, Generic, TypeVar

import attrs
from lxml import etree

from ._bounded import chunks, read_bounded
from ._envelope import split_envelope
from ._faults import netserver_error, soap_fault
from ._readvalues import Document, readers
from ._schema import DEFAULT_AGENT, Kind, Node, OperationPlan, Schema, load
from ._stream import Sink, StreamingParser, carries_base64
from ._xml import document_bytes, element_path, parse_xml, refuse_doctype
from .errors import DecodeError, ProtocolError, UsageError

__all__ = ["element_path"]  # validate's too

#: the type of a Result's value: the operation's ``Response``
T = TypeVar("T")


@attrs.frozen
class Result(Generic[T]):
    """A parsed response: the typed ``Response`` value and the response headers.

    ``Result[EMailEntity | None]`` where the operation is known statically
    (``operations("Services88").GetEMailFromId.parse_response(data)``), ``Result[Any]`` from
    ``parse_response(version, "GetEMailFromId", data)``. The value is as typed when
    ``succeeded``; after a NetServer failure it is what the answer held (usually None).
    """

    value: T
    succeeded: bool
    exception_info: Any = None
    extra_info: dict[str, str | None] | None = None
    time_zone: Any = None
    soap_version: str = "1.2"
    #: elements the models have no field for (a newer server's), as paths without positions
    skipped: tuple[str, ...] = ()
    #: elements read as .NET's default because the answer lacks them (an older server's) or
    #: holds nil where the schema does not allow it, and nil list items left out; paths
    #: without positions, as in ``skipped``
    defaulted: tuple[str, ...] = ()

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
    #: elements read as .NET's default, and nil list items left out, as in ``Result``
    defaulted: tuple[str, ...] = ()
    #: PartnerSystemUserService's ``ContextIdentifier`` header (the tenant)
    context_identifier: str | None = None


def _split_envelope(root: etree._Element) -> tuple[str, list[etree._Element], etree._Element]:
    """The SOAP version, the header elements (either placement), and the Body's payload.

    A Fault anywhere in the Body raises :class:`SoapFault`; any break of SOAP's structure is
    a ProtocolError naming the first (the judgement ``validate`` makes: more than one element
    in the Body too, so nothing after the payload goes unread without a word).
    """
    parts = split_envelope(root)
    if parts.bodies:
        fault_tag = f"{{{parts.soap.envelope_ns}}}Fault"
        for child in parts.bodies[0]:
            if child.tag == fault_tag:
                raise soap_fault(child, parts.soap.envelope_ns)
    if parts.problems:
        reason, element = parts.problems[0]
        raise ProtocolError(reason, element_path(element))
    payload = parts.payload
    assert payload is not None  # a sound envelope has one
    return parts.soap.version, parts.headers, payload


def _check_payload(schema: Schema, payload: etree._Element, tag: str) -> None:
    if payload.tag == tag:
        return
    expected = etree.QName(tag).localname
    name = etree.QName(payload)
    if name.localname == expected:
        raise ProtocolError(
            f"{expected} is in namespace {name.namespace!r}, not {schema.label}'s "
            f"{schema.namespace!r}",
            element_path(payload),
        )
    raise ProtocolError(
        f"expected {expected} of {schema.label}, found {payload.tag!r}", element_path(payload)
    )


def _read_headers(
    schema: Schema, doc: Document, nodes: tuple[Node, ...], elements: list[etree._Element]
) -> dict[str, Any]:
    by_tag = {n.tag: n for n in nodes}
    read = readers(schema).node
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
    agent: str = DEFAULT_AGENT,
    edition: str | None = None,
    sink: Sink | None = None,
) -> Result[Any]:
    """Parse the response to ``operation``: its typed ``Response`` value and headers.

    A SOAP Fault raises :class:`SoapFault`; anything that is not the expected envelope
    raises a :class:`ProtocolError` naming the element path. A NetServer failure
    (``Succeeded`` false) is returned, not raised: call ``result.raise_for_error()``.
    ``agent`` names the agent (``"SoPrincipal"``) and ``edition`` the edition, as for
    :func:`build_request`.

    ``data`` is the answer, or a binary file or stream to read it from a megabyte at a time.
    With ``sink``, base64 values (an attachment's ``Stream``) are not kept: their bytes are
    decoded as they are read and written to ``sink(owner)``, a writable the callable returns
    for each (``owner``: the ``EMailAttachment`` as far as it has arrived, ``stream`` None;
    None where the value is the ``Response`` itself, as for ``GetEMailAsStream``); in the
    result they are None. Memory then stays independent of the attachments' size. The
    writables are not closed here. A file that ``open`` returned is written from a thread of
    the library's own, a few slices behind the decoding (so the disk's time overlaps it),
    where a value is more than one slice (a MiB of base64 text, 768 KiB), every write done
    before this returns or raises; any other writable is called here.
    """
    schema = load(version, agent, edition)
    plan = schema.operation_plan(operation)  # unknown version, operation: said first
    stream = not isinstance(data, bytes | bytearray | memoryview | str) and hasattr(data, "read")
    source: Any = _Checked(data) if stream else document_bytes(data)  # type: ignore[arg-type]
    if sink is None and not carries_base64(schema, operation):
        doc = Document()
        return _response(schema, plan, read_bounded(source, schema, plan, doc), doc)
    # a sink, or base64 values: their text decoded as it arrives, never held whole (without
    # a sink, into the value as bytes)
    parser = StreamingParser(schema, operation, sink, collect=True)
    for chunk in chunks(source):
        parser.feed(chunk)
    return _response(schema, plan, parser.close(), parser.doc)


class _Checked:
    """A binary stream as the parsers read it, its first bytes checked for a DTD and every
    read for being bytes."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.first = True

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        if not isinstance(chunk, bytes):
            raise UsageError(f"data must be a binary stream, read gave {type(chunk).__name__}")
        if self.first:
            head = chunk + self.stream.read(4096) if len(chunk) < 4096 else chunk
            self.first = False
            refuse_doctype(head)
            return head
        return chunk


def parse_streamed(parser: StreamingParser) -> Result[Any]:
    """The result of an answer fed to ``parser`` (made with ``streaming_parser``)."""
    schema = parser.schema
    return _response(schema, schema.operation_plan(parser.operation), parser.close(), parser.doc)


def streaming_parser(
    version: str, operation: str, sink: Sink | None, *, agent: str = DEFAULT_AGENT
) -> StreamingParser:
    """A parser to feed the answer to ``operation`` as it arrives; see :func:`parse_response`."""
    schema = load(version, agent)
    schema.operation_plan(operation)
    return StreamingParser(schema, operation, sink)


def _response(
    schema: Schema,
    plan: OperationPlan,
    root: etree._Element,
    doc: Document | None = None,
) -> Result[Any]:
    """The result from a document element (what ``read_bounded`` left of it, or a tree)."""
    doc = doc or Document()
    soap_version, header_elements, payload = _split_envelope(root)
    _check_payload(schema, payload, plan.response_tag)
    value = None
    node = plan.response
    if node is not None and not plan.wrapped:  # the wrapper is the answer
        value = readers(schema).fields(node.python_type)(doc, payload, 0)
    elif node is not None:
        found = [c for c in payload if c.tag == node.tag]
        if len(found) > 1:
            raise DecodeError("Response appears more than once", element_path(found[1]))
        if found:
            value = readers(schema).node(node)(doc, found[0], 0)
        if value is None and node.kind is Kind.ARRAY:
            value = []  # a nil or missing array is an empty list: the agents promise list[T]
        if len(found) != len(payload):
            doc.skip_others(payload, node.tag)
    else:
        doc.skip_others(payload)
    headers = _read_headers(schema, doc, schema.response_headers, header_elements)
    exception_info = headers.get("ExceptionInfo")
    succeeded = headers.get("Succeeded")
    succeeded = (exception_info is None) if succeeded is None else succeeded
    if value is None and succeeded and node is not None and not node.nillable:
        # the method's type promises a value: None would break the caller far from here
        raise DecodeError(
            f"{plan.name} succeeded but no Response: {schema.label} declares it "
            f"{node.type_ref}, which is not nillable",
            element_path(payload),
        )
    return Result(
        value=value,
        succeeded=succeeded,
        exception_info=exception_info,
        extra_info=headers.get("ExtraInfo"),
        time_zone=headers.get("TimeZone"),
        soap_version=soap_version,
        # the payload's first, then the headers', each part in document order (as a tree is
        # read; the streaming reader meets the headers first)
        skipped=tuple(sorted(doc.skipped, key=lambda path: not path.startswith(_BODY_PATH))),
        defaulted=tuple(sorted(doc.defaulted, key=lambda path: not path.startswith(_BODY_PATH))),
    )


_BODY_PATH = "Envelope/Body/"


def parse_request(
    version: str,
    data: bytes | str,
    *,
    agent: str = DEFAULT_AGENT,
    edition: str | None = None,
) -> ParsedRequest:
    """Parse a request envelope (the server side): which operation, its fields, its headers."""
    schema = load(version, agent, edition)
    doc = Document()
    soap_version, header_elements, payload = _split_envelope(parse_xml(data))
    name = etree.QName(payload)
    if name.namespace != schema.namespace:
        raise ProtocolError(
            f"the request is in namespace {name.namespace!r}, not {schema.label}'s "
            f"{schema.namespace!r}",
            element_path(payload),
        )
    op = schema.operations_by_tag.get(payload.tag)
    if op is None:
        raise ProtocolError(
            f"{schema.label} has no operation {name.localname!r}", element_path(payload)
        )
    params = readers(schema).fields(op.request)(doc, payload, 0)
    headers = _read_headers(schema, doc, schema.request_headers, header_elements)
    credentials = headers.get("Credentials")
    return ParsedRequest(
        operation=op.name,
        params=params,
        application_token=headers.get("ApplicationToken"),
        ticket=credentials.ticket if credentials is not None else None,
        time_zone=headers.get("TimeZone"),
        soap_version=soap_version,
        skipped=tuple(doc.skipped),
        defaulted=tuple(doc.defaulted),
        context_identifier=headers.get("ContextIdentifier"),
    )
