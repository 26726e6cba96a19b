"""``Mailbox.sync_to`` at size: N mails with M MiB of attachments in all, peak memory and rate.

``python -m tests.benchmarks.mailbox_sync [--mails 10000] [--mib 1024] [--dir DIR]`` prints one
JSON line: mails, attachment bytes, seconds, mails per second, the peak resident memory of
this process (the syncing client; the fake server runs in a child process, so its copy of
the mailbox is not counted) and the bytes written. ``tests/test_mailbox_bench.py`` runs it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import superoffice_email as so
from superoffice_email.testing import FakeMail, FakeMailbox, FakeNetServer


def serve(mails: int, mib: int) -> None:
    """The child: a fake mailbox of ``mails`` mails sharing ``mib`` MiB of attachments."""
    each = mib * 1024 * 1024 // mails
    # one block per mail size, shared by every mail: the server's memory stays small
    block = bytes(range(256)) * (each // 256) + bytes(each % 256)
    box = FakeMailbox(
        address="bench@example.com",
        folders={
            "INBOX": [
                FakeMail(
                    subject=f"mail {n}",
                    to=["bench@example.com"],
                    body=f"mail {n}\n",
                    attachments=[(f"a{n}.bin", block)],
                )
                for n in range(mails)
            ]
        },
    )
    with FakeNetServer(mailboxes=[box], timeout=120) as server:
        print(server.url, flush=True)
        sys.stdin.read()  # until the parent closes it


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mails", type=int, default=10_000)
    parser.add_argument("--mib", type=int, default=1024)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.mails, args.mib)
        return
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.mailbox_sync",
            "--serve",
            "--mails",
            str(args.mails),
            "--mib",
            str(args.mib),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        url = child.stdout.readline().strip()
        directory = args.dir or Path(tempfile.mkdtemp(prefix="sync-bench-"))
        with so.EMailAgent(url, timeout=120) as agent:
            (account,) = agent.accounts()
            started = time.perf_counter()
            report = agent.mailbox(account, "INBOX").sync_to(directory)
            seconds = time.perf_counter() - started
        written = sum(p.stat().st_size for p in (directory / "INBOX").glob("*.eml"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
        print(
            json.dumps(
                {
                    "mails": report.fetched,
                    "attachment_mib": args.mib,
                    "seconds": round(seconds, 1),
                    "mails_per_second": round(report.fetched / seconds, 1),
                    "peak_rss_mb": round(peak / 1e6, 1),
                    "written_mb": round(written / 1e6, 1),
                }
            )
        )
    finally:
        if child.stdin is not None:
            child.stdin.close()
        child.wait(30)


if __name__ == "__main__":
    main()
