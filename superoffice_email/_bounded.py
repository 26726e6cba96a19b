"""Reading an answer with memory bounded by its size, whatever its shape.

libxml2 spends 100 to 250 bytes on an element, so a tree of ``<a:int>1</a:int>`` items (15
bytes each) or of unknown empty elements is 10 to 30 times the answer. Here the answer is fed
to a pull parser a megabyte at a time, and only what cannot grow with the answer stays in
the tree:

- an item of a list (at any depth) and a pair of a dictionary are mapped as soon as they end
  (the parser reports only the tags of items and pairs, so other elements cost nothing) by
  the readers of :mod:`._readvalues`, and dropped; the list's reader later takes the values
  mapped so far from :attr:`Document.premapped`;
- after each 64 KB, the elements still in the tree are counted, up to a budget (16,384, about
  4 MB of libxml2's memory). Past it, the tree is *pruned*: walked with each element's *context*
  (which node of the plans it is), elements the models have no field for are recorded in
  ``skipped`` and dropped, and so is what is inside them, and comments. The last child of
  each element may still be open in the parser, so it stays (only what is inside it goes);
- the Envelope, its Header and Body, a Fault and the fields of classes stay, for
  :func:`._reader._response` to judge and map as from a whole tree (a class has a bounded
  number of fields: a field twice is refused).

An answer of the usual shapes never reaches the budget: the cost is the count after each
64 KB, of a tree of one list item.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from lxml import etree

from ._readvalues import Document, Readers, duplicate_key, readers
from ._schema import Kind, Node, OperationPlan, Schema
from ._wire import SOAP_BY_ENVELOPE_NS
from ._xml import checked_root, element_path, localname, shape_path
from .errors import ProtocolError, XmlSyntaxError

# what an element's children are, by the element's context
_KEEP = 0  # kept as they are (a Fault; the Body's, for the structure check)
_DROP = 1  # dropped as they end (inside an unknown element, or a refused payload)
_FIELDS = 2  # a class's fields, or the Envelope's, Header's or wrapper's known elements
_ITEMS = 3  # a list's items or a dictionary's pairs: mapped and dropped
_SCALAR = 4  # a scalar's: kept (text split by comments), for its reader to judge
_BODY = 5  # the Body's: kept; the first is the payload

_SOAP = frozenset(SOAP_BY_ENVELOPE_NS)


def _namespace(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag[:1] == "{" else ""


class _Context:
    """What an open element is, for the children that end inside it."""

    __slots__ = ("depth", "how", "item", "known", "node", "read")

    def __init__(
        self,
        how: int,
        known: dict[str, Node | None] | None = None,
        depth: int = 0,
        node: Node | None = None,
        read: Any = None,
    ) -> None:
        self.how = how
        #: the children it may hold, by tag, with their plan nodes (None: Header or Body)
        self.known = known or {}
        #: the depth the readers read its children at
        self.depth = depth
        self.node = node
        #: _ITEMS: the item's (or pair's) tag, and what maps one
        self.item = next(iter(self.known), "") if how == _ITEMS else ""
        self.read = read


_KEEP_ALL = _Context(_KEEP)
_DROP_ALL = _Context(_DROP)


class _Contexts:
    """The contexts of one answer's elements, by their parent's context and their tag."""

    def __init__(self, schema: Schema, plan: OperationPlan) -> None:
        self.schema = schema
        self.plan = plan
        self.readers: Readers = readers(schema)
        self._cache: dict[tuple[_Context, str], _Context] = {}
        self._root: _Context | None = None  # the document element's
        #: contexts of elements met lately (a few: they keep their elements alive)
        self._known: dict[etree._Element, _Context] = {}
        self._last: Any = None  # the parent of the last item, and its context
        self._last_context = _KEEP_ALL
        #: (context, tag) of unknown elements recorded in ``skipped`` while pruning
        self._recorded: set[tuple[_Context, str]] = set()

    def event_tags(self) -> list[str]:
        """The tags the parser reports: SOAP's Envelope, Header and Body (their start gives
        the document element) and, where the Response is a list, its items' (mapped and
        dropped as each ends: the answer of many items, as GetEMailEnvelopes', is read as
        fast as a tree). Other lists are pruned."""
        tags = {f"{{{ns}}}{name}" for ns in _SOAP for name in ("Envelope", "Header", "Body")}
        response = self.plan.response
        if self.plan.wrapped and response is not None and response.item is not None:
            tags.add(response.item.tag)
        return sorted(tags)

    def of(self, element: etree._Element) -> _Context:
        """The context of an element in the tree, from its ancestors'."""
        known = self._known
        found = known.get(element)
        if found is not None:
            return found
        if len(known) > 64:
            known.clear()  # entries of items dropped since keep their trees alive
        chain = [element]
        while (up := chain[-1].getparent()) is not None and up not in known:
            chain.append(up)
        context = known[up] if up is not None else None
        for current in reversed(chain):
            context = self.envelope(current) if context is None else self.child(context, current)
            known[current] = context
        assert context is not None
        return context

    def ended(self, doc: Document, element: etree._Element) -> None:
        """An element with an item's or pair's tag ended: map and drop it, if it is one."""
        parent = element.getparent()
        if parent is None:
            return
        if parent is not self._last:
            self._last, self._last_context = parent, self.of(parent)
        context = self._last_context
        if context.how == _ITEMS and element.tag == context.item:
            try:
                _map_item(context, doc, parent, element)
            except ProtocolError as error:
                failure = _placed(error, element, doc.premapped)
            else:
                parent.remove(element)
                return
            raise failure

    def prune(self, doc: Document, root: etree._Element) -> None:
        """Drop what the readers will not map (see the module docstring)."""
        recorded = self._recorded
        todo: list[tuple[etree._Element, _Context]] = [(root, self.envelope(root))]
        while todo:
            element, context = todo.pop()
            how = context.how
            if how in (_KEEP, _SCALAR):
                continue  # as it is: a Fault, or a scalar's text split by comments
            children = list(element)
            if how == _ITEMS and len(children) > 1:
                self._map_items(doc, element, context, children[:-1])
                children = children[-1:]
            for child in children:
                last = child is children[-1]  # may still be open: kept, its insides not
                tag = child.tag
                if not isinstance(tag, str):
                    element.remove(child)  # a comment or PI between elements
                    continue
                if how == _DROP:
                    if last:
                        todo.append((child, _DROP_ALL))
                    else:
                        element.remove(child)
                    continue
                if how == _ITEMS and tag == context.item:
                    if last:
                        todo.append((child, self.child(context, child)))
                    else:
                        self.ended(doc, child)  # mapped and dropped
                    continue
                if how == _BODY or tag in context.known:
                    todo.append((child, self.child(context, child)))
                    continue
                if context.node is None and _namespace(tag) in _SOAP:
                    continue  # out of place: the structure check names it
                key = (context, tag)
                if key not in recorded:  # one path a (context, tag): the same path
                    recorded.add(key)
                    doc.skip(child)
                if last:
                    todo.append((child, _DROP_ALL))
                else:
                    element.remove(child)

    def _map_items(
        self, doc: Document, element: etree._Element, context: _Context, ended: list[Any]
    ) -> None:
        """Map a list's (or dictionary's) children that have ended, then drop them at once."""
        for done, child in enumerate(ended):
            tag = child.tag
            if tag == context.item:
                try:
                    _map_item(context, doc, element, child)
                except ProtocolError as error:
                    failure = error
                else:
                    continue
                naive = element_path(child)  # as the error has it
                del element[:done]  # those mapped: the count of them places the error
                raise _placed(failure, child, doc.premapped, naive)
            if isinstance(tag, str):
                key = (context, tag)
                if key not in self._recorded:
                    self._recorded.add(key)
                    doc.skip(child)
        del element[: len(ended)]

    def envelope(self, root: etree._Element) -> _Context:
        if self._root is None:
            self._root = self._envelope(root)
        return self._root

    def _envelope(self, root: etree._Element) -> _Context:
        tag = root.tag
        namespace = _namespace(tag) if isinstance(tag, str) else ""
        if localname(root) != "Envelope" or namespace not in _SOAP:
            return _DROP_ALL  # not an envelope: refused naming the root alone
        known: dict[str, Node | None] = {n.tag: n for n in self.schema.response_headers}
        known[f"{{{namespace}}}Header"] = None
        known[f"{{{namespace}}}Body"] = None
        return _Context(_FIELDS, known)

    def child(self, context: _Context, element: etree._Element) -> _Context:
        how = context.how
        if how in (_KEEP, _DROP):
            return context
        if how == _BODY:
            return self._body_child(element)
        tag = element.tag
        found = self._cache.get((context, tag))
        if found is None:
            found = self._cache[(context, tag)] = self._child(context, tag)
        return found

    def _child(self, context: _Context, tag: str) -> _Context:
        if context.how == _SCALAR:
            return _KEEP_ALL  # refused when it ends
        if tag not in context.known:
            if _namespace(tag) in _SOAP and context.node is None:
                return _KEEP_ALL  # a SOAP element out of place: the structure check's
            return _DROP_ALL  # unknown: what is inside goes; it is recorded itself
        node = context.known[tag]
        parent = context.node
        if context.how == _ITEMS and parent is not None and parent.kind is Kind.DICT:
            key, value = parent.key, parent.value
            assert key is not None and value is not None
            return _Context(_FIELDS, {key.tag: key, value.tag: value}, context.depth + 1, parent)
        if node is None:  # the Header or the Body
            if tag.endswith("}Header"):
                return _Context(_FIELDS, {n.tag: n for n in self.schema.response_headers})
            return _Context(_BODY)
        return self._node(node, context.depth)

    def _body_child(self, element: etree._Element) -> _Context:
        body = element.getparent()
        assert body is not None
        first = next((c for c in body if isinstance(c.tag, str)), None)
        plan = self.plan
        if element is not first or element.tag != plan.response_tag:
            if localname(element) == "Fault":
                return _KEEP_ALL  # read as a fault
            return _DROP_ALL  # refused by the structure or payload check, naming it alone
        response = plan.response
        if response is None:
            return _Context(_FIELDS)
        if not plan.wrapped:  # the wrapper is the answer's class, its fields read at 0
            return self._node(response, -1)
        return _Context(_FIELDS, {response.tag: response})

    def _node(self, node: Node, depth: int) -> _Context:
        """The context of an element of ``node`` that the readers read at ``depth``."""
        kind = node.kind
        if kind is Kind.CLASS:
            fields = self.schema.class_plan(node.python_type).by_tag
            return _Context(_FIELDS, dict(fields), depth + 1, node)
        if kind is Kind.ARRAY:
            item = node.item
            assert item is not None
            return _Context(_ITEMS, {item.tag: item}, depth + 1, node, self.readers.node(item))
        if kind is Kind.DICT:
            return _Context(_ITEMS, {node.pair_tag: None}, depth, node, self.readers.pair(node))
        return _Context(_SCALAR, {}, depth, node, self.readers.node(node))


