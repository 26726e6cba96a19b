"""Markup stripped from an error page in linear time, for the excerpt an error quotes.

Pure text in, text out: :mod:`._exchange` scrubs secrets first and cuts the result short.
"""

from __future__ import annotations

import re

__all__ = ["strip_markup"]

_END_TAGS = {name: re.compile(rf"</{name}\s*>") for name in ("script", "style")}  # linear


def strip_markup(text: str) -> str:
    """``text`` with tags, comments, scripts and styles each replaced by a space.

    A scan with ``str.find`` instead of a regex: each search goes on from where the last one
    ended, and an end marker found missing is not searched for again, so the time is linear
    even for a page of ``<!--`` with no ``-->``. An unclosed comment or script ends at the
    next ``>`` as a tag would; an unclosed tag is kept as text.
    """
    lower = text.lower()
    found: dict[str, tuple[int, int]] = {}  # marker -> (searched from, found at or -1)

    def find(marker: str, start: int) -> int:
        last = found.get(marker)
        if last is not None and last[0] <= start and (last[1] == -1 or last[1] >= start):
            return last[1]  # the first one from an earlier start is the first from here too
        at = lower.find(marker, start)
        found[marker] = (start, at)
        return at

    ends: dict[str, tuple[int, int]] = {}  # name -> (searched from, end of its end tag)

    def end_tag(name: str, start: int) -> int:
        """Where the first ``</name >`` from ``start`` ends (-1: none), cached as ``find``."""
        last = ends.get(name)
        if last is not None and last[0] <= start and (last[1] == -1 or last[1] > start):
            return last[1]
        match = _END_TAGS[name].search(lower, start)
        end = match.end() if match else -1
        ends[name] = (start, end)
        return end

    parts: list[str] = []
    position, size = 0, len(text)
    while position < size:
        start = find("<", position)
        if start == -1:
            break
        parts.append(text[position:start])
        end = -1
        if lower.startswith("<!--", start):
            close = find("-->", start + 4)
            end = close + 3 if close != -1 else -1
        else:
            for name in ("script", "style"):
                after = lower[start + 1 + len(name) : start + 2 + len(name)]
                if lower.startswith(f"<{name}", start) and not (after.isalnum() or after == "_"):
                    end = end_tag(name, start)
                    break
        if end == -1:
            tag_end = find(">", start)
            if tag_end == -1:
                parts.append(text[start:])  # an unclosed tag: kept as text
                position = size
                break
            end = tag_end + 1
        parts.append(" ")
        position = end
    parts.append(text[position:])
    return "".join(parts)
