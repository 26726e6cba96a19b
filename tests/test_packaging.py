"""Packaging: what the sdist and the wheel hold, and that the wheel built from the sdist works.

The build runs without isolation (offline, with the test venv's setuptools) from a copy of the
checkout, so the checkout gets no ``build/`` or ``*.egg-info``. ``python -m build`` with no
target flag builds the sdist, then the wheel from the unpacked sdist: a file the sdist leaves
out that the wheel needs fails here. The wheel goes into a fresh venv with ``--no-deps
--no-index``; the dependencies come from the test venv's site-packages, added as plain path
entries (no ``.pth`` processing, so the test venv's editable install cannot shadow the wheel).
About 10 s; ``-m "not packaging"`` leaves it out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import tomllib
import venv
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

import attrs
import httpx
import lxml
import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSION: str = PYPROJECT["project"]["version"]
PACKAGE = ROOT / "superoffice_email"
# the checkout's own files, as the package should carry them
SOURCES = sorted(
    p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts
)
SCHEMAS = sorted(p.relative_to(ROOT).as_posix() for p in (PACKAGE / "services").glob("*.xsd"))
# the generated data files beside them (the API changelog)
DATA = sorted(p.relative_to(ROOT).as_posix() for p in (PACKAGE / "services").glob("*.json"))

pytestmark = pytest.mark.packaging

_NOT_COPIED = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "site", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


@attrs.frozen
class Dists:
    sdist: Path
    wheel: Path


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    base = tmp_path_factory.mktemp("packaging")
    source, out = base / "source", base / "dist"
    shutil.copytree(ROOT, source, ignore=_NOT_COPIED)
    done = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (sdist,) = out.glob("*.tar.gz")
    (wheel,) = out.glob("*.whl")
    return Dists(sdist, wheel)


def test_the_version_is_written_once() -> None:
    # pyproject.toml holds the number; the package reads it from the installed metadata
    init = (PACKAGE / "__init__.py").read_text(encoding="utf-8")
    assert VERSION not in init
    assert "version" not in PYPROJECT["project"].get("dynamic", [])


def test_sdist_holds_the_package_and_nothing_of_the_checkout(dists: Dists) -> None:
    assert dists.sdist.name == f"superoffice_email-{VERSION}.tar.gz"
    top = f"superoffice_email-{VERSION}/"
    with tarfile.open(dists.sdist) as archive:
        names = archive.getnames()
    assert all(n == top.rstrip("/") or n.startswith(top) for n in names), names
    listed = {n.removeprefix(top) for n in names}
    wanted = {"LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "PKG-INFO"}
    wanted |= {"superoffice_email/py.typed", *SOURCES, *SCHEMAS, *DATA}
    assert wanted <= listed, sorted(wanted - listed)
    # EMail and SoPrincipal: Services73, 75, 80-88; Batch: 84-88; PartnerSystemUserService
    assert len(SCHEMAS) == 11 + 11 + 5 + 1
    assert DATA == [
        "superoffice_email/services/changes.json",
        "superoffice_email/services/instants.json",
    ]
    left_out = ("tests/", "fixtures/", "docs/", ".ci/", ".venv/", ".git/", "site/", "build/")
    assert not [n for n in listed if n.startswith(left_out)]
    assert not [n for n in listed if "__pycache__" in n or n.endswith(".pyc")]


def _metadata(wheel: Path) -> Message:
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(f"superoffice_email-{VERSION}.dist-info/METADATA").decode()
    return HeaderParser().parsestr(text)


def test_wheel_holds_the_package_its_data_and_the_license(dists: Dists) -> None:
    assert dists.wheel.name == f"superoffice_email-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(dists.wheel) as archive:
        names = set(archive.namelist())
    info = f"superoffice_email-{VERSION}.dist-info/"
    assert {n.split("/")[0] + "/" for n in names} == {"superoffice_email/", info}
    # the generator is checked on its own below
    runtime = [s for s in SOURCES if not s.startswith("superoffice_email/codegen/")]
    assert {"superoffice_email/py.typed", *SCHEMAS, *DATA, *runtime} <= names
    assert f"{info}licenses/LICENSE" in names


def test_wheel_leaves_out_the_generator(dists: Dists) -> None:
    if (PACKAGE / "codegen").is_dir():
        pytest.skip(
            "the generator still lives in superoffice_email/codegen on this branch, so it ships"
            " (it fails outside a checkout: issue 11 item 7); this checks it once it moves out"
        )
    with zipfile.ZipFile(dists.wheel) as archive:
        assert not [n for n in archive.namelist() if n.startswith("superoffice_email/codegen/")]


def test_wheel_metadata(dists: Dists) -> None:
    meta = _metadata(dists.wheel)
    assert meta["Name"] == "superoffice_email"
    assert meta["Version"] == VERSION
    assert meta["License-Expression"] == "MIT"
    assert meta["Requires-Python"] == ">=3.11"
    requires = meta.get_all("Requires-Dist") or []
    # the bounds that guard the private httpx/httpcore attributes _transport.py relies on
    assert "httpx<0.29,>=0.27" in requires
    assert "httpcore<1.1,>=1.0" in requires
    runtime = {r.split("<")[0].split(">")[0] for r in requires if "extra ==" not in r}
    assert runtime == {"lxml", "httpx", "httpcore", "attrs", "anyio"}
    urls = dict(u.split(", ", 1) for u in meta.get_all("Project-URL") or [])
    assert {"Homepage", "Documentation", "Source", "Issues", "Changelog"} <= set(urls)
    assert all(u.startswith("https://") for u in urls.values())
    assert "Typing :: Typed" in (meta.get_all("Classifier") or [])


_PROBE = """
import importlib.metadata, json, sys
import superoffice_email as so
from superoffice_email.validate import validate_envelope
m = so.models("Services86")
info = m.EMailConnectionInfo(server_name="imap.example.com", user_name="me", password="secret",
                             folder="INBOX", use_ssl=True)
