"""Reading an answer as it arrives, with base64 values streamed to sinks as they are decoded.

:class:`StreamingParser` is fed the answer chunk by chunk (``feed``; ``close`` returns the
document element). It drives libxml2 with a parser target: every element but the base64
values goes into an lxml tree as usual (``TreeBuilder``), which the readers then map; the
text of a base64 value (an attachment's ``Stream``, ``GetEMailAsStream``'s ``Response``) never
enters the tree: it is decoded in slices of about a megabyte and written to the writable that
``sink(owner)`` returned for it, so memory does not grow with the attachment. ``owner`` is the
object the value belongs to, read as far as it has arrived (an ``EMailAttachment`` with its
``Filename``, ``Type``... and ``stream`` None), or None for a value that is the ``Response``
itself. In the result such a value is None: its bytes went to the sink. Nothing here does
I/O but the writes to the sinks. A sink that is a file of the ``io`` module's own (what
``open(path, "wb")`` returns) is written by a thread of its own, at most ``_AHEAD`` slices
behind the decoding, so the disk's time overlaps the parser's (for a value of more than one
slice; a smaller one is written at once, here); every write is done before
the value's end is parsed (or the parse fails), in order, and the first error is raised here.
"""

from __future__ import annotations

import binascii
import functools
import io
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any, Protocol, cast

from lxml import etree

from ._bounded import Pruner, StartTags
from ._readvalues import Document, readers
from ._schema import Kind, Node, Schema
from ._wire import XSI_NIL
from ._xml import PARSER_OPTIONS, element_path
from .errors import DecodeError, Error, ForbiddenXmlError, XmlSyntaxError

_SLICE = 1 << 20  # base64 characters decoded at a time
_PRUNE_EVERY = 1 << 16  # bytes fed between looks at the tree's size
#: decoded slices a file's writer thread may have waiting: one is not enough, as the thread
#: may wait up to a GIL switch interval (5 ms, about a slice's decoding) to start a write
_AHEAD = 3
#: the files written from a thread: their writes take the whole slice (a raw FileIO may
#: write part of it) and release the GIL while the kernel copies
_THREADED = (io.BufferedWriter, io.BufferedRandom)
_NIL = {XSI_NIL: "true"}
_SPACE = " \t\r\n"  # XML's white space


class Writable(Protocol):
    def write(self, data: bytes, /) -> object: ...


#: given the object a base64 value belongs to (None: the Response itself), where its bytes go
Sink = Callable[[Any], Writable]


class _FileWriter:
    """Writes to a file from a thread of its own, in order, at most ``_AHEAD`` slices behind
    the caller; ``write`` and ``finish`` raise the first error the file raised."""

    def __init__(self, out: Writable) -> None:
        self.slices: queue.Queue[bytes | None] = queue.Queue(_AHEAD)
        self.failed: list[BaseException] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(
            target=_write_slices,
            args=(out, self.slices, self.failed, self.stop),
            name="superoffice_email sink",
            daemon=True,
        )
        self.thread.start()
        # a value left unfinished (an answer abandoned between feeds) ends its thread once
        # the parser is dropped; the thread holds no reference to this object
        self._ender = weakref.finalize(self, _end, self.slices, self.stop)

    def write(self, data: bytes) -> None:
        self._raise()
        self.slices.put(data)  # waits while _AHEAD slices wait

    def finish(self) -> None:
        """Every slice written; the first error raised."""
        self._ender.detach()
        self.slices.put(None)
        self.thread.join()
        self._raise()

    def abandon(self) -> None:
        """Stop: slices not yet written are dropped; returns once the thread has ended."""
        self._ender.detach()
        _end(self.slices, self.stop)
        self.thread.join()

    def _raise(self) -> None:
        if self.failed:
            raise self.failed[0]


def _write_slices(
    out: Writable,
    slices: queue.Queue[bytes | None],
    failed: list[BaseException],
    stop: threading.Event,
) -> None:
    while (data := slices.get()) is not None:
        if failed or stop.is_set():
            continue  # still taken: the caller may be waiting to put
        try:
            out.write(data)
        except BaseException as error:  # raised to the parser's caller, not here
            failed.append(error)


