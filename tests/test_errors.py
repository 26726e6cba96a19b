"""The exception tree drawn in ``errors.py``'s docstring is the real one."""

from __future__ import annotations

import re

from superoffice_email import errors


def test_the_drawn_tree_is_the_class_hierarchy() -> None:
    doc = errors.__doc__ or ""
    drawn: dict[str, str] = {}  # class name -> drawn parent
    stack: list[tuple[int, str]] = []
    for line in doc.splitlines():
        match = re.match(r"^\s*([│ ]*(?:[├└]── )?)([A-Z]\w+)\b", line)
        if match is None or not hasattr(errors, match.group(2)):
            continue
        depth, name = len(match.group(1)), match.group(2)
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            drawn[name] = stack[-1][1]
        stack.append((depth, name))
    public = {n for n in errors.__all__ if isinstance(getattr(errors, n), type)} - {"Error"}
    assert set(drawn) == public
    for name, parent in drawn.items():
        assert getattr(errors, name).__bases__[0] is getattr(errors, parent), name