wire = so.build_request("Services86", "RefreshFolder", connection_info=info, folders=["INBOX"],
                        ticket="7T:x", layout="wire", soap="1.1")
print(json.dumps({
    "file": so.__file__,
    "version": so.__version__,
    "metadata": importlib.metadata.version("superoffice_email"),
    "problems": [str(p) for p in validate_envelope("Services86", wire)],
}))
"""


def test_wheel_installs_alone_and_works(dists: Dists, tmp_path: Path) -> None:
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # the already-installed dependencies, as plain path entries after the venv's own
    deps = {str(Path(module.__file__ or "").parent.parent) for module in (attrs, httpx, lxml)}
    (site / "_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
    subprocess.run([*pip, "--no-deps", "--no-index", str(dists.wheel)], check=True, timeout=120)

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    # run outside the checkout, so that nothing can import the source tree by accident
    probe = subprocess.run(
        [str(python), "-c", _PROBE], capture_output=True, text=True, cwd=tmp_path, env=env
    )
    assert probe.returncode == 0, probe.stderr
    facts = json.loads(probe.stdout)
    assert Path(facts["file"]).is_relative_to(target)
    assert facts["version"] == facts["metadata"] == VERSION
    assert facts["problems"] == []

    # the console script, and the package data behind it: the documented example, as published
    documented = (ROOT / "fixtures/docs/Services86/RefreshFolder.request.xml").read_bytes()
    cli = subprocess.run(
        [str(target / "bin" / "superoffice-email"), "example", "Services86", "RefreshFolder"],
        capture_output=True,
        cwd=tmp_path,
        env=env,
    )
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.strip() == documented.strip()


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if line.startswith("python3 -m venv"))
    assert f"```sh\n{command}\n```" in readme


def test_docs_index_opens_as_the_readme() -> None:
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    opening = index.split("-->\n", 1)[1].split("\n## ", 1)[0].strip()
    assert opening.startswith("`superoffice_email` speaks")
    assert opening in (ROOT / "README.md").read_text(encoding="utf-8")