def _end(slices: queue.Queue[bytes | None], stop: threading.Event) -> None:
    stop.set()
    slices.put(None)


class _Base64Writer:
    """Decodes base64 text arriving in pieces and writes the bytes, a slice at a time."""

    def __init__(self, out: Writable, element: etree._Element) -> None:
        self.out = out
        # a file is written from a thread (see the module docstring), started at the first
        # slice that is not the last: a value of one slice is written here at once (a thread
        # would cost more than it saves); other writables are written here, as a user's
        # object may care which thread calls it
        self.threaded = type(out) in _THREADED
        self.thread: _FileWriter | None = None
        self.element = element
        self.pending: list[str] = []
        self.size = 0
        self.rest = ""  # characters short of a 4-character quantum

    def data(self, text: str) -> None:
        self.pending.append(text)
        self.size += len(text)
        if self.size >= _SLICE:
            self._decode(final=False)

    def close(self) -> None:
        self._decode(final=True)
        if self.thread is not None:
            self.thread.finish()

    def abandon(self) -> None:
        """The parse failed: no more writes once this returns."""
        if self.thread is not None:
            self.thread.abandon()

    def _keep_short_quantum(self, pieces: list[str]) -> None:
        """Moves the characters past the last whole 4-character quantum from the end of
        ``pieces`` to ``rest``, for the next slice."""
        short = sum(map(len, pieces)) % 4
        while short:
            last = pieces.pop()
            if len(last) > short:
                pieces.append(last[:-short])
                last = last[-short:]
            self.rest = last + self.rest
            short -= len(last)

    def _decode(self, final: bool) -> None:
        pieces, self.pending, self.size = self.pending, [], 0
        if self.rest:
            pieces.insert(0, self.rest)
        if not all(p.isascii() for p in pieces) or any(c in p for p in pieces for c in _SPACE):
            # line breaks are allowed in xs:base64Binary
            pieces = ["".join("".join(pieces).split())]
        self.rest = ""
        if not final:
            self._keep_short_quantum(pieces)
        # one copy of the slice's text: the characters short of a quantum are cut from the
        # last piece (64 KB), not from the joined megabyte
        text = "".join(pieces)
        try:
            data = binascii.a2b_base64(text, strict_mode=True)
        except binascii.Error as error:
            raise DecodeError(
                f"not valid xs:base64Binary ({error})", element_path(self.element)
            ) from None
        if self.thread is None and self.threaded and not final:
            self.thread = _FileWriter(self.out)
        if self.thread is not None:
            self.thread.write(data)
        else:
            self.out.write(data)


