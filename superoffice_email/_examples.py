"""The example values SuperOffice's documentation generator shows, for any version.

The rules, read off the documented pages of Services82 and Services86 and the WSDLs:

- strings are empty, numbers 0 (``0.0`` for doubles), booleans false, binary empty,
  enumerations and flags their first value, dateTime one fixed instant per version;
- every array holds one item, every dictionary one pair;
- the ``Carrier`` base fields (``TableRight``, ``FieldProperties``) are left out;
- an element indented ten spaces or more in the documented layout is ``xsi:nil`` unless it
  is an ``xs:string``. That one rule gives every nil the pages show: ``ValueLength`` of a
  ``LocalizedField`` and a ``DuplicatePersonIds`` item deep in ``Send``'s request (requests
  sit one space deeper than responses, so the same element is ``0`` in the response), and
  the recursion of ``SelectableMDOListItem.ChildItems``.
"""

from __future__ import annotations

import datetime
from typing import Any

from ._schema import DEFAULT_AGENT, Kind, Node, Schema, load
from ._wire import SoapVersion
from ._writer import Layout, field_values, request_headers, response_payload, write_envelope
from ._xsd import CODECS
from .errors import UsageError, shown

#: the instant each documented version shows for every dateTime; other versions: the table's
_EXAMPLE_INSTANTS = {
    "Services82": datetime.datetime(2021, 3, 25, 21, 34, 45, tzinfo=datetime.UTC),
    "Services86": CODECS["xs:dateTime"].example,
}

#: indentation from which the generator writes nil for everything but strings
_NIL_FROM_LEVEL = 10

#: the header values every documented request shows
EXAMPLE_APPLICATION_TOKEN = "1234567-1234-9876"
EXAMPLE_TICKET = "7T:1234abcxyzExample=="


def example_value(schema: Schema, node: Node, level: int) -> Any:
    """The documented example value of one element indented ``level`` spaces."""
    if level >= _NIL_FROM_LEVEL and node.type_ref != "xs:string":
        return None
    kind = node.kind
    if kind is Kind.SCALAR:
        example = CODECS[node.type_ref].example
        if node.type_ref == "xs:dateTime":
            return _EXAMPLE_INSTANTS.get(schema.version, example)
        return example
    if kind in (Kind.ENUM, Kind.FLAGS):
        return next(iter(node.python_type))
    if kind is Kind.ARRAY:
        assert node.item is not None
        return [example_value(schema, node.item, level + 1)]
    if kind is Kind.DICT:
        assert node.key is not None and node.value is not None
        key = example_value(schema, node.key, level + 2)
        return {key: example_value(schema, node.value, level + 2)}
    return example_object(schema, node.python_type, level + 1)


def example_object(schema: Schema, cls: type, level: int) -> Any:
    """An instance of a model class filled as the documentation fills it."""
    fields = schema.class_plan(cls).fields
    return cls(**{f.attr: example_value(schema, f, level) for f in fields if not f.carrier_base})


def example_envelope(
    version: str,
    operation: str,
    direction: str = "request",
    *,
    layout: Layout = "documented",
    soap: SoapVersion = "1.2",
    agent: str = DEFAULT_AGENT,
) -> bytes:
    """The envelope SuperOffice's documentation shows for an operation, for any version.

    ``direction`` is ``"request"`` or ``"response"``. In the default documented layout the
    bytes equal the documented example (for the versions that have pages; for the others,
    what the same generator rules give). Like the documentation, the result is not always
    valid against the version's schema: whitespace inside elements of empty content,
    ``xsi:nil`` on elements the schema does not declare nillable, an empty ``ser:duration``.
    ``build_request`` refuses such values; this function reproduces them on purpose.
    ``agent`` names the agent (``"SoPrincipal"``), as for ``build_request``.
    """
    schema = load(version, agent)
    plan = schema.operation_plan(operation)
    if direction == "request":
        request = example_object(schema, plan.request.cls, 4)
        payload = field_values(schema, request)
        headers = request_headers(schema, EXAMPLE_APPLICATION_TOKEN, EXAMPLE_TICKET, None)
        tag = plan.request_tag
    elif direction == "response":
        value = None
        if plan.response is not None:
            value = example_value(schema, plan.response, 3 if plan.wrapped else 2)
        payload = response_payload(schema, plan, value)
        headers = []
        tag = plan.response_tag
    else:
        raise UsageError(f"direction must be 'request' or 'response', not {shown(direction)}")
    return write_envelope(
        schema,
        headers,
        tag,
        payload,
        layout=layout,
        soap=soap,
        strict=False,
        request=direction == "request",
    )
