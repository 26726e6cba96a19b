"""Envelope assembly: typed values to SOAP bytes, in two layouts, with lxml element builders.

``documented``: SuperOffice's documentation form, byte for byte: header elements directly
inside ``SOAP-ENV:Envelope`` before the Body, ``xsi:type`` on every body element, one
namespace declaration a line, one space of indentation a level (two in headers), every
element of a value written (``None`` as ``xsi:nil``) except the ``Carrier`` base fields.

``wire``: what goes to a server: headers inside ``SOAP-ENV:Header``, no whitespace, no
``xsi:type``, ``None`` left out where the schema allows it.

Nothing here touches the network.
"""

from __future__ import annotations

import copy
import functools
import sys
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from lxml import etree

from ._config import Layout as Layout
from ._config import check_layout, check_soap
from ._schema import DEFAULT_AGENT, Kind, Node, OperationPlan, Schema, load
from ._wire import SOAP, XSI_NIL, XSI_NS, SoapVersion
from ._xsd import XmlText, unwritable_text
from .errors import BuildError, UsageError

#: indentation levels (a level a value in the body) past which a value tree is refused:
#: real data nests about ten deep; a cycle or a runaway chain would exhaust Python's stack
_MAX_LEVEL = 200
_NIL = {XSI_NIL: "true"}
_INDENTS = tuple("\n" + " " * n for n in range(48))


def _indent(level: int) -> str:
    return _INDENTS[level] if level < len(_INDENTS) else "\n" + " " * level


class _ValueWriter:
    """Writes value trees below a parent element, without whitespace.

    The documented layout's indentation is added afterwards in one pass (``etree.indent``);
    here only an empty container gets its two-line form, which that pass cannot know about.
    ``level`` is an element's nesting depth, used for that and to stop runaway nesting;
    ``step`` is the documented layout's spaces a level (one in the body, two in headers).
    """

    def __init__(
        self, schema: Schema, *, documented: bool, typed: bool, strict: bool, step: int = 1
    ):
        self.schema = schema
        self.documented = documented
        self.typed = typed
        self.strict = strict
        self.step = step

    def write(
        self, parent: etree._Element, node: Node, value: Any, level: int, in_list: bool = False
    ) -> None:
        if value is None:
            self.write_none(parent, node, in_list)
            return
        element = etree.SubElement(parent, node.tag, node.typed_attrib if self.typed else None)
        try:
            if node.encode is not None:  # scalars, enumerations and flags
                element.text = str(value) if type(value) is XmlText else node.encode(value)
            else:
                self.fill(element, node, value, level)
        except BuildError as error:
            error.path.insert(0, node.name)
            raise
        except ValueError as error:  # the codecs' and lxml's own checks
            reason = unwritable_text(value) if isinstance(value, str) else None
            raise BuildError(reason or str(error), [node.name]) from None

    def write_none(self, parent: etree._Element, node: Node, in_list: bool) -> None:
        if self.documented:
            if node.carrier_base and not in_list:
                return  # the documentation leaves the Carrier base fields out
        elif not (node.required or in_list):
            return  # optional: leave it out
        if self.strict and not node.nillable:
            where = "an item of this list" if in_list else "this element"
            raise BuildError(
                f"None cannot be written: {where} is {node.type_ref}, which the schema does not "
                "allow to be nil; give a value"
                + ("" if in_list or not self.documented else " (or use layout='wire')"),
                [node.name],
            )
        element = etree.SubElement(parent, node.tag, _NIL)
        if self.documented:
            element.text = ""  # <X xsi:nil="true"></X>, never self-closed

    def fields(self, parent: etree._Element, value: Any, level: int) -> None:
        """The fields of a model object, in schema order, below ``parent``."""
        write = self.write
        skip_none = not self.documented
        for node in self.schema.class_plan(type(value)).fields:
            field = getattr(value, node.attr)
            if field is None and skip_none and not node.required:
                continue  # the common case of the wire layout, without a call
            write(parent, node, field, level)

    def fill(self, element: etree._Element, node: Node, value: Any, level: int) -> None:
        """The children of a class, array or dictionary value."""
        deeper = level + 1
        if deeper > _MAX_LEVEL:
            raise BuildError(f"values nest deeper than {_MAX_LEVEL} levels (a cycle?)")
        kind = node.kind
        if kind is Kind.CLASS:
            if not isinstance(value, node.python_type):
                raise BuildError(
                    f"expected {self.schema.version} {node.python_type.__name__}, "
                    f"got {versioned_name(type(value))}"
                )
            self.fields(element, value, deeper)
        elif kind is Kind.ARRAY:
            if not isinstance(value, list | tuple):
                raise BuildError(f"expected a list for {node.type_ref}, got {type(value).__name__}")
            item = node.item
            assert item is not None
            position = 0
            try:
                for position, entry in enumerate(value):  # noqa: B007
                    self.write(element, item, entry, deeper, in_list=True)
            except BuildError as error:
                error.path[0] = f"{error.path[0]}[{position}]"
                raise
        else:
            if not isinstance(value, Mapping):
                raise BuildError(f"expected a dict for {node.type_ref}, got {type(value).__name__}")
            key_node, value_node = node.key, node.value
            assert key_node is not None and value_node is not None
            for key, entry in value.items():
                pair = etree.SubElement(element, node.pair_tag)
                self.write(pair, key_node, key, deeper + 1, in_list=True)
                self.write(pair, value_node, entry, deeper + 1, in_list=True)
        if self.documented and not len(element):
            element.text = _indent(level * self.step)  # an empty container spans two lines


