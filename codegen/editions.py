"""Editions: which WSDLs each (agent, version) has, and what each edition added.

SuperOffice regenerates its reference now and then; Services88 grows under the same name. The
models of a version come from its newest WSDL; every operation, type, field and enumeration
value is stamped with the first edition that has it, so an older edition's API is the newest
filtered by that stamp. The editions are compared here, and anything an older edition has that
a newer one lacks (none so far) is recorded as removed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .wsdl import ServiceSchema

#: the editions we have WSDLs of, oldest first (``editions/<edition>/wsdl/`` in the fixtures)
EDITIONS = ("2021-03", "2023-03", "2025-11", "2026-07")
#: the pseudo-edition of a WSDL known only as an installation serves it (``wsdl-live/``)
LIVE = "live"
AGENTS = ("EMail", "SoPrincipal", "Batch")
#: services outside NetServer's versions: agent name -> its WSDL in ``wsdl-live/``
SERVICES = {"PartnerSystemUserService": "PartnerSystemUserService.wsdl"}


def edition_sources(fixtures: Path) -> dict[tuple[str, str], list[tuple[str, Path]]]:
    """Each (agent, version)'s WSDLs by edition, oldest first; version "" outside NetServer.

    ``wsdl-live/`` counts only where no edition has the version (Services73): where both
    exist, the schemas agree and the edition is the dated one.
    """
    found: dict[tuple[str, str], list[tuple[str, Path]]] = {}
    for agent in AGENTS:
        for edition in EDITIONS:
            folder = fixtures / "editions" / edition / "wsdl"
            for path in sorted(folder.glob(f"Services*-{agent}.wsdl")):
                found.setdefault((agent, path.name.split("-")[0]), []).append((edition, path))
        for path in sorted((fixtures / "wsdl-live").glob(f"Services*-{agent}.wsdl")):
            found.setdefault((agent, path.name.split("-")[0]), [(LIVE, path)])
    for agent, name in SERVICES.items():
        if (fixtures / "wsdl-live" / name).is_file():
            found[agent, ""] = [(LIVE, fixtures / "wsdl-live" / name)]
    return dict(sorted(found.items()))


@attrs.frozen
class Surface:
    """What one edition of an agent offers, by name."""

    operations: frozenset[str]
    types: frozenset[str]
    fields: frozenset[str]  # "Type.Field" (XML names), request wrappers as "Operation()"
    values: frozenset[str]  # "Enum.Value"


def surface(schema: ServiceSchema) -> Surface:
    fields = {f"{c.name}.{f.name}" for c in schema.classes for f in c.fields}
    fields |= {f"{o.name}().{f.name}" for o in schema.operations for f in o.request.fields}
    return Surface(
        operations=frozenset(o.name for o in schema.operations),
        types=frozenset(
            [c.name for c in schema.classes]
            + [e.name for e in schema.enums]
            + [a.name.partition(":")[2] for a in schema.arrays if a.name.startswith("tns:")]
            + [d.name.partition(":")[2] for d in schema.dictionaries]
        ),
        fields=frozenset(fields),
        values=frozenset(f"{e.name}.{v}" for e in schema.enums for v in e.values),
    )


@attrs.frozen
class Since:
    """The first edition of each name of an (agent, version), from its editions' surfaces."""

    editions: tuple[str, ...]
    first: dict[str, str]  # "op:X", "type:X", "field:T.F", "value:E.V" -> edition

    def of(self, kind: str, name: str) -> str:
        return self.first.get(f"{kind}:{name}", self.editions[0])


_KINDS = ("operations", "types", "fields", "values")
_KIND = {"operations": "op", "types": "type", "fields": "field", "values": "value"}


def since(surfaces: Mapping[str, Surface]) -> Since:
    """Stamp every name with the first edition (in the mapping's order) that has it."""
    first: dict[str, str] = {}
    for edition, offered in surfaces.items():
        for kind in _KINDS:
            for name in getattr(offered, kind):
                first.setdefault(f"{_KIND[kind]}:{name}", edition)
    return Since(tuple(surfaces), first)


def _delta(old: Surface | None, new: Surface) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    for verb, (a, b) in (("added", (old, new)), ("removed", (new, old))):
        if b is None:
            continue
        found = {kind: sorted(getattr(b, kind) - getattr(a, kind, frozenset())) for kind in _KINDS}
        found = {kind: names for kind, names in found.items() if names}
        if found:
            entry[verb] = found
    return entry


def changelog(surfaces: Mapping[tuple[str, str], Mapping[str, Surface]]) -> str:
    """The API changelog, as JSON: per agent, what each version and each edition added.

    For each agent: ``versions`` (each version's newest edition against the previous
    version's) and ``editions`` (each edition of a version against its previous edition).
    """
    agents: dict[str, Any] = {}
    for (agent, version), by_edition in surfaces.items():
        entry = agents.setdefault(agent, {"versions": {}, "editions": {}})
        previous: Surface | None = None
        history: dict[str, Any] = {}
        for edition, offered in by_edition.items():
            if previous is not None:
                history[edition] = _delta(previous, offered)
            previous = offered
        entry["editions"][version] = {"editions": list(by_edition), "changes": history}
    for (agent, version), by_edition in surfaces.items():
        if not version:
            continue
        older = [v for a, v in surfaces if a == agent and v and v < version]
        newest = list(by_edition.values())[-1]
        base = list(surfaces[agent, older[-1]].values())[-1] if older else None
        change = _delta(base, newest) if base is not None else {}
        agents[agent]["versions"][version] = {"since": older[-1] if older else None, **change}
    document = {
        "about": (
            "What each version and edition of each agent added (and removed), by XML name: "
            "operations, types, fields (Type.Field; Operation().Parameter for requests) and "
            "enumeration values. Generated by python -m codegen from the WSDLs in fixtures/."
        ),
        "agents": agents,
    }
    return json.dumps(document, indent=1, sort_keys=True) + "\n"
