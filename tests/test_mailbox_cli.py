"""``superoffice-email sync``: a folder to ``.eml`` files from the shell, with a summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from superoffice_email.__main__ import main
from superoffice_email.testing import FakeMail, FakeMailbox, FakeNetServer


def test_sync_writes_the_folder_and_sums_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    box = FakeMailbox(
        address="ann@example.com",
        folders={"INBOX": [FakeMail(subject=f"m{n}", body="x") for n in range(12)]},
    )
    monkeypatch.setenv("SUPEROFFICE_TICKET", "7T:cli")
    with FakeNetServer(ticket="7T:cli", mailboxes=[box]) as server:
        args = ["sync", server.url, "--account", "ann@example.com", "--folder", "INBOX"]
        assert main([*args, str(tmp_path)]) == 0
        first = capsys.readouterr()
        assert main([*args, str(tmp_path), "--quiet"]) == 0
        second = capsys.readouterr()
    assert len(list((tmp_path / "INBOX").glob("*.eml"))) == 12
    assert first.out.startswith("ann@example.com INBOX: 12 new mails written, 0 already there;")
    assert "12/12 mails" in first.err  # the progress line
    assert second.out.startswith("ann@example.com INBOX: 0 new mails written, 12 already there;")
    assert second.err == ""
    assert "7T:" not in first.out + first.err


def test_sync_names_the_accounts_there_are(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPEROFFICE_TICKET", "7T:cli")
    with FakeNetServer(mailboxes=[FakeMailbox(address="ann@example.com")]) as server:
        code = main(["sync", server.url, "--account", "nobody@example.com", str(tmp_path)])
    assert code != 0
    err = capsys.readouterr().err
    assert "'nobody@example.com'" in err and "ann@example.com" in err


def test_sync_without_a_ticket_says_so_before_connecting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SUPEROFFICE_TICKET", raising=False)
    with FakeNetServer(ticket="7T:cli", mailboxes=[FakeMailbox(address="a@example.com")]) as server:
        code = main(["sync", server.url, "--account", "a@example.com", str(tmp_path)])
        assert server.requests == []
    assert code == 2
    assert "give the ticket in $SUPEROFFICE_TICKET (or --ticket)" in capsys.readouterr().err
