"""Reading an answer with memory bounded by its size, whatever its shape.

libxml2 spends 100 to 250 bytes on an element, so a tree of ``<a:int>1</a:int>`` items (15
bytes each) or of unknown empty elements is 10 to 30 times the answer. Here the answer is fed
to a pull parser a megabyte at a time, and only what cannot grow with the answer stays in
the tree:

- after each 64 KB, the items of lists (and pairs of dictionaries) on the path still open
  that have ended are mapped by the readers of :mod:`._readvalues`, and dropped; the list's
  reader later takes the values mapped so far from :attr:`Document.premapped` (the parser
  reports no element's end: lxml's hooks for that cost on every element);
- after each 64 KB, the elements still in the tree are counted, up to a budget (16,384, about
  4 MB of libxml2's memory). Past it, the tree is *pruned*: walked with each element's *context*
  (which node of the plans it is: :mod:`._contexts`), elements the models have no field for
  are recorded in ``skipped`` and dropped, and so is what is inside them, and comments. The
  last child of each element may still be open in the parser, so it stays (only what is
  inside it goes);
- a scalar keeps few children: comments and PIs that split its text go (their tails join
  its text), and so do elements in it but the first (its reader refuses it for that one);
- the Envelope, its Header and Body, a Fault and the fields of classes stay, for
  :func:`._reader._response` to judge and map as from a whole tree (a class has a bounded
  number of fields: a field twice is refused).

Attributes cost libxml2 as much as elements (some 250 bytes for ``a1="1"``): the budget
counts them too (the ``=`` fed since the last pruning, then those kept), and a start tag of
more than :data:`MAX_ATTRIBUTES` is refused before the parser is fed it (:class:`StartTags`),
as libxml2 makes all of a tag's attributes at once.

An answer of the usual shapes never reaches the budget: the cost is the count after each
64 KB, of a tree of one list item.

The items of a list answer given whole are read from its bytes by :mod:`._scan` where they
are in WCF's layout; the rest of such an answer is parsed here, as is any answer it declines.

An error's path names each element as in the whole document: the items of a list mapped and
dropped before it count, nil ones too (which the value leaves out). The rest of a list the
pruning mapped in part is mapped here as well (before the item that holds it, or once the
answer is parsed), as the readers count only what is left in the tree.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from lxml import etree

from . import _scan
from ._contexts import (
    BODY,
    DROP,
    DROP_ALL,
    ITEMS,
    KEEP,
    KEEP_ALL,
    SCALAR,
    SOAP_NS,
    Context,
    Contexts,
    namespace_of,
)
from ._pull import PullParser
from ._readvalues import Document, duplicate_key
from ._schema import Kind, OperationPlan, Schema
from ._xml import checked_root, element_path, shape_path
from .errors import ProtocolError, XmlSyntaxError


class _Contexts(Contexts):
    """The contexts of one answer's elements, and what is mapped and dropped as it is read."""

    def __init__(self, schema: Schema, plan: OperationPlan) -> None:
        super().__init__(schema, plan)
        self._last: Any = None  # the parent of the last item, and its context
        self._last_context = KEEP_ALL
        #: (context, tag) of unknown elements recorded in ``skipped`` while pruning
        self._recorded: set[tuple[Context, str]] = set()
        #: list element -> its nil items mapped and dropped (lists hold no None, so they are
        #: not in ``doc.premapped``): positions count them too
        self.nils: dict[etree._Element, int] = {}
        #: the list (or dictionary) element whose items were mapped last: the objects'
        #: budget names it
        self.mapping: etree._Element | None = None
        #: lists (and dictionaries) the pruning mapped in part, with their contexts: the rest
        #: of their items is mapped here too, before the item holding them or once the answer
        #: is parsed (the readers would count only the items left in the tree)
        self.partial: dict[etree._Element, Context] = {}

    def ended(self, doc: Document, element: etree._Element) -> None:
        """An element with an item's or pair's tag ended: map and drop it, if it is one."""
        parent = element.getparent()
        if parent is None:
            return
        if parent is not self._last:
            self._last, self._last_context = parent, self.of(parent)
        context = self._last_context
        if context.how == ITEMS and element.tag == context.item:
            if self.partial:
                self.settle(doc, element)
            self.mapping = parent
            try:
                _map_item(context, doc, parent, element, self.nils)
            except ProtocolError as error:
                failure = _placed(error, element, self.dropped(doc))
            else:
                parent.remove(element)
                return
            raise failure

    def map_ended(self, doc: Document, root: etree._Element) -> None:
        """Map and drop the items of lists that have ended, after each chunk. Only the open
        path (each element's last child, from the document element) can hold such lists:
        elsewhere an element has ended whole, and is mapped with its parent or pruned. A
        list's last child may still be open: it stays, mapped later or once the answer is
        parsed (the list is mapped in part)."""
        element, context = root, self.envelope(root)
        while context.how not in (KEEP, DROP, SCALAR) and len(element):
            if context.how == ITEMS and len(element) > 1:
                self._map_items(doc, element, context, list(element)[:-1])
                self.partial[element] = context
            last = element[-1]
            if not isinstance(last.tag, str):
                return  # a comment or PI last: nothing is open below it
            element, context = last, self.child(context, last)

    def prune(self, doc: Document, root: etree._Element) -> None:
        """Drop what the readers will not map (see the module docstring)."""
        if self.nils:  # lists dropped since with their item: their trees may go
            self.nils = {e: n for e, n in self.nils.items() if _in(e, root)}
        partial = self.partial
        recorded = self._recorded
        todo: list[tuple[etree._Element, Context]] = [(root, self.envelope(root))]
        while todo:
            element, context = todo.pop()
            how = context.how
            if how == KEEP:
                continue  # as it is: a Fault
            if how == SCALAR:
                _fold(element)
                continue
            children = list(element)
            if how == ITEMS and len(children) > 1:
                ended, children = children[:-1], children[-1:]  # no other proxy of them
                self._map_items(doc, element, context, ended)
                partial[element] = context
            for child in children:
                last = child is children[-1]  # may still be open: kept, its insides not
                tag = child.tag
                if not isinstance(tag, str):
                    element.remove(child)  # a comment or PI between elements
                    continue
                if how == DROP:
                    if last:
                        todo.append((child, DROP_ALL))
                    else:
                        element.remove(child)
                    continue
                if how == ITEMS and tag == context.item:
                    if last:
                        todo.append((child, self.child(context, child)))
                    else:
                        self.ended(doc, child)  # mapped and dropped
                    continue
                if how == BODY or tag in context.known:
                    todo.append((child, self.child(context, child)))
                    continue
                if context.node is None and namespace_of(tag) in SOAP_NS:
                    continue  # out of place: the structure check names it
                key = (context, tag)
                if key not in recorded:  # one path a (context, tag): the same path
                    recorded.add(key)
                    doc.skip(child)
                if last:
                    todo.append((child, DROP_ALL))
                else:
                    element.remove(child)

    def _map_items(
        self, doc: Document, element: etree._Element, context: Context, ended: list[Any]
    ) -> None:
        """Map a list's (or dictionary's) children that have ended, then drop them at once."""
        if self.partial:  # lists mapped in part inside these items: the rest of them first
            holding = self._holding(element)
            for child in ended:
                if child in holding:
                    self.settle(doc, child)
        self.mapping = element
        for done, child in enumerate(ended):
            tag = child.tag
            if tag == context.item:
                try:
                    _map_item(context, doc, element, child, self.nils)
                except ProtocolError as error:
                    failure = error
                else:
                    continue
                naive = element_path(child)  # as the error has it
                del element[:done]  # those mapped: the count of them places the error
                raise _placed(failure, child, self.dropped(doc), naive)
            if isinstance(tag, str):
                key = (context, tag)
                if key not in self._recorded:
                    self._recorded.add(key)
                    doc.skip(child)
        # no proxy of them may be left when they go: lxml frees an element without one at
        # once, but walks one with a proxy to fix its namespaces first (9% of reading 5,000
        # envelopes, by instruction count)
        count, child = len(ended), None
        ended.clear()
        del element[:count]

    def settle(self, doc: Document, within: etree._Element) -> None:
        """Map the rest of the lists in ``within`` (or ``within`` itself) that the pruning
        mapped in part, inner ones first, so that an error in any of their items is placed
        as in the whole document."""
        found = []
        for element in self.partial:
            depth = 0
            up: etree._Element | None = element
            while up is not None and up is not within:
                depth, up = depth + 1, up.getparent()
            if up is within:
                found.append((depth, element))
        found.sort(key=lambda each: -each[0])
        for _, element in found:
            context = self.partial.pop(element)
            self._map_items(doc, element, context, list(element))

    def _holding(self, element: etree._Element) -> set[etree._Element]:
        """The children of ``element`` that hold a list the pruning mapped in part."""
        holding = set()
        for inner in self.partial:
            below = inner
            for up in inner.iterancestors():
                if up is element:
                    holding.add(below)
                    break
                below = up
        return holding

    def dropped(self, doc: Document) -> dict[etree._Element, int]:
        """List (or dictionary) element -> its items mapped and dropped so far, nil ones too
        (what an error's positions add to the items still in the tree)."""
        dropped = dict(self.nils)
        for parent, values in doc.premapped.items():
            if isinstance(values, list | dict):  # not a base64 value's bytes (_stream)
                dropped[parent] = dropped.get(parent, 0) + len(values)
        return dropped


