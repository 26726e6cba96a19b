"""The example values SuperOffice's documentation generator shows, for any version.

The rules, read off the documented pages of Services82 and Services86 and the WSDLs:

- strings are empty, numbers 0 (``0.0`` for doubles), booleans false, binary empty,
  enumerations and flags their first value, durations empty, dateTime the page's instant;
- every array holds one item, every dictionary one pair;
- the ``Carrier`` base fields (``TableRight``, ``FieldProperties``) are left out;
- an element indented ten spaces or more in the documented layout is ``xsi:nil`` unless it
  is an ``xs:string``. That one rule gives every nil the pages show: ``ValueLength`` of a
  ``LocalizedField`` and a ``DuplicatePersonIds`` item deep in ``Send``'s request (requests
  sit one space deeper than responses, so the same element is ``0`` in the response), and
  the recursion of ``SelectableMDOListItem.ChildItems``.

Each edition of the documentation is reproduced from its own types (``load(version,
agent, edition)``) and its own instants (``services/instants.json``, generated from the
instants extracted from the pages): a page's instant where it differs from its agent's main
one, else that main instant. An edition without pages (2023-03, 2026-07) takes the instants of
the newest edition before it that has pages; a version without any (Services73) the table's.
"""

from __future__ import annotations

import datetime
import functools
import importlib.resources
import json
from typing import Any

from ._schema import DEFAULT_AGENT, Kind, Node, Schema, load
from ._wire import SoapVersion
from ._writer import Layout, field_values, request_headers, response_payload, write_envelope
from ._xsd import CODECS
from .errors import UsageError, shown

#: indentation from which the generator writes nil for everything but strings
_NIL_FROM_LEVEL = 10

#: the header values every documented request shows
EXAMPLE_APPLICATION_TOKEN = "1234567-1234-9876"
EXAMPLE_TICKET = "7T:1234abcxyzExample=="


@functools.cache
def _instants() -> dict[str, Any]:
    # read on the first example that asks: neither the import nor other calls pay for it
    resource = importlib.resources.files("superoffice_email.services") / "instants.json"
    editions: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))["editions"]
    return editions


def example_instant(schema: Schema, operation: str) -> datetime.datetime:
    """The instant the documentation shows on the page of ``operation`` in ``schema``'s edition."""
    table = _instants()
    edition = schema.edition or (schema.editions[-1] if schema.editions else "")
    paged = sorted(e for e, versions in table.items() if schema.version in versions)
    if not paged:
        example: datetime.datetime = CODECS["xs:dateTime"].example
        return example
    earlier = [e for e in paged if e <= edition]
    scope = table[earlier[-1] if earlier else paged[0]][schema.version]
    pages = scope["agents"].get(schema.agent)
    text = scope["main"] if pages is None else pages["pages"].get(operation, pages["main"])
    return datetime.datetime.fromisoformat(text)


def example_value(
    schema: Schema, node: Node, level: int, instant: datetime.datetime | None = None
) -> Any:
    """The documented example value of one element indented ``level`` spaces; ``instant``
    for every dateTime (None: the table's)."""
    if level >= _NIL_FROM_LEVEL and node.type_ref != "xs:string":
        return None
    kind = node.kind
    if kind is Kind.SCALAR:
        if node.type_ref == "xs:dateTime" and instant is not None:
            return instant
        return CODECS[node.type_ref].example
    if kind in (Kind.ENUM, Kind.FLAGS):
        return next(iter(node.python_type))
    if kind is Kind.ARRAY:
        assert node.item is not None
        return [example_value(schema, node.item, level + 1, instant)]
    if kind is Kind.DICT:
        assert node.key is not None and node.value is not None
        key = example_value(schema, node.key, level + 2, instant)
        return {key: example_value(schema, node.value, level + 2, instant)}
    return example_object(schema, node.python_type, level + 1, instant)


def example_object(
    schema: Schema, cls: type, level: int, instant: datetime.datetime | None = None
) -> Any:
    """An instance of a model class filled as the documentation fills it."""
    fields = schema.class_plan(cls).fields
    return cls(
        **{
            f.attr: example_value(schema, f, level, instant)
            for f in fields
            if not f.carrier_base
        }
    )


def example_envelope(
    version: str,
    operation: str,
    direction: str = "request",
    *,
    edition: str | None = None,
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

    ``edition`` (``"2021-03"``) reproduces that edition of the documentation: its types
    (only the operations and fields it had) and its pages' instants; None, the newest
    edition we have for the version (for Services88, SuperOffice's WSDLs of 2026-07 with the
    2025-11 pages' instants). An edition we have no data for is a :class:`UsageError` naming
    those there are.
    """
    schema = load(version, agent, edition)
    plan = schema.operation_plan(operation)
    instant = example_instant(schema, plan.name)
    if direction == "request":
        request = example_object(schema, plan.request.cls, 4, instant)
        payload = field_values(schema, request)
        headers = request_headers(schema, EXAMPLE_APPLICATION_TOKEN, EXAMPLE_TICKET, None)
        tag = plan.request_tag
    elif direction == "response":
        value = None
        if plan.response is not None:
            value = example_value(schema, plan.response, 3 if plan.wrapped else 2, instant)
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
