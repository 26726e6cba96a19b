"""Class readers specialised per *shape*: the child tags an element of a class has, in order.

A NetServer writes every field of an object, in schema order, so the elements of a class nearly
always come in one or two shapes. For each shape met (up to :data:`MAX_SHAPES` a class), a
function is compiled that reads the children by position: leaves decoded inline (no call a
field, ints without the codec where they are plain digits), ``xsi:nil`` seen on the few
elements that have attributes, lists handed to their reader (one pass where they are bare), the
object made by storing its fields where its ``__init__`` would do no more. It first checks the
element's tags against its shape (MISMATCH: another shape's reader is looked up), so unknown
and duplicate elements are known before any is read. The code is written from the plans only:
the tags are bound as values, never written into the source.

It reads in two passes. The first decodes the leaves and touches nothing else: whatever is
unusual there (an attribute other than ``xsi:nil="true"``, a nil where the schema does not
allow one, a comment or element inside a leaf, a value that does not decode) makes it give
up (:data:`BAIL`), and the element is read again by the general reader of
:mod:`._readvalues`, which records, defaults or refuses as it always does. The second pass
calls the readers of the other fields (objects, lists, base64), in document order, as the
general reader would: what it records and raises is the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from ._limits import MAX_VALUE_DEPTH
from ._schema import Kind, Node
from ._wire import XSI_NIL
from ._xml import shape_path

if TYPE_CHECKING:
    from lxml import etree

#: what a shape's reader returns when the general reader must read the element instead
BAIL: Any = object()
#: what it returns when the element has another shape
MISMATCH: Any = object()
#: shapes compiled for one class at most; other shapes are read by the general reader (an
#: answer cannot make the library compile without end)
MAX_SHAPES = 8
#: the attribute names of ``<X i:nil="true"/>`` as lxml's ``keys()`` gives them. ``values()``
#: and ``items()`` only once ``keys()`` is this: lxml looks each value up by its name, so on
#: an element of 20,000 attributes they took a second (``keys()`` and ``get()`` are linear)
_NIL_KEY = [XSI_NIL]
#: integer types whose plain digits (fewer than 10) are always in range: read by ``int``
#: (here and by the lists of ``_readvalues``)
SMALL_INTEGERS = frozenset({"xs:int", "xs:long", "xs:unsignedInt", "xs:unsignedLong"})

#: (doc, element, depth) -> the object, BAIL or MISMATCH
ShapeReader = Callable[[Any, "etree._Element", int], Any]
#: (doc, list element, depth) -> its items' values read in one pass, or None where not every
#: child is a bare item
ItemsReader = Callable[[Any, "etree._Element", int], "list[Any] | None"]


class ReadersLike(Protocol):
    """What a shape's reader takes from :class:`._readvalues.Readers`."""

    def node(self, node: Node) -> Callable[[Any, etree._Element, int], Any]: ...

    def fields(self, cls: type) -> Callable[[Any, etree._Element, int], Any]: ...

    def decoder(self, node: Node) -> Callable[[str], Any]: ...

    def items(self, node: Node) -> ItemsReader | None: ...


def report_missing(
    doc: Any,
    element: etree._Element,
    strict: tuple[tuple[str, str], ...],
    values: Mapping[str, Any],
) -> None:
    """Report the elements the schema requires a value for that ``element`` lacks (each of
    ``strict``: (attribute, XML name) whose attribute is not in ``values``)."""
    path = ""
    for attr, name in strict:
        if attr not in values:
            path = path or shape_path(element)
            doc.defaulted[f"{path}/{name}"] = None


def field_default(cls: type, attr: str) -> Callable[[], Any]:
    """A zero-argument callable giving the field's default (a fresh one for factories)."""
    default: Any = attrs.fields_dict(cls)[attr].default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        factory: Callable[[], Any] = default.factory
        return factory
    return lambda: default


def _plain(cls: type) -> bool:
    """Whether ``cls``'s ``__init__`` only stores its arguments (no validator, converter,
    hook or custom ``__setattr__``): then an object may be made by storing them directly,
    which costs a third of a call with a dozen keywords."""
    if not attrs.has(cls) or "__slots__" not in cls.__dict__:
        return False
    if cls.__setattr__ is not object.__setattr__:  # frozen, or on_setattr hooks
        return False
    if any(hasattr(cls, hook) for hook in ("__attrs_pre_init__", "__attrs_post_init__")):
        return False
    return all(
        f.init and f.validator is None and f.converter is None and f.alias == f.name
        for f in attrs.fields(cls)
    )


