"""Envelope assembly: typed values to SOAP bytes, in two layouts, written directly as bytes.

``documented``: SuperOffice's documentation form, byte for byte: header elements directly
inside ``SOAP-ENV:Envelope`` before the Body, ``xsi:type`` on every body element, one
namespace declaration a line, one space of indentation a level (two in headers), every
element of a value written (``None`` as ``xsi:nil``) except the ``Carrier`` base fields.

``wire``: what goes to a server: headers inside ``SOAP-ENV:Header``, no whitespace, no
``xsi:type``, ``None`` left out where the schema allows it.

Values are written as text by :mod:`._emit`, without an XML tree; base64 goes into the
output as bytes. The bytes are those lxml serialises for the same tree (the tests hold them
to the documented envelopes, zeep and the schema). Nothing here touches the network.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ._config import Layout as Layout
from ._config import check_layout, check_soap
from ._emit import Out, ValueWriter, indent, qname, versioned_name
from ._schema import DEFAULT_AGENT, Node, OperationPlan, Schema, load
from ._wire import SOAP, XSI_NS, SoapVersion
from .errors import BuildError, UsageError


@functools.cache
def _value_writer(
    schema: Schema, documented: bool, typed: bool, strict: bool, step: int = 1
) -> ValueWriter:
    # writers keep no state of a call (only markup cached by node): one a kind is enough
    return ValueWriter(schema, documented=documented, typed=typed, strict=strict, step=step)


def documented_declarations(prefixes: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """The documentation's namespace declarations after ``xsi``, in its order: ``xsd``, the
    numbered prefixes from the second on, then the first (``NetServerServices881``), then the
    agent's own (``EMail``, ``SoPrincipal``)."""
    numbered = sorted(p for key, p in prefixes.items() if key not in ("xs", "tns"))
    ordered = [prefixes["xs"], *numbered[1:], *numbered[:1], prefixes["tns"]]
    return {prefix: namespace for prefix, namespace in ordered}


@functools.cache
def _envelope_start(schema: Schema, soap: SoapVersion, documented: bool) -> str:
    """The XML declaration and the Envelope's start tag with its namespace declarations."""
    wire = SOAP[soap]
    namespaces = {"SOAP-ENV": wire.envelope_ns, "SOAP-ENC": wire.encoding_ns, "xsi": XSI_NS}
    namespaces.update(documented_declarations(schema.prefixes))
    # the documentation puts each namespace declaration on a line of its own
    space = "\n " if documented else " "
    declarations = "".join(f'{space}xmlns:{p}="{n}"' for p, n in namespaces.items())
    declaration = "UTF-8" if documented else "utf-8"
    return f'<?xml version="1.0" encoding="{declaration}"?>\n<SOAP-ENV:Envelope{declarations}>'


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
    check_soap(soap)
    documented = layout == "documented"
    out = Out()
    parts = out.parts
    parts.append(_envelope_start(schema, soap, documented))
    header_writer = _value_writer(schema, documented, False, strict, 2)
    body_writer = _value_writer(schema, documented, documented, strict)
    if not documented:
        parts.append("<SOAP-ENV:Header>")
    start = len(parts)
    for node, value in headers:
        header_writer.write(out, node, value, 1, 0)  # two spaces a level
    if not documented:
        if out.chunks or len(parts) > start:
            parts.append("</SOAP-ENV:Header>")
        else:
            parts.pop()  # no header written: no Header element
    wrapper = qname(schema, payload_tag)
    # documented requests indent the wrapper one space deeper than responses, and end the
    # Body with a blank line
    wrapper_level = 3 if request else 2
    if documented:
        parts.append(f"\n <SOAP-ENV:Body>{indent(wrapper_level)}<{wrapper}>")
    else:
        parts.append(f"<SOAP-ENV:Body><{wrapper}>")
    start = len(parts)
    chunks = len(out.chunks)
    try:
        for node, value in payload:
            body_writer.write(out, node, value, wrapper_level + 1, 0)
    except BuildError as error:
        error.path.insert(0, payload_tag.rpartition("}")[2])
        raise
    if documented:
        parts.append(indent(wrapper_level) + f"</{wrapper}>")
        blank = "\n" if request else ""
        parts.append(f"\n{blank} </SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n")
    else:
        if len(parts) == start and len(out.chunks) == chunks:
            parts[-1] = f"<SOAP-ENV:Body><{wrapper}/>"  # nothing in the wrapper
        else:
            parts.append(f"</{wrapper}>")
        parts.append("</SOAP-ENV:Body></SOAP-ENV:Envelope>")
    return out.getvalue()


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
    edition: str | None = None,
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
    ``edition`` (``"2021-03"``) writes only what that edition of the version had.
    """
    schema = load(version, agent, edition)
    payload = request_payload(schema, operation, params, fields)
    _refuse_unused_headers(
        schema,
        ticket=ticket,
        application_token=application_token,
        time_zone=time_zone,
        context_identifier=context_identifier,
    )
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


_HEADER_OF = {
    "ticket": "Credentials",
    "application_token": "ApplicationToken",
    "time_zone": "TimeZone",
    "context_identifier": "ContextIdentifier",
}


def _refuse_unused_headers(schema: Schema, **given: Any) -> None:
    """A header value for a header the agent's requests lack would be dropped without a word
    (SoPrincipal takes no ticket): a UsageError instead, naming the option, never its value."""
    known = {h.name for h in schema.request_headers}
    if "SoCredentials" not in schema.types:
        known.discard("Credentials")
    for option, value in given.items():
        if value is not None and _HEADER_OF[option] not in known:
            raise UsageError(
                f"the {schema.label} agent's requests have no {_HEADER_OF[option]} header: "
                f"leave out {option}"
            )


def request_headers(
    schema: Schema,
    application_token: str | None,
    ticket: str | None,
    time_zone: Any,
    context_identifier: str | None = None,
) -> list[tuple[Node, Any]]:
    """The header values given, for the headers the agent has, in its order."""
    credentials = schema.types.get("SoCredentials")  # None: the agent takes no ticket
    values = {
        "ApplicationToken": application_token,
        "Credentials": None if ticket is None or not credentials else credentials(ticket=ticket),
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
    edition: str | None = None,
) -> bytes:
    """The response envelope for one operation, as bytes: for servers, fakes and tests.

    ``value`` is the operation's ``Response`` (ignored for void operations must be None).
    The documented layout writes the response headers only when one is given or
    ``succeeded`` is false, as the documentation shows none; the wire layout always writes
    ``Succeeded``. It writes what it is given, ``xsi:nil`` included, as servers and the
    documentation do; the request builder is the strict one.
    """
    schema = load(version, agent, edition)
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
            f"got {versioned_name(type(value))}"
        )
    return field_values(schema, value)


def field_values(schema: Schema, value: Any) -> list[tuple[Node, Any]]:
    """The fields of a model object with their plans, in schema order: what a wrapper holds."""
    return [(node, getattr(value, node.attr)) for node in schema.class_plan(type(value)).fields]
