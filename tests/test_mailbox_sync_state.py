"""SyncState: one ``.eml`` per mail id, whatever step of a write a crash interrupts.

Crashes are simulated two ways at every point where ``write_mail`` (or ``open``) touches the
disk: an exception raised there (the cleanup code runs), and, on POSIX, a forked child that
calls ``os._exit`` there (nothing runs after it, as after ``kill -9``). A power cut after an
``fsync`` behaves like the latter; one before it cannot be simulated without a virtual disk.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from superoffice_email.errors import MailboxError, UsageError
from superoffice_email.mailbox import MailId, SyncState, _sync_state
from superoffice_email.mailbox._sync_state import mail_file_name, mail_id_from_file_name

ACCOUNT = "ann@example.com"
LONG_ID = "AAMk" + "x" * 300  # its escape is over 255 bytes: a hashed file name

MAILS: dict[MailId, list[bytes]] = {
    101: [b"Subject: one\r\n", b"\r\n", b"first body\r\n"],
    102: [b"Subject: two\r\n\r\n", b"second body\r\n"],
    "AAMkAGI2=": [b"Subject: graph\r\n\r\n", b"graph body\r\n"],
    LONG_ID: [b"Subject: long id\r\n\r\nbody\r\n"],
}
NAMES = {
    101: "101.eml",
    102: "102.eml",
    "AAMkAGI2=": "s-_a_a_mk_a_g_i2%3d.eml",
    LONG_ID: "h-" + hashlib.sha256(LONG_ID.encode()).hexdigest() + ".eml",
}
OURS = {".superoffice-sync.jsonl", ".superoffice-sync.lock"}


def sync(directory: Path, chunk_hook: Callable[[], None] = lambda: None) -> int:
    """What the mailbox's sync_to does with the state: write every mail not done yet."""

    def chunks(parts: list[bytes]) -> Iterator[bytes]:
        for part in parts:
            chunk_hook()
            yield part

    written = 0
    with SyncState.open(directory, account=ACCOUNT, folder="INBOX") as state:
        for mail_id, parts in MAILS.items():
            if not state.done(mail_id):
                state.write_mail(mail_id, chunks(parts))
                written += 1
    return written


def journal_ids(folder: Path) -> list[MailId]:
    lines = (folder / ".superoffice-sync.jsonl").read_bytes().split(b"\n")
    assert lines[-1] == b""  # no torn line left
    header = json.loads(lines[0])
    assert header == {"superoffice_email_sync": 1, "account": ACCOUNT, "folder": "INBOX"}
    return [json.loads(line)["id"] for line in lines[1:-1]]


def assert_complete(directory: Path) -> None:
    """Exactly one file per mail with its bytes, journalled once; a rerun fetches nothing."""
    folder = directory / "INBOX"
    assert sorted(os.listdir(folder)) == sorted(OURS | set(NAMES.values()))
    for mail_id, parts in MAILS.items():
        assert (folder / NAMES[mail_id]).read_bytes() == b"".join(parts)
    ids = journal_ids(folder)
    assert sorted(map(str, ids)) == sorted(map(str, MAILS)) and len(ids) == len(MAILS)
    assert sync(directory) == 0


def test_a_sync_writes_each_mail_once_and_a_second_run_none(tmp_path: Path) -> None:
    assert sync(tmp_path) == len(MAILS)
    assert_complete(tmp_path)
    with SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX") as state:
        assert state.count == len(MAILS)
        assert state.done(101) and not state.done("101") and not state.done(103)
        assert state.path("AAMkAGI2=") == tmp_path.resolve() / "INBOX" / NAMES["AAMkAGI2="]


FILE_NAMES: list[tuple[MailId, str]] = [
    (0, "0.eml"),
    (123, "123.eml"),
    (-7, "-7.eml"),
    ("123", "s-123.eml"),
    ("abc-def", "s-abc-def.eml"),
    ("AAMk=", "s-_a_a_mk%3d.eml"),
    ("a_b/c+d", "s-a%5fb%2fc%2bd.eml"),
    ("CON", "s-_c_o_n.eml"),
    ("é.", "s-%c3%a9%2e.eml"),
]


@pytest.mark.parametrize(("mail_id", "name"), FILE_NAMES)
def test_file_names_map_both_ways(mail_id: MailId, name: str) -> None:
    assert mail_file_name(mail_id) == name
    assert mail_id_from_file_name(name) == mail_id


