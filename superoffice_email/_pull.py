"""libxml2's pull parser over one answer, and the answer's document element as soon as it has
started (for :func:`._bounded.read_bounded` to map and prune while it is read).

lxml reports an element's start through a hook that runs on *every* element, whatever tags the
events are filtered to: 6.6% of the instructions of reading GetEMailEnvelopes' answer. A
processing instruction fed before the answer (:data:`MARKER`) is reported without such a hook,
and the document holds it, so the document element is found through it. (A PI, not a comment:
each one the answer holds is reported too, at the cost of a proxy, and answers hold comments
more often.) The marker goes after the XML declaration, where it changes nothing libxml2 reads
or says but the columns of line 1: lxml's message for a syntax error is put back as it would
be without it (:meth:`PullParser.message`).

Where the first bytes do not show a place that is safe by this rule (a declaration of another
encoding, UTF-16, a PI, leading whitespace), the parser reports the start of SOAP's Envelope,
Header and Body instead, with the hook, as before the marker.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from lxml import etree

from ._xml import PARSER_OPTIONS

#: the PI fed before the answer: ASCII, so it moves columns by its length in any count
MARKER = b"<?m?>"
#: where the marker may go: after a UTF-8 byte order mark and an XML declaration on one line,
#: of version 1.x in UTF-8, written as the grammar allows (anything else may be an error the
#: marker would move, or UTF-16, or put the marker on another line), or before the document's
#: first ``<`` where no declaration or PI comes first. Group 2: the declaration, whose length
#: is the column of line 1 the marker is at. (``_scan`` reads only what this matches: UTF-8.)
MARKER_PLACE = re.compile(
    rb"""(\xef\xbb\xbf)?
    (?: (<\?xml
          [ \t]+ version [ \t]* = [ \t]* (?: "1\.[0-9]+" | '1\.[0-9]+' )
          (?: [ \t]+ encoding [ \t]* = [ \t]* (?: "(?i:utf-8)" | '(?i:utf-8)' ) )?
          (?: [ \t]+ standalone [ \t]* = [ \t]* (?: "(?:yes|no)" | '(?:yes|no)' ) )?
          [ \t]* \?> )
      | (?= <[^?\x00] ) )""",
    re.VERBOSE,
)
#: the end of lxml's message for an error: where libxml2 met it
_WHERE = re.compile(r", line 1, column ([0-9]+)\Z")


class PullParser:
    """Feeds one answer to libxml2, chunk by chunk; :attr:`root` is its document element once
    that has started (where it is one of ``roots``: SOAP's Envelope, or a Header or Body), and
    None before."""

    def __init__(self, roots: Collection[str]) -> None:
        self.roots = roots
        self.root: Any = None
        self._parser: Any = None
        self._marker: Any = None  # the marker's node: the way to the document
        #: the column of line 1 the marker is at (after it, errors moved); None: no marker
        self._marker_at: int | None = None

    def feed(self, chunk: bytes) -> None:
        parser = self._parser
        if parser is None:
            parser = self._parser = self._start(chunk)
        else:
            parser.feed(chunk)
        if self._marker_at is None:  # the start of Envelope, Header or Body: it is the root's
            for _, element in parser.read_events():
                if self.root is None:
                    self.root = element.getroottree().getroot()
            return
        for _, pi in parser.read_events():  # the answer's own PIs too: not kept
            if self._marker is None:
                self._marker = pi
        if self.root is None and self._marker is not None:
            root = self._marker.getroottree().getroot()
            if root is not None and root.tag in self.roots:
                self.root = root

    def close(self) -> Any:
        if self._parser is None:  # nothing was fed
            self._parser = etree.XMLPullParser(**PARSER_OPTIONS)
        return self._parser.close()

    def message(self, error: etree.XMLSyntaxError) -> str:
        """lxml's message for ``error`` as it would be without the marker."""
        text = str(error)
        at = self._marker_at
        where = _WHERE.search(error.msg) if at is not None else None
        if at is None or where is None or not text.startswith(error.msg):
            return text
        column = int(where[1])
        if column <= at:  # before the marker (not met: the declaration is valid)
            return text
        return f"{error.msg[: where.start(1)]}{column - len(MARKER)}{text[len(error.msg) :]}"

    def _start(self, first: bytes) -> Any:
        place = MARKER_PLACE.match(first)
        if place is None:
            parser = etree.XMLPullParser(
                events=("start",), tag=sorted(self.roots), **PARSER_OPTIONS
            )
            parser.feed(first)
            return parser
        parser = etree.XMLPullParser(events=("pi",), **PARSER_OPTIONS)
        self._marker_at = len(place[2] or b"")  # the declaration's
        at = place.end()
        parser.feed(first[:at] + MARKER)
        parser.feed(first[at:])
        return parser
