"""The value writer under :mod:`._writer`: value trees to markup, without an XML tree.

It walks the plans and appends text to a list: each node's start and end tags are worked
out once (and, for a class's fields, once a level with their indentation), values are checked
for characters XML cannot carry and escaped here (``&``, ``<``, ``>`` and CR, as libxml2
escapes text), and base64 goes from ``binascii.b2a_base64`` into the output as bytes, never
through a ``str`` or a tree. The result is byte for byte what lxml serialises for the same
tree.
"""

from __future__ import annotations

import binascii
import functools
import sys
from collections.abc import Mapping
from typing import Any

import attrs

from ._limits import MAX_VALUE_DEPTH
from ._redact import is_secret_name, refused_value
from ._schema import DEFAULT_AGENT, Kind, Node, Schema, label
from ._xsd import XmlText, unwritable_text
from .errors import BuildError, shown

_INDENTS = tuple("\n" + " " * n for n in range(64))
_b2a_base64 = binascii.b2a_base64

# how a scalar's text is written: as the codec returns it (numbers, dates, enumeration
# tokens: nothing to escape), checked and escaped (text a caller controls), or as base64
_PLAIN, _TEXT, _BASE64 = 0, 1, 2
_TEXT_TYPES = frozenset({"xs:string", "xs:anyURI", "xs:QName"})


def indent(level: int) -> str:
    return _INDENTS[level] if level < len(_INDENTS) else "\n" + " " * level


def _escape(text: str) -> str:
    """Element text as libxml2 writes it, or ValueError for what XML cannot carry."""
    reason = unwritable_text(text)
    if reason is not None:
        raise ValueError(reason)
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class Out:
    """An envelope being written: text pieces, turned into bytes where base64 is put in."""

    __slots__ = ("chunks", "parts")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.chunks: list[bytes] = []

    def blob(self, data: bytes) -> None:
        self.chunks.append("".join(self.parts).encode("utf-8"))
        self.parts.clear()  # the same list: the writers hold on to it
        self.chunks.append(data)

    def getvalue(self) -> bytes:
        self.chunks.append("".join(self.parts).encode("utf-8"))
        return b"".join(self.chunks)


@attrs.frozen(eq=False)
class _Tags:
    """One node's markup in one writer's layout, worked out on first use."""

    start: str  # <p:Name> or <p:Name xsi:type="...">
    end: str  # </p:Name>
    nil: str  # the whole nil element
    empty: str  # an empty container in the wire layout: <p:Name/>
    text: int  # _PLAIN, _TEXT or _BASE64


@attrs.frozen(eq=False)
class _Row:
    """One field of a class at one level, for the loop that writes an object's fields."""

    node: Node
    attr: str
    #: what a None writes: the nil element, "" (nothing), or None (refused: not nillable)
    none: str | None
    encode: Any  # the codec, when the text needs no escaping and no other care; else None
    start: str  # the start tag, after its indentation
    end: str


@functools.cache
def _prefixes(schema: Schema) -> dict[str, str]:
    """The documented prefix of each namespace a value element can be in."""
    return {namespace: prefix for prefix, namespace in schema.prefixes.values()}


def qname(schema: Schema, tag: str) -> str:
    namespace, _, local = tag[1:].partition("}")
    return f"{_prefixes(schema)[namespace]}:{local}"


def versioned_name(cls: type) -> str:
    """A class's name for a type mismatch: a model's with its version (``Services88
    EMailConnectionInfo``), as the same name exists in every version."""
    module = sys.modules.get(cls.__module__)
    version = getattr(module, "VERSION", None)
    if not cls.__module__.startswith("superoffice_email.services.") or version is None:
        return cls.__name__
    return f"{label(version, getattr(module, 'AGENT', DEFAULT_AGENT))} {cls.__name__}"


