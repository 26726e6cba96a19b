"""What each element of an answer is, for the bounded reader (:mod:`._bounded`).

An element's *context* says what its children are: a class's fields (by tag, with their plan
nodes), a list's items or a dictionary's pairs (with the reader that maps one), a scalar's
text, what is kept as it is (a Fault) or dropped (inside an unknown element). It follows from
the parent's context and the element's tag, and is computed once per (context, tag) of an
answer: walking the tree costs a dictionary lookup an element.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ._readvalues import Readers, readers
from ._schema import Kind, Node, OperationPlan, Schema
from ._wire import SOAP_BY_ENVELOPE_NS
from ._xml import localname

# what an element's children are, by the element's context
KEEP = 0  # kept as they are (a Fault; the Body's, for the structure check)
DROP = 1  # dropped as they end (inside an unknown element, or a refused payload)
FIELDS = 2  # a class's fields, or the Envelope's, Header's or wrapper's known elements
ITEMS = 3  # a list's items or a dictionary's pairs: mapped and dropped
SCALAR = 4  # a scalar's: kept (text split by comments), for its reader to judge
BODY = 5  # the Body's: kept; the first is the payload

SOAP_NS = frozenset(SOAP_BY_ENVELOPE_NS)


def namespace_of(tag: str) -> str:
    return tag[1:].partition("}")[0] if tag[:1] == "{" else ""


class Context:
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
        #: ITEMS: the item's (or pair's) tag, and what maps one
        self.item = next(iter(self.known), "") if how == ITEMS else ""
        self.read = read


KEEP_ALL = Context(KEEP)
DROP_ALL = Context(DROP)


class Contexts:
    """The contexts of one answer's elements, by their parent's context and their tag."""

    def __init__(self, schema: Schema, plan: OperationPlan) -> None:
        self.schema = schema
        self.plan = plan
        self.readers: Readers = readers(schema)
        self._cache: dict[tuple[Context, str], Context] = {}
        self._root: Context | None = None  # the document element's
        #: contexts of elements met lately (a few: they keep their elements alive)
        self._known: dict[etree._Element, Context] = {}

    @staticmethod
    def root_tags() -> frozenset[str]:
        """The tags of a document element the pull parser takes as an answer's, to map and
        prune it while it is read: SOAP's Envelope, Header and Body."""
        return frozenset(
            f"{{{ns}}}{name}" for ns in SOAP_NS for name in ("Envelope", "Header", "Body")
        )

    def of(self, element: etree._Element) -> Context:
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

    def envelope(self, root: etree._Element) -> Context:
        if self._root is None:
            self._root = self._envelope(root)
        return self._root

    def _envelope(self, root: etree._Element) -> Context:
        tag = root.tag
        namespace = namespace_of(tag) if isinstance(tag, str) else ""
        if localname(root) != "Envelope" or namespace not in SOAP_NS:
            return DROP_ALL  # not an envelope: refused naming the root alone
        known: dict[str, Node | None] = {n.tag: n for n in self.schema.response_headers}
        known[f"{{{namespace}}}Header"] = None
        known[f"{{{namespace}}}Body"] = None
        return Context(FIELDS, known)

    def child(self, context: Context, element: etree._Element) -> Context:
        how = context.how
        if how in (KEEP, DROP):
            return context
        if how == BODY:
            return self._body_child(element)
        tag = element.tag
        found = self._cache.get((context, tag))
        if found is None:
            found = self._cache[(context, tag)] = self._child(context, tag)
        return found

    def _child(self, context: Context, tag: str) -> Context:
        if context.how == SCALAR:
            return KEEP_ALL  # refused when it ends
        if tag not in context.known:
            if namespace_of(tag) in SOAP_NS and context.node is None:
                return KEEP_ALL  # a SOAP element out of place: the structure check's
            return DROP_ALL  # unknown: what is inside goes; it is recorded itself
        node = context.known[tag]
        parent = context.node
        if context.how == ITEMS and parent is not None and parent.kind is Kind.DICT:
            key, value = parent.key, parent.value
            assert key is not None and value is not None
            return Context(FIELDS, {key.tag: key, value.tag: value}, context.depth + 1, parent)
        if node is None:  # the Header or the Body
            if tag.endswith("}Header"):
                return Context(FIELDS, {n.tag: n for n in self.schema.response_headers})
            return Context(BODY)
        return self._node(node, context.depth)

    def _body_child(self, element: etree._Element) -> Context:
        body = element.getparent()
        assert body is not None
        first = next((c for c in body if isinstance(c.tag, str)), None)
        plan = self.plan
        if element is not first or element.tag != plan.response_tag:
            if localname(element) == "Fault":
                return KEEP_ALL  # read as a fault
            return DROP_ALL  # refused by the structure or payload check, naming it alone
        response = plan.response
        if response is None:
            return Context(FIELDS)
        if not plan.wrapped:  # the wrapper is the answer's class, its fields read at 0
            return self._node(response, -1)
        return Context(FIELDS, {response.tag: response})

    def _node(self, node: Node, depth: int) -> Context:
        """The context of an element of ``node`` that the readers read at ``depth``."""
        kind = node.kind
        if kind is Kind.CLASS:
            fields = self.schema.class_plan(node.python_type).by_tag
            return Context(FIELDS, dict(fields), depth + 1, node)
        if kind is Kind.ARRAY:
            item = node.item
            assert item is not None
            return Context(ITEMS, {item.tag: item}, depth + 1, node, self.readers.node(item))
        if kind is Kind.DICT:
            return Context(ITEMS, {node.pair_tag: None}, depth, node, self.readers.pair(node))
        return Context(SCALAR, {}, depth, node, self.readers.node(node))
