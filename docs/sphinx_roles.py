"""A griffe extension for the reference site: Sphinx roles in docstrings as inline code.

The docstrings cite names as ``:class:`~superoffice_email.Error``` (Sphinx's form, which
pydoc and IDEs show as written); Markdown would print the role. This keeps the name, as
code: the last part for ``~a.b.C``, else the name as written.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|attr|data|exc|mod|obj):`(~?)([^`]+)`")


def _code(match: re.Match[str]) -> str:
    short, name = match.groups()
    return f"`{name.rpartition('.')[2] if short else name}`"


def _rewrite(obj: griffe.Object) -> None:
    if obj.docstring is not None:
        obj.docstring.value = _ROLE.sub(_code, obj.docstring.value)
    for member in obj.members.values():
        if isinstance(member, griffe.Object):  # an alias's target is done where it lives
            _rewrite(member)


class SphinxRoles(griffe.Extension):
    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        _rewrite(pkg)