_CHUNK = 1 << 16  # bytes fed at a time; at most 16,384 elements (``<a/>``), about 4 MB
#: elements and attributes the tree may hold before it is pruned (libxml2 spends about 250
#: bytes on each: an element with its text, an attribute with its value's node)
_BUDGET = 16_384
#: attributes one start tag may have (namespace declarations count): libxml2 makes them all
#: at once when the tag ends, some 250 bytes each for ``a1="1"`` (7 bytes), before a pruner
#: could look; a NetServer's elements have a few
MAX_ATTRIBUTES = 1_024
_MARKUP_END = re.compile(rb"[\"'>]")  # in a start tag: a value's quote, or its end


class StartTags:
    """Refuses a start tag with more than :data:`MAX_ATTRIBUTES` attributes before the parser
    is fed it, wherever the chunks split it (ProtocolError).

    A raw ``<`` is never inside a tag, a value or text, so each ``<`` starts a *region*: a
    tag, then text. The ``=`` of a region bound its tag's attributes from above, and the
    ``=`` from a chunk's first ``<`` bound those of every region starting in it: only a
    region with more is read closely (its tag's ``=`` outside quoted values, each an
    attribute). So are the region a chunk ends in and its rest in the next chunk, whose state
    is kept. A chunk without ``<`` (a base64 value's text) costs a ``find``. A ``<`` inside a
    comment or CDATA section starts a region too: that can only make the count higher, never
    hide a tag."""

    def __init__(self) -> None:
        self.seen = 0  # bytes checked before this chunk
        self.state = _OTHER  # of the region open at the end of what was checked
        self.quote = 0  # inside a start tag: the quote of the value open, or 0
        self.count = 0  # inside a start tag: its = outside values so far
        self.at = 0  # where that tag starts in the answer

    def check(self, chunk: bytes) -> int:
        """Check the next chunk of the answer; at least the attributes it holds (for the
        pruner's budget): the ``=`` of the tag it continues, and those from its first ``<``."""
        first = chunk.find(b"<")
        before = self.count
        self._read(chunk, 0, len(chunk) if first < 0 else first)  # the open region's rest
        continued = self.count - before
        if first < 0:
            self.seen += len(chunk)
            return continued
        equals = chunk.count(b"=", first)
        last = chunk.rfind(b"<")
        if equals > MAX_ATTRIBUTES:  # a region in between may have more
            start = first
            for region in chunk[first:last].split(b"<")[1:]:
                if region.count(b"=") > MAX_ATTRIBUTES:
                    self._open(chunk, start)
                    self._read(chunk, start + 1, start + 1 + len(region))
                start += 1 + len(region)
        self._open(chunk, last)
        self._read(chunk, last + 1, len(chunk))
        self.seen += len(chunk)
        return continued + equals

    def _open(self, chunk: bytes, at: int) -> None:
        """A region starts at ``chunk[at]`` (a ``<``)."""
        self.state, self.quote, self.count, self.at = _UNKNOWN, 0, 0, self.seen + at

    def _read(self, chunk: bytes, start: int, end: int) -> None:
        """Read ``chunk[start:end]``, the open region's next bytes."""
        if self.state == _UNKNOWN and start < end:  # what follows the < says what it is
            self.state = _OTHER if chunk[start] in b"/!?" else _TAG
        if self.state != _TAG:
            return
        at = start
        while at < end:
            if self.quote:
                close = chunk.find(self.quote, at, end)
                if close < 0:
                    return
                self.quote, at = 0, close + 1
                continue
            found = _MARKUP_END.search(chunk, at, end)
            stop = end if found is None else found.start()
            self.count += chunk.count(b"=", at, stop)
            if self.count > MAX_ATTRIBUTES:
                raise ProtocolError(
                    f"the start tag at byte {self.at} of the answer has more than "
                    f"{MAX_ATTRIBUTES:,} attributes: refused before it is parsed, as it would "
                    "take the parser some 250 bytes each (a NetServer's elements have a few)"
                )
            if found is None:
                return
            if chunk[stop] == ord(">"):
                self.state = _OTHER
                return
            self.quote, at = chunk[stop], stop + 1


