"""``ops`` and ``describe``: what a version offers, read from its public models module."""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Sequence
from types import ModuleType
from typing import Any

import attrs

from ..errors import UsageError
from ._json import flag_tokens, xml_fields


def summary(description: str) -> str:
    """The first sentence of an operation's description (``Operation.doc``)."""
    text = " ".join(description.split())
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def operations(module: ModuleType) -> list[str]:
    """One line per operation: its name and what it does."""
    names = sorted(module.OPERATIONS)
    width = max(map(len, names))
    return [f"{name:<{width}}  {summary(module.OPERATIONS[name].doc)}" for name in names]


def describe(module: ModuleType, name: str) -> list[str]:
    """The lines describing an operation or a type of the version (both, if both are named so)."""
    lines: list[str] = []
    if name in module.OPERATIONS:
        lines += _operation(module, name)
    if name in module.TYPES:
        lines += ([""] if lines else []) + _type(module, module.TYPES[name])
    if not lines:
        known = [*module.OPERATIONS, *module.TYPES]
        close = difflib.get_close_matches(name, known, n=3)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise UsageError(f"{module.VERSION} has no operation or type {name!r}{hint}")
    return lines


def _operation(module: ModuleType, name: str) -> list[str]:
    operation = module.OPERATIONS[name]
    lines = [f"{name}: an operation of {module.VERSION}"]
    if operation.doc:  # the same text as the generated agents' method docstrings
        lines.append("  " + " ".join(operation.doc.split()))
    fields = xml_fields(operation.request)
    lines.append("parameters:" if fields else "parameters: none")
    lines += _table(fields)
    response = operation.response
    if response is None:
        lines.append("returns: nothing")
    else:
        lines.append(f"returns: {response.type}{' (nillable)' if response.nillable else ''}")
    return lines


def _type(module: ModuleType, cls: type) -> list[str]:
    version = module.VERSION
    if issubclass(cls, enum.Flag):
        lines = [f"{cls.__name__}: flags of {version}, a list of these tokens"]
        return lines + _columns([("python name", "XML token")], flag_tokens(cls).items())
    if issubclass(cls, enum.Enum):
        lines = [f"{cls.__name__}: an enumeration of {version}, one of these tokens"]
        return lines + _columns([("python name", "XML token")], ((m, m.value) for m in cls))
    bases = [base.__name__ for base in cls.__bases__ if attrs.has(base)]
    extends = f" (extends {', '.join(bases)})" if bases else ""
    return [f"{cls.__name__}: a class of {version}{extends}", *_table(xml_fields(cls))]


def _table(fields: dict[str, Any]) -> list[str]:
    if not fields:
        return []
    rows = [
        (python, xml.name, xml.type, "yes" if xml.nillable else "no")
        for python, xml in fields.items()
    ]
    return _columns([("python name", "XML name", "XSD type", "nillable")], rows)


def _columns(header: Sequence[Sequence[str]], rows: Iterable[Sequence[Any]]) -> list[str]:
    table = [list(header[0])] + [
        [member.name if isinstance(member, enum.Enum) else str(member) for member in row]
        for row in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return [
        "  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
        for row in table
    ]
