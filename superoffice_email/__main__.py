"""``python -m superoffice_email``: the command line, which lives in ``superoffice_email._cli``."""

from __future__ import annotations

import sys

from ._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
