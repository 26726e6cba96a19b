"""``Mailbox.sync_to`` against a fake mailbox: once, resumable, vanished mails skipped.

The expected files are the fake's own RFC 822 rendering of each FakeMail, read back with the
standard library's parser; the id of each comes from the folder listing.
"""

from __future__ import annotations

import email
import email.policy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import superoffice_email as so
from superoffice_email.mailbox import Mailbox
from superoffice_email.testing import FakeMail, FakeMailbox, FakeNetServer
from superoffice_email.testing._dispatch import Call

from .test_mailbox import GRAPH_READY

STREAM_OPERATIONS = ("GetEMailAsStream", "GetEMailAsStreamFromServerIdentifier")
MAILS = 25


class Stop(Exception):
    """Stands for a killed process: raised from the progress callback."""


def mails() -> list[FakeMail]:
    return [
        FakeMail(
            subject=f"mail {i}",
            to=["ann@example.com"],
            body=f"body {i}\n" * (i + 1),
            attachments=[(f"a{i}.bin", bytes([i % 256]) * (i * 37))] if i % 3 == 0 else [],
        )
        for i in range(MAILS)
    ]


@pytest.fixture(params=["imap", "graph"])
def server(request: pytest.FixtureRequest) -> Iterator[FakeNetServer]:
    if request.param == "graph" and not GRAPH_READY:
        pytest.skip("the Graph operations come with the 2026-07 Services88 models")
    box = FakeMailbox(
        address="ann@example.com", folders={"INBOX": mails()}, graph=request.param == "graph"
    )
    with FakeNetServer(mailboxes=[box]) as fake:
        yield fake


@pytest.fixture
def inbox(server: FakeNetServer) -> Iterator[Mailbox]:
    with so.EMailAgent(server.url) as agent:
        (account,) = agent.accounts()
        yield agent.mailbox(account, "INBOX")


def fetches(server: FakeNetServer) -> int:
    return sum(1 for r in server.requests if r.operation in STREAM_OPERATIONS)


def subjects(directory: Path) -> dict[str, str]:
    found = {}
    for path in sorted(directory.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        found[path.name] = str(message["Subject"])
    return found


def test_every_mail_once_then_none(inbox: Mailbox, server: FakeNetServer, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    report = inbox.sync_to(tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert (report.listed, report.fetched, report.already, report.vanished) == (MAILS, MAILS, 0, [])
    assert seen == [(n, MAILS) for n in range(1, MAILS + 1)]
    assert fetches(server) == MAILS
    files = subjects(tmp_path / "INBOX")
    assert sorted(files.values()) == sorted(f"mail {i}" for i in range(MAILS))
    one = email.message_from_bytes((tmp_path / "INBOX" / sorted(files)[0]).read_bytes())
    assert one["Message-ID"]
    server.clear()
    again = inbox.sync_to(tmp_path)
    assert (again.fetched, again.already) == (0, MAILS)
    assert fetches(server) == 0
    assert subjects(tmp_path / "INBOX") == files


@pytest.mark.parametrize("seed", range(6))
def test_stopped_at_random_points_ends_the_same(
    inbox: Mailbox, server: FakeNetServer, tmp_path: Path, seed: int
) -> None:
    reference = tmp_path / "reference"
    inbox.sync_to(reference)
    expected = {p.name: p.read_bytes() for p in (reference / "INBOX").glob("*.eml")}
    target = tmp_path / "target"
    rng = random.Random(seed)
    for _ in range(50):
        stop_after = rng.randint(1, 8)

        def progress(done: int, total: int, stop_after: int = stop_after) -> None:
            if done >= stop_after:
                raise Stop

        try:
            inbox.sync_to(target, progress=progress)
            break
        except Stop:
            continue
    else:
        pytest.fail("the sync never finished")
    got = {p.name: p.read_bytes() for p in (target / "INBOX").glob("*.eml")}
    assert got == expected
    assert not list((target / "INBOX").glob(".tmp-*"))


def test_a_failed_fetch_stops_and_the_next_run_resumes(
    inbox: Mailbox, server: FakeNetServer, tmp_path: Path
) -> None:
    operation = STREAM_OPERATIONS[inbox.account.graph]
    original = server._handlers["EMail", operation]
    count = {"n": 0}

    def flaky(call: Call) -> Any:
        count["n"] += 1
        if count["n"] == 10:
            raise so.SoapFault("Server", "the mail server went away")
        return original(call)

    server.handle(operation, flaky)
    with pytest.raises(so.SoapFault, match="folder 'INBOX', mail "):
        inbox.sync_to(tmp_path)
    assert len(list((tmp_path / "INBOX").glob("*.eml"))) == 9
    server.clear()
    report = inbox.sync_to(tmp_path)
    assert (report.fetched, report.already) == (MAILS - 9, 9)
    assert fetches(server) == MAILS - 9


def test_a_mail_that_vanished_is_reported_and_skipped(
    inbox: Mailbox, server: FakeNetServer, tmp_path: Path
) -> None:
    ids = inbox.ids()
    gone = ids[5]
    operation = STREAM_OPERATIONS[inbox.account.graph]
    original = server._handlers["EMail", operation]
    state = server.mailboxes
    assert state is not None

    def vanishing(call: Call) -> Any:
        if call.request.params.message_server_id == gone:
            with state.lock:  # someone else deletes it just before we fetch it
                state.accounts[0].folders["INBOX"].pop(gone, None)
        return original(call)

    server.handle(operation, vanishing)
    report = inbox.sync_to(tmp_path)
    assert report.vanished == [gone]
    assert (report.listed, report.fetched) == (MAILS, MAILS - 1)
    assert len(list((tmp_path / "INBOX").glob("*.eml"))) == MAILS - 1
