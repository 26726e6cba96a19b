"""The mailbox API against a fake mailbox: IMAP and Graph accounts pass the same tests.

Expected values come from the FakeMail definitions and from the standard library's e-mail
parser reading the ``.eml`` bytes, never from the code under test.
"""

from __future__ import annotations

import asyncio
import datetime
import email
import email.policy
from collections.abc import Iterator
from pathlib import Path

import pytest

import superoffice_email as so
from superoffice_email._schema import load
from superoffice_email.mailbox import Account, BatchTaskError, Mailbox
from superoffice_email.testing import FakeMail, FakeMailbox, FakeNetServer

GRAPH_READY = "GetEMailFromServerIdentifier" in load(so.LATEST_VERSION).operations
PASSWORD = "hunter2-mail"
UTC = datetime.UTC
GET_OPERATIONS = ("GetEMailFromId", "GetEMailFromServerIdentifier")


def day(n: int) -> datetime.datetime:
    return datetime.datetime(2026, 3, 1, 9, tzinfo=UTC) + datetime.timedelta(days=n)


def inbox_mails() -> list[FakeMail]:
    # arrival order is not date order: the 3rd mail arrived last but was sent first
    sent_days = [5, 3, 9, 1, 7, 8]
    return [
        FakeMail(
            subject=f"mail {i}",
            sender=f"sender{i}@example.com",
            to=["ann@example.com"],
            sent=day(d),
            body=f"body {i}",
            attachments=[(f"file{i}.pdf", bytes([i]) * (100 + i))] if i % 2 == 0 else [],
        )
        for i, d in enumerate(sent_days)
    ]


@pytest.fixture(params=["imap", "graph"])
def kind(request: pytest.FixtureRequest) -> str:
    if request.param == "graph" and not GRAPH_READY:
        pytest.skip("the Graph operations come with the 2026-07 Services88 models")
    return str(request.param)


@pytest.fixture
def server(kind: str) -> Iterator[FakeNetServer]:
    boxes = [
        FakeMailbox(
            address="ann@example.com",
            folders={"INBOX": inbox_mails(), "Archive": []},
            graph=kind == "graph",
            password=PASSWORD,
        ),
        FakeMailbox(address="bob@example.com", graph=kind == "graph", port=143),
    ]
    with FakeNetServer(mailboxes=boxes) as fake:
        yield fake


@pytest.fixture
def agent(server: FakeNetServer) -> Iterator[so.EMailAgent]:
    with so.EMailAgent(server.url) as client:
        yield client


@pytest.fixture
def ann(agent: so.EMailAgent) -> Account:
    return next(a for a in agent.accounts() if a.address == "ann@example.com")


@pytest.fixture
def inbox(agent: so.EMailAgent, ann: Account) -> Mailbox:
    return agent.mailbox(ann, "INBOX")


def calls(server: FakeNetServer, operation: str) -> int:
    return sum(1 for r in server.requests if r.operation == operation)


def test_accounts_know_their_connection(agent: so.EMailAgent, kind: str) -> None:
    accounts = {a.address: a for a in agent.accounts()}
    assert set(accounts) == {"ann@example.com", "bob@example.com"}
    ann, bob = accounts["ann@example.com"], accounts["bob@example.com"]
    info = ann.connection_info()
    assert (info.server, info.port, info.use_ssl, info.user) == (
        "imap.example.com",
        993,
        True,
        "ann@example.com",
    )
    assert info.password == PASSWORD
    assert (bob.connection_info().port, bob.connection_info().use_ssl) == (143, False)
    assert ann.graph is (kind == "graph")
    for text in (repr(ann), repr(info), str(info)):
        assert PASSWORD not in text


def test_folders_with_counts(ann: Account) -> None:
    folders = {f.name: f for f in ann.folders()}
    assert (folders["INBOX"].total, folders["INBOX"].unread) == (6, 6)
    assert (folders["Archive"].total, folders["Archive"].unread) == (0, 0)


