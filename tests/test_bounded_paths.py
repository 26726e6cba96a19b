"""Paths in the errors of answers read with bounded memory (``_bounded``, ``_stream``).

List items are mapped and dropped while the answer is parsed; the objects' budget names the
list whose items it was mapping.
"""

from __future__ import annotations

import io

import pytest

import superoffice_email as so
from superoffice_email import _bounded

from .benchmarks.hostile import REFUSED, _answer

V = "Services88"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ENVELOPES = "Envelope/Body/GetEMailEnvelopesResponse/Response"

GOOD = b"<EMailEnvelope><ServerId>1</ServerId></EMailEnvelope>"


def envelopes(items: list[bytes]) -> bytes:
    response = b'<Response xmlns:i="' + XSI.encode() + b'">' + b"".join(items) + b"</Response>"
    return _answer("GetEMailEnvelopes", response)


def sink(owner: object) -> io.BytesIO:
    return io.BytesIO()


@pytest.mark.parametrize("with_sink", [False, True], ids=["parse", "sink"])
def test_the_objects_budget_names_the_list(
    monkeypatch: pytest.MonkeyPatch, with_sink: bool
) -> None:
    # 17 bytes of <EMailEnvelope/> make an object of some 200 bytes: with the floor at 64 KiB,
    # 1 MiB of them is refused early, naming the list whose items made the objects
    monkeypatch.setattr(_bounded, "OBJECT_FLOOR", 1 << 16)
    data = REFUSED["empty items"][1](1 << 20)
    with pytest.raises(so.ProtocolError, match="more than 2 times its size") as caught:
        so.parse_response(V, "GetEMailEnvelopes", data, sink=sink if with_sink else None)
    assert caught.value.path == ENVELOPES
    assert str(caught.value).startswith(f"{ENVELOPES}: ")


@pytest.mark.parametrize("with_sink", [False, True], ids=["parse", "sink"])
def test_the_objects_budget_names_a_list_inside_the_answer(
    monkeypatch: pytest.MonkeyPatch, with_sink: bool
) -> None:
    # the second envelope's To list makes the objects: empty addresses, mapped by the pruning
    monkeypatch.setattr(_bounded, "OBJECT_FLOOR", 1 << 16)
    many = b"<EMailAddress/>" * ((1 << 20) // len(b"<EMailAddress/>"))
    data = envelopes([GOOD, b"<EMailEnvelope><To>" + many + b"</To></EMailEnvelope>"])
    with pytest.raises(so.ProtocolError, match="more than 2 times its size") as caught:
        so.parse_response(V, "GetEMailEnvelopes", data, sink=sink if with_sink else None)
    assert caught.value.path == f"{ENVELOPES}/EMailEnvelope[2]/To"