class _Target:
    """An lxml parser target: a tree for everything, but base64 values go to sinks."""

    def __init__(
        self,
        schema: Schema,
        operation: str,
        sink: Sink | None,
        collected: dict[Any, Any] | None = None,
    ) -> None:
        self.schema = schema
        self.plan = schema.operation_plan(operation)
        self.sink = sink
        #: without a sink: base64 element -> its bytes, decoded as they arrived (the
        #: document's ``premapped``, where the readers take them)
        self.collected = collected
        # Any: lxml-stubs declare start/end without nsmap and returning None; they take it
        # and return the element
        self.builder: Any = etree.TreeBuilder()
        # per open element: (the element, its plan node or None where none is known)
        self.stack: list[tuple[etree._Element, Node | None]] = []
        self.base64: _Base64Writer | None = None
        self.root: etree._Element | None = None  # the document element, once it starts
        self.error: Exception | None = None  # raised in a callback, for feed() to raise
        #: nodes the tree has gained (elements, comments, PIs): while it stays the same (a
        #: base64 value's text arriving) the tree is as the pruner last saw it
        self.added = 0
        #: the text since the last node, handed to the tree builder joined. Given the
        #: pieces, the builder held them, their join and its UTF-8 copy for libxml2 at once
        #: (a 40 MiB string: 4.0x the answer); joined here, the pieces go first (3.0x)
        self.text: list[str] = []

    def _node(self, tag: str) -> Node | None:
        """The plan node of an element starting now, from its parent's."""
        depth = len(self.stack)
        if depth == 2 and not self.plan.wrapped:  # Envelope/Body/XResponse: the answer
            response = self.plan.response
            return response if response is not None and tag == self.plan.response_tag else None
        if depth == 3 and self.plan.wrapped:  # Envelope/Body/XResponse/Response
            response = self.plan.response
            return response if response is not None and tag == response.tag else None
        if depth < 3 or (self.sink is None and self.collected is None):
            return None
        parent = self.stack[-1][1]
        if parent is None:
            return None
        if parent.kind is Kind.CLASS:
            return self.schema.class_plan(parent.python_type).by_tag.get(tag)
        if parent.kind is Kind.ARRAY and parent.item is not None and parent.item.tag == tag:
            return parent.item
        return None

    def start(self, tag: str, attrib: dict[str, str], nsmap: Any = None) -> Any:
        try:
            namespaces = {k or None: v for k, v in (nsmap or {}).items()}  # lxml: None, not ""
            return self._start(tag, attrib, namespaces or None)
        except Exception as error:
            self.error = error  # lxml would turn it into a syntax error; feed() raises it
            raise

    def _start(self, tag: str, attrib: dict[str, str], nsmap: Any) -> Any:
        node = self._node(tag)
        if (
            node is not None
            and node.type_ref == "xs:base64Binary"
            and attrib.get(XSI_NIL, "").strip() not in ("true", "1")
        ):
            if self.sink is not None:
                owner = self._owner()
                # read as nil: the bytes go to the sink, not into the value
                element = self._build_start(tag, {**attrib, **_NIL}, nsmap)
                self.base64 = _Base64Writer(self.sink(owner), element)
            else:  # collected: the text is never held whole, only the bytes
                element = self._build_start(tag, attrib, nsmap)
                self.base64 = _Base64Writer(io.BytesIO(), element)
        else:
            element = self._build_start(tag, attrib, nsmap)
        self.added += 1
        if self.root is None:
            self.root = element
        self.stack.append((element, node))
        return element

    def _build_start(self, tag: str, attrib: dict[str, str], nsmap: Any) -> Any:
        # only xsi:nil, the one attribute the readers look at: lxml's tree builder sets each
        # attribute after a search of those set before (20,000 took 1.2 s)
        self._flush_text()
        nil = attrib.get(XSI_NIL)
        try:
            return self.builder.start(tag, {} if nil is None else {XSI_NIL: nil}, nsmap)
        except ValueError as error:
            # lxml's tree builder checks namespace URIs that its parser lets through to a
            # target ('http://www[.example'): as the tree parser says, not well-formed
            raise XmlSyntaxError(f"not well-formed XML: {error}") from None

    def _owner(self) -> Any:
        """The object the base64 value starting now belongs to, as far as it has arrived."""
        parent, node = self.stack[-1]
        if node is None or node.kind is not Kind.CLASS:
            return None
        return readers(self.schema).fields(node.python_type)(Document(), parent, 0)

    def end(self, tag: str) -> Any:
        try:
            if self.base64 is not None:
                writer = self.base64
                writer.close()  # if it raises, it is still there for abandon()
                self.base64 = None
                if self.collected is not None and isinstance(writer.out, io.BytesIO):
                    # getvalue() hands over BytesIO's buffer: no copy of the bytes
                    self.collected[writer.element] = writer.out.getvalue()
            self.stack.pop()
            self._flush_text()
            return self.builder.end(tag)
        except Exception as error:
            self.error = error
            raise

    def data(self, text: str) -> None:
        try:
            if self.base64 is not None:
                self.base64.data(text)
            else:
                self.text.append(text)
        except Exception as error:
            self.error = error
            raise

    def comment(self, text: str) -> None:
        if self.base64 is None:
            self.added += 1
            self._flush_text()
            self.builder.comment(text)

    def pi(self, target: str, data: str | None = None) -> None:
        if self.base64 is None:
            self.added += 1
            self._flush_text()
            self.builder.pi(target, data)

    def doctype(self, *args: Any) -> None:
        self.error = ForbiddenXmlError(
            "the document has a DTD (<!DOCTYPE>); DTDs are never loaded"
        )
        raise self.error

    def close(self) -> Any:
        self._flush_text()
        return self.builder.close()

    def _flush_text(self) -> None:
        """Hand the text since the last node to the builder, as one string (the builder's
        own join then returns it as it is), the pieces freed before it is encoded."""
        if self.text:
            pieces, self.text = self.text, []
            joined = pieces[0] if len(pieces) == 1 else "".join(pieces)
            del pieces
            self.builder.data(joined)

    def abandon(self) -> None:
        """The parse failed: a base64 value's writes stop (see ``_Base64Writer.abandon``)."""
        if self.base64 is not None:
            self.base64.abandon()


