"""``superoffice-email diff OLD NEW``: what changed between two versions or editions."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_diff_parser(commands: Any) -> None:
    """Add the ``diff`` subcommand to an ``argparse`` subparsers object."""
    diff = commands.add_parser("diff", help="what changed between two versions or editions")
    diff.add_argument("old", help="a version, or VERSION@YYYY-MM for one of its editions")
    diff.add_argument("new", help="the same, for the newer side")
    diff.add_argument("--agent", default="EMail", help="EMail (default), SoPrincipal or Batch")
    diff.add_argument("--json", action="store_true", help="print JSON instead of lines")


def run_diff(args: argparse.Namespace) -> int:
    """``diff Services84 Services88``: the added and removed names, one a line (or JSON)."""
    from ..changes import api_changes  # the changelog is read only for this command

    changes = api_changes(args.old, args.new, agent=args.agent)
    print(json.dumps(changes.as_dict(), indent=1) if args.json else str(changes))
    return 0
