"""Namespace-aware parsing: SOAP bytes to typed values, the mirror image of ``_writer``.

Names are resolved by namespace URI, never by prefix. SOAP 1.1 and 1.2 are both read, header
elements are taken from a real ``Header`` or directly from the ``Envelope`` (the documented
placement), ``xsi:type`` is not needed, unknown elements are skipped (newer servers add
fields) and listed in the result's ``skipped``, and a missing optional element is ``None``.
The parser never loads a DTD, resolves an entity or touches the network.
"""

from __future__ import annotations

import contextlib
from typing import Any, Generic, TypeVar

import attrs
from lxml import etree

from ._envelope import split_envelope
from ._faults import netserver_error, soap_fault
from ._schema import DEFAULT_AGENT, Kind, Node, Schema, load
from ._wire import XSI_NIL
from ._xml import element_path, parse_xml, shape_path
from .errors import (
    DecodeError,
    ProtocolError,
)

#: values nest about ten deep in practice; recursive types (InnerException, ChildItems) could
#: otherwise take the parser down with Python's recursion limit
MAX_VALUE_DEPTH = 100
_SCALAR_KINDS = (Kind.SCALAR, Kind.ENUM, Kind.FLAGS)
class _ValueReader:
    """Reads values below elements; one per document, as it records what it skipped."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        #: the paths of elements the models have no field for, each once, in document order
        self.skipped: dict[str, None] = {}

    def skip(self, element: etree._Element) -> None:
        if isinstance(element.tag, str):  # comments and processing instructions carry no data
            self.skipped[shape_path(element)] = None

    def skip_others(self, element: etree._Element, *tags: str) -> None:
        """Record the children of ``element`` whose tag is none of ``tags``."""
        for child in element:
            if child.tag not in tags:
                self.skip(child)

    def read(self, node: Node, element: etree._Element, depth: int = 0) -> Any:
        nil = element.get(XSI_NIL)
        if nil is not None and nil.strip() in ("true", "1"):
            return None
        kind = node.kind
        if kind in _SCALAR_KINDS:
            if len(element):
                if any(isinstance(c.tag, str) for c in element):
                    raise DecodeError(
                        f"{node.type_ref} cannot hold elements", element_path(element)
                    )
                text = "".join(str(t) for t in element.itertext())  # text split by comments
            else:
                text = element.text or ""
            assert node.decode is not None
            try:
                return node.decode(text)
            except ValueError as error:
                raise DecodeError(str(error), element_path(element)) from None
        if depth > MAX_VALUE_DEPTH:
            raise DecodeError(
                f"values nest deeper than {MAX_VALUE_DEPTH} levels", element_path(element)
            )
        if kind is Kind.CLASS:
            return self.read_object(node.python_type, element, depth + 1)
        if kind is Kind.ARRAY:
            item = node.item
            assert item is not None
            tag, decode = item.tag, item.decode
            children = [c for c in element if c.tag == tag]
            items: list[Any] | None = None
            # ArrayOfint and the like, in bulk when every item is bare text (no attribute,
            # comment or child: those take the element-by-element path, as do bad values,
            # whose error it names)
            if (
                decode is not None
                and not item.nillable
                and not any(len(c) or c.values() for c in children)
            ):
                with contextlib.suppress(ValueError):
                    items = [decode(c.text or "") for c in children]
            if items is None:
                items = [self.read(item, c, depth + 1) for c in children]
            if len(items) != len(element):  # something else in the list (rare): say what
                self.skip_others(element, tag)
            return items
        key_node, value_node = node.key, node.value
        assert key_node is not None and value_node is not None
        result: dict[Any, Any] = {}
        for pair in element:
            if pair.tag != node.pair_tag:
                self.skip(pair)
                continue
            found: dict[str, Any] = {}
            for child in pair:
                if child.tag == key_node.tag:
                    found["key"] = self.read(key_node, child, depth + 1)
                elif child.tag == value_node.tag:
                    found["value"] = self.read(value_node, child, depth + 1)
                else:
                    self.skip(child)
            if "key" not in found:
                raise DecodeError("dictionary entry without a Key", element_path(pair))
            result[found["key"]] = found.get("value")
        return result

    def read_object(self, cls: type, element: etree._Element, depth: int = 0) -> Any:
        by_tag = self.schema.class_plan(cls).by_tag
        values: dict[str, Any] = {}
        for child in element:
            node = by_tag.get(child.tag)
            if node is None:
                self.skip(child)  # a newer server's field (or a comment, a PI)
                continue
            attr = node.attr
            if attr in values:
                raise DecodeError(f"{node.name} appears more than once", element_path(child))
            # the common leaf, decoded here: a call less per element on the hot path (values()
            # is cheaper than a namespaced get() and empty for nearly every element)
            decode = node.decode
            if (
                decode is not None
                and not len(child)
                and (not child.values() or child.get(XSI_NIL) is None)
            ):
                text = child.text or ""
                if node.type_ref == "xs:base64Binary":
                    # an attachment: free libxml2's copy before decoding, so at most two
                    # copies (text and bytes) are alive at once, not three
                    child.text = None
                try:
                    values[attr] = decode(text)
                except ValueError as error:
                    raise DecodeError(str(error), element_path(child)) from None
            else:
                values[attr] = self.read(node, child, depth)
        return cls(**values)


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
    #: PartnerSystemUserService's ``ContextIdentifier`` header (the tenant)
    context_identifier: str | None = None


def _split_envelope(
    root: etree._Element,
) -> tuple[str, list[etree._Element], etree._Element]:
    """The SOAP version, the header elements (either placement), and the Body's payload."""
    parts = split_envelope(root)
    if parts.problems:
        reason, element = parts.problems[0]
        raise ProtocolError(reason, element_path(element))
    payload = parts.payload
    assert payload is not None  # a sound envelope has one
    if payload.tag == f"{{{parts.soap.envelope_ns}}}Fault":
        raise soap_fault(payload, parts.soap.envelope_ns)
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
    reader: _ValueReader, nodes: tuple[Node, ...], elements: list[etree._Element]
) -> dict[str, Any]:
    by_tag = {n.tag: n for n in nodes}
    values: dict[str, Any] = {}
    for element in elements:
        node = by_tag.get(element.tag)
        if node is None:
            reader.skip(element)  # another party's header (WS-Addressing, diagnostics)
            continue
        if node.name in values:
            raise DecodeError(f"header {node.name} appears twice", element_path(element))
        values[node.name] = reader.read(node, element)
    return values


