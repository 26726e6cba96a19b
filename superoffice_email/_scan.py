"""The items of a list answer read straight from its bytes, where WCF's layout allows.

An answer of 5,000 envelopes is a tree of 400,000 elements to lxml, and a proxy object each to
a reader that walks it. Its items, though, are written as WCF writes every object: each field
in the schema's order, as ``<Name>text</Name>``, ``<Name/>`` or ``<Name i:nil="true"/>``, no
comment, no other attribute. Such items are matched here by one regular expression an item,
compiled from the plans (the tags bound, each field in order, a nil where the schema allows
one), and the objects are made from its groups; lxml parses the rest of the answer (the
Envelope, its headers, what follows the list), with a processing instruction in the items'
place, and reads it as always (:mod:`._bounded`, :mod:`._reader`).

When this reads an answer, its result is the general reader's, for these reasons:

- the instruction is seen by lxml as the only child of the list the plan reads, so the items'
  first byte is in that element's content (not in a comment, a CDATA section, an attribute);
- what is matched is well-formed XML that ends where it began, in that element's content:
  tags the plans spell, in namespaces bound there (lxml's ``nsmap``); text of the characters
  XML allows (UTF-8, no control character but tab and line feed, no carriage return, which
  XML rewrites, no ``]]>``, no U+FFFE or U+FFFF, the five entities and character references
  to allowed characters); a declaration only where an item's namespace has none (a list of
  ``a:int``), of a prefix nothing else there uses;
- each object is read as its shape reader reads it (:mod:`._readshapes`): a field the answer
  lacks is matched only where the reader would report nothing (nillable, or a list), a value
  decoded by the same function, ``xsi:nil`` only as ``"true"``, what the scan cannot read
  (a dictionary, base64) only as nil.

Anything else (an item in another shape, a comment, another prefix, a value that does not
decode, objects past ``_bounded``'s budget, a broken answer) and the answer is read by the
general reader from its first byte, with nothing of this attempt kept: what is said about it,
errors included, is what the general reader says. Such an answer costs the scan's time as
well, at most about half the general reader's (the scan stops at the first item it cannot
read). The expressions take linear time: their quantifiers are possessive, and where they
have alternatives, these part within a few bytes. Only answers given whole (bytes) of
:data:`MIN_SIZE` and more are scanned.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from lxml import etree

from ._contexts import SOAP_NS, namespace_of
from ._pull import MARKER_PLACE
from ._readshapes import SMALL_INTEGERS, construct, field_default
from ._readvalues import Document, Readers, object_cost, readers
from ._schema import Kind, Node, OperationPlan, Schema
from ._wire import XSI_NS
from ._xml import PARSER_OPTIONS
from .errors import Error

#: whether answers are scanned (tests compare what the general reader gives, turned off)
ENABLED = True
#: the smallest answer scanned. A scan is compiled once a process (15 ms for
#: GetEMailEnvelopes'), which it repays after some 500 envelopes read; a small answer saves
#: under a millisecond, and a CLI call reads one answer
MIN_SIZE = 64 << 10
#: the instruction put in the items' place; an answer that holds its target is not scanned
SPLIT_TARGET = "superoffice-email-items"
_SPLIT = f"<?{SPLIT_TARGET}?>".encode()
#: the most bytes before the first item (what a probe parses twice); NetServer's are ~1 KB
MAX_HEAD = 64 << 10
#: classes nested deeper in an item than this are not scanned (recursive types)
MAX_NESTING = 8
#: compiled scans kept (by schema, list and the prefixes in scope)
MAX_SCANS = 32
#: the most fields an item's expression may read, nested ones included (a class nesting
#: others, each several times, makes an expression that grows as their product)
MAX_FIELDS = 2000

#: character data as XML allows it (see the module docstring): no ``]]>``, no U+FFFE or U+FFFF
#: (EF BF BE, EF BF BF); validated further by decoding
_CHARS = rb"[^<&\]\xef\x00-\x08\x0b\x0c\x0d\x0e-\x1f]*+"
_TEXT = (
    _CHARS + rb"(?:(?:&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});"
    rb"|\](?!\]>)|\xef(?!\xbf[\xbe\xbf]))" + _CHARS + rb")*+"
)
_NCNAME = rb"[A-Za-z_][A-Za-z0-9_.\-]*+"
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#(x?)([0-9a-fA-F]+));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
#: each item of a list of scalars the scan matched already: the text of one
_SCALAR_ITEM = re.compile(rb"<[^>/]*(?:/>|>([^<]*)</[^>]*>)")


class _Unsupported(Exception):
    """The plan has what the scan cannot read whole: such lists are not scanned."""


def _reference(match: re.Match[str]) -> str:
    if match[1]:
        return _ENTITIES[match[1]]
    code = int(match[3], 16 if match[2] else 10)
    if not (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    ):
        raise ValueError(f"{match[0]} is not a character XML allows")
    return chr(code)


def text(raw: bytes | None) -> str:
    """An element's text from its bytes as matched (None: an empty element), as lxml reads it;
    ValueError where it is not UTF-8 or refers to a character XML does not allow."""
    if raw is None:
        return ""
    value = raw.decode()
    if "&" not in value:
        return value
    if "&#" in value:  # in one pass: "&#38;lt;" is "&lt;", "&amp;#65;" is "&#65;"
        return _REFERENCE.sub(_reference, value)
    value = value.replace("&lt;", "<").replace("&gt;", ">")
    value = value.replace("&quot;", '"').replace("&apos;", "'")
    return value.replace("&amp;", "&")  # the last: "&amp;lt;" is "&lt;"


class _Spelling:
    """How the tags of the items are written: the prefix of each namespace bound where the
    list is (``""``: the default namespace), one a namespace."""

    def __init__(self, nsmap: dict[str | None, str]) -> None:
        self.prefix: dict[str, str] = {}
        for prefix, uri in sorted(nsmap.items(), key=lambda p: (p[0] is not None, p[0] or "")):
            self.prefix.setdefault(uri, prefix or "")
        xsi = self.prefix.get(XSI_NS)
        self.nil = f' {xsi}:nil="true"'.encode() if xsi else None
        #: the prefixes the expressions spell: a declaration in an item must not rebind them
        self.used = sorted({p for p in self.prefix.values() if p})

    def tag(self, tag: str) -> bytes:
        ns = namespace_of(tag)
        prefix = self.prefix.get(ns)
        if prefix is None:
            raise _Unsupported(f"no prefix for {ns}")
        local = tag.rpartition("}")[2]
        name = f"{prefix}:{local}" if prefix else local
        return re.escape(name.encode())


class Scan:
    """The expression of one list's item and the function that makes its value from the
    groups, for one spelling of its tags."""

    def __init__(self, schema: Schema, item: Node, spelling: _Spelling) -> None:
        self.readers: Readers = readers(schema)
        self.schema = schema
        self.spelling = spelling
        self.env: dict[str, Any] = {"text": text, "AMP": b"&"}
        self.names = 0
        self.fields = 0
        pattern, make = self._item(item, 0)
        self.pattern = re.compile(pattern + rb"[ \t\n]*+")
        self.make = make

    def _name(self, stem: str) -> str:
        self.names += 1
        return f"{stem}{self.names}"

    def _item(self, item: Node, depth: int) -> tuple[bytes, Callable[..., Any]]:
        """One item's expression (with groups) and its maker, ``make(groups, doc)``."""
        if item.kind is not Kind.CLASS:
            raise _Unsupported("a list of scalars at the top")
        groups = _Groups()
        lines: list[str] = []
        pattern = self._object(item, groups, lines, "o", depth)
        source = "def make(g, doc):\n" + "".join(f"    {line}\n" for line in lines)
        source += "    return o\n"
        env = self.env
        exec(compile(source, f"<scan of {item.name}>", "exec"), env)
        return pattern, env.pop("make")

    def _object(
        self, node: Node, groups: _Groups, lines: list[str], into: str, depth: int
    ) -> bytes:
        """The expression of an element of class ``node`` with its fields (no nil) and the
        lines that leave the object in ``into``."""
        if depth > MAX_NESTING:
            raise _Unsupported("nested too deep")
        cls = node.python_type
        fields = self.schema.class_plan(cls).fields
        tag = self.spelling.tag(node.tag)
        parts = [b"<", tag, b">"]
        arguments: dict[str, str] = {}
        self.fields += len(fields)
        if self.fields > MAX_FIELDS:
            raise _Unsupported("too many fields")
        for field in fields:
            value = self._name("v")
            required = not field.nillable and field.kind is not Kind.ARRAY
            present = None if required else groups.new()
            body: list[str] = []
            part = self._field(field, cls, groups, body, value, depth)
            if present is None:
                parts.append(part)
                lines += body
            else:  # may be missing: the default, as the shape reader gives it
                # (not ``?``: a branch inside a repeat copies every group's marks)
                parts += [b"(?:()", part, b"|)"]
                lines.append(f"if g[{present}] is not None:")
                lines += [f"    {line}" for line in body]
                lines.append("else:")
                self.env[f"default_{value}"] = field_default(cls, field.attr)
                lines.append(f"    {value} = default_{value}()")
            arguments[field.attr] = value
        parts += [b"</", tag, b">"]
        lines.append(f"doc.mapped_bytes += {object_cost(fields)}")
        lines += construct(cls, arguments, self.env, into, self._name("c"))
        return b"".join(parts)

    def _field(
        self, field: Node, cls: type, groups: _Groups, lines: list[str], into: str, depth: int
    ) -> bytes:
        """The expression of one field's element (a nil one too, where the shape reader
        takes one) and the lines that leave its value in ``into``."""
        tag = self.spelling.tag(field.tag)
        kind = field.kind
        # what a nil gives: None where the schema allows one; a list its default (no nil is
        # reported for a list); elsewhere the general reader reports it
        nil_value = "None" if field.nillable else None
        body: list[str] = []
        part: bytes | None
        if kind is Kind.ARRAY:
            part = self._list(field, tag, groups, body, into, depth)
            default = self._name("default")
            self.env[default] = field_default(cls, field.attr)
            nil_value = f"{default}()"
        elif kind is Kind.CLASS:
            part = self._object(field, groups, body, into, depth + 1)
        elif kind is Kind.DICT or field.decode is None or field.type_ref == "xs:base64Binary":
            part = None  # not read here: only its nil is scanned
        else:
            content = groups.new()
            part = b"<" + tag + b"(?:>(" + _TEXT + b")</" + tag + b">|/>)"
            body = [f"t = g[{content}]", f"{into} = {self._expression(field, 't', True)}"]
        nil = self.spelling.nil
        if nil is None or nil_value is None:
            if part is None:
                raise _Unsupported(f"{field.name}: not read here")
            lines += body
            return part
        if part is None:
            lines.append(f"{into} = {nil_value}")
            return b"<" + tag + nil + b"/>"
        is_nil = groups.new()
        lines += [f"if g[{is_nil}] is not None:", f"    {into} = {nil_value}", "else:"]
        lines += [f"    {line}" for line in body]
        return b"(?:" + part + b"|<" + tag + nil + b"(/)>)"

    def _expression(self, node: Node, raw: str, maybe_none: bool) -> str:
        """The value of the bytes in variable ``raw`` (``maybe_none``: or None, an empty
        element), decoded as the shape reader decodes its text."""
        string = f"({raw}.decode() if AMP not in {raw} else text({raw}))"
        if maybe_none:
            string = f"('' if {raw} is None else {string})"
        if node.type_ref == "xs:string":
            return string
        decode = self._name("decode")
        self.env[decode] = self.readers.decoder(node)
        if node.type_ref in SMALL_INTEGERS:  # plain digits by int, as _readshapes reads them
            plain = f"len({raw}) < 10 and {raw}.isdigit()"
            if maybe_none:
                plain = f"{raw} is not None and {plain}"
            return f"(int({raw}) if {plain} else {decode}({string}))"
        return f"{decode}({string})"

    def _list(
        self, field: Node, tag: bytes, groups: _Groups, lines: list[str], into: str, depth: int
    ) -> bytes:
        """The expression of a list's element with its items, and the lines that leave the
        list in ``into``: objects matched one by one in its content, scalars all at once."""
        item = field.item
        assert item is not None
        declare = b""
        if item.kind is Kind.CLASS:
            each, make = self._item(item, depth + 1)
            # the list's content up to its end tag, matched item by item when read
            matched = rb"[^<]*+(?:<(?!/" + tag + rb">)[^<]*+)*+"
            found = self._name("items")
            self.env[found] = re.compile(each).match
            self.env[f"make_{found}"] = make
            self.env["each"] = each_item
            read = f"each({found}, make_{found}, s, doc)"
        elif item.decode is not None and item.type_ref != "xs:base64Binary":
            ns = namespace_of(item.tag)
            if ns in self.spelling.prefix:
                name = self.spelling.tag(item.tag)
            else:  # WCF declares it on the list: a prefix that rebinds none in use
                prefix = self._name("p").encode()
                groups.new()
                avoid = b"|".join(re.escape(p.encode()) for p in self.spelling.used)
                guard = b"(?![Xx][Mm][Ll])" + (b"(?!(?:" + avoid + b")=)" if avoid else b"")
                declare = b"".join(
                    [b"(?: xmlns:", guard, b"(?P<", prefix, b">", _NCNAME, b')="',
                     re.escape(ns.encode()), b'")?']
                )
                name = b"(?P=" + prefix + b"):" + re.escape(item.name.encode())
            matched = b"(?:<" + name + b"(?:>" + _TEXT + b"</" + name + b">|/>))*+"
            self.env["SCALAR_ITEMS"] = _SCALAR_ITEM.findall
            read = f"[{self._expression(item, 'x', False)} for x in SCALAR_ITEMS(s)]"
        else:
            raise _Unsupported(f"{field.name}: a list of {item.type_ref}")
        content = groups.new()
        lines += [f"s = g[{content}]", f"{into} = {read} if s else []"]
        return b"<" + tag + declare + b"(?:>(" + matched + b")</" + tag + b">|/>)"


