"""``_pull.PullParser``: the comment fed before an answer (which finds its document element
without lxml's hook on every element) changes nothing a user sees.

The expectations are lxml's own: its message for the answer's bytes as they are, fed in the
same chunks with no marker; and what ``parse_response`` gives with the marker turned off (the
start-event parser, as before it), for the same bytes."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import superoffice_email as so
from superoffice_email import _pull
from superoffice_email._contexts import Contexts
from tests.benchmarks.inputs import wcf_envelopes_response

VERSION, OPERATION = "Services88", "GetEMailEnvelopes"
BODY = wcf_envelopes_response(3)
PROLOGS = [
    b"",
    b'<?xml version="1.0" encoding="utf-8"?>',
    b'<?xml version="1.0" encoding="utf-8"?>\r\n',
    codecs.BOM_UTF8 + b'<?xml version="1.0"?>',
    codecs.BOM_UTF8,
    b"<?xml version='1.0' standalone='yes'?>",
    b'<?xml  version = "1.0"  encoding = "UTF-8"  standalone = "no" ?>',
    b'<?xml\tversion="1.1"\tencoding="utf-8"\t?>',
    b'<?xml version="1.0" encoding="iso-8859-1"?>',  # no marker: the hook
    b"\n",  # no marker: the hook
    b'<?xml version="1.0"\r\n encoding="utf-8"?>',  # no marker: it would be on line 2
]
UNMARKED = 3
TOKENS = [
    b"<",
    b">",
    b"&",
    b"&#0;",
    b"&amp;",
    b"]]>",
    b"<!--",
    b"-->",
    b'<?xml version="1.0"?>',
    b"<a>",
    b"</a>",
    b'"',
    b"\n",
    b"\r\n",
    b"\xff",
    b"\x00",
    b' xmlns:i="x"',
    b"<?pi?>",
    b"<!DOCTYPE a>",
    b"\xef\xbb\xbf",
]


def lxml_says(data: bytes) -> str | None:
    """lxml's message for ``data`` fed unchanged in the chunks the reader feeds (None: it is
    well-formed)."""
    parser = etree.XMLPullParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        for start in range(0, len(data), 1 << 16):
            parser.feed(data[start : start + (1 << 16)])
        parser.close()
    except etree.XMLSyntaxError as error:
        return str(error)
    return None


@contextmanager
def no_marker() -> Iterator[None]:
    """The reader as before the marker: the start of Envelope, Header and Body reported."""
    place = _pull.MARKER_PLACE
    _pull.MARKER_PLACE = re.compile(rb"(?!)")
    try:
        yield
    finally:
        _pull.MARKER_PLACE = place


def outcome(data: bytes | io.BytesIO) -> tuple[Any, ...]:
    try:
        result = so.parse_response(VERSION, OPERATION, data)
    except so.Error as error:
        return type(error).__name__, str(error)
    return result.value, result.skipped, result.defaulted


def test_the_marker_goes_where_the_grammar_allows_and_nowhere_else() -> None:
    marked = [p for p in PROLOGS if _pull.MARKER_PLACE.match(p + BODY)]
    assert marked == PROLOGS[:-UNMARKED]
    for first in [
        b"<?xml-stylesheet href='a'?><a/>",
        b'<?xml version="1.0" encoding="utf-16"?><a/>',
        b"\xff\xfe<\x00a\x00/\x00>\x00",
        b"<\x00a\x00/\x00>\x00",
        b"\x00<\x00a",
        b'<?xml version="1.0"',
        b'<?xml version="1.0" encoding="utf-8" standalone="maybe"?><a/>',
        b" <a/>",
        b"a",
        b"",
    ]:
        assert _pull.MARKER_PLACE.match(first) is None, first


def test_a_netservers_answer_is_read_through_the_marker() -> None:
    # the point of it: no start event, whose hook lxml runs on every element
    for prolog in (b"", PROLOGS[1], PROLOGS[3]):
        parser = _pull.PullParser(Contexts.root_tags())
        parser.feed(prolog + BODY)
        marker = parser.root.getprevious()
        assert isinstance(marker, etree._ProcessingInstruction) and marker.target == "m"
        assert parser.root.tag == "{http://schemas.xmlsoap.org/soap/envelope/}Envelope"
    hooked = _pull.PullParser(Contexts.root_tags())
    hooked.feed(PROLOGS[-3] + BODY)  # ISO-8859-1: the start event
    assert hooked.root is not None and hooked.root.getprevious() is None


@pytest.mark.parametrize("prolog", PROLOGS)
def test_every_prolog_reads_as_without_the_marker(prolog: bytes) -> None:
    data = prolog + BODY
    if b"iso-8859-1" in prolog:
        data = data.decode().encode("latin-1", "xmlcharrefreplace")
    with no_marker():
        expected = outcome(data)
    assert len(expected[0]) == 3
    assert outcome(data) == expected
    assert outcome(io.BytesIO(data)) == expected


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prolog=st.sampled_from(PROLOGS),
    edits=st.lists(
        st.tuples(
            st.sampled_from(["insert", "delete", "cut"]),
            st.integers(0, 1 << 16),
            st.integers(0, 1 << 16),
            st.sampled_from(TOKENS),
        ),
        min_size=1,
        max_size=3,
    ),
)
def test_a_broken_answer_is_reported_as_lxml_reports_its_bytes(
    prolog: bytes, edits: list[tuple[str, int, int, bytes]]
) -> None:
    data = prolog + BODY
    for how, at, length, token in edits:
        at %= len(data) + 1
        if how == "insert":
            data = data[:at] + token + data[at:]
        elif how == "delete":
            data = data[:at] + data[at + 1 + length % 40 :]
        else:
            data = data[:at]
    said = lxml_says(data)
    found = outcome(data)
    # else well-formed, a DTD, or an error the items mapped before the answer's end found
    if found[0] == "XmlSyntaxError":
        assert found == ("XmlSyntaxError", f"not well-formed XML: {said}")
    with no_marker():
        assert outcome(data) == found


def test_a_column_past_a_megabyte_is_the_bytes_own() -> None:
    body = wcf_envelopes_response(2000)  # about 3.6 MB on line 1
    at = body.rindex(b"</EMailEnvelope>")
    for prolog in (b"", b'<?xml version="1.0" encoding="utf-8"?>'):
        data = prolog + body[:at] + b"<x>" + body[at:]
        said = lxml_says(data)
        assert said is not None and "column" in said
        assert outcome(data) == ("XmlSyntaxError", f"not well-formed XML: {said}")


def test_an_answer_that_trickles_in_reads_the_same() -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            piece, self.data = self.data[:1], self.data[1:]
            return piece

    data = PROLOGS[1] + BODY
    expected = outcome(data)
    assert outcome(Trickle(data)) == expected  # type: ignore[arg-type]


def test_the_answers_own_comments_and_pis_read_as_without_the_marker() -> None:
    data = BODY.replace(b"</EMailEnvelope>", b"</EMailEnvelope>" + b"<!----><?m?>" * 20_000)
    with no_marker():
        expected = outcome(data)
    assert len(expected[0]) == 3
    assert outcome(data) == expected


@pytest.mark.parametrize("items", [3, 300_000])
def test_a_document_element_other_than_soaps_is_judged_as_without_the_marker(
    items: int,
) -> None:
    data = b"<foo>" + b"<a/>" * items + b"</foo>"  # past a megabyte: refused there
    with no_marker():
        expected = outcome(data)
    assert expected[0] == "ProtocolError"
    assert outcome(data) == expected