def parse_response(
    version: str,
    operation: str,
    data: bytes | str,
    *,
    agent: str = DEFAULT_AGENT,
    edition: str | None = None,
) -> Result[Any]:
    """Parse the response to ``operation``: its typed ``Response`` value and headers.

    A SOAP Fault raises :class:`SoapFault`; anything that is not the expected envelope
    raises a :class:`ProtocolError` naming the element path. A NetServer failure
    (``Succeeded`` false) is returned, not raised: call ``result.raise_for_error()``.
    ``agent`` names the agent (``"SoPrincipal"``) and ``edition`` the edition, as for
    :func:`build_request`.
    """
    schema = load(version, agent, edition)
    plan = schema.operation_plan(operation)
    soap_version, header_elements, payload = _split_envelope(parse_xml(data))
    _check_payload(schema, payload, plan.response_tag)
    reader = _ValueReader(schema)
    value = None
    node = plan.response
    if node is not None and not plan.wrapped:  # the wrapper is the answer
        value = reader.read_object(node.python_type, payload)
    elif node is not None:
        found = [c for c in payload if c.tag == node.tag]
        if len(found) > 1:
            raise DecodeError("Response appears more than once", element_path(found[1]))
        if found:
            value = reader.read(node, found[0])
        if value is None and node.kind is Kind.ARRAY:
            value = []  # a nil or missing array is an empty list: the agents promise list[T]
        if len(found) != len(payload):
            reader.skip_others(payload, node.tag)
    else:
        reader.skip_others(payload)
    headers = _read_headers(reader, schema.response_headers, header_elements)
    exception_info = headers.get("ExceptionInfo")
    succeeded = headers.get("Succeeded")
    return Result(
        value=value,
        succeeded=(exception_info is None) if succeeded is None else succeeded,
        exception_info=exception_info,
        extra_info=headers.get("ExtraInfo"),
        time_zone=headers.get("TimeZone"),
        soap_version=soap_version,
        skipped=tuple(reader.skipped),
    )


def parse_request(
    version: str,
    data: bytes | str,
    *,
    agent: str = DEFAULT_AGENT,
    edition: str | None = None,
) -> ParsedRequest:
    """Parse a request envelope (the server side): which operation, its fields, its headers."""
    schema = load(version, agent, edition)
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
    reader = _ValueReader(schema)
    params = reader.read_object(op.request, payload)
    headers = _read_headers(reader, schema.request_headers, header_elements)
    credentials = headers.get("Credentials")
    return ParsedRequest(
        operation=op.name,
        params=params,
        application_token=headers.get("ApplicationToken"),
        ticket=credentials.ticket if credentials is not None else None,
        time_zone=headers.get("TimeZone"),
        soap_version=soap_version,
        skipped=tuple(reader.skipped),
        context_identifier=headers.get("ContextIdentifier"),
    )