def each_item(
    match: Callable[[bytes, int], re.Match[bytes] | None],
    make: Callable[[tuple[Any, ...], Document], Any],
    content: bytes,
    doc: Document,
) -> list[Any]:
    """The objects of a list's ``content``, which must be its items and nothing else."""
    values = []
    at, end = 0, len(content)
    while at < end:
        found = match(content, at)
        if found is None:
            raise ValueError("not an item")  # the general reader says what it is
        values.append(make(found.groups(), doc))
        at = found.end()
    return values


class _Groups:
    """Numbers the groups of one expression as they are written."""

    def __init__(self) -> None:
        self.count = 0

    def new(self) -> int:
        self.count += 1
        return self.count - 1


def _scan_of(schema: Schema, item: Node, nsmap: dict[str | None, str]) -> Scan | None:
    """The scan of ``item`` for the namespaces bound where its list is (None: not scanned).
    Only the bindings of namespaces its tags use count (and xsi's): other declarations an
    answer holds do not make another scan."""
    used = _namespaces(schema, item)
    bindings = sorted(
        ((p, uri) for p, uri in nsmap.items() if uri in used), key=lambda b: (b[0] or "", b[1])
    )
    return _compiled(schema, item, tuple(bindings))


@functools.lru_cache(maxsize=MAX_SCANS)
def _compiled(
    schema: Schema, item: Node, bindings: tuple[tuple[str | None, str], ...]
) -> Scan | None:
    try:
        return Scan(schema, item, _Spelling(dict(bindings)))
    except _Unsupported:
        return None