class StreamingParser:
    """An answer to ``operation``, fed as it arrives; base64 values go to ``sink``.

    ``feed(chunk)`` as bytes come, then ``close()`` for the document element, which
    :func:`~superoffice_email._reader.parse_response` maps. Sans-I/O: sync and async callers
    drive it alike.
    """

    def __init__(
        self, schema: Schema, operation: str, sink: Sink | None, *, collect: bool = False
    ) -> None:
        self.schema = schema
        self.operation = operation
        #: what the pruning recorded and mapped (and, with ``collect``, the base64 values'
        #: bytes), for the readers of what is left
        self.doc = Document()
        self._pruner = Pruner.of(schema, schema.operation_plan(operation), self.doc)
        self._fed = 0  # bytes of the answer so far, for the pruner's budget
        self._seen = 0  # the target's ``added`` when the pruner last looked
        self._tags = StartTags()  # lxml hands the target a dict of a tag's attributes: 17x
        collected = self.doc.premapped if collect and sink is None else None
        self._target = _Target(schema, operation, sink, collected)
        self._parser = etree.XMLParser(
            target=cast(Any, self._target),  # lxml-stubs know no target with nsmap
            **PARSER_OPTIONS,
        )

    def feed(self, chunk: bytes) -> None:
        for start in range(0, len(chunk), _PRUNE_EVERY):  # memory bounded as in _bounded
            piece = chunk[start : start + _PRUNE_EVERY]
            try:
                # the tree keeps no attribute but xsi:nil: the pruner need not count them
                self._tags.check(piece)
                self._parser.feed(piece)
            except Exception as error:
                raise self._error(error) from None
            self._fed += min(_PRUNE_EVERY, len(chunk) - start)
            target = self._target
            # nothing added since the last look: the pruner would find what it found then
            # (its budget and its refusal only loosen as more is fed); a megabyte of base64
            # text is 16 looks at the tree
            if target.root is not None and target.added != self._seen:
                self._seen = target.added
                self._pruner.check(target.root, self._fed)

    def close(self) -> etree._Element:
        try:
            root: etree._Element = self._parser.close()
        except Exception as error:
            raise self._error(error) from None
        self._pruner.finish(root)
        return root

    def _error(self, error: Exception) -> Exception:
        """Ours: what a callback raised (a sink's write error as it is), or a syntax error
        (lxml reports both alike; its tree builder refuses a bad name with ValueError)."""
        self._target.abandon()
        found = self._target.error or error
        if isinstance(found, Error | OSError):
            return found
        if isinstance(found, etree.XMLSyntaxError | AssertionError | ValueError | TypeError):
            return XmlSyntaxError(f"not well-formed XML: {found}")
        return found


@functools.cache
def carries_base64(schema: Schema, operation: str) -> bool:
    """Whether the answer to ``operation`` may hold a base64 value (an attachment)."""
    response = schema.operation_plan(operation).response
    seen: set[int] = set()
    todo = [response] if response is not None else []
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.type_ref == "xs:base64Binary":
            return True
        if node.kind is Kind.CLASS:
            todo.extend(schema.class_plan(node.python_type).fields)
        elif node.kind is Kind.ARRAY and node.item is not None:
            todo.append(node.item)
    return False
