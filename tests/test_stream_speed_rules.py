"""The streaming parser's speed rules (issue 14, case (f)), each test failing without its rule:
a file sink is written from a thread of its own, so the disk's time overlaps the decoding,
and the pruner does not look at the tree while only a base64 value's text arrives. With
them: the same bytes in the same order, the same errors, and no thread left behind; and a
slice's text joined once, whatever pieces the parser cut it into."""

from __future__ import annotations

import base64
import errno
import gc
import io
import itertools
import random
import threading
import time
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import superoffice_email as so
from superoffice_email import _bounded, _stream
from superoffice_email._reader import streaming_parser

V = "Services86"
m86 = so.models(V)
NS86 = "http://www.superoffice.net/ws/crm/NetServer/Services86"
STREAM_PATH = "Envelope/Body/GetAttachmentResponse/Response/Stream"


def answer(text: str) -> bytes:
    """A GetAttachment answer as WCF writes it, ``text`` the Stream's base64."""
    return (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body>'
        f'<GetAttachmentResponse xmlns="{NS86}"><Response><Filename>f</Filename>'
        f"<Stream>{text}</Stream></Response></GetAttachmentResponse></s:Body></s:Envelope>"
    ).encode()


def attachment(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def sink_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "superoffice_email sink"]


class Disk(io.RawIOBase):
    """A raw file that keeps what is written and which threads wrote it; ``fail_at``: the
    write (counted from 1) that fails as a full disk does."""

    def __init__(self, fail_at: int = 0) -> None:
        self.data = bytearray()
        self.threads: set[int] = set()
        self.writes = 0
        self.fail_at = fail_at

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.writes += 1
        if self.writes == self.fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        self.threads.add(threading.get_ident())
        self.data += b
        return len(b)


def test_a_file_is_written_from_a_thread_of_its_own() -> None:
    stream = attachment((5 << 20) + 1)  # several slices, the last one short
    disk = Disk()
    out = io.BufferedWriter(disk)  # what open(path, "wb") returns, over a raw file
    result = so.parse_response(
        V, "GetAttachment", answer(base64.b64encode(stream).decode()), sink=lambda o: out
    )
    writers = set(disk.threads)
    out.flush()
    assert bytes(disk.data) == stream
    assert len(writers) == 1 and threading.get_ident() not in writers
    assert result.value == m86.EMailAttachment(filename="f")
    assert sink_threads() == []


def test_a_value_of_one_slice_is_written_to_its_file_without_a_thread() -> None:
    # a thread per small attachment would cost more than the overlap saves
    stream = attachment(100 << 10)  # 100 KiB: one slice of base64
    disk = Disk()
    out = io.BufferedWriter(disk)
    so.parse_response(
        V, "GetAttachment", answer(base64.b64encode(stream).decode()), sink=lambda o: out
    )
    out.flush()
    assert bytes(disk.data) == stream
    assert disk.threads == {threading.get_ident()}


def test_line_breaks_are_allowed_with_a_file_sink_too() -> None:
    stream = attachment(3 << 20)
    disk = Disk()
    out = io.BufferedWriter(disk)
    folded = base64.encodebytes(stream).decode()  # 76 characters a line, as MIME writes
    so.parse_response(V, "GetAttachment", answer(folded), sink=lambda o: out)
    out.flush()
    assert bytes(disk.data) == stream


def test_a_writable_of_the_users_own_is_called_from_the_callers_thread() -> None:
    # it may care which thread calls it (an sqlite blob, an event loop's buffer)
    stream = attachment(3 << 20)
    calls: list[tuple[int, bytes]] = []

    class Sink:
        def write(self, data: bytes) -> None:
            calls.append((threading.get_ident(), data))

    so.parse_response(
        V, "GetAttachment", answer(base64.b64encode(stream).decode()), sink=lambda o: Sink()
    )
    assert {thread for thread, _ in calls} == {threading.get_ident()}
    assert b"".join(data for _, data in calls) == stream


