"""Generated agents, one module per service version; do not edit by hand.

Regenerate with ``python -m codegen``. The public agents import
the one module a version needs; ``Latest*`` name the newest version's classes, which
the public constructors are typed as.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .services88 import AsyncEMailAgent as LatestAsyncEMailAgent
    from .services88 import EMailAgent as LatestEMailAgent

__all__ = ["LatestAsyncEMailAgent", "LatestEMailAgent"]