@functools.cache
def _namespaces(schema: Schema, item: Node) -> frozenset[str]:
    """The namespaces of the tags in ``item``'s elements, and xsi's."""
    seen: set[type] = set()
    uris = {XSI_NS}
    nodes = [item]
    while nodes:
        node = nodes.pop()
        uris.add(namespace_of(node.tag))
        if node.kind is Kind.ARRAY and node.item is not None:
            nodes.append(node.item)
        elif node.kind is Kind.CLASS and node.python_type not in seen:
            seen.add(node.python_type)
            nodes += schema.class_plan(node.python_type).fields
    return frozenset(uris)


#: (the first bytes to feed, where in the answer the rest starts, the document to record in,
#: what to call with the document element once it has started, before anything is mapped or
#: pruned) -> the document element, as ``_bounded.read_bounded`` parses it
Parse = Callable[
    [bytes, int, Document, Callable[[etree._Element], None]], etree._Element
]


def read_scanned(
    data: bytes,
    schema: Schema,
    plan: OperationPlan,
    doc: Document,
    parse: Parse,
    budget: tuple[int, float],
) -> etree._Element | None:
    """The answer's document element with its list's items read by a scan and left in
    ``doc.premapped``, what ``parse`` gives for the rest; None where the answer is not
    scanned (see the module docstring), ``doc`` untouched.

    ``budget``: ``_bounded``'s for the objects made, (floor, ratio): it refuses an answer
    whose objects outgrow the floor and the ratio times the bytes read. Each item here is
    held to it at its end, which the general reader reaches later, so that where this
    reads an answer, that would not have refused it."""
    node = plan.response
    if len(data) < MIN_SIZE:
        return None
    if node is None or not plan.wrapped or node.kind is not Kind.ARRAY or node.item is None:
        return None
    if MARKER_PLACE.match(data) is None:  # UTF-8 as libxml2 reads it, what the scan decodes
        return None
    item = node.item
    start = _first_item(item.name).search(data, 0, MAX_HEAD)
    if start is None or data.find(_SPLIT_TARGET, 0, start.start()) >= 0:
        return None
    at = start.start()
    where = _probe(data[:at], plan, node)
    if where is None:
        return None
    path, nsmap = where
    scan = _scan_of(schema, item, nsmap)
    if scan is None:
        return None
    trial = Document()
    values = []
    match = scan.pattern.match
    make = scan.make
    end = at
    floor, ratio = budget
    try:
        while (found := match(data, end)) is not None:
            values.append(make(found.groups(), trial))
            end = found.end()
            if trial.mapped_bytes > floor and trial.mapped_bytes > ratio * end:
                return None  # the general reader refuses it, naming where
    except ValueError:  # a value that does not decode, not UTF-8: the general reader says
        return None
    if (
        not values
        or data[end : end + 2] != b"</"
        or data.find(_SPLIT_TARGET, end) >= 0
    ):
        return None
    scanned_cost = trial.mapped_bytes
    trial.mapped_bytes = 0
    # the list as the head leaves it, held: the pruner may drop the instruction later (as it
    # drops any in a list), but not the list, a field of the answer's
    held: list[etree._Element] = []

    def started(root: etree._Element) -> None:
        split = _follow(root, path)
        container = None if split is None else split.getparent()
        if container is not None:
            held.append(container)

    try:
        root = parse(data[:at] + _SPLIT, end, trial, started)
    except Error:  # the general reader says what is wrong, and where (columns, offsets)
        return None
    container = held[0] if held else None
    if container is None or _ancestor(container, len(path)) is not root:
        return None
    left = list(container)  # the instruction, unless pruned: what follows closes the list
    if any(isinstance(child.tag, str) for child in left):
        return None
    for child in left:
        container.remove(child)
    if trial.mapped_bytes and scanned_cost + trial.mapped_bytes > floor:
        return None  # objects mapped after the list too (rare): the general reader judges
    doc.skipped.update(trial.skipped)
    doc.defaulted.update(trial.defaulted)
    doc.premapped.update(trial.premapped)
    doc.premapped[container] = values
    doc.mapped_bytes += scanned_cost + trial.mapped_bytes
    return root


