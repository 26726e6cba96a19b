"""Editions: Services88 is the newest WSDL, every name knows its first edition, older editions
are reproducible from those stamps, and the API changelog and ``diff`` say what changed."""

from __future__ import annotations

import importlib
import itertools
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import attrs
import pytest
from lxml import etree

import superoffice_email as so
from codegen.editions import edition_sources
from superoffice_email.changes import api_changes
from superoffice_email.errors import UnknownVersionError, UsageError
from superoffice_email.services import MODULES

from .conftest import FIXTURES

XS = "{http://www.w3.org/2001/XMLSchema}"
WSDL = "{http://schemas.xmlsoap.org/wsdl/}"
EDITIONS = sorted(
    (agent, version, edition)
    for (agent, version), found in edition_sources(FIXTURES).items()
    for edition, _ in found
)
# the eight Graph operations of 2026-07 and the three of 2025-11 (the reference README)
GRAPH = {
    "GetEMailFromServerIdentifier",
    "GetEMailEnvelopesFromServerIds",
    "GetAttachmentFromServerIdentifier",
    "GetEMailAsStreamFromServerIdentifier",
    "GetEMailAsEmlStream",
    "MarkAsReadFromServerIdentifiers",
    "MoveToFolderFromServerIdentifier",
    "DeleteFromServerIdentifier",
}
NOVEMBER = {
    "CreateNewPhysicalDocumentFromEmail",
    "CreateNewPhysicalDocumentFromEmailAttachment",
    "ResolveEMailRecipients",
}


def module(agent: str, version: str) -> ModuleType:
    return importlib.import_module(f"superoffice_email.services.{MODULES[agent, version]}")


def wsdl(agent: str, version: str, edition: str) -> etree._ElementTree:
    return etree.parse(str(dict(edition_sources(FIXTURES)[agent, version])[edition]))


def stamped(items: dict[str, str], edition: str, editions: tuple[str, ...]) -> set[str]:
    later = set(editions[editions.index(edition) + 1 :])
    return {name for name, since in items.items() if since not in later}


def test_services88_is_the_newest_wsdl() -> None:
    models = so.models("Services88")
    assert len(models.OPERATIONS) == 110
    assert models.EDITIONS == ("2021-03", "2023-03", "2025-11", "2026-07")
    assert {n for n, o in models.OPERATIONS.items() if o.since == "2026-07"} == GRAPH
    assert {n for n, o in models.OPERATIONS.items() if o.since == "2025-11"} == NOVEMBER
    fields = {f.metadata["xml"].name: f.metadata["xml"] for f in attrs.fields(models.EMailEntity)}
    assert fields["ServerIdentifier"].since == "2026-07"
    assert fields["ServerIdentifier"].type == "xs:string"
    assert fields["Subject"].since == "2021-03"
    assert models.EMailAccount.__xml_since__ == "2021-03"
    assert "first in the 2026-07 edition" in (models.GetEMailAsEmlStreamRequest.__doc__ or "")


@pytest.mark.parametrize(("agent", "version", "edition"), EDITIONS)
def test_each_edition_is_the_newest_filtered_by_its_stamps(
    agent: str, version: str, edition: str
) -> None:
    """Operations, types and each type's own fields, in order, read from that edition's WSDL."""
    models = module(agent, version)
    tree = wsdl(agent, version, edition)
    operations = {o.name: o.since for o in models.OPERATIONS.values()}
    port = {str(o.get("name")) for o in tree.iterfind(f".//{WSDL}portType/{WSDL}operation")}
    assert stamped(operations, edition, models.EDITIONS) == port
    later = set(models.EDITIONS[models.EDITIONS.index(edition) + 1 :])
    for complex_type in tree.iterfind(f".//{XS}schema/{XS}complexType"):
        name = complex_type.get("name", "")
        cls = models.TYPES.get(name)
        if cls is None or not attrs.has(cls):
            continue  # arrays and dictionaries are not classes
        assert vars(cls)["__xml_since__"] not in later, name
        sequence = complex_type.find(f"{XS}sequence")
        if sequence is None:
            sequence = complex_type.find(f"{XS}complexContent/{XS}extension/{XS}sequence")
        declared = [] if sequence is None else [str(e.get("name")) for e in sequence]
        inherited = {f.name for b in cls.__mro__[1:] if attrs.has(b) for f in attrs.fields(b)}
        own = [
            f.metadata["xml"].name
            for f in attrs.fields(cls)
            if f.name not in inherited and f.metadata["xml"].since not in later
        ]
        assert own == declared, (name, edition)


def test_the_changelog_matches_api_changes() -> None:
    document = json.loads(
        (Path(so.__file__).parent / "services" / "changes.json").read_text(encoding="utf-8")
    )
    email = document["agents"]["EMail"]
    for version, entry in email["editions"].items():
        editions = entry["editions"]
        for older, newer in itertools.pairwise(editions):
            changes = api_changes(f"{version}@{older}", f"{version}@{newer}")
            recorded = entry["changes"][newer]
            assert changes.added == {k: tuple(v) for k, v in recorded.get("added", {}).items()}
            assert changes.removed == {}
    added = email["versions"]["Services88"]["added"]
    assert set(added["operations"]) == set(
        api_changes("Services87", "Services88").added["operations"]
    )
    assert GRAPH | NOVEMBER <= set(added["operations"])


def test_api_changes_between_versions() -> None:
    changes = api_changes("Services84", "Services88")
    assert changes.removed == {}
    assert GRAPH | NOVEMBER <= set(changes.added["operations"])
    assert "EMailAccount.UseGraphApi" in changes.added["fields"]
    assert "GetEMailFromId" not in changes.added["operations"]  # in both
    assert str(api_changes("Services86@2021-03", "Services86")).endswith("no changes")
    back = api_changes("Services88", "Services88@2021-03")
    assert set(back.removed["operations"]) >= GRAPH and back.added == {}
    principal = api_changes("Services85", "Services86", agent="SoPrincipal")
    assert principal.added["operations"] == ("AuthenticateWithAccessToken",)


def test_api_changes_refuses_unknown_names() -> None:
    with pytest.raises(UsageError, match="2021-03, 2023-03, 2025-11, 2026-07"):
        api_changes("Services88@2020-01", "Services88")
    with pytest.raises(UnknownVersionError, match="Services99"):
        api_changes("Services99", "Services88")
    with pytest.raises(UsageError, match="no agent 'Mail'; there are: Batch, EMail, "):
        api_changes("Services86", "Services88", agent="Mail")


def test_cli_diff() -> None:
    run = [sys.executable, "-m", "superoffice_email", "diff"]
    text = subprocess.run(
        [*run, "Services88@2025-11", "Services88"], capture_output=True, text=True, check=True
    ).stdout
    assert "+ operation GetEMailAsEmlStream\n" in text
    assert "+ field EMailEntity.ServerIdentifier\n" in text
    data = json.loads(
        subprocess.run(
            [*run, "Services84", "Services88", "--json"], capture_output=True, check=True
        ).stdout
    )
    assert GRAPH <= set(data["added"]["operations"])
    bad = subprocess.run([*run, "Services88@1999-01", "Services88"], capture_output=True, text=True)
    assert bad.returncode == 2 and "has no edition '1999-01'" in bad.stderr  # usage


def test_older_editions_cost_nothing_at_import() -> None:
    code = (
        "import sys, superoffice_email as so;"
        "so.models('Services88');"
        "assert 'superoffice_email.changes' not in sys.modules;"
        "assert not [m for m in sys.modules if m.startswith('codegen')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