def test_a_files_write_error_is_raised_as_it_is_and_its_thread_ends() -> None:
    disk = Disk(fail_at=2)
    out = io.BufferedWriter(disk)
    text = base64.b64encode(attachment(4 << 20)).decode()
    with pytest.raises(OSError) as caught:
        so.parse_response(V, "GetAttachment", answer(text), sink=lambda o: out)
    assert (type(caught.value), caught.value.errno) == (OSError, errno.ENOSPC)
    assert disk.writes == 2  # the slices after the failed one are not written
    assert sink_threads() == []


def test_a_bad_value_is_named_at_its_element_and_its_thread_ends() -> None:
    stream = attachment(4 << 20)
    disk = Disk()
    out = io.BufferedWriter(disk)
    text = base64.b64encode(stream).decode()
    with pytest.raises(so.DecodeError) as caught:
        so.parse_response(
            V, "GetAttachment", answer(text[:-8] + "*" + text[-7:]), sink=lambda o: out
        )
    assert caught.value.path == STREAM_PATH
    assert str(caught.value).startswith(f"{STREAM_PATH}: not valid xs:base64Binary")
    assert sink_threads() == []
    out.flush()
    assert 0 < len(disk.data) < len(stream) and stream.startswith(disk.data)


def test_a_syntax_error_mid_value_ends_its_thread() -> None:
    text = base64.b64encode(attachment(4 << 20)).decode()
    out = io.BufferedWriter(Disk())
    broken = answer(text).replace(b"</Stream>", b"</Strem>")
    with pytest.raises(so.XmlSyntaxError):
        so.parse_response(V, "GetAttachment", broken, sink=lambda o: out)
    assert sink_threads() == []


def test_an_answer_abandoned_mid_value_ends_its_thread() -> None:
    # as an agent's call does when its deadline passes between two chunks
    disk = Disk()
    out = io.BufferedWriter(disk)
    data = answer(base64.b64encode(attachment(4 << 20)).decode())
    parser = streaming_parser(V, "GetAttachment", lambda o: out)
    parser.feed(data[: len(data) // 2])
    assert len(sink_threads()) == 1
    del parser
    gc.collect()
    deadline = time.monotonic() + 10
    while sink_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sink_threads() == []


def test_the_pruner_does_not_look_while_only_base64_text_arrives(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a 4 MiB attachment is 85 feeds of 64 KB; the tree changes in the first and last only
    looks: list[int] = []
    check = _bounded.Pruner.check

    def counted(self: _bounded.Pruner, root: Any, fed: int) -> None:
        looks.append(fed)
        check(self, root, fed)

    monkeypatch.setattr(_bounded.Pruner, "check", counted)
    stream = attachment(4 << 20)
    out = io.BytesIO()
    so.parse_response(
        V, "GetAttachment", answer(base64.b64encode(stream).decode()), sink=lambda o: out
    )
    assert out.getvalue() == stream
    assert 1 <= len(looks) <= 2


@settings(max_examples=300, deadline=None)
@given(
    stream=st.binary(max_size=200),
    folded=st.booleans(),
    cuts=st.lists(st.integers(min_value=0, max_value=300), max_size=12),
    slice_size=st.integers(min_value=1, max_value=40),
)
def test_text_in_any_pieces_decodes_as_the_whole(
    stream: bytes, folded: bool, cuts: list[int], slice_size: int
) -> None:
    # the characters short of a quantum are carried from the end of a slice's last pieces to
    # the next slice, however the parser cut the text (pieces of any length, empty ones too)
    text = (base64.encodebytes if folded else base64.b64encode)(stream).decode()
    bounds = sorted([0, len(text), *(min(cut, len(text)) for cut in cuts)])
    pieces = [text[a:b] for a, b in itertools.pairwise(bounds)] + [""]  # empty ones too
    out = io.BytesIO()
    writer = _stream._Base64Writer(out, etree.Element("Stream"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_stream, "_SLICE", slice_size)
        for piece in pieces:
            writer.data(piece)
        writer.close()
    assert out.getvalue() == stream