_CHUNK = 1 << 16  # bytes fed at a time; at most 16,384 elements (``<a/>``), about 4 MB
#: elements the tree may hold before it is pruned (about 250 bytes each with their text)
_BUDGET = 16_384


def chunks(source: bytes | IO[bytes]) -> Iterator[bytes]:
    if isinstance(source, bytes):
        for start in range(0, len(source), _CHUNK):
            yield source[start : start + _CHUNK]
    else:
        while chunk := source.read(_CHUNK):
            yield chunk


def read_bounded(
    source: bytes | IO[bytes], schema: Schema, plan: OperationPlan, doc: Document
) -> etree._Element:
    """Parse an answer, mapping list items as they end and pruning the tree whenever it holds
    more elements than its size allows (see the module docstring); the document element of
    what is left, for ``_response`` to read."""
    contexts = _Contexts(schema, plan)
    parser = etree.XMLPullParser(
        events=("start", "end"),
        tag=contexts.event_tags(),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=True,
        remove_blank_text=False,
    )
    root: Any = None
    fed = 0
    pruner = Pruner(contexts, doc)
    try:
        for chunk in chunks(source):
            parser.feed(chunk)
            fed += len(chunk)
            events: Any = parser.read_events()
            for event, element in events:
                if event == "end":
                    contexts.ended(doc, element)
                elif root is None:
                    root = element.getroottree().getroot()
            if root is None:
                if fed >= 1 << 20:  # a megabyte without a SOAP Envelope, Header or Body
                    raise ProtocolError("not a SOAP envelope: no Envelope in its first megabyte")
            else:
                pruner.check(root, fed)
        found = parser.close()
    except etree.XMLSyntaxError as error:
        raise XmlSyntaxError(f"not well-formed XML: {error}") from None
    return checked_root(found)


