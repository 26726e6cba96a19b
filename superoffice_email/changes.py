"""What changed in the API between two versions, or two editions of one version.

``api_changes("Services84", "Services88")`` compares the operations, types, fields and
enumeration values of two versions' models; ``"Services88@2021-03"`` names an edition of a
version (what SuperOffice's WSDL of that date had). The generated models stamp every name with
the first edition that has it, so an older edition is the newest filtered by that stamp; the
same data, for consecutive versions and editions, is in ``services/changes.json``.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import attrs

from ._wire import is_version_name
from .errors import UnknownVersionError, UsageError
from .services import MODULES

KINDS = ("operations", "types", "fields", "values")


@attrs.frozen
class ApiChanges:
    """The names ``new`` has that ``old`` lacks (``added``), and the reverse (``removed``).

    Fields are ``Type.Field`` (XML names; a request's parameters ``Operation().Parameter``),
    values ``Enum.Value``.
    """

    agent: str
    old: str
    new: str
    added: dict[str, tuple[str, ...]]
    removed: dict[str, tuple[str, ...]]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"agent", "old", "new", "added": {kind: [names]}, "removed": ...}``."""
        return {
            "agent": self.agent,
            "old": self.old,
            "new": self.new,
            "added": {k: list(v) for k, v in self.added.items()},
            "removed": {k: list(v) for k, v in self.removed.items()},
        }

    def __str__(self) -> str:
        lines = [f"{self.agent} {self.old} -> {self.new}"]
        for sign, changes in (("+", self.added), ("-", self.removed)):
            for kind, names in changes.items():
                lines += [f"{sign} {kind[:-1]} {name}" for name in names]
        if len(lines) == 1:
            lines.append("no changes")
        return "\n".join(lines)


def api_changes(old: str, new: str, *, agent: str = "EMail") -> ApiChanges:
    """What ``new`` adds to and removes from ``old`` (``"Services86"``, ``"Services88@2023-03"``).

    Raises ``UnknownVersionError`` for a version without models and ``UsageError`` for an
    edition the version has no WSDL of.
    """
    before, after = _surface(old, agent), _surface(new, agent)
    added = {k: tuple(sorted(after[k] - before[k])) for k in KINDS}
    removed = {k: tuple(sorted(before[k] - after[k])) for k in KINDS}
    return ApiChanges(
        agent=agent,
        old=old,
        new=new,
        added={k: v for k, v in added.items() if v},
        removed={k: v for k, v in removed.items() if v},
    )


def _module(version: str, agent: str) -> ModuleType:
    name = MODULES.get((agent, version))
    agents = sorted({a for a, _ in MODULES})
    if agent not in agents:
        raise UsageError(f"no agent {agent!r}; there are: {', '.join(agents)}")
    if name is None:
        known = ", ".join(sorted(v for a, v in MODULES if a == agent)) or "none"
        hint = "" if is_version_name(version) else " (versions are named like 'Services86')"
        raise UnknownVersionError(f"no {agent} models for {version!r}{hint}; known: {known}")
    return importlib.import_module(f"superoffice_email.services.{name}")


def _surface(spec: str, agent: str) -> dict[str, set[str]]:
    version, _, edition = spec.partition("@")
    module = _module(version, agent)
    editions: tuple[str, ...] = module.EDITIONS
    if edition and edition not in editions:
        raise UsageError(
            f"{version} {agent} has no edition {edition!r}; it has: {', '.join(editions)}"
        )
    # names stamped with a later edition than the one asked for were not there yet
    later = set(editions[editions.index(edition) + 1 :]) if edition else set()
    found: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for name, operation in module.OPERATIONS.items():
        if operation.since not in later:
            found["operations"].add(name)
            found["fields"] |= _fields(f"{name}()", operation.request, later, own=False)
    for name, cls in module.TYPES.items():
        if getattr(cls, "__xml_since__", "") in later:
            continue
        found["types"].add(name)
        if attrs.has(cls):
            found["fields"] |= _fields(name, cls, later, own=True)
        else:  # an enumeration or flags: its XML tokens, each with its own stamp if later
            value_since: dict[str, str] = getattr(cls, "__xml_value_since__", {})
            tokens = getattr(cls, "__xml_tokens__", ()) or [m.value for m in cls]
            found["values"] |= {f"{name}.{t}" for t in tokens if value_since.get(t) not in later}
    return found


def _fields(owner: str, cls: type, later: set[str], *, own: bool) -> set[str]:
    inherited = {f.name for base in cls.__mro__[1:] if attrs.has(base) for f in attrs.fields(base)}
    return {
        f"{owner}.{f.metadata['xml'].name}"
        for f in attrs.fields(cls)
        if "xml" in f.metadata
        and f.metadata["xml"].since not in later
        and not (own and f.name in inherited)
    }
