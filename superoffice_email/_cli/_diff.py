"""``superoffice-email diff OLD NEW``: what changed between two versions or editions."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_diff(commands: Any) -> None:
    """The ``diff`` subcommand's arguments."""
    diff = commands.add_parser("diff", help="what changed between two versions or editions")
    diff.add_argument("old", help="a version (Services84), or VERSION@YYYY-MM for an edition")
    diff.add_argument("new", help="the same, for the newer side")
    diff.add_argument("--agent", default="EMail", help="EMail (default), SoPrincipal or Batch")
    diff.add_argument("--json", action="store_true", help="print JSON instead of lines")


def diff(args: argparse.Namespace) -> int:
    """The added and removed names, one a line (``+ operation X``), or as JSON."""
    from ..changes import api_changes

    changes = api_changes(args.old, args.new, agent=args.agent)
    print(json.dumps(changes.as_dict(), indent=1) if args.json else str(changes))
    return 0