def test_newest_envelopes_by_date_in_batches(inbox: Mailbox, server: FakeNetServer) -> None:
    server.clear()
    newest = inbox.envelopes(newest=4, batch=3)
    # the last four to arrive are mails 2..5, sent on days 9, 1, 7, 8
    assert [e.subject for e in newest] == ["mail 2", "mail 5", "mail 4", "mail 3"]
    assert [e.sent for e in newest] == [day(9), day(8), day(7), day(1)]
    assert all(e.to == ["ann@example.com"] and not e.read for e in newest)
    envelope_calls = [r for r in server.requests if "Envelopes" in (r.operation or "")]
    assert [len(r.params.message_server_ids) for r in envelope_calls] == [3, 1]
    everything = inbox.envelopes()
    assert [e.subject for e in everything][:3] == ["mail 2", "mail 5", "mail 4"]
    assert len(everything) == 6 and len(inbox.ids()) == 6


def test_get_with_attachments_does_not_mark_read(
    inbox: Mailbox, server: FakeNetServer, tmp_path: Path
) -> None:
    first = inbox.ids()[0]
    mail = inbox.get(first)
    assert (mail.subject, mail.sender, mail.body, mail.sent) == (
        "mail 0",
        "sender0@example.com",
        "body 0",
        day(5),
    )
    assert [(a.name, a.data) for a in mail.attachments] == [("file0.pdf", b"\x00" * 100)]
    assert mail.attachments[0].save(tmp_path).read_bytes() == b"\x00" * 100
    assert not any(e.read for e in inbox.envelopes())  # reading did not mark it read
    get_call = next(r for r in server.requests if r.operation in GET_OPERATIONS)
    assert get_call.params.flags == type(get_call.params.flags)(0)  # no SEEN asked for
    assert inbox.get(first, attachments=False).attachments == []


def test_hostile_attachment_names_stay_inside(agent: so.EMailAgent, tmp_path: Path) -> None:
    # NUL cannot travel in XML; safe_filename's own tests (test_mailbox_files) cover it
    names = ["../../etc/passwd", "C:\\x", "CON", "a/b", "invoice\u202efdp.exe"]
    box = FakeMailbox(
        address="eve@example.com",
        folders={"INBOX": [FakeMail(subject="x", attachments=[(n, n.encode()) for n in names])]},
    )
    with FakeNetServer(mailboxes=[box]) as fake, so.EMailAgent(fake.url) as client:
        (account,) = client.accounts()
        mailbox = client.mailbox(account)
        mail = mailbox.get(mailbox.ids()[0])
        saved = [a.save(tmp_path) for a in mail.attachments]
    assert all(path.parent == tmp_path for path in saved)
    assert [path.read_bytes() for path in saved] == [n.encode() for n in names]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in saved)


def test_flags_moves_and_deletes(agent: so.EMailAgent, ann: Account, inbox: Mailbox) -> None:
    ids = inbox.ids()
    inbox.mark_read(ids[:3])
    assert [e.read for e in sorted(inbox.envelopes(), key=lambda e: ids.index(e.id))] == [
        True,
        True,
        True,
        False,
        False,
        False,
    ]
    inbox.mark_unread([ids[1]])
    assert {f.name: f.unread for f in ann.folders()}["INBOX"] == 4
    inbox.move(ids[:2], "Archive")
    archive = agent.mailbox(ann, "Archive")
    assert sorted(e.subject for e in archive.envelopes()) == ["mail 0", "mail 1"]
    inbox.delete([ids[2]])
    assert len(inbox.ids()) == 3 and ids[2] not in inbox.ids()
    inbox.mark_read([])  # nothing to do: no call


