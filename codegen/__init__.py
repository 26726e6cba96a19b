"""The model generator, a development tool: WSDLs in, the generated part of the package out.

Run from a checkout as ``python -m codegen`` (see ``codegen/__main__.py``). It reads the WSDLs
from a fixtures folder (default: the checkout's ``fixtures/``), each one once, and writes into
a package folder (default: the checkout's ``superoffice_email/``): ``services/`` (models,
operation tables, XML Schemas) and ``agents/`` (typed agents). The generated modules are
committed; a test regenerates them and finds no difference. The wheel does not ship this
package.
"""

from __future__ import annotations

from pathlib import Path

from .agents import render_agents, render_package
from .bundle import schema_bundle
from .module import render_module
from .wsdl import ServiceSchema, WsdlError, describe, parse_wsdl, read_wsdl

__all__ = [
    "FIXTURES",
    "PACKAGE",
    "ServiceSchema",
    "WsdlError",
    "generate_all",
    "generate_one",
    "read_wsdl",
    "sources",
]

REPOSITORY = Path(__file__).resolve().parent.parent
FIXTURES = REPOSITORY / "fixtures"
PACKAGE = REPOSITORY / "superoffice_email"


def sources(fixtures: Path = FIXTURES) -> dict[str, Path]:
    """Each version's WSDL: the 2021-03 edition's where there is one, else ``wsdl-live/``."""
    chosen: dict[str, Path] = {}
    for folder in ("wsdl-live", "editions/2021-03/wsdl"):  # the later folder wins
        for path in sorted((fixtures / folder).glob("Services*-EMail.wsdl")):
            chosen[path.name.split("-")[0]] = path
    return dict(sorted(chosen.items()))


def _source_name(path: Path, fixtures: Path) -> str:
    """How a generated module names its WSDL: relative to the fixtures' parent if inside."""
    path = path.resolve()
    base = fixtures.resolve().parent
    return path.relative_to(base).as_posix() if path.is_relative_to(base) else path.name


def generate_one(path: Path) -> str:
    """The models module of one WSDL file, anywhere."""
    return render_module(read_wsdl(path), _source_name(path, FIXTURES))


def generate_all(fixtures: Path = FIXTURES, package: Path = PACKAGE) -> dict[Path, str]:
    """Every generated file's text, keyed by where it belongs under ``package``."""
    found = sources(fixtures)
    if not found:
        raise WsdlError(f"no WSDLs under {fixtures}: point --fixtures at a fixtures folder")
    outputs: dict[Path, str] = {}
    for version, path in found.items():
        root = parse_wsdl(path)
        schema = describe(root, path)
        source = _source_name(path, fixtures)
        outputs[package / "services" / f"{version.lower()}.py"] = render_module(schema, source)
        outputs[package / "services" / f"{version.lower()}.xsd"] = schema_bundle(root)
        outputs[package / "agents" / f"{version.lower()}.py"] = render_agents(schema, source)
    versions = ", ".join(repr(v) for v in found)
    outputs[package / "services" / "__init__.py"] = (
        '"""Generated models, one module per service version; do not edit by hand.\n\n'
        "Regenerate with ``python -m codegen``. Modules are imported on\n"
        'first use (``superoffice_email._schema.load``), never all at once.\n"""\n\n'
        f"VERSIONS: tuple[str, ...] = ({versions},)\n"
    )
    outputs[package / "agents" / "__init__.py"] = render_package(list(found))
    return outputs