_OTHER, _UNKNOWN, _TAG = 0, 1, 2  # a region: not a start tag (or past it), not known yet, one


def chunks(source: bytes | IO[bytes], start: int = 0) -> Iterator[bytes]:
    """The answer as it is fed to a parser (bytes: from ``start``)."""
    if isinstance(source, bytes):
        for at in range(start, len(source), _CHUNK):
            yield source[at : at + _CHUNK]
    else:
        while chunk := source.read(_CHUNK):
            yield chunk


def read_bounded(
    source: bytes | IO[bytes], schema: Schema, plan: OperationPlan, doc: Document
) -> etree._Element:
    """Parse an answer, mapping list items as they end and pruning the tree whenever it holds
    more elements than its size allows (see the module docstring); the document element of
    what is left, for ``_response`` to read. The items of a list answer given whole are
    read from its bytes where their layout allows (:mod:`._scan`)."""
    if isinstance(source, bytes) and _scan.ENABLED:

        def parse(head: bytes, rest: int, trial: Document, started: Started) -> etree._Element:
            pieces = itertools.chain((head,), chunks(source, rest))
            return _read_chunks(pieces, schema, plan, trial, started)

        root = _scan.read_scanned(source, schema, plan, doc, parse, (OBJECT_FLOOR, OBJECT_RATIO))
        if root is not None:
            return root
    return _read_chunks(chunks(source), schema, plan, doc)