class Pruner:
    """Keeps a tree being parsed within its budget: pruned whenever it holds more elements
    (used here and by the sink's parser, ``_stream``, after each 64 KB)."""

    def __init__(self, contexts: _Contexts, doc: Document) -> None:
        self.contexts = contexts
        self.doc = doc
        self.budget = _BUDGET

    @classmethod
    def of(cls, schema: Schema, plan: OperationPlan, doc: Document) -> Pruner:
        return cls(_Contexts(schema, plan), doc)

    def check(self, root: etree._Element, fed: int) -> None:
        """After ``fed`` bytes of the answer: prune the tree if it is over its budget, and
        refuse an answer whose mapped values outgrow it (ProtocolError)."""
        if self.doc.mapped_bytes > max(OBJECT_FLOOR, OBJECT_RATIO * fed):
            raise ProtocolError(
                f"the answer maps to about {self.doc.mapped_bytes >> 20} MiB of model "
                f"objects after {fed} bytes, more than {OBJECT_RATIO} times its size: refused "
                "to keep memory bounded by the answer (a NetServer writes every field of an item)"
            )
        if _more_than(root, self.budget):
            self.contexts.prune(self.doc, root)
            # twice what is left: what must stay is not walked again and again
            self.budget = max(_BUDGET, 2 * sum(1 for _ in root.iter()))


