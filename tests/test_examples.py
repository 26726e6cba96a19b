"""The six everyday tasks in ``examples/`` run against a fake mailbox and do what they say.

``mypy`` checks them too (strict, and not one expression of type ``Any``: pyproject.toml).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def run(name: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=EXAMPLES,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.splitlines()


def test_every_task_is_here() -> None:
    scripts = {p.name for p in EXAMPLES.glob("*.py") if not p.name.startswith("_")}
    assert scripts == {
        "accounts_and_folders.py",
        "newest_envelopes.py",
        "save_attachments.py",
        "send_with_attachment.py",
        "mark_read_when_a_call_fails.py",
        "expired_ticket.py",
        "log_in_and_read_a_folder.py",
        "golden_file_test.py",
    }


def test_accounts_and_folders() -> None:
    lines = run("accounts_and_folders.py")
    assert lines[0] == "ann@example.com via imap.example.com:993 (SSL: True)"
    assert "  INBOX: 120 unread of 120" in lines
    assert "bob@example.com via imap.example.com:993 (SSL: True)" in lines


def test_newest_envelopes() -> None:
    lines = run("newest_envelopes.py")
    assert len(lines) == 50
    # _demo.py: order n is sent n * 5 % 97 hours after 2026-05-01 08:00; 116 * 5 % 97 = 95
    assert lines[0] == "2026-05-05 07:00:00+00:00 customer4@example.com Order 116"
    stamps = [line[:25] for line in lines]
    assert stamps == sorted(stamps, reverse=True)


def test_save_attachments() -> None:
    (line,) = run("save_attachments.py")
    subject, _, path = line.partition(" -> ")
    number = int(subject.removeprefix("Order "))
    saved = Path(path)
    assert saved.name == f"order-{number}.pdf"
    assert saved.read_bytes() == b"%PDF-1.4 " + bytes(number)


def test_send_with_attachment() -> None:
    lines = run("send_with_attachment.py")
    assert lines[0].startswith("sent <") and lines[1] == "in Sent: ['The report']"


@pytest.mark.parametrize("name", ["mark_read_when_a_call_fails.py", "expired_ticket.py"])
def test_failures_are_typed_and_recovered_from(name: str) -> None:
    lines = run(name)
    assert lines[-1] == "read now: [True, True, True]"
    if name == "expired_ticket.py":
        assert "ticket is not valid or has expired" in lines[0]
    else:
        assert lines[0].startswith("failed: account 'ann@example.com', folder 'INBOX', mails ")
    assert "7T:" not in "\n".join(lines)


def test_log_in_and_read_a_folder() -> None:
    # the fake knows ann/s3cret; the three newest of _demo.py's 120 orders
    assert run("log_in_and_read_a_folder.py") == ["Order 120", "Order 119", "Order 118"]


def _pytest(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *options,
         str(folder / "golden_file_test.py")],
        capture_output=True, text=True, timeout=120, cwd=folder, check=False,
    )  # fmt: skip


def test_golden_file_example(tmp_path: Path) -> None:
    golden = (EXAMPLES / "golden" / "refresh_folder.request.xml").read_text()
    # the committed golden file holds the request with the password scrubbed
    assert "<EMail:Password>***</EMail:Password>" in golden and "s3cret" not in golden
    assert _pytest(EXAMPLES).returncode == 0
    # a golden file that no longer matches fails, and names the option that rewrites it
    (tmp_path / "golden").mkdir()
    (tmp_path / "golden_file_test.py").write_text((EXAMPLES / "golden_file_test.py").read_text())
    stale = golden.replace(">INBOX</EMail:Folder>", ">Sent</EMail:Folder>")
    (tmp_path / "golden" / "refresh_folder.request.xml").write_text(stale)
    failed = _pytest(tmp_path)
    assert failed.returncode == 1 and "--superoffice-update-golden" in failed.stdout
    assert _pytest(tmp_path, "--superoffice-update-golden").returncode == 0
    assert (tmp_path / "golden" / "refresh_folder.request.xml").read_text() == golden