@pytest.mark.parametrize("name", ["007.eml", "-0.eml", "s-%41.eml", "s-_A.eml", "s-.eml", "x.eml"])
def test_names_we_never_write_are_not_ours(name: str) -> None:
    assert mail_id_from_file_name(name) is None


@settings(max_examples=200)
@given(st.lists(st.text(min_size=1, max_size=40) | st.integers(), min_size=2, max_size=2))
def test_different_ids_never_share_a_file_even_on_case_insensitive_disks(ids: list[MailId]) -> None:
    first, second = (mail_file_name(mail_id) for mail_id in ids)
    if ids[0] != ids[1] or type(ids[0]) is not type(ids[1]):
        assert first.casefold() != second.casefold()
    for name, mail_id in ((first, ids[0]), (second, ids[1])):
        assert name == name.lower() and name.isascii() and len(name) <= 255
        assert mail_id_from_file_name(name) == mail_id


@pytest.mark.parametrize("bad", [True, 1.5, "", None, "\udc80"])
def test_bad_ids_are_refused(tmp_path: Path, bad: object) -> None:
    with SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX") as state:
        with pytest.raises(UsageError, match="mail id"):
            state.done(bad)  # type: ignore[arg-type]
        with pytest.raises(UsageError, match="mail id"):
            state.write_mail(bad, [b"x"])  # type: ignore[arg-type]


def test_another_folder_with_the_same_safe_name_or_another_account_is_refused(
    tmp_path: Path,
) -> None:
    SyncState.open(tmp_path, account=ACCOUNT, folder="a/b").close()
    with pytest.raises(MailboxError, match=r"holds account 'ann@example.com', folder 'a/b'"):
        SyncState.open(tmp_path, account=ACCOUNT, folder="a_b")
    with pytest.raises(MailboxError, match=r"not account 'bob@example.com', folder 'a/b'"):
        SyncState.open(tmp_path, account="bob@example.com", folder="a/b")


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_a_second_sync_of_the_same_folder_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    first = SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX")
    with first, pytest.raises(MailboxError, match="another sync"):
        SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX")
    SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX").close()


def test_reopen_repairs_what_a_crash_leaves(tmp_path: Path) -> None:
    sync(tmp_path)
    folder = tmp_path / "INBOX"
    (folder / "102.eml").unlink()  # journalled, file gone: dropped, fetched again
    (folder / "103.eml").write_bytes(b"adopted")  # renamed, not journalled: adopted
    (folder / ".tmp-abc.part").write_bytes(b"half a mai")  # a temp file: deleted
    orphan = "h-" + "0" * 64 + ".eml"  # unjournalled hashed name: deleted, cannot be adopted
    (folder / orphan).write_bytes(b"?")
    with open(folder / ".superoffice-sync.jsonl", "ab") as journal:
        journal.write(b'{"id": 104}\n{"id": 10')  # 104 without a file, then a torn line
    foreign = ["notes.txt", "007.eml", ".hidden", "s-%41.eml"]
    for name in foreign:
        (folder / name).write_bytes(b"not ours")
    (folder / "sub").mkdir()
    with SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX") as state:
        assert state.count == len(MAILS)  # 101, AAMkAGI2=, LONG_ID, 103
        assert state.done(103) and not state.done(102) and not state.done(104)
        assert not state.done(10)
    listed = set(os.listdir(folder))
    assert ".tmp-abc.part" not in listed and orphan not in listed
    assert {*foreign, "sub"} <= listed
    assert journal_ids(folder)[-1] == 103
    assert sync(tmp_path) == 1  # 102 only
    assert (folder / "102.eml").read_bytes() == b"".join(MAILS[102])


def test_a_damaged_journal_is_refused_naming_the_line(tmp_path: Path) -> None:
    sync(tmp_path)
    journal = tmp_path / "INBOX" / ".superoffice-sync.jsonl"
    lines = journal.read_bytes().split(b"\n")
    lines[2] = b'{"id": 1.5}'
    journal.write_bytes(b"\n".join(lines))
    with pytest.raises(MailboxError, match=r"\.superoffice-sync\.jsonl', line 3: not a journal"):
        SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX")
    journal.write_bytes(b"hello\n")
    with pytest.raises(MailboxError, match="not a sync journal"):
        SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX")


def test_a_failing_source_writes_nothing(tmp_path: Path) -> None:
    def broken() -> Iterator[bytes]:
        yield b"Subject: x\r\n"
        raise ConnectionResetError("gone")

    with SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX") as state:
        with pytest.raises(ConnectionResetError):
            state.write_mail(7, broken())
        assert not state.done(7) and state.count == 0
        assert state.write_mail(7, [b"ok"]).read_bytes() == b"ok"
    assert set(os.listdir(tmp_path / "INBOX")) == OURS | {"7.eml"}


