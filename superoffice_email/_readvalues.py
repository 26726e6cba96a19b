"""The value reader under :mod:`._reader`: elements to typed values, one function a node.

Each node of a version's plans gets a reader function on first use, with what it needs bound
in: a class's fields by tag with their codecs, a list's item tag, a dictionary's key and value
tags. A class's leaf fields (nearly every element) are decoded in its own loop, and
``xsi:nil`` is seen there too, without a call: ``child.keys()`` is empty for almost every
element, and only then is the nil attribute looked up. Readers are cached by node and hold
no state of a document; what a document's reading records (the elements skipped, the values
defaulted) is in the :class:`Document` passed along.

The models promise what the schema says: a value where it does not allow nil, a list for an
array, no None in a list. What an answer lacks is made good and reported, never silently: a
missing element the schema does not allow to be nil (an older server's), or one that is nil
all the same, is left to its field's default (.NET's: 0, false, the first value...); a nil
or missing array to its default (``[]``; None for a request's list parameter); a nil list
item is left out. The paths of the first and last go to :attr:`Document.defaulted`.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from . import _readshapes
from ._limits import MAX_VALUE_DEPTH
from ._readshapes import (
    BAIL,
    MISMATCH,
    SMALL_INTEGERS,
    ItemsReader,
    ShapeReader,
    compile_shape,
    report_missing,
)
from ._schema import Kind, Node, Schema
from ._wire import XSI_NIL
from ._xml import element_path, shape_path
from ._xsd import CODECS
from .errors import DecodeError

#: reads one element of a node: (the document, the element, its depth) -> the value
Reader = Callable[["Document", etree._Element, int], Any]

_NIL_TRUE = ("true", "1")
_STRING, _DECODE, _ELEMENT = 0, 1, 2
_decode_datetime_full = CODECS["xs:dateTime"].decode
_decode_string = CODECS["xs:string"].decode
_fromisoformat = datetime.datetime.fromisoformat
# what NetServer writes: seconds, up to 7 fraction digits (.NET ticks), then Z, an offset or
# nothing; hour 24 and +00:00 (a named zone here, where fromisoformat gives UTC) take the
# full rules
_NETSERVER_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T(?!24)[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,7})?"
    r"(?:Z|[+-](?!00:00)(?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?",  # XSD's timezoneFrag
    re.ASCII,
)


def decode_datetime(text: str) -> datetime.datetime:
    """``xs:dateTime`` as the codec reads it, by ``fromisoformat`` for NetServer's forms."""
    if _NETSERVER_DATETIME.fullmatch(text):
        try:  # not contextlib.suppress: a try costs nothing where nothing is raised
            return _fromisoformat(text)
        except ValueError:  # month 13 and the like: the full rules say
            pass
    return _decode_datetime_full(text)  # type: ignore[no-any-return]


class Document:
    """What reading one document records: the elements skipped and the values defaulted, each
    path once, and the items of lists (and pairs of dictionaries) mapped while it was parsed."""

    def __init__(self) -> None:
        #: the paths of elements the models have no field for, each once, in document order
        self.skipped: dict[str, None] = {}
        #: the paths of elements read as .NET's default (missing, or nil where the schema does
        #: not allow it) and of nil list items left out, each once
        self.defaulted: dict[str, None] = {}
        #: list or dictionary element -> its items (or (key, value) pairs) mapped already and
        #: dropped from the tree (see ``_bounded``): a list, or a dict; its reader takes them here
        self.premapped: dict[etree._Element, Any] = {}
        #: about how many bytes the model objects read so far hold (``_bounded``'s budget)
        self.mapped_bytes = 0

    def skip(self, element: etree._Element) -> None:
        if isinstance(element.tag, str):  # comments and processing instructions carry no data
            self.skipped[shape_path(element)] = None

    def skip_others(self, element: etree._Element, *tags: str) -> None:
        """Record the children of ``element`` whose tag is none of ``tags``."""
        for child in element:
            if child.tag not in tags:
                self.skip(child)


def object_cost(fields: tuple[Node, ...]) -> int:
    """What one object of a class of ``fields`` holds, counted into ``Document.mapped_bytes``
    for ``_bounded``'s budget: a slotted object is 32 bytes and 8 a field; an empty list a
    list field."""
    return 32 + 8 * len(fields) + 56 * sum(f.kind is Kind.ARRAY for f in fields)


