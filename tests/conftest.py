"""Shared test data: the documented envelopes in fixtures/ and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

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