#: called with the document element once it has started, before anything is mapped or pruned
Started = Callable[[etree._Element], None]


def _read_chunks(
    pieces: Iterator[bytes],
    schema: Schema,
    plan: OperationPlan,
    doc: Document,
    started: Started | None = None,
) -> etree._Element:
    contexts = _Contexts(schema, plan)
    parser = PullParser(contexts.root_tags())
    fed = 0
    pruner = Pruner(contexts, doc)
    tags = StartTags()
    try:
        for chunk in pieces:
            pruner.attributes += tags.check(chunk)
            parser.feed(chunk)
            fed += len(chunk)
            root = parser.root
            if root is None:
                if fed >= 1 << 20:  # a megabyte without a SOAP Envelope, Header or Body
                    raise ProtocolError("not a SOAP envelope: no Envelope in its first megabyte")
            else:
                if started is not None:
                    started(root)
                    started = None
                contexts.map_ended(doc, root)
                pruner.check(root, fed)
        found = parser.close()
    except etree.XMLSyntaxError as error:
        raise XmlSyntaxError(f"not well-formed XML: {parser.message(error)}") from None
    tree = checked_root(found)
    pruner.finish(tree)
    return tree


class Pruner:
    """Keeps a tree being parsed within its budget: pruned whenever it holds more elements
    (used here and by the sink's parser, ``_stream``, after each 64 KB)."""

    def __init__(self, contexts: _Contexts, doc: Document) -> None:
        self.contexts = contexts
        self.doc = doc
        self.budget = _BUDGET
        #: at least the attributes the tree holds: those kept at the last pruning, and the
        #: ``=`` fed since (the caller adds them; a tree that keeps none leaves it at 0)
        self.attributes = 0

    @classmethod
    def of(cls, schema: Schema, plan: OperationPlan, doc: Document) -> Pruner:
        return cls(_Contexts(schema, plan), doc)

    def finish(self, root: etree._Element) -> None:
        """The whole answer is parsed: map the rest of the lists mapped in part."""
        self.contexts.settle(self.doc, root)

    def check(self, root: etree._Element, fed: int) -> None:
        """After ``fed`` bytes of the answer: prune the tree if it is over its budget, and
        refuse an answer whose mapped values outgrow it (ProtocolError)."""
        if self.doc.mapped_bytes > max(OBJECT_FLOOR, OBJECT_RATIO * fed):
            raise self._too_many_objects(fed)
        if self.attributes > self.budget or _more_than(root, self.budget - self.attributes):
            self.contexts.prune(self.doc, root)
            elements = attributes = most = 0
            holder = root
            for element in root.iter():
                elements += 1
                count = len(element.keys())
                attributes += count
                if count > most:
                    most, holder = count, element
            if attributes > _BUDGET:  # on elements that must stay (of a bounded number)
                raise ProtocolError(
                    f"after {fed} bytes, the elements of the answer that are kept to be read "
                    f"hold {attributes:,} attributes, more than {_BUDGET:,}, this one {most:,}: "
                    "refused to keep memory bounded by the answer (a NetServer's elements "
                    "have a few)",
                    element_path(holder, self.contexts.dropped(self.doc)),
                )
            self.attributes = attributes
            # twice what is left: what must stay is not walked again and again
            self.budget = max(_BUDGET, 2 * (elements + attributes))

    def _too_many_objects(self, fed: int) -> ProtocolError:
        """The objects' budget ran out: named at the list whose items were being mapped (only
        list items and dictionary pairs are mapped while the answer is parsed)."""
        mapping = self.contexts.mapping
        dropped = self.contexts.dropped(self.doc)
        return ProtocolError(
            f"the answer maps to about {self.doc.mapped_bytes >> 20} MiB of model objects "
            f"after {fed} bytes, more than {OBJECT_RATIO} times its size, the last from this "
            "list's items: refused to keep memory bounded by the answer (a NetServer writes "
            "every field of an item)",
            element_path(mapping, dropped) if mapping is not None else None,
        )