@functools.cache
def _value_writer(
    schema: Schema, documented: bool, typed: bool, strict: bool, step: int = 1
) -> _ValueWriter:
    # writers hold no state between calls: one of each kind a schema is enough
    return _ValueWriter(schema, documented=documented, typed=typed, strict=strict, step=step)


def _envelope(schema: Schema, soap: SoapVersion) -> tuple[etree._Element, str]:
    check_soap(soap)
    envelope_ns = SOAP[soap].envelope_ns
    # copying a template is several times faster than declaring seven namespaces anew
    template = _envelope_template(schema, soap)
    return copy.copy(template), envelope_ns


@functools.cache
def _envelope_template(schema: Schema, soap: SoapVersion) -> etree._Element:
    wire = SOAP[soap]
    nsmap = {"SOAP-ENV": wire.envelope_ns, "SOAP-ENC": wire.encoding_ns, "xsi": XSI_NS}
    nsmap.update(documented_declarations(schema.prefixes))
    return etree.Element(f"{{{wire.envelope_ns}}}Envelope", nsmap=nsmap)


def documented_declarations(prefixes: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """The documentation's namespace declarations after ``xsi``, in its order: ``xsd``, the
    numbered prefixes from the second on, then the first (``NetServerServices881``), then the
    agent's own (``EMail``, ``SoPrincipal``)."""
    numbered = sorted(p for key, p in prefixes.items() if key not in ("xs", "tns"))
    ordered = [prefixes["xs"], *numbered[1:], *numbered[:1], prefixes["tns"]]
    return {prefix: namespace for prefix, namespace in ordered}


def _serialize(root: etree._Element, documented: bool) -> bytes:
    body = etree.tostring(root, encoding="utf-8")
    if not documented:
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + body
    # the documentation puts each namespace declaration of the Envelope on a line of its own
    start_end = body.index(b">")
    start = body[:start_end].replace(b" xmlns:", b"\n xmlns:")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + start + body[start_end:] + b"\n"


def write_envelope(
    schema: Schema,
    headers: Iterable[tuple[Node, Any]],
    payload_tag: str,
    payload: Iterable[tuple[Node, Any]],
    *,
    layout: Layout,
    soap: SoapVersion,
    strict: bool,
    request: bool,
) -> bytes:
    """Assemble an envelope: header elements, then the Body with one wrapper element."""
    check_layout(layout)
    documented = layout == "documented"
    root, envelope_ns = _envelope(schema, soap)
    header_writer = _value_writer(schema, documented, False, strict, 2)
    body_writer = _value_writer(schema, documented, documented, strict)
    header_parent = root if documented else etree.SubElement(root, f"{{{envelope_ns}}}Header")
    for node, value in headers:
        header_writer.write(header_parent, node, value, 1)  # two spaces a level
    if not documented and len(header_parent) == 0:
        root.remove(header_parent)
    body = etree.SubElement(root, f"{{{envelope_ns}}}Body")
    wrapper = etree.SubElement(body, payload_tag)
    # documented requests indent the wrapper one space deeper than responses, and end the
    # Body with a blank line
    wrapper_level = 3 if request else 2
    try:
        for node, value in payload:
            body_writer.write(wrapper, node, value, wrapper_level + 1)
    except BuildError as error:
        error.path.insert(0, etree.QName(payload_tag).localname)
        raise
    if documented:
        _documented_whitespace(root, body, wrapper, wrapper_level, request)
    return _serialize(root, documented)


def _documented_whitespace(
    root: etree._Element,
    body: etree._Element,
    wrapper: etree._Element,
    wrapper_level: int,
    request: bool,
) -> None:
    """The documentation's layout: headers two spaces a level, the body one."""
    headers = list(root)[:-1]
    root.text = "\n  " if headers else "\n "
    for header in headers:
        etree.indent(header, space="  ", level=1)
        header.tail = "\n  "
    if headers:
        headers[-1].tail = "\n "
    body.text = _indent(wrapper_level)
    if len(wrapper):
        etree.indent(wrapper, space=" ", level=wrapper_level)
    else:
        wrapper.text = _indent(wrapper_level)
    wrapper.tail = "\n\n " if request else "\n "
    body.tail = "\n"


def request_payload(schema: Schema, operation: str, params: Any, fields: Mapping[str, Any]) -> Any:
    """The request wrapper object: ``params`` as given, or one made from keyword fields."""
    op = schema.operation(operation)
    if params is not None and fields:
        raise UsageError("give the request object or keyword fields, not both")
    if params is None:
        try:
            return op.request(**fields)
        except TypeError:  # only then work out which names were wrong, for the message
            names = {f.name for f in attrs.fields(op.request)}
            unknown = sorted(set(fields) - names)
            if not unknown:
                raise
            raise UsageError(
                f"{schema.label} {operation} has no field {', '.join(map(repr, unknown))}; "
                f"its fields are: {', '.join(sorted(names)) or '(none)'}"
            ) from None
    if not isinstance(params, op.request):
        raise UsageError(
            f"expected {schema.label} {op.request.__name__}, got {versioned_name(type(params))}"
        )
    return params



def versioned_name(cls: type) -> str:
    """A class's name for a type mismatch: a model's with its version (``Services88
    EMailConnectionInfo``), as the same name exists in every version."""
    module = sys.modules.get(cls.__module__)
    version = getattr(module, "VERSION", None)
    if not cls.__module__.startswith("superoffice_email.services.") or version is None:
        return cls.__name__
    agent = getattr(module, "AGENT", "EMail")
    return f"{version} {cls.__name__}" if agent == "EMail" else f"{version} {agent} {cls.__name__}"

def build_request(
    version: str,
    operation: str,
    params: Any = None,
    *,
    application_token: str | None = None,
    ticket: str | None = None,
    time_zone: Any = None,
    layout: Layout = "documented",
    soap: SoapVersion = "1.2",
    agent: str = DEFAULT_AGENT,
    context_identifier: str | None = None,
    **fields: Any,
) -> bytes:
    """The request envelope for one operation, as bytes; nothing is sent.

    ``params`` is the operation's request object (``RefreshFolderRequest``), or give its
    fields as keywords. ``layout="documented"`` writes SuperOffice's documented form;
    ``layout="wire"`` the compact form with a real ``SOAP-ENV:Header`` (``soap`` picks 1.1
    or 1.2). Values the schema forbids (``None`` where nil is not allowed, a number out of
    range, a value of the wrong type) raise :class:`~superoffice_email.BuildError` naming
    the element. ``agent`` names the agent (``"SoPrincipal"``; version ``""`` for
    ``"PartnerSystemUserService"``, whose ``context_identifier`` header names the tenant).
    """
    schema = load(version, agent)
    payload = request_payload(schema, operation, params, fields)
    return write_envelope(
        schema,
        request_headers(schema, application_token, ticket, time_zone, context_identifier),
        schema.operation_plan(operation).request_tag,
        field_values(schema, payload),
        layout=layout,
        soap=soap,
        strict=True,
        request=True,
    )


def request_headers(
    schema: Schema,
    application_token: str | None,
    ticket: str | None,
    time_zone: Any,
    context_identifier: str | None = None,
) -> list[tuple[Node, Any]]:
    """The header values given, for the headers the agent has, in its order."""
    values = {
        "ApplicationToken": application_token,
        "Credentials": None if ticket is None else schema.types["SoCredentials"](ticket=ticket),
        "TimeZone": time_zone,
        "ContextIdentifier": context_identifier,
    }
    return [(h, values[h.name]) for h in schema.request_headers if values.get(h.name) is not None]


def build_response(
    version: str,
    operation: str,
    value: Any = None,
    *,
    succeeded: bool = True,
    exception_info: Any = None,
    extra_info: Mapping[str, str | None] | None = None,
    time_zone: Any = None,
    layout: Layout = "documented",
    soap: SoapVersion = "1.2",
    agent: str = DEFAULT_AGENT,
) -> bytes:
    """The response envelope for one operation, as bytes: for servers, fakes and tests.

    ``value`` is the operation's ``Response`` (ignored for void operations must be None).
    The documented layout writes the response headers only when one is given or
    ``succeeded`` is false, as the documentation shows none; the wire layout always writes
    ``Succeeded``. It writes what it is given, ``xsi:nil`` included, as servers and the
    documentation do; the request builder is the strict one.
    """
    schema = load(version, agent)
    plan = schema.operation_plan(operation)
    payload = response_payload(schema, plan, value)
    if plan.response is None and value is not None:
        raise UsageError(f"{schema.label} {operation} returns nothing; value must be None")
    header_values = {
        "ExceptionInfo": exception_info,
        "ExtraInfo": extra_info,
        "Succeeded": succeeded,
        "TimeZone": time_zone,
    }
    headers = [(h, header_values[h.name]) for h in schema.response_headers]
    headers = [(h, v) for h, v in headers if v is not None]
    if layout == "documented" and succeeded and len(headers) == 1:
        headers = []  # only Succeeded=true: the documented form shows no headers
    return write_envelope(
        schema,
        headers,
        plan.response_tag,
        payload,
        layout=layout,
        soap=soap,
        strict=False,
        request=False,
    )


def response_payload(schema: Schema, plan: OperationPlan, value: Any) -> list[tuple[Node, Any]]:
    """What the response wrapper holds: the ``Response`` element, or (not ``wrapped``) the
    answer's own fields."""
    if plan.response is None:
        return []
    if plan.wrapped:
        return [(plan.response, value)]
    if value is None:
        return []
    if not isinstance(value, plan.response.python_type):
        raise UsageError(
            f"expected {schema.label} {plan.response.python_type.__name__}, "
            f"got {type(value).__name__}"
        )
    return field_values(schema, value)


def field_values(schema: Schema, value: Any) -> list[tuple[Node, Any]]:
    """The fields of a model object with their plans, in schema order: what a wrapper holds."""
    return [(node, getattr(value, node.attr)) for node in schema.class_plan(type(value)).fields]
