"""Paths in the errors of answers read with bounded memory (``_bounded``, ``_stream``).

List items are mapped and dropped while the answer is parsed; an error's path still names
each element as in the whole document: every item before it counts, nil ones too, and the
objects' budget names the list whose items it was mapping.
"""

from __future__ import annotations

import io

import pytest

import superoffice_email as so
from superoffice_email import _bounded

from .benchmarks.hostile import REFUSED, _answer, ints_at_depth

V = "Services88"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ENVELOPES = "Envelope/Body/GetEMailEnvelopesResponse/Response"

GOOD = b"<EMailEnvelope><ServerId>1</ServerId></EMailEnvelope>"
NIL = b'<EMailEnvelope i:nil="true"/>'
BAD = b"<EMailEnvelope><ServerId>x</ServerId></EMailEnvelope>"


def envelopes(items: list[bytes]) -> bytes:
    response = b'<Response xmlns:i="' + XSI.encode() + b'">' + b"".join(items) + b"</Response>"
    return _answer("GetEMailEnvelopes", response)


def sink(owner: object) -> io.BytesIO:
    return io.BytesIO()


# items 1 to 7: good, nil, nil, good, nil, bad, good; the bad one is the 6th in the document
# (after three nil items, which the value leaves out)
ITEMS = [GOOD, NIL, NIL, GOOD, NIL, BAD, GOOD]
BAD_PATH = f"{ENVELOPES}/EMailEnvelope[6]/ServerId"


def test_nil_items_count_in_the_position_of_a_later_error() -> None:
    # the pull parser maps each item as it ends (Contexts.ended)
    with pytest.raises(so.DecodeError) as caught:
        so.parse_response(V, "GetEMailEnvelopes", envelopes(ITEMS))
    assert caught.value.path == BAD_PATH


def test_nil_items_count_without_the_error_too() -> None:
    # the same answer with the bad item mended: four values, the three nil items reported
    data = envelopes(ITEMS).replace(b"<ServerId>x</ServerId>", b"<ServerId>6</ServerId>")
    result = so.parse_response(V, "GetEMailEnvelopes", data)
    assert [e.server_id for e in result.value] == [1, 1, 6, 1]
    assert f"{ENVELOPES}/EMailEnvelope" in result.defaulted


@pytest.mark.parametrize("with_sink", [False, True], ids=["parse", "sink"])
def test_nil_items_count_when_the_items_are_pruned(
    monkeypatch: pytest.MonkeyPatch, with_sink: bool
) -> None:
    # a tree of more than 8 elements is pruned after each 64 KB: the items that ended are
    # mapped then (Contexts._map_items, the sink's parser) or as they end (the pull parser);
    # the bad item is in the first 64 KB, so it is mapped by the first prune
    monkeypatch.setattr(_bounded, "_BUDGET", 8)
    tail = [GOOD] * (200_000 // len(GOOD))
    data = envelopes([*ITEMS, *tail])
    assert data.index(BAD) < 1 << 16 < len(data)
    with pytest.raises(so.DecodeError) as caught:
        so.parse_response(V, "GetEMailEnvelopes", data, sink=sink if with_sink else None)
    assert caught.value.path == BAD_PATH


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


def test_an_error_after_the_last_prune_counts_the_items_pruned() -> None:
    # 40,000 ints in a list at depth: pruned while parsed; the 39,999th (not an int) is left
    # for after the last prune, yet named at its place in the whole document
    ints = b"".join(b"<a:int>%d</a:int>" % i for i in range(40_000))
    data = ints_at_depth(0).replace(b"<a:int>1</a:int>", ints)
    bad = data.replace(b"<a:int>39998</a:int>", b"<a:int>many</a:int>")
    with pytest.raises(so.DecodeError) as caught:
        so.parse_response(V, "GetEMailFromId", bad)
    assert caught.value.path == (
        "Envelope/Body/GetEMailFromIdResponse/Response/To/EMailAddress/DuplicatePersonIds"
        "/int[39999]"
    )
    # and without it, every int read, in order
    to = so.parse_response(V, "GetEMailFromId", data).value.to
    assert to[0].duplicate_person_ids == list(range(40_000))


def test_nil_items_count_after_the_last_prune(monkeypatch: pytest.MonkeyPatch) -> None:
    # the sink's parser maps items only when it prunes, and a prune keeps the last item (it
    # may still be open): the bad item, the last, after 3,002 good items and 3 nil ones, is
    # mapped once the answer is parsed
    monkeypatch.setattr(_bounded, "_BUDGET", 8)
    head = [GOOD] * 3_000
    data = envelopes([*head, *ITEMS[:-1]])
    assert data.index(BAD) > 1 << 16
    with pytest.raises(so.DecodeError) as caught:
        so.parse_response(V, "GetEMailEnvelopes", data, sink=sink)
    assert caught.value.path == f"{ENVELOPES}/EMailEnvelope[3006]/ServerId"
    mended = data.replace(b"<ServerId>x</ServerId>", b"<ServerId>6</ServerId>")
    value = so.parse_response(V, "GetEMailEnvelopes", mended, sink=sink).value
    assert [e.server_id for e in value] == [1] * 3_002 + [6]


@pytest.mark.parametrize("with_sink", [False, True], ids=["parse", "sink"])
def test_a_list_pruned_inside_an_item_counts_its_items(with_sink: bool) -> None:
    # the third envelope's To list of 30,000 addresses is pruned while it is parsed; its
    # 29,999th (a bad PersonId), left in the tree by the last prune, is named at its place
    # when the envelope is mapped (as it ends, or by the sink's parser's next prune)
    addresses = [b"<EMailAddress><PersonId>%d</PersonId></EMailAddress>" % i for i in range(30_000)]
    big = b"<EMailEnvelope><To>" + b"".join(addresses) + b"</To></EMailEnvelope>"
    data = envelopes([GOOD, NIL, big, GOOD])
    bad = data.replace(b"<PersonId>29998</PersonId>", b"<PersonId>x</PersonId>")
    with pytest.raises(so.DecodeError) as caught:
        so.parse_response(V, "GetEMailEnvelopes", bad, sink=sink if with_sink else None)
    assert caught.value.path == f"{ENVELOPES}/EMailEnvelope[3]/To/EMailAddress[29999]/PersonId"
    value = so.parse_response(V, "GetEMailEnvelopes", data, sink=sink if with_sink else None).value
    assert [a.person_id for a in value[1].to] == list(range(30_000))
    assert [e.server_id for e in value] == [1, 0, 1]
