"""Limits the writer and the reader share, so that whatever one writes the other reads."""

from __future__ import annotations

#: how deep values may nest below a header or payload element, counted in containers (a
#: class, list or dictionary a level). Real data nests about ten deep; recursive types
#: (``InnerException``, ``ChildItems``) could otherwise exhaust Python's stack. The writer
#: refuses what the reader would refuse, at the same depth.
MAX_VALUE_DEPTH = 100