def _is_nil(element: etree._Element) -> bool:
    """Whether ``xsi:nil`` is true; DecodeError where a nil element has content all the same
    (text or elements: which of the two was meant cannot be known; whitespace and comments
    are no content)."""
    nil = element.get(XSI_NIL)
    if nil is None or nil.strip() not in _NIL_TRUE:
        return False
    text = element.text
    if (text and not text.isspace()) or len(element):
        content = "".join(str(t) for t in element.itertext()).strip()
        if content or any(isinstance(c.tag, str) for c in element):
            raise _nil_with_content(element)
    return True


class Readers:
    """The reader functions of one schema, by node and by class, made on first use.

    They hold no state of a document; a race only makes the same function twice.
    """

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self._by_node: dict[Node, Reader] = {}
        self._by_class: dict[type, Reader] = {}
        self._pairs: dict[Node, Callable[[Document, etree._Element, int], tuple[Any, Any]]] = {}
        self._items: dict[Node, ItemsReader] = {}

    def node(self, node: Node) -> Reader:
        """The reader of ``node``'s elements (nil is read as None)."""
        found = self._by_node.get(node)
        if found is None:
            kind = node.kind
            if kind is Kind.CLASS:
                found = self._class_node(node)
            elif kind is Kind.ARRAY:
                found = self._array(node)
            elif kind is Kind.DICT:
                found = self._dict(node)
            else:
                found = _scalar(node)
            self._by_node[node] = found
        return found

    def fields(self, cls: type) -> Reader:
        """The reader of an element holding ``cls``'s fields, read at the depth given."""
        found = self._by_class.get(cls)
        if found is None:
            found = self._by_class[cls] = self._fields(cls)
        return found

    def items(self, node: Node) -> ItemsReader | None:
        """The one-pass reader of list ``node``'s items, where it has one: the values, or None
        where not every child is a bare item (then the list's reader must read it)."""
        self.node(node)
        return self._items.get(node)

    @staticmethod
    def decoder(node: Node) -> Callable[[str], Any]:
        """How the readers decode the text of a scalar ``node`` (dates by their fast path)."""
        decode = decode_datetime if node.type_ref == "xs:dateTime" else node.decode
        assert decode is not None
        return decode

    def _class_node(self, node: Node) -> Reader:
        cls = node.python_type
        fields: list[Reader] = []  # bound on first use: classes may be recursive

        def read(doc: Document, element: etree._Element, depth: int) -> Any:
            if element.keys() and _is_nil(element):
                return None
            if depth > MAX_VALUE_DEPTH:
                raise _too_deep(element)
            if not fields:
                fields.append(self.fields(cls))
            return fields[0](doc, element, depth + 1)

        return read

    def _fields(self, cls: type) -> Reader:
        # (attribute, how, decoder, node) by tag. How: _STRING (the text as it is),
        # _DECODE (a codec on the text), _ELEMENT (the node's reader: containers, and base64,
        # whose text is freed before decoding). Container readers are found on first use:
        # classes may be recursive.
        table: dict[str, tuple[str, int, Callable[[str], Any] | None, Node]] = {}
        fields = self.schema.class_plan(cls).fields
        # what must not be None: the rest of the fields take their default when read as nil
        keep_nil = {f.tag for f in fields if f.nillable and f.kind is not Kind.ARRAY}
        # (attribute, XML name) of what the schema requires a value for: left out, reported
        strict = tuple(
            (f.attr, f.name) for f in fields if not f.nillable and f.kind is not Kind.ARRAY
        )
        size = len(fields)
        cost = object_cost(fields)
        for field in fields:
            if field.decode is None or field.type_ref == "xs:base64Binary":
                table[field.tag] = (field.attr, _ELEMENT, None, field)
            elif field.type_ref == "xs:string":
                table[field.tag] = (field.attr, _STRING, None, field)
            else:
                table[field.tag] = (field.attr, _DECODE, self.decoder(field), field)
        get = table.get
        node_reader = self.node
        decoders = {
            tag: d or _decode_string for tag, (_, how, d, _) in table.items() if how != _ELEMENT
        }
        shapes: dict[tuple[object, ...], ShapeReader | None] = {}
        # the reader of the shape met last: nearly every element has it
        last: list[ShapeReader | None] = [None]

        def read(doc: Document, element: etree._Element, depth: int) -> Any:
            fast = last[0]
            value = MISMATCH if fast is None else fast(doc, element, depth)
            if value is MISMATCH:
                shape = tuple([child.tag for child in element])
                fast = shapes.get(shape, BAIL)
                if fast is BAIL:  # a new shape: compiled while there is room
                    fast = None
                    if len(shapes) < _readshapes.MAX_SHAPES:
                        fast = shapes[shape] = compile_shape(
                            cls, fields, shape, decoders, self, cost
                        )
                if fast is None:
                    return read_any(doc, element, depth)
                last[0] = fast
                value = fast(doc, element, depth)
            return read_any(doc, element, depth) if value is BAIL else value

        def read_any(doc: Document, element: etree._Element, depth: int) -> Any:
            values: dict[str, Any] = {}
            mapped = 0
            for child in element:
                field = get(child.tag)  # comments: not found
                if field is None:
                    doc.skip(child)  # a newer server's field (or a comment, a PI)
                    continue
                mapped += 1
                attr, how, decode, node = field
                # the common leaf, read here: keys() is empty for nearly every element,
                # and cheaper than looking up the nil attribute
                if how == _ELEMENT or len(child) or child.keys():  # the last: nil, mostly
                    value = node_reader(node)(doc, child, depth)
                    if value is None and child.tag not in keep_nil:
                        if node.kind is not Kind.ARRAY:  # nil where the schema forbids it
                            doc.defaulted[shape_path(child)] = None
                        continue  # the field's default
                    values[attr] = value
                elif how == _STRING:
                    values[attr] = child.text or ""
                else:
                    try:
                        values[attr] = decode(child.text or "")  # type: ignore[misc]
                    except ValueError as error:
                        raise DecodeError(str(error), element_path(child)) from None
            if mapped != len(values):
                _duplicate(table, element)
            if len(values) != size and strict:
                report_missing(doc, element, strict, values)
            doc.mapped_bytes += cost
            return cls(**values)

        return read

    def _array(self, node: Node) -> Reader:
        item = node.item
        assert item is not None
        tag = item.tag
        node_reader = self.node
        # a list whose children are all its items, bare (no attribute, comment or child; not
        # nil), read in one pass; any other, and a bad value, item by item, which names it
        quick: ItemsReader | None = None
        if item.kind is Kind.CLASS:
            quick = _objects(tag, self.fields(item.python_type))
        elif item.decode is not None and not item.nillable and item.type_ref != "xs:base64Binary":
            quick = _scalars(tag, self.decoder(item), item.type_ref in SMALL_INTEGERS)
        if quick is not None:
            self._items[node] = quick

        def read(doc: Document, element: etree._Element, depth: int) -> Any:
            mapped = doc.premapped.pop(element, None) if doc.premapped else None
            if element.keys() and _is_nil(element):
                if mapped:
                    raise _nil_with_content(element)
                return None
            if depth > MAX_VALUE_DEPTH:
                raise _too_deep(element)
            items = None if quick is None else quick(doc, element, depth)
            if items is None:
                children = [c for c in element if c.tag == tag]
                read_item = node_reader(item)
                items = [read_item(doc, c, depth + 1) for c in children]
                if any(value is None for value in items):
                    items = _without_nil(doc, children, items)
                if len(children) != len(element):  # something else in the list (rare)
                    doc.skip_others(element, tag)
            return mapped + items if mapped else items

        return read

    def _dict(self, node: Node) -> Reader:
        key_node, value_node = node.key, node.value
        assert key_node is not None and value_node is not None
        pair_tag, key_tag, value_tag = node.pair_tag, key_node.tag, value_node.tag
        node_reader = self.node

        def read(doc: Document, element: etree._Element, depth: int) -> Any:
            mapped = doc.premapped.pop(element, None) if doc.premapped else None
            if element.keys() and _is_nil(element):
                if mapped:
                    raise _nil_with_content(element)
                return None
            if depth > MAX_VALUE_DEPTH:
                raise _too_deep(element)
            result: dict[Any, Any] = dict(mapped) if mapped else {}
            for pair in element:
                if pair.tag != pair_tag:
                    doc.skip(pair)
                    continue
                key, value = read_pair(doc, pair, depth)
                if key in result:
                    raise duplicate_key(key, pair)
                result[key] = value
            return result

        def read_pair(doc: Document, pair: etree._Element, depth: int) -> tuple[Any, Any]:
            key, value, found = None, None, False
            for child in pair:
                if child.tag == key_tag:
                    key, found = node_reader(key_node)(doc, child, depth + 1), True
                elif child.tag == value_tag:
                    value = node_reader(value_node)(doc, child, depth + 1)
                else:
                    doc.skip(child)
            if not found:
                raise DecodeError("dictionary entry without a Key", element_path(pair))
            return key, value

        self._pairs[node] = read_pair
        return read

    def pair(self, node: Node) -> Callable[[Document, etree._Element, int], tuple[Any, Any]]:
        """The reader of one key/value pair of ``node``'s dictionaries: (key, value)."""
        self.node(node)
        return self._pairs[node]