def compile_shape(
    cls: type,
    fields: tuple[Node, ...],
    shape: tuple[object, ...],
    decoders: Mapping[str, Callable[[str], Any]],
    readers: ReadersLike,
    cost: int,
) -> ShapeReader | None:
    """The reader of ``cls``'s elements whose children have the tags ``shape``, or None where
    only the general reader will do (a comment among the children, a field twice).

    ``decoders``: each leaf field's decoder by tag (absent: read by its node's reader);
    ``cost``: what one object counts in ``Document.mapped_bytes``."""
    if not all(isinstance(tag, str) for tag in shape) or len(set(shape)) != len(shape):
        return None
    by_tag = {field.tag: field for field in fields}
    env: dict[str, Any] = {
        "BAIL": BAIL,
        "MISMATCH": MISMATCH,
        "NIL_KEY": _NIL_KEY,
        "TRUE": ["true"],
        "MAX_DEPTH": MAX_VALUE_DEPTH,
        "cls": cls,
        "shape_path": shape_path,
        "report_missing": report_missing,
    }
    first: list[str] = []  # the leaves: side-effect free
    second: list[str] = []  # the rest, in document order
    arguments: dict[str, str] = {}  # attribute -> the variable holding its value
    for i, tag in enumerate(shape):
        field = by_tag.get(tag)  # type: ignore[call-overload]
        if field is None:
            second.append(f"doc.skip(c{i})")  # a newer server's field
            continue
        arguments[field.attr] = f"v{i}"
        decode = decoders.get(field.tag)
        if decode is not None:
            first += _leaf(i, field, decode, env)
        else:
            first_lines, second_lines = _element(i, field, cls, readers, env)
            first += first_lines
            second += second_lines
    present = set(shape)
    env["MISSING"] = tuple(
        (f.attr, f.name)
        for f in fields
        if f.tag not in present and not f.nillable and f.kind is not Kind.ARRAY
    )
    if env["MISSING"]:
        second.append("report_missing(doc, element, MISSING, {})")
    second.append(f"doc.mapped_bytes += {cost}")
    # the shape is checked first: the reader of the shape met last is tried on the next
    # element as it is, without a list of its tags
    names = ", ".join(f"c{i}" for i in range(len(shape)))
    for i, tag in enumerate(shape):
        env[f"T{i}"] = tag
    same = " or ".join(f"c{i}.tag != T{i}" for i in range(len(shape)))
    body = [f"if len(element) != {len(shape)}:", "    return MISMATCH"]
    if shape:
        body += [f"({names},) = element", f"if {same}:", "    return MISMATCH"]
    body.append("try:")
    body += [f"    {line}" for line in first or ["pass"]]
    body += ["except ValueError:", "    return BAIL", *second]
    body += [*construct(cls, arguments, env), "return o"]
    source = "def read(doc, element, depth):\n" + "".join(f"    {line}\n" for line in body)
    exec(compile(source, f"<shape reader of {cls.__qualname__}>", "exec"), env)
    read: ShapeReader = env["read"]
    return read


def construct(
    cls: type, arguments: dict[str, str], env: dict[str, Any], into: str = "o", key: str = ""
) -> list[str]:
    """The lines that make the object from ``arguments`` (attribute -> variable) into the
    variable ``into``; ``key`` sets apart the names they add to ``env``."""
    env[f"cls{key}"] = cls
    if not _plain(cls):
        return [f"{into} = cls{key}({', '.join(f'{a}={v}' for a, v in arguments.items())})"]
    env["new"] = object.__new__
    lines = [f"{into} = new(cls{key})"]
    for number, field in enumerate(attrs.fields(cls)):
        value = arguments.get(field.name)
        if value is None:  # not in this shape: its default, as __init__ would give
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                env[f"factory{key}_{number}"] = field.default.factory
                value = f"factory{key}_{number}()"
            else:
                env[f"constant{key}_{number}"] = field.default
                value = f"constant{key}_{number}"
        lines.append(f"{into}.{field.name} = {value}")
    return lines


