"""RecordingTransport and FakeNetServer.replay: record once, replay in CI.

A FakeNetServer over real loopback HTTP stands in for NetServer while recording; the files
are checked against envelopes the core builds independently, and the replay against the
values that were recorded.
"""

from __future__ import annotations

import asyncio
import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer, RecordingTransport, assert_envelope_equal

V = "Services86"
M = so.models(V)
TICKET = "7T:RecordedTicketValue=="
TOKEN = "app-token-to-hide"
PASSWORD = "imap-pass-1234"
INFO = M.EMailConnectionInfo(
    server_name="imap.example.com", user_name="anna", password=PASSWORD, folder="INBOX"
)


@pytest.fixture
def netserver() -> Iterator[FakeNetServer]:
    counts = iter([3, 4])
    with FakeNetServer(ticket=TICKET) as server:
        server.respond("RefreshFolder", 1002)
        server.respond("GetFolderEMailCount", lambda request: next(counts))
        server.fail("HasNewMail", "mailbox is locked")
        yield server


def record(netserver: FakeNetServer, directory: Path) -> None:
    client = httpx.Client(transport=RecordingTransport(directory))
    with so.EMailAgent(
        netserver.url, version=V, ticket=TICKET, application_token=TOKEN, client=client
    ) as agent:
        assert agent.refresh_folder(INFO, ["INBOX"]) == 1002
        assert agent.get_folder_email_count(INFO, only_unread=True) == 3
        assert agent.get_folder_email_count(INFO, only_unread=False) == 4
        with pytest.raises(so.NetServerError, match="mailbox is locked"):
            agent.has_new_mail(1, 0)
    client.close()


def test_recording_writes_scrubbed_golden_pairs_and_an_index(
    netserver: FakeNetServer, tmp_path: Path
) -> None:
    record(netserver, tmp_path)
    index = json.loads((tmp_path / "index.json").read_text())
    assert [(e["exchange"], e["operation"], e["status"]) for e in index] == [
        (1, "RefreshFolder", 200),
        (2, "GetFolderEMailCount", 200),
        (3, "GetFolderEMailCount", 200),
        (4, "HasNewMail", 200),
    ]
    assert {(e["agent"], e["version"], e["content_type"]) for e in index} == {
        ("EMail", V, "text/xml; charset=utf-8")
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["index.json"]
        + [f"{e['request']}" for e in index]
        + [f"{e['response']}" for e in index]
    )
    assert index[0]["request"] == "0001-RefreshFolder.request.xml"
    for file in tmp_path.glob("*.xml"):
        data = file.read_bytes()
        for secret in (TICKET, TOKEN, PASSWORD):
            assert secret.encode() not in data, file.name
    # the request golden file is the request the agent sent, secrets scrubbed
    sent = so.build_request(
        V, "RefreshFolder", connection_info=INFO, folders=["INBOX"], ticket=TICKET,
        application_token=TOKEN, layout="wire", soap="1.1",
    )
    assert_envelope_equal(sent, tmp_path / "0001-RefreshFolder.request.xml")
    answer = so.build_response(V, "RefreshFolder", 1002, layout="wire", soap="1.1")
    assert_envelope_equal(answer, tmp_path / "0001-RefreshFolder.response.xml")


@pytest.mark.parametrize("in_process", [False, True])
def test_replay_answers_from_the_recording_in_order(
    netserver: FakeNetServer, tmp_path: Path, in_process: bool
) -> None:
    record(netserver, tmp_path)
    replaying = FakeNetServer()
    replaying.replay(tmp_path)
    with replaying if not in_process else FakeNetServer():  # a socket only when asked
        client = httpx.Client(transport=replaying.transport()) if in_process else None
        with so.EMailAgent(replaying.url, version=V, ticket="7T:any", client=client) as agent:
            assert agent.refresh_folder(INFO, ["INBOX"]) == 1002
            # several answers of one operation: in recorded order, then the last again
            counts = [agent.get_folder_email_count(INFO, only_unread=True) for _ in range(3)]
            assert counts == [3, 4, 4]
            with pytest.raises(so.NetServerError, match="mailbox is locked"):
                agent.has_new_mail(1, 0)
            assert agent.get_current_account_id() == 0  # not recorded: the documented example
    assert [r.operation for r in replaying.requests][:2] == ["RefreshFolder", "GetFolderEMailCount"]


def test_recording_continues_the_numbering(netserver: FakeNetServer, tmp_path: Path) -> None:
    record(netserver, tmp_path)
    netserver.respond("GetFolderEMailCount", 9)
    record_more = httpx.Client(transport=RecordingTransport(tmp_path))
    with so.EMailAgent(netserver.url, version=V, ticket=TICKET, client=record_more) as agent:
        agent.get_folder_email_count(INFO, only_unread=True)
    record_more.close()
    index = json.loads((tmp_path / "index.json").read_text())
    assert index[-1]["request"] == "0005-GetFolderEMailCount.request.xml"


def test_async_recording_and_a_compressed_answer(tmp_path: Path) -> None:
    answer = so.build_response(V, "GetCurrentAccountId", 77, layout="wire", soap="1.1")
    with FakeNetServer() as server:
        server.status(
            "GetCurrentAccountId", 200, gzip.compress(answer), "text/xml; charset=utf-8",
            headers={"Content-Encoding": "gzip"},
        )

        async def main() -> int | None:
            transport = RecordingTransport(tmp_path, httpx.AsyncHTTPTransport())
            async with (
                httpx.AsyncClient(transport=transport) as client,
                so.AsyncEMailAgent(server.url, version=V, client=client) as agent,
            ):
                return await agent.get_current_account_id()

        assert asyncio.run(main()) == 77
    # the golden file holds the answer as the client read it: decompressed
    assert (tmp_path / "0001-GetCurrentAccountId.response.xml").read_bytes() == answer


def test_misuse_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(so.UsageError, match=r"index\.json is missing"):
        FakeNetServer().replay(tmp_path)
    (tmp_path / "index.json").write_text('{"not": "a list"}')
    with pytest.raises(so.UsageError, match="not a recording index"):
        FakeNetServer().replay(tmp_path)
    sync_only = RecordingTransport(tmp_path / "x", httpx.HTTPTransport())

    async def use_async() -> None:
        async with httpx.AsyncClient(transport=sync_only) as client:
            await client.get("http://127.0.0.1:9/")

    with pytest.raises(so.UsageError, match="wraps a sync transport"):
        asyncio.run(use_async())


def test_recording_transport_import_stays_out_of_the_plugin() -> None:
    import subprocess
    import sys

    code = (
        "import sys, superoffice_email.testing.plugin\n"
        "assert 'superoffice_email.testing._recording' not in sys.modules\n"
        "from superoffice_email.testing import RecordingTransport\n"
        "assert RecordingTransport.__name__ == 'RecordingTransport'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_recording_names_a_soap_1_2_exchange_by_the_content_types_action(
    netserver: FakeNetServer, tmp_path: Path
) -> None:
    client = httpx.Client(transport=RecordingTransport(tmp_path))
    with so.EMailAgent(netserver.url, version=V, ticket=TICKET, soap="1.2", client=client) as a:
        assert a.refresh_folder(INFO, ["INBOX"]) == 1002
    client.close()
    index = json.loads((tmp_path / "index.json").read_text())
    assert [e["operation"] for e in index] == ["RefreshFolder"]
    assert (tmp_path / "0001-RefreshFolder.request.xml").exists()