def _objects(tag: str, fields: Reader) -> ItemsReader:
    """The one-pass reader of a list of objects (``ArrayOfEMailAddress``) at ``depth``."""

    def read(doc: Document, element: etree._Element, depth: int) -> list[Any] | None:
        if depth >= MAX_VALUE_DEPTH:
            return None  # too deep: the item's reader says so
        kids = list(element)
        for kid in kids:
            if kid.tag != tag or kid.keys():
                return None  # not all bare items
        return [fields(doc, kid, depth + 2) for kid in kids]

    return read


def _scalars(tag: str, decode: Callable[[str], Any], small: bool) -> ItemsReader:
    """The one-pass reader of a list of scalars (``ArrayOfint``); ``small``: plain digits
    shorter than 10 are read by ``int``."""

    def read(doc: Document, element: etree._Element, depth: int) -> list[Any] | None:
        values = []
        try:
            for child in element:
                if child.tag != tag or child.keys() or len(child):
                    return None
                text = child.text or ""
                if small and len(text) < 10 and text.isdigit() and text.isascii():
                    values.append(int(text))
                else:
                    values.append(decode(text))
        except ValueError:
            return None
        return values

    return read


@functools.cache
def readers(schema: Schema) -> Readers:
    """The readers of one schema (agent, version, edition); schemas are cached by ``load``."""
    return Readers(schema)