_SPLIT_TARGET = SPLIT_TARGET.encode()
_FIRST: dict[str, re.Pattern[bytes]] = {}


def _first_item(name: str) -> re.Pattern[bytes]:
    """Where an item's start tag may be, whatever its prefix."""
    found = _FIRST.get(name)
    if found is None:
        found = _FIRST[name] = re.compile(
            rb"<(?:" + _NCNAME + rb":)?" + re.escape(name.encode()) + rb"[ \t\n/>]"
        )
    return found


def _probe(
    head: bytes, plan: OperationPlan, node: Node
) -> tuple[list[int], dict[str | None, str]] | None:
    """Where the instruction put after ``head`` lands: the positions of its ancestors from
    the document element, and the namespaces bound there; None unless it is the only child
    of the list ``_reader`` reads (``Envelope/Body/<the response>/<node>``), which has no
    attribute and no text but whitespace."""
    parser = etree.XMLPullParser(events=("pi",), **PARSER_OPTIONS)
    try:
        parser.feed(head + _SPLIT)
        found = [
            pi
            for _, pi in parser.read_events()
            if isinstance(pi, etree._ProcessingInstruction) and pi.target == SPLIT_TARGET
        ]
    except etree.XMLSyntaxError:
        return None
    if len(found) != 1:
        return None
    split = found[0]
    container = split.getparent()
    payload = None if container is None else container.getparent()
    body = None if payload is None else payload.getparent()
    root = None if body is None else body.getparent()
    if container is None or payload is None or body is None or root is None:
        return None
    envelope = root.tag
    namespace = namespace_of(envelope) if isinstance(envelope, str) else ""
    if (
        root.getparent() is not None
        or namespace not in SOAP_NS
        or envelope != f"{{{namespace}}}Envelope"
        or body.tag != f"{{{namespace}}}Body"
        or payload.tag != plan.response_tag
        or container.tag != node.tag
        or container.keys()
        or len(container) != 1
        or (container.text and not container.text.isspace())
    ):
        return None
    path = [root.index(body), body.index(payload), payload.index(container)]
    return path, dict(container.nsmap)


def _ancestor(element: etree._Element, up: int) -> etree._Element | None:
    found: etree._Element | None = element
    for _ in range(up):
        found = None if found is None else found.getparent()
    return found


def _follow(root: etree._Element, path: list[int]) -> etree._Element | None:
    """The instruction in the tree being parsed, where the probe found it; None where it is
    not there alone."""
    element = root
    for position in path:
        if len(element) <= position:
            return None
        element = element[position]
    if len(element) != 1:
        return None
    split = element[0]
    if not isinstance(split, etree._ProcessingInstruction) or split.target != SPLIT_TARGET:
        return None
    return split
