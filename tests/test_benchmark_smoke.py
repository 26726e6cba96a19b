"""The benchmark's functions agree, on small inputs; no timing here (``tests/benchmarks``).

xsdata, the peer, must build the same requests (read back by our parser) and read the same
values; cases (f) and (g) write the inputs they claim and report what they measured.

The hand-written baselines must write the same bytes as ours and read the same values, or
the benchmark would compare different work; the zeep baselines must build and read the same
messages. The hand-written documented builder is also held to the documented page itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

import superoffice_email as so
from superoffice_email.validate import validate_envelope

from .benchmarks import (
    baselines,
    bench,
    cases,
    hostile,
    inputs,
    measure,
    peers,
    report,
    streaming,
    validating,
)
from .conftest import documented

M88 = so.models("Services88")


def test_documented_refresh_folder_writes_the_documented_page() -> None:
    # the Services86 page's values, in Services88: the same bytes but for the version
    params = M88.RefreshFolderRequest(
        connection_info=M88.EMailConnectionInfo(
            server_name="", user_name="", password="", folder="", use_ssl=False,
            use_graph_api=None,  # type: ignore[arg-type]  # not on the Services86 page
        ),
        folders=[""],
    )
    expected = documented("Services86", "RefreshFolder", "request").replace(b"86", b"88")
    token, ticket = "1234567-1234-9876", "7T:1234abcxyzExample=="
    written = baselines.documented_refresh_folder(params, token, ticket)
    # the page files end with one more blank line than the envelope
    assert written == expected.rstrip() + b"\n"


def test_documented_refresh_folder_matches_ours() -> None:
    params = inputs.refresh_folder_params()
    hand = baselines.documented_refresh_folder(params, inputs.TOKEN, inputs.TICKET)
    assert hand == inputs.ours_documented_refresh_folder(params)
    assert b'<EMail:Password xsi:type="xsd:string">pa&lt;ss&gt;&amp;word</EMail:Password>' in hand


def test_wire_refresh_folder_matches_ours() -> None:
    params = inputs.refresh_folder_params()
    hand = baselines.wire_refresh_folder(params, inputs.TOKEN, inputs.TICKET)
    assert hand == inputs.ours_wire("RefreshFolder", params)
    assert b"<NetServerServices882:string>Sent Items</NetServerServices882:string>" in hand


def test_wire_send_emails_matches_ours() -> None:
    params = inputs.send_emails_params(2, 3, 300)
    hand = baselines.wire_send_emails(params, inputs.TOKEN, inputs.TICKET)
    assert hand == inputs.ours_wire("SendEMails", params)
    assert hand.count(b"<EMail:EMailAddress>") == 2 * 3
    assert hand.count(b"<EMail:Stream>") == 2


def test_zeep_builds_the_same_requests() -> None:
    for operation, params in (
        ("RefreshFolder", inputs.refresh_folder_params()),
        ("SendEMails", inputs.send_emails_params(2, 3, 300)),
    ):
        data = baselines.zeep_build(operation, inputs.zeep_values(params), inputs.ZEEP_HEADERS)
        parsed = so.parse_request("Services88", data)
        assert parsed.operation == operation
        assert parsed.params == params
        assert (parsed.ticket, parsed.application_token) == (inputs.TICKET, inputs.TOKEN)


def test_wcf_envelopes_read_alike() -> None:
    data = inputs.wcf_envelopes_response(10)
    succeeded, hand = baselines.read_envelopes(data)
    ours = inputs.ours_envelopes(data)
    assert succeeded is True
    assert len(hand) == len(ours) == 10
    assert inputs.normalize(hand) == inputs.normalize(ours)


def test_wcf_envelopes_hold_the_values_written() -> None:
    _, hand = baselines.read_envelopes(inputs.wcf_envelopes_response(4))
    first, second, third, fourth = hand
    assert first is not None and second is not None and third is not None and fourth is not None
    assert first["server_id"] == 1000
    assert first["message_id"] == "<0.4f2a@mail.example.com>"
    assert first["subject"] == 'Re: Q1 results & "numbers" \u2713 0'
    assert first["sent"] == datetime.datetime(2024, 3, 25, 21, 36, 8, 123456, datetime.UTC)
    assert first["from_"]["contact_name"] is None  # written i:nil
    assert first["from_"]["duplicate_person_ids"] == []
    assert [a["address"] for a in first["to"]] == ["person1@example.com", "person2@example.com"]
    assert first["to"][1]["duplicate_person_ids"] == [0, 1]
    assert first["email_so_info"]["archived"] is True
    assert second["email_so_info"] is None
    assert (second["priority"], second["flags"]) == ("High", "Seen Flagged")
    assert third["sent"].utcoffset() == -datetime.timedelta(hours=3, minutes=30)
    assert fourth["sent"] == datetime.datetime(1, 1, 1)


def test_zeep_reads_the_wcf_envelopes() -> None:
    reply = baselines.zeep_reply("GetEMailEnvelopes", inputs.wcf_envelopes_response(5))
    assert reply.header.Succeeded is True
    items = reply.body.Response.EMailEnvelope
    assert [e.ServerId for e in items] == [1000, 1001, 1002, 1003, 1004]
    # zeep reads a nil complex element as an object of None fields
    assert items[0].EMailSOInfo.DocumentId == 0
    assert items[1].EMailSOInfo.DocumentId is None
    assert items[1].Flags == ["Seen", "Flagged"]


def test_big_stream_reads_alike(tmp_path: Path) -> None:
    stream = inputs.big_stream(5000)
    data = inputs.wcf_email_response(stream)
    assert baselines.read_stream(data) == stream
    assert inputs.ours_stream(data) == stream
    # the memory child's path, in this process
    path = tmp_path / "d.xml"
    path.write_bytes(data)
    result = measure.memory_child("d", "ours", "tracemalloc", str(path), quick=True)
    assert result["peak"] > len(stream)


# --- xsdata as a peer (bindings generated once for this module) ---------------------------

# Generating and importing the bindings takes 3 to 12 s here, most of this file's time; the
# benchmark itself checks the peer's work before timing it, so these run in long runs only.
_LONG = bool(os.environ.get("SUPEROFFICE_EMAIL_LONG"))
_PEER_REASON = "generates xsdata bindings: set SUPEROFFICE_EMAIL_LONG=1"


@pytest.fixture(scope="module")
def peer() -> Iterator[peers.Peer]:
    with peers.xsdata_peer() as generated:
        yield generated


@pytest.mark.slow
@pytest.mark.skipif(not _LONG, reason=_PEER_REASON)
def test_xsdata_writes_the_same_requests(peer: peers.Peer) -> None:
    for operation, params in (
        ("RefreshFolder", inputs.refresh_folder_params()),
        ("SendEMails", inputs.send_emails_params(2, 3, 300)),
    ):
        data = peer.build(peer.request(operation, params))
        assert b"xsdata" not in data  # nothing of the generator leaks into the message
        parsed = so.parse_request("Services88", data)
        assert parsed.operation == operation
        assert parsed.params == params
        assert (parsed.ticket, parsed.application_token) == (inputs.TICKET, inputs.TOKEN)


@pytest.mark.slow
@pytest.mark.skipif(not _LONG, reason=_PEER_REASON)
def test_xsdata_reads_the_wcf_envelopes(peer: peers.Peer) -> None:
    read = peer.envelopes(inputs.wcf_envelopes_response(4))
    assert [e.server_id for e in read] == [1000, 1001, 1002, 1003]
    assert read[0].subject == 'Re: Q1 results & "numbers" \u2713 0'
    assert read[0].sent.to_datetime() == datetime.datetime(
        2024, 3, 25, 21, 36, 8, 123456, datetime.UTC
    )
    assert read[1].email_soinfo is None


@pytest.mark.slow
@pytest.mark.skipif(not _LONG, reason=_PEER_REASON)
def test_xsdata_reads_a_small_attachment(peer: peers.Peer) -> None:
    stream = inputs.big_stream(5000)
    assert peer.stream(inputs.wcf_email_response(stream)) == stream


class _SilentPeer:
    """A peer that answers (d) the way xsdata does from 9 MiB up (issue 14)."""

    def stream(self, data: bytes) -> object:
        return "attachment"


def test_a_peer_reading_the_wrong_value_is_a_fail_not_a_time() -> None:
    sizes = dataclasses.replace(inputs.QUICK, big=3000, repeat=1)
    run = cases.Run(sizes, cast(peers.Peer, _SilentPeer()))
    d = cases.run_attachment(run)
    assert run.checks == ["FAIL  (d) xsdata, 0.0 MiB attachment: reads str 'attachment'"]
    assert d.xsdata is None
    assert d.ours is not None and d.hand is not None


# --- (f) streaming and (g) validate -------------------------------------------------------


def test_the_streaming_response_is_written_in_chunks_that_join(tmp_path: Path) -> None:
    size = (3 << 20) + 5  # two chunks, the second not a multiple of 3
    path = tmp_path / "response.xml"
    digest = streaming.write_response(path, size)
    stream = inputs.ours_stream(path.read_bytes())
    assert len(stream) == size
    assert hashlib.sha256(stream).hexdigest() == digest


def test_streaming_case_skips_without_a_streaming_api(capsys: pytest.CaptureFixture[str]) -> None:
    result = streaming.measure(4096)
    if streaming.streaming_api() is None:
        assert result is None
        assert capsys.readouterr().out == "(f) SKIP: no streaming API\n"
    else:  # the API has arrived: the case runs and checks the file it wrote
        assert result is not None and result.response > 4096


@pytest.mark.parametrize("shape", sorted(hostile.SHAPES))
def test_the_hostile_shapes_are_answers_read_in_full(shape: str) -> None:
    # (h) measures answers that mean what they say: every item, unknown or text is there
    operation, build = hostile.SHAPES[shape]
    data = build(50_000)
    result = so.parse_response("Services88", operation, data)
    value = result.value
    if shape == "ints at depth":
        assert value.to[0].duplicate_person_ids == [1] * data.count(b"<a:int>")
    elif shape == "unknown elements":
        assert result.skipped == ("Envelope/Body/GetEMailFromIdResponse/Response/Unknown",)
    elif shape == "huge string":
        assert value.subject == "x" * 50_000
    elif shape == "comments in a string":
        assert value.subject == "ab" * data.count(b"<!--c-->")
    elif shape == "PIs in a string":
        assert value[0].subject == "ab" * data.count(b"<?p c?>")
    elif shape == "attributes in unknown elements":
        assert len(value) == 1
        assert result.skipped == (
            "Envelope/Body/GetEMailEnvelopesResponse/Response/EMailEnvelope/Unknown",
        )
    else:
        assert len(value) == data.count(b"<EMailEnvelope>") > 100
        assert value[-1].to[0].address == "ola.nordmann@example.com"


def test_invalid_body_gives_one_problem_per_child() -> None:
    problems = validate_envelope("Services88", validating.invalid_body(3))
    assert len(problems) == 3
    assert all("RefreshFolder/Folders/string" in p.path for p in problems)


def test_validate_case_reports_its_time_and_is_cut_off_at_the_cap() -> None:
    seconds, problems = validating.measure(20)
    assert seconds is not None and seconds < validating.CAP
    assert problems == 20
    assert validating.measure(200_000, cap=0.5) == (None, 0)


def test_nothing_in_the_benchmark_is_collected_as_a_test() -> None:
    modules = [
        baselines, bench, cases, hostile, inputs, measure, peers, report, streaming, validating
    ]
    names: list[Any] = [name for module in modules for name in vars(module)]
    assert not [n for n in names if n.lower().startswith("test")]


def test_compare_rotates_the_order_of_its_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    # no function always runs right after the same one (what a run leaves behind slows the
    # next), and every function runs in every round (a ratio compares the same minutes)
    order: list[str] = []
    monkeypatch.setattr(measure, "MIN_RUN", 0.0)

    def fn(name: str) -> Any:
        return lambda: order.append(name)

    measure.compare({n: fn(n) for n in "abc"}, 4)
    runs = order[3:]  # after one warm-up call each
    assert runs == ["a", "b", "c", "b", "c", "a", "c", "a", "b", "a", "b", "c"]
