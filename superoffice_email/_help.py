"""``help()`` and ``dir()`` that show what the library offers, and nothing else.

The public agent classes (``EMailAgent``, ``AsyncEMailAgent``) are bases: each version's
operations are methods of the generated subclass the constructor returns, which ``help()``
of the base cannot see. :class:`AgentType` gives the bases a docstring that lists the newest
version's operations, with signatures and one-line descriptions, built on first use (it
imports that version's agents). An agent instance's own ``help()`` and ``dir()`` show its
version's methods directly.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any


class AgentType(type):
    """The agents' metaclass: only to make the public bases' ``__doc__`` list operations."""

    @property
    def __doc__(cls) -> str | None:  # type: ignore[override]
        own: str | None = cls.__dict__.get("__doc__")
        if cls.__module__ != "superoffice_email._agent" or cls.__name__.startswith("_"):
            return own
        return f"{inspect.cleandoc(own or '')}\n\n{operation_listing(cls.__name__)}"


def operation_listing(class_name: str) -> str:
    """The newest version's operations of ``class_name``: signature, then its first line."""
    from ._schema import LATEST_VERSION

    module = importlib.import_module(f"superoffice_email.agents.{LATEST_VERSION.lower()}")
    generated: Any = getattr(module, class_name)
    lines = [
        f"Operations ({LATEST_VERSION}; an agent of another version has that version's, "
        "shown by help(agent)):",
        "",
    ]
    for name, member in sorted(vars(generated).items()):
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        signature = str(inspect.signature(member)).replace("(self, ", "(").replace("(self)", "()")
        summary = (inspect.getdoc(member) or "").split("\n\n", 1)[0].replace("\n", " ")
        lines += [f"    {name}{signature}", f"        {summary}", ""]
    return "\n".join(lines).rstrip()
