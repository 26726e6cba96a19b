"""The benchmark's functions agree, on small inputs; no timing here (``tests/benchmarks``).

The hand-written baselines must write the same bytes as ours and read the same values, or
the benchmark would compare different work; the zeep baselines must build and read the same
messages. The hand-written documented builder is also held to the documented page itself.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import superoffice_email as so

from .benchmarks import baselines, bench
from .conftest import documented

M88 = so.models("Services88")


def test_documented_refresh_folder_writes_the_documented_page() -> None:
    # the Services86 page's values, in Services88: the same bytes but for the version
    params = M88.RefreshFolderRequest(
        connection_info=M88.EMailConnectionInfo(
            server_name="", user_name="", password="", folder="", use_ssl=False
        ),
        folders=[""],
    )
    expected = documented("Services86", "RefreshFolder", "request").replace(b"86", b"88")
    token, ticket = "1234567-1234-9876", "7T:1234abcxyzExample=="
    written = baselines.documented_refresh_folder(params, token, ticket)
    # the page files end with one more blank line than the envelope
    assert written == expected.rstrip() + b"\n"


def test_documented_refresh_folder_matches_ours() -> None:
    params = bench.refresh_folder_params()
    hand = baselines.documented_refresh_folder(params, bench.TOKEN, bench.TICKET)
    assert hand == bench.ours_documented_refresh_folder(params)
    assert b'<EMail:Password xsi:type="xsd:string">pa&lt;ss&gt;&amp;word</EMail:Password>' in hand


def test_wire_refresh_folder_matches_ours() -> None:
    params = bench.refresh_folder_params()
    hand = baselines.wire_refresh_folder(params, bench.TOKEN, bench.TICKET)
    assert hand == bench.ours_wire("RefreshFolder", params)
    assert b"<NetServerServices882:string>Sent Items</NetServerServices882:string>" in hand


def test_wire_send_emails_matches_ours() -> None:
    params = bench.send_emails_params(2, 3, 300)
    hand = baselines.wire_send_emails(params, bench.TOKEN, bench.TICKET)
    assert hand == bench.ours_wire("SendEMails", params)
    assert hand.count(b"<EMail:EMailAddress>") == 2 * 3
    assert hand.count(b"<EMail:Stream>") == 2


def test_zeep_builds_the_same_requests() -> None:
    for operation, params in (
        ("RefreshFolder", bench.refresh_folder_params()),
        ("SendEMails", bench.send_emails_params(2, 3, 300)),
    ):
        data = baselines.zeep_build(operation, bench.zeep_values(params), bench.ZEEP_HEADERS)
        parsed = so.parse_request("Services88", data)
        assert parsed.operation == operation
        assert parsed.params == params
        assert (parsed.ticket, parsed.application_token) == (bench.TICKET, bench.TOKEN)


def test_wcf_envelopes_read_alike() -> None:
    data = bench.wcf_envelopes_response(10)
    succeeded, hand = baselines.read_envelopes(data)
    ours = bench.ours_envelopes(data)
    assert succeeded is True
    assert len(hand) == len(ours) == 10
    assert bench.normalize(hand) == bench.normalize(ours)


def test_wcf_envelopes_hold_the_values_written() -> None:
    _, hand = baselines.read_envelopes(bench.wcf_envelopes_response(4))
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
    reply = baselines.zeep_reply("GetEMailEnvelopes", bench.wcf_envelopes_response(5))
    assert reply.header.Succeeded is True
    items = reply.body.Response.EMailEnvelope
    assert [e.ServerId for e in items] == [1000, 1001, 1002, 1003, 1004]
    # zeep reads a nil complex element as an object of None fields
    assert items[0].EMailSOInfo.DocumentId == 0
    assert items[1].EMailSOInfo.DocumentId is None
    assert items[1].Flags == ["Seen", "Flagged"]


def test_big_stream_reads_alike(tmp_path: Path) -> None:
    stream = bench.big_stream(5000)
    data = bench.wcf_email_response(stream)
    assert baselines.read_stream(data) == stream
    assert bench.ours_stream(data) == stream
    # the memory child's path, in this process
    path = tmp_path / "d.xml"
    path.write_bytes(data)
    result = bench.memory_child("d", "ours", "tracemalloc", str(path), quick=True)
    assert result["peak"] > len(stream)


def test_nothing_in_the_benchmark_is_collected_as_a_test() -> None:
    names: list[Any] = [*vars(bench), *vars(baselines)]
    assert not [n for n in names if n.lower().startswith("test")]