#: the model objects an answer may make (``Document.mapped_bytes``, counted as each is made),
#: in bytes per byte of the answer read so far, once past OBJECT_FLOOR: NetServer writes every
#: field of an object (0.4x for GetEMailEnvelopes), but ``<EMailEnvelope/>`` items of 17
#: bytes would each make an object of some 200 bytes. The count leaves out strings and
#: shared values: an answer of small objects with short strings (hostile.nested_objects,
#: 2.45 by this count) peaks at 1.6 times its count in RSS, 3.9x to 4.03x the answer, so 2
#: keeps issue 13's 4x (such an answer, past 8 MiB of objects, is refused)
OBJECT_RATIO = 2
OBJECT_FLOOR = 8 << 20


def _in(element: etree._Element, root: etree._Element) -> bool:
    """Whether ``element`` is still in the tree of ``root`` (not dropped with an ancestor;
    lxml keeps a dropped element in the same document, so ``getroottree`` cannot tell)."""
    return element is root or any(up is root for up in element.iterancestors())


def _fold(scalar: etree._Element) -> None:
    """Keep a scalar's children few: what its reader makes of them stays the same. Comments
    and PIs go, their tails kept in its text in order (the reader joins the text around
    them); where it holds an element, which the reader refuses it for, all but the first go.
    The last child may still be open: it stays."""
    children = list(scalar)[:-1]
    if not children:
        return
    first = next((child for child in scalar if isinstance(child.tag, str)), None)
    if first is None:
        scalar.text = "".join([scalar.text or "", *(child.tail or "" for child in children)])
    for child in children:
        if child is not first:
            scalar.remove(child)


def _more_than(root: etree._Element, budget: int) -> bool:
    return any(count > budget for count, _ in enumerate(root.iter(), 1))


def _map_item(
    context: Context, doc: Document, parent: Any, item: Any, nils: dict[Any, int]
) -> None:
    """Map a list's item (or a dictionary's pair) into ``doc.premapped``; a nil item is
    counted in ``nils``."""
    node = context.node
    assert node is not None
    if node.kind is Kind.ARRAY:
        value = context.read(doc, item, context.depth)
        if value is None:  # a nil item: lists hold no None (list[T]); reported
            doc.defaulted[shape_path(item)] = None
            nils[parent] = nils.get(parent, 0) + 1
        else:
            doc.premapped.setdefault(parent, []).append(value)
        return
    key, value = context.read(doc, item, context.depth)
    entry = doc.premapped.setdefault(parent, {})
    if key in entry:
        raise duplicate_key(key, item)
    entry[key] = value


def _placed(
    error: ProtocolError, anchor: Any, dropped: dict[Any, int], naive: str | None = None
) -> Any:
    """``error`` with the positions in its path counted as in the whole document: the items
    mapped and dropped before ``anchor`` (or before one of its ancestors) still count."""
    naive = naive or element_path(anchor)
    path = error.path
    if path is None or not path.startswith(naive):
        return error
    return type(error)(error.reason, element_path(anchor, dropped) + path[len(naive) :])