def test_a_closed_state_refuses_to_write(tmp_path: Path) -> None:
    state = SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX")
    state.close()
    with pytest.raises(MailboxError, match=r"account 'ann@example.com', folder 'INBOX'.*closed"):
        state.write_mail(1, [b"x"])


class Crash(Exception):
    """Raised at the chosen step, as if the process died there."""


def install_crash(
    monkeypatch: pytest.MonkeyPatch, step: int, crash: Callable[[], None]
) -> Callable[[], None]:
    """Make the ``step``-th disk operation (fsync, replace, journal append, chunk) crash.

    Returns the chunk hook; a journal append that crashes writes half its line first (torn).
    """
    count = 0

    def hit() -> bool:
        nonlocal count
        count += 1
        return count == step

    def guarded(real: Callable[..., None]) -> Callable[..., None]:
        def call(*args: object) -> None:
            if hit():
                crash()
            real(*args)

        return call

    real_append = _sync_state._append

    def append(journal: IO[bytes], mail_ids: list[MailId]) -> None:
        if hit():
            line = json.dumps({"id": mail_ids[0]}).encode()
            journal.write(line[: len(line) // 2])
            crash()
        real_append(journal, mail_ids)

    monkeypatch.setattr(os, "fsync", guarded(os.fsync))
    monkeypatch.setattr(os, "replace", guarded(os.replace))
    monkeypatch.setattr(_sync_state, "_append", append)
    return lambda: crash() if hit() else None


def raise_crash() -> None:
    raise Crash


def test_an_exception_at_every_step_then_a_rerun_ends_complete(tmp_path: Path) -> None:
    step = 0
    while True:
        step += 1
        directory = tmp_path / str(step)
        with pytest.MonkeyPatch.context() as monkeypatch:
            hook = install_crash(monkeypatch, step, raise_crash)
            try:
                sync(directory, hook)
            except (Crash, MailboxError):
                crashed = True
            else:
                crashed = False
        if crashed:
            sync(directory)
        assert_complete(directory)
        if not crashed:
            break
    assert step > 4 * len(MAILS), step  # every mail had several steps to crash at


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_hard_crash_at_every_step_then_a_rerun_ends_complete(tmp_path: Path) -> None:
    step = 0
    while True:
        step += 1
        directory = tmp_path / str(step)
        pid = os.fork()
        if pid == 0:  # the child: crash hard at the step, or exit 0 when the sync completes
            code = 4  # an unexpected exception in the child fails the test
            try:
                with pytest.MonkeyPatch.context() as monkeypatch:
                    sync(directory, install_crash(monkeypatch, step, lambda: os._exit(3)))
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) in (0, 3)
        sync(directory)
        assert_complete(directory)
        if os.WEXITSTATUS(status) == 0:
            break
    assert step > 4 * len(MAILS), step


def test_runs_stopped_at_random_points_end_with_the_same_files(tmp_path: Path) -> None:
    chance = random.Random(18)
    for _ in range(300):
        with pytest.MonkeyPatch.context() as monkeypatch:
            hook = install_crash(monkeypatch, chance.randint(1, 12), raise_crash)
            try:
                sync(tmp_path, hook)
                break
            except (Crash, MailboxError):
                continue
    else:
        pytest.fail("no run completed")
    assert_complete(tmp_path)


def test_a_200_mb_mail_streams_in_bounded_memory(tmp_path: Path) -> None:
    megabyte = 1 << 20

    def chunks() -> Iterator[bytes]:
        for index in range(200):
            yield bytes([index]) * megabyte

    with SyncState.open(tmp_path, account=ACCOUNT, folder="INBOX") as state:
        started = time.perf_counter()
        tracemalloc.start()
        try:
            path = state.write_mail(1, chunks())
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        elapsed = time.perf_counter() - started
    assert peak < 16 * megabyte, f"peak {peak / megabyte:.1f} MB"
    # about 2.7 s here, nearly all of it the disk; a timing assertion would only be flaky
    print(f"200 MB mail: {elapsed:.1f} s, tracemalloc peak {peak / megabyte:.1f} MB")
    assert path.stat().st_size == 200 * megabyte
    with open(path, "rb") as written:
        for index in (0, 1, 199):
            written.seek(index * megabyte)
            assert written.read(megabyte) == bytes([index]) * megabyte