class ValueWriter:
    """Writes value trees into an :class:`Out`, one element after another.

    In the documented layout each element starts on a new line indented ``level * step``
    spaces (``step``: one in the body, two in headers) and a container's end tag goes on a
    line of its own, so an empty container spans two lines; the wire layout writes no
    whitespace and closes an empty container as ``<p:Name/>``. ``depth`` counts containers
    below the header or payload element, against the limit the reader shares.
    """

    def __init__(
        self, schema: Schema, *, documented: bool, typed: bool, strict: bool, step: int = 1
    ):
        self.schema = schema
        self.documented = documented
        self.typed = typed
        self.strict = strict
        self.step = step
        self._tags: dict[Node, _Tags] = {}
        self._rows: dict[tuple[type, int], tuple[_Row, ...]] = {}

    def tags(self, node: Node) -> _Tags:
        tags = self._tags.get(node)
        if tags is None:
            name = qname(self.schema, node.tag)
            typed = f' xsi:type="{node.xsi_type}"' if self.typed else ""
            nil = f'<{name} xsi:nil="true"' + (f"></{name}>" if self.documented else "/>")
            text = _PLAIN
            if node.type_ref == "xs:base64Binary":
                text = _BASE64
            elif node.type_ref in _TEXT_TYPES:
                text = _TEXT
            tags = _Tags(f"<{name}{typed}>", f"</{name}>", nil, f"<{name}/>", text)
            self._tags[node] = tags  # a race only computes the same value twice
        return tags

    def write(
        self, out: Out, node: Node, value: Any, level: int, depth: int, in_list: bool = False
    ) -> None:
        if value is None:
            self.write_none(out, node, level, in_list)
            return
        tags = self._tags.get(node) or self.tags(node)
        parts = out.parts
        if self.documented:
            parts.append(indent(level * self.step))
        try:
            if node.encode is not None:  # scalars, enumerations and flags
                how = tags.text
                if type(value) is XmlText:
                    text = _escape(str(value))
                elif how == _BASE64 and type(value) is bytes:
                    parts.append(tags.start)
                    out.blob(_b2a_base64(value, newline=False))
                    out.parts.append(tags.end)
                    return
                elif how == _TEXT:
                    text = _escape(node.encode(value))
                else:
                    text = node.encode(value)
                parts.append(tags.start)
                parts.append(text)
                parts.append(tags.end)
                return
            start = tags.start
            parts.append(start)
            self.fill(out, node, value, level, depth)
            if self.documented:
                parts = out.parts  # emptied, not replaced, by a base64 value: the same list
                parts.append(indent(level * self.step))
            elif parts and parts[-1] is start:  # no child written
                parts[-1] = tags.empty
                return
            parts.append(tags.end)
        except BuildError as error:
            error.path.insert(0, node.name)
            raise
        except ValueError as error:  # the codecs' and the escaper's checks
            if is_secret_name(node.name):  # the value must not show, here nor in the chain
                reason = refused_value(node.type_ref, value)
            else:
                reason = (unwritable_text(value) if isinstance(value, str) else None) or str(error)
        else:
            return
        raise BuildError(reason, [node.name])  # outside the except block: no __context__

    def write_none(self, out: Out, node: Node, level: int, in_list: bool) -> None:
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
        if self.documented:
            out.parts.append(indent(level * self.step))
        out.parts.append((self._tags.get(node) or self.tags(node)).nil)

    def rows(self, cls: type, level: int) -> tuple[_Row, ...]:
        """A class's fields as :class:`_Row`, for its fields at ``level``, built once."""
        key = (cls, level)
        rows = self._rows.get(key)
        if rows is None:
            space = indent(level * self.step) if self.documented else ""
            built = []
            for node in self.schema.class_plan(cls).fields:
                tags = self.tags(node)
                # None: the documentation leaves the Carrier fields out, the wire all optional
                skip = node.carrier_base if self.documented else not node.required
                refuse = self.strict and not node.nillable
                none = "" if skip else None if refuse else space + tags.nil
                encode = node.encode if tags.text == _PLAIN else None
                built.append(_Row(node, node.attr, none, encode, space + tags.start, tags.end))
            rows = self._rows[key] = tuple(built)
        return rows

    def fields(self, out: Out, value: Any, level: int, depth: int) -> None:
        """The fields of a model object, in schema order."""
        parts = out.parts
        for row in self._rows.get((type(value), level)) or self.rows(type(value), level):
            field = getattr(value, row.attr)
            if field is None:
                if row.none:
                    parts.append(row.none)
                elif row.none is None:
                    self.write_none(out, row.node, level, False)  # raises: not nillable
                continue
            encode = row.encode
            if encode is not None and type(field) is not XmlText:
                # numbers, dates, enumerations: nothing to escape, no call to write()
                try:
                    text = encode(field)
                except ValueError:
                    text = None
                if text is None:  # refused: write() raises, with the path, outside the except
                    self.write(out, row.node, field, level, depth)
                    raise AssertionError("write() accepted what the codec refused")
                parts.append(row.start)
                parts.append(text)
                parts.append(row.end)
            else:
                self.write(out, row.node, field, level, depth)
                parts = out.parts

    def fill(self, out: Out, node: Node, value: Any, level: int, depth: int) -> None:
        """The children of a class, array or dictionary value."""
        if depth > MAX_VALUE_DEPTH:
            raise BuildError(f"values nest deeper than {MAX_VALUE_DEPTH} levels (a cycle?)")
        deeper, depth = level + 1, depth + 1
        kind = node.kind
        if kind is Kind.CLASS:
            if not isinstance(value, node.python_type):
                raise BuildError(
                    f"expected {self.schema.label} {node.python_type.__name__}, "
                    f"got {versioned_name(type(value))}"
                )
            self.fields(out, value, deeper, depth)
        elif kind is Kind.ARRAY:
            if not isinstance(value, list | tuple):
                raise BuildError(f"expected a list for {node.type_ref}, got {type(value).__name__}")
            item = node.item
            assert item is not None
            position = 0
            try:
                for position, entry in enumerate(value):  # noqa: B007
                    self.write(out, item, entry, deeper, depth, in_list=True)
            except BuildError as error:
                error.path[0] = f"{error.path[0]}[{position}]"
                raise
        else:
            if not isinstance(value, Mapping):
                raise BuildError(f"expected a dict for {node.type_ref}, got {type(value).__name__}")
            key_node, value_node = node.key, node.value
            assert key_node is not None and value_node is not None
            pair = qname(self.schema, node.pair_tag)
            space = indent(deeper * self.step) if self.documented else ""
            start, end = f"{space}<{pair}>", f"{space}</{pair}>"
            for key, entry in value.items():
                out.parts.append(start)
                try:
                    self.write(out, key_node, key, deeper + 1, depth, in_list=True)
                    self.write(out, value_node, entry, deeper + 1, depth, in_list=True)
                except BuildError as error:  # which pair: its key, as a list names its position
                    error.path.insert(0, f"{pair.partition(':')[2]}[{shown(key)}]")
                    raise
                out.parts.append(end)
