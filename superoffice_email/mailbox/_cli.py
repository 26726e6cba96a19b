"""``superoffice-email sync URL --account A --folder F DIR``: a folder kept as ``.eml`` files.

The progress is plain text on stderr (a line rewritten in place on a terminal, a line per
tenth elsewhere), not a rich or tqdm bar: the package then needs no dependency for it, and a
sync run from cron or CI writes a readable log instead of escape codes. The summary goes to
stdout.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from ..errors import UsageError

TICKET_VARIABLE = "SUPEROFFICE_TICKET"
APPLICATION_TOKEN_VARIABLE = "SUPEROFFICE_APPLICATION_TOKEN"


def add_sync_parser(commands: Any) -> None:
    """Add the ``sync`` subcommand to an ``argparse`` subparsers object."""
    sync = commands.add_parser("sync", help="write every mail of a folder as .eml files")
    sync.add_argument("url", help="https://host/tenant/Remote/")
    sync.add_argument("directory", type=Path, metavar="DIR")
    sync.add_argument("--account", required=True, help="the account's address or id")
    sync.add_argument("--folder", default="INBOX")
    sync.add_argument("--version", default=None, metavar="VERSION", help="ServicesNN")
    sync.add_argument("--ticket", help=f"the SoPrincipal ticket (default: ${TICKET_VARIABLE})")
    sync.add_argument(
        "--token", help=f"the application token (default: ${APPLICATION_TOKEN_VARIABLE})"
    )
    sync.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS")
    sync.add_argument("--quiet", action="store_true", help="no progress, only the summary")


def run_sync(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``sync`` with parsed arguments; 0 when every listed mail is on disk or vanished."""
    from .._agent import EMailAgent
    from .._schema import LATEST_VERSION

    out = out or sys.stdout
    err = err or sys.stderr
    ticket = args.ticket or os.environ.get(TICKET_VARIABLE)
    if not ticket:  # as ``call``: said before connecting, not as the server's refusal
        raise UsageError(f"give the ticket in ${TICKET_VARIABLE} (or --ticket)")
    token = args.token or os.environ.get(APPLICATION_TOKEN_VARIABLE) or None
    started = time.monotonic()
    with EMailAgent(
        args.url,
        version=args.version or LATEST_VERSION,
        ticket=ticket,
        application_token=token,
        timeout=args.timeout,
    ) as agent:
        accounts = agent.accounts()
        account = next((a for a in accounts if args.account in (a.address, str(a.id))), None)
        if account is None:
            known = ", ".join(a.address or str(a.id) for a in accounts) or "none"
            raise UsageError(f"no ready-to-sync account {args.account!r}; there are: {known}")
        bar = _Progress(err, started, quiet=args.quiet)
        report = agent.mailbox(account, args.folder).sync_to(args.directory, progress=bar)
        bar.finish()
    seconds = max(time.monotonic() - started, 1e-9)
    vanished = (
        f", {len(report.vanished)} vanished before they could be fetched" if report.vanished else ""
    )
    print(
        f"{account.address} {args.folder}: {report.fetched} new mails written, "
        f"{report.already} already there{vanished}; {report.listed} in the folder. "
        f"{report.directory!s} ({seconds:.1f} s, {report.fetched / seconds:.1f} mails/s)",
        file=out,
    )
    return 0


class _Progress:
    def __init__(self, stream: TextIO, started: float, *, quiet: bool) -> None:
        self.stream = stream
        self.started = started
        self.quiet = quiet
        self.tty = stream.isatty()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        tenth = done * 10 // max(total, 1)
        if not self.tty and tenth == self.shown and done != total:
            return
        self.shown = tenth
        rate = done / max(time.monotonic() - self.started, 1e-9)
        width = 30
        filled = width * done // max(total, 1)
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} mails, {rate:.1f}/s"
        self.stream.write(f"\r{line}" if self.tty else f"{line}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and not self.quiet and self.shown >= 0:
            self.stream.write("\n")