def test_errors_name_account_folder_and_id(inbox: Mailbox, kind: str) -> None:
    missing = "AAMkNope=" if kind == "graph" else 999_999
    with pytest.raises(so.NetServerError) as caught:
        inbox.get(missing)
    text = str(caught.value)
    assert "account 'ann@example.com'" in text and "folder 'INBOX'" in text
    assert repr(missing) in text and PASSWORD not in text
    wrong_kind = 5 if kind == "graph" else "AAMk"
    with pytest.raises(so.UsageError, match="folder 'INBOX'"):
        inbox.mark_read([wrong_kind])
    with pytest.raises(so.NetServerError, match="folder 'Nope'"):
        inbox.account.mailbox("Nope").ids()


def test_a_server_quoting_the_password_does_not_leak_it(
    ann: Account, inbox: Mailbox, server: FakeNetServer
) -> None:
    server.fail("GetFolderInfo", f"IMAP login ann@example.com/{PASSWORD} refused")
    with pytest.raises(so.NetServerError) as caught:
        ann.folders()
    assert PASSWORD not in str(caught.value) and PASSWORD not in caught.value.message
    assert "refused" in str(caught.value) and "account 'ann@example.com'" in str(caught.value)
    server.fault(None, "Server", f"cannot log in with {PASSWORD}")
    with pytest.raises(so.SoapFault) as fault:
        inbox.ids()
    assert PASSWORD not in str(fault.value) and PASSWORD not in fault.value.reason


def test_send_lands_in_sent_and_with_recipients(
    agent: so.EMailAgent, ann: Account, tmp_path: Path
) -> None:
    big = bytes(range(256)) * 4096  # 1 MiB
    path = tmp_path / "report.bin"
    path.write_bytes(big)
    message_id = agent.send_mail(
        ann,
        to=["bob@example.com", "carol@example.com"],
        subject="Quarterly",
        body="see attached",
        attachments=[path, ("notes.txt", b"hello")],
    )
    sent = agent.mailbox(ann, "Sent")
    (envelope,) = sent.envelopes()
    assert (envelope.subject, envelope.message_id, envelope.read) == ("Quarterly", message_id, True)
    parsed = email.message_from_bytes(sent.eml(envelope.id), policy=email.policy.default)
    assert parsed["Subject"] == "Quarterly" and "bob@example.com" in parsed["To"]
    files = {p.get_filename(): p.get_payload(decode=True) for p in parsed.iter_attachments()}
    assert files == {"report.bin": big, "notes.txt": b"hello"}
    bob = next(a for a in agent.accounts() if a.address == "bob@example.com")
    assert [e.subject for e in bob.mailbox().envelopes()] == ["Quarterly"]
    with pytest.raises(so.UsageError, match="no e-mail address"):
        ann.send(to=["not an address"], subject="x")


def test_the_mailbox_kind_picks_the_operations(
    agent: so.EMailAgent, inbox: Mailbox, server: FakeNetServer, kind: str, tmp_path: Path
) -> None:
    server.clear()
    ids = inbox.ids()
    inbox.envelopes(newest=2)
    inbox.get(ids[0])
    inbox.mark_read(ids[:1])
    inbox.move(ids[1:2], "Archive")
    inbox.delete(ids[2:3])
    inbox.sync_to(tmp_path)
    used = {r.operation for r in server.requests if r.operation is not None}
    graph_only = {op for op in used if "ServerIdentifier" in op or "ServerIds" in op}
    imap_only = {
        "GetEMailEnvelopes",
        "GetEMailFromId",
        "GetAttachment",
        "GetEMailAsStream",
        "MarkAsRead",
        "MoveToFolder",
        "Delete",
    } & used
    if kind == "graph":
        assert imap_only == set() and len(graph_only) == 7
        assert all(isinstance(i, str) for i in ids)
    else:
        assert graph_only == set() and len(imap_only) == 7
        assert all(isinstance(i, int) for i in ids)


def test_refresh(inbox: Mailbox, server: FakeNetServer) -> None:
    task = inbox.refresh(wait=True, timeout=5)
    assert task >= 0
    assert calls(server, "RefreshFolder") == 1
    refresh = next(r for r in server.requests if r.operation == "RefreshFolder")
    assert refresh.params.folders == ["INBOX"]
    assert refresh.params.connection_info.folder == "INBOX"


