"""Shared test data: the documented envelopes in fixtures/ and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DOCS = FIXTURES / "docs"

# default: quick enough for CI. thorough (HYPOTHESIS_PROFILE=thorough): 75 examples for each
# of the ~1,550 property tests, over 100,000 in all (about 40 minutes on two cores)
settings.register_profile(
    "default", max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=75, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


# fixtures/docs holds every version's 2021-03 EMail pages; these are the versions whose example
# instants the examples reproduce today (the others carry instants of their own, issue 17)
PAGE_VERSIONS = ("Services82", "Services86")


def documented_pages() -> list[tuple[str, str]]:
    """(version, operation) of the documented EMail pages in fixtures/docs of PAGE_VERSIONS."""
    return sorted(
        (path.parent.name, path.name.split(".")[0])
        for version in PAGE_VERSIONS
        for path in (DOCS / version).glob("*.request.xml")
    )


def documented(version: str, operation: str, direction: str) -> bytes:
    return (DOCS / version / f"{operation}.{direction}.xml").read_bytes()


class Page(NamedTuple):
    """One documented page: its edition, version, agent and operation, and where it lies."""

    edition: str
    version: str
    agent: str
    operation: str
    folder: Path

    def envelope(self, direction: str) -> bytes:
        return (self.folder / f"{self.operation}.{direction}.xml").read_bytes()


#: where each edition's pages lie: fixtures/docs (2021-03), fixtures/editions/E/docs (others)
PAGE_FOLDERS = {"2021-03": DOCS, "2025-11": FIXTURES / "editions" / "2025-11" / "docs"}


def every_page() -> list[Page]:
    """Every documented page in fixtures, of every edition, version and agent."""
    pages = []
    for edition, docs in PAGE_FOLDERS.items():
        for folder in sorted(docs.glob("Services*")):
            for agent, where in (("EMail", folder), ("SoPrincipal", folder / "SoPrincipal")):
                pages += [
                    Page(edition, folder.name, agent, path.name.split(".")[0], where)
                    for path in sorted(where.glob("*.request.xml"))
                ]
    return pages


def nil_paths(envelope: bytes) -> set[str]:
    """The paths (without positions, as ``Result.defaulted`` writes them) of the envelope's
    ``xsi:nil`` elements: where the documentation's generator writes nil even where the
    schema does not allow it (its depth rule), the parser reads the schema's way and says so."""
    from lxml import etree

    from superoffice_email._wire import XSI_NIL
    from superoffice_email._xml import shape_path

    root = etree.fromstring(envelope)
    return {shape_path(e) for e in root.iter() if (e.get(XSI_NIL) or "").strip() == "true"}
