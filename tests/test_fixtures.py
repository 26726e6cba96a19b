"""The reference data in fixtures/: complete, consistent, and what fixtures/extract.py writes."""

from __future__ import annotations

import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from .conftest import DOCS, FIXTURES

REFERENCE = FIXTURES.parent.parent / "shared" / "reference"
WSDL = "{http://schemas.xmlsoap.org/wsdl/}"
# EMail operations (pages) per version of the 2021-03 edition, as the reference README counts them
PAGES_2021 = {
    "Services75": 40,
    "Services80": 40,
    "Services81": 41,
    "Services82": 41,
    "Services83": 76,
    "Services84": 77,
    "Services85": 78,
    "Services86": 80,
    "Services87": 90,
    "Services88": 90,
}
# EMail operations per (edition, version) in the WSDLs, from the reference README's table
OPERATIONS = {
    ("2021-03", "Services75"): 40,
    ("2021-03", "Services83"): 76,
    ("2021-03", "Services88"): 90,
    ("2023-03", "Services84"): 77,
    ("2023-03", "Services86"): 80,
    ("2023-03", "Services88"): 99,
    ("2025-11", "Services88"): 102,
    ("2026-07", "Services84"): 77,
    ("2026-07", "Services87"): 90,
    ("2026-07", "Services88"): 110,
}


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def port_type_operations(path: Path) -> set[str]:
    tree = etree.parse(str(path))
    return {str(op.get("name")) for op in tree.iterfind(f".//{WSDL}portType/{WSDL}operation")}


def page_folder(edition: str, version: str, agent: str) -> Path:
    base = DOCS if edition == "2021-03" else FIXTURES / "editions" / edition / "docs"
    return base / version if agent == "EMail" else base / version / agent


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="needs ../shared/reference beside the checkout")
def test_extract_writes_exactly_the_fixtures(tmp_path: Path) -> None:
    script = FIXTURES / "extract.py"
    subprocess.run([sys.executable, str(script), str(REFERENCE), str(tmp_path)], check=True)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert written
    for relative in written:
        assert filecmp.cmp(tmp_path / relative, FIXTURES / relative, shallow=False), relative
    # and nothing stale is left beside them (README.md and extract.py are written by hand)
    kept = {Path("README.md"), Path("extract.py")}
    present = {p.relative_to(FIXTURES) for p in FIXTURES.rglob("*") if p.is_file()}
    assert present - kept - set(written) == set()


def test_every_2021_page_of_every_version() -> None:
    for version, count in PAGES_2021.items():
        assert len(list((DOCS / version).glob("*.request.xml"))) == count, version
        assert len(list((DOCS / version).glob("*.response.xml"))) == count, version
        principal = {p.name.split(".")[0] for p in (DOCS / version / "SoPrincipal").glob("*.xml")}
        assert {"AuthenticateUsernamePassword", "GetSystemInfo"} <= principal


@pytest.mark.parametrize(("edition", "version"), OPERATIONS)
def test_wsdl_operation_counts(edition: str, version: str) -> None:
    path = FIXTURES / "editions" / edition / "wsdl" / f"{version}-EMail.wsdl"
    assert len(port_type_operations(path)) == OPERATIONS[edition, version]


def test_instants_are_the_pages_own() -> None:
    editions = load("instants.json")["editions"]
    assert set(editions) == {"2021-03", "2025-11"}
    mains = []
    for edition, versions in editions.items():
        for version, entry in versions.items():
            mains.append(entry["main"])
            for agent, scope in entry["agents"].items():
                folder = page_folder(edition, version, agent)
                pages = scope["pages"]
                assert set(pages) == {p.name.split(".")[0] for p in folder.glob("*.request.xml")}
                seen = set()
                for operation, instants in pages.items():
                    text = (folder / f"{operation}.request.xml").read_text(encoding="utf-8")
                    text += (folder / f"{operation}.response.xml").read_text(encoding="utf-8")
                    for instant in instants:
                        assert f">{instant}</" in text, (edition, version, operation, instant)
                    # no other dateTime-looking text on the page
                    found = set(re.findall(r">(\d{4}-\d\d-\d\dT[^<]*)<", text))
                    assert found == set(instants), (edition, version, operation)
                    seen.update(instants)
                assert scope["main"] in seen
            assert entry["main"].startswith(edition)
    # each version of the 2021-03 edition has an instant of its own
    assert len(set(mains)) == len(mains)


def test_every_newest_operation_is_described() -> None:
    descriptions = load("descriptions.json")
    for agent, wsdl in (("EMail", "Services88-EMail"), ("Batch", "Services88-Batch")):
        path = FIXTURES / "editions" / "2026-07" / "wsdl" / f"{wsdl}.wsdl"
        operations = port_type_operations(path)
        described = set(descriptions["rest"][agent]) | set(descriptions["pages"].get(agent, {}))
        assert operations <= described, operations - described
        assert all(text.strip() for text in descriptions["rest"][agent].values())
    refresh = descriptions["pages"]["EMail"]["RefreshFolder"]
    assert set(refresh["parameters"]) == {"connectionInfo", "folders"}
    assert refresh["returns"].startswith("Batch task id")