#: the model objects an answer may make (``Document.mapped_bytes``, counted as each is made),
#: in bytes per byte of the answer read so far, once past OBJECT_FLOOR: NetServer writes every
#: field of an object (0.4x for GetEMailEnvelopes), but ``<EMailEnvelope/>`` items of 17
#: bytes would each make an object of some 200 bytes. The count leaves out strings and
#: shared values: an answer of small objects with short strings (hostile.nested_objects,
#: 2.45 by this count) peaks at 1.6 times its count in RSS, 3.9x to 4.03x the answer, so 2
#: keeps issue 13's 4x (such an answer, past 8 MiB of objects, is refused)
OBJECT_RATIO = 2
OBJECT_FLOOR = 8 << 20


def _more_than(root: etree._Element, budget: int) -> bool:
    return any(count > budget for count, _ in enumerate(root.iter(), 1))


def _map_item(context: _Context, doc: Document, parent: Any, item: Any) -> None:
    """Map a list's item (or a dictionary's pair) into ``doc.premapped``."""
    node = context.node
    assert node is not None
    if node.kind is Kind.ARRAY:
        value = context.read(doc, item, context.depth)
        if value is None:  # a nil item: lists hold no None (list[T]); reported
            doc.defaulted[shape_path(item)] = None
        else:
            doc.premapped.setdefault(parent, []).append(value)
        return
    key, value = context.read(doc, item, context.depth)
    entry = doc.premapped.setdefault(parent, {})
    if key in entry:
        raise duplicate_key(key, item)
    entry[key] = value


def _placed(
    error: ProtocolError, anchor: Any, premapped: dict[Any, Any], naive: str | None = None
) -> Any:
    """``error`` with the positions in its path counted as in the whole document: the items
    mapped and dropped before ``anchor`` (or before one of its ancestors) still count."""
    naive = naive or element_path(anchor)
    path = error.path
    if path is None or not path.startswith(naive):
        return error
    return type(error)(error.reason, element_path(anchor, premapped) + path[len(naive) :])