def _element(
    i: int, field: Node, cls: type, readers: ReadersLike, env: dict[str, Any]
) -> tuple[list[str], list[str]]:
    """The lines of both passes for an element read by its node's reader (an object, a list,
    a dictionary, base64), with the common cases done here: a nil one, an object without
    attributes (its fields read at once), an empty list."""
    c, v, how = f"c{i}", f"v{i}", f"how{i}"
    env[f"read{i}"] = readers.node(field)
    keep_nil = field.nillable and field.kind is not Kind.ARRAY
    kind = field.kind
    first: list[str] = []
    if kind is Kind.SCALAR:  # base64: its reader frees the text, or takes what _stream decoded
        second = [f"{v} = read{i}(doc, {c}, depth)"]
    else:
        # how: 0 nil, 1 the node's reader, 2 no attributes (an object's fields at once; an
        # empty list as []). A list or dictionary whose items _bounded mapped already is
        # left to its reader.
        held = "" if kind is Kind.CLASS else f" and not (doc.premapped and {c} in doc.premapped)"
        first = [
            f"k = {c}.keys()",
            "if k:",
            f"    {how} = 0 if k == NIL_KEY and {c}.values() == TRUE"
            f" and {c}.text is None and not len({c}){held} else 1",
            "else:",
            f"    {how} = 2 if depth <= MAX_DEPTH{held} else 1",
        ]
        if kind is Kind.CLASS:
            env[f"fields{i}"] = readers.fields(field.python_type)
            fast = [f"{v} = fields{i}(doc, {c}, depth + 1)"]
        elif kind is Kind.ARRAY:
            fast = _list(i, field, readers, env)
        else:
            fast = [f"{v} = {{}} if not len({c}) else read{i}(doc, {c}, depth)"]
        second = [
            f"if {how} == 2:",
            *(f"    {line}" for line in fast),
            f"elif {how} == 1:",
            f"    {v} = read{i}(doc, {c}, depth)",
            "else:",
            f"    {v} = None",
        ]
    if not keep_nil:
        env[f"default{i}"] = field_default(cls, field.attr)
        second.append(f"if {v} is None:")
        if kind is not Kind.ARRAY:  # nil where the schema forbids it: reported
            second.append(f"    doc.defaulted[shape_path({c})] = None")
        second.append(f"    {v} = default{i}()")
    return first, second


def _list(i: int, field: Node, readers: ReadersLike, env: dict[str, Any]) -> list[str]:
    """The lines for a list with no attributes (``how`` 2): read by the one-pass reader of its
    items where it has one, and by the list's reader where that cannot read it (not every
    child a bare item), which names what is wrong."""
    c, v = f"c{i}", f"v{i}"
    items = readers.items(field)
    if items is None:
        return [f"{v} = [] if not len({c}) else read{i}(doc, {c}, depth)"]
    env[f"items{i}"] = items
    return [
        f"{v} = [] if not len({c}) else items{i}(doc, {c}, depth)",
        f"if {v} is None:",
        f"    {v} = read{i}(doc, {c}, depth)",
    ]


def _leaf(i: int, field: Node, decode: Callable[[str], Any], env: dict[str, Any]) -> list[str]:
    """The first pass's lines for one leaf: its value in ``v{i}``, or BAIL."""
    c, v = f"c{i}", f"v{i}"
    keep_nil = field.nillable
    lines = [f"k = {c}.keys()", "if k:"]
    if keep_nil:  # exactly xsi:nil="true" on an empty element; any other: the general reader
        lines += [
            f"    if k != NIL_KEY or {c}.values() != TRUE or {c}.text is not None or len({c}):",
            "        return BAIL",
            f"    {v} = None",
        ]
    else:
        lines.append("    return BAIL")
    lines += [f"elif len({c}):", "    return BAIL", "else:"]
    if field.type_ref == "xs:string":
        return [*lines, f"    {v} = {c}.text or ''"]
    env[f"decode{i}"] = decode
    lines.append(f"    t = {c}.text or ''")
    if field.type_ref in SMALL_INTEGERS:
        return [
            *lines,
            f"    {v} = int(t) if len(t) < 10 and t.isdigit() and t.isascii() else decode{i}(t)",
        ]
    return [*lines, f"    {v} = decode{i}(t)"]