def test_refresh_follows_the_batch_task(inbox: Mailbox, server: FakeNetServer) -> None:
    server.clear()
    task = inbox.refresh(wait=True, timeout=10)
    assert task > 0
    polls = [r for r in server.requests if r.operation == "GetBatchTaskInfo"]
    # the fake's task walks New, Started, Succeeded: three polls
    assert [r.params.id for r in polls] == [task] * 3
    assert all(r.agent == "Batch" for r in polls)
    assert inbox.refresh(wait=False) > task  # not followed: the id at once


def test_refresh_failed_task_is_typed() -> None:
    box = FakeMailbox(address="ann@example.com", refresh_fails=True)
    with FakeNetServer(mailboxes=[box]) as fake, so.EMailAgent(fake.url) as client:
        (account,) = client.accounts()
        with pytest.raises(BatchTaskError) as caught:
            client.mailbox(account).refresh(timeout=10)
    assert caught.value.state == "Failed" and "folder 'INBOX'" in str(caught.value)


def test_async_agent_has_the_same_api(server: FakeNetServer, tmp_path: Path) -> None:
    async def main() -> tuple[list[str], int, str]:
        async with so.AsyncEMailAgent(server.url) as client:
            accounts = await client.accounts()
            ann = next(a for a in accounts if a.address == "ann@example.com")
            inbox = client.mailbox(ann, "INBOX")
            subjects = [e.subject for e in await inbox.envelopes(newest=2)]
            mail = await inbox.get((await inbox.ids())[0])
            report = await inbox.sync_to(tmp_path)
            return subjects, report.fetched, mail.subject

    # the last two to arrive: mails 4 and 5, sent on days 7 and 8
    assert asyncio.run(main()) == (["mail 5", "mail 4"], 6, "mail 0")


def test_an_account_not_from_accounts_is_refused(
    agent: so.EMailAgent, ann: Account, server: FakeNetServer
) -> None:
    for use in (
        lambda: agent.mailbox("ann@example.com"),  # type: ignore[arg-type]
        lambda: agent.send_mail(ann.address, to=["x@example.com"], subject="s"),  # type: ignore[arg-type]
    ):
        with pytest.raises(so.UsageError, match=r"must come from agent\.accounts\(\), not str"):
            use()

    async def main() -> None:
        async with so.AsyncEMailAgent(server.url) as client:
            client.mailbox(ann)  # type: ignore[arg-type]  # a sync agent's account

    with pytest.raises(so.UsageError, match="not Account"):
        asyncio.run(main())


def test_send_says_which_text_is_not_a_str(ann: Account) -> None:
    with pytest.raises(so.UsageError, match="subject must be a str, not int"):
        ann.send(to=["x@example.com"], subject=3)  # type: ignore[arg-type]
    with pytest.raises(so.UsageError, match="sending 's': body must be a str, not bytes"):
        ann.send(to=["x@example.com"], subject="s", body=b"x")  # type: ignore[arg-type]


@pytest.mark.parametrize("batch", [0, -1, 2.5, True])
def test_envelopes_batch_must_be_a_positive_int(inbox: Mailbox, batch: object) -> None:
    with pytest.raises(so.UsageError, match=r"folder 'INBOX': batch must be an int >= 1, not "):
        inbox.envelopes(batch=batch)  # type: ignore[arg-type]


@pytest.mark.parametrize("timeout", ["5", -1, float("nan"), None])
def test_refresh_timeout_must_be_seconds(
    inbox: Mailbox, server: FakeNetServer, timeout: object
) -> None:
    server.clear()
    with pytest.raises(so.UsageError, match=r"folder 'INBOX': timeout must be seconds"):
        inbox.refresh(timeout=timeout)  # type: ignore[arg-type]
    assert calls(server, "RefreshFolder") == 0  # refused before asking