def _duplicate(
    table: dict[str, tuple[str, int, Callable[[str], Any] | None, Node]], element: etree._Element
) -> None:
    seen: set[str] = set()
    for child in element:
        field = table.get(child.tag)
        if field is not None:
            if field[0] in seen:
                raise DecodeError(f"{field[3].name} appears more than once", element_path(child))
            seen.add(field[0])


def duplicate_key(key: Any, pair: etree._Element | str) -> DecodeError:
    """A dictionary with a key twice: .NET refuses it, and keeping either would lose one."""
    path = pair if isinstance(pair, str) else element_path(pair)
    return DecodeError(f"dictionary key {key!r} appears twice", path)


def _nil_with_content(element: etree._Element) -> DecodeError:
    return DecodeError(
        'xsi:nil is "true" but the element has content; nil elements are empty',
        element_path(element),
    )


def _without_nil(doc: Document, children: list[etree._Element], items: list[Any]) -> list[Any]:
    """A list's items without the nil ones (the models say ``list[T]``), each reported."""
    for child, value in zip(children, items, strict=True):
        if value is None:
            doc.defaulted[shape_path(child)] = None
    return [value for value in items if value is not None]


def _too_deep(element: etree._Element) -> DecodeError:
    return DecodeError(f"values nest deeper than {MAX_VALUE_DEPTH} levels", element_path(element))


def _scalar(node: Node) -> Reader:
    decode = Readers.decoder(node)
    base64 = node.type_ref == "xs:base64Binary"

    def read(doc: Document, element: etree._Element, depth: int) -> Any:
        if element.keys() and _is_nil(element):
            return None
        if len(element):
            if any(isinstance(c.tag, str) for c in element):
                raise DecodeError(f"{node.type_ref} cannot hold elements", element_path(element))
            text = "".join(str(t) for t in element.itertext())  # text split by comments
        else:
            if base64 and doc.premapped and element in doc.premapped:
                return doc.premapped.pop(element)  # decoded as it arrived (_stream)
            text = element.text or ""
            if base64:
                # an attachment: free libxml2's copy before decoding, so at most two copies
                # (text and bytes) are alive at once, not three
                element.text = None
        try:
            return decode(text)
        except ValueError as error:
            raise DecodeError(str(error), element_path(element)) from None

    return read
