"""The model generator, a development tool: WSDLs in, the generated part of the package out.

Run from a checkout as ``python -m codegen`` (see ``codegen/__main__.py``). It reads the WSDLs
from a fixtures folder (default: the checkout's ``fixtures/``), each one once, and writes into
a package folder (default: the checkout's ``superoffice_email/``): ``services/`` (models,
operation tables, XML Schemas) and ``agents/`` (typed agents). The generated modules are
committed; a test regenerates them and finds no difference. The wheel does not ship this
package.
"""

from __future__ import annotations

import json
from pathlib import Path

from .agents import render_agents, render_package
from .binding import WsdlError
from .bundle import schema_bundle
from .editions import Surface, changelog, edition_sources, since, surface
from .examples import example_instants
from .module import render_module, render_registry
from .operation_docs import OPERATION_DOCS
from .typing_module import render_versions
from .wsdl import ServiceSchema, describe, parse_wsdl, read_wsdl

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


def sources(fixtures: Path = FIXTURES) -> dict[tuple[str, str], Path]:
    """Each (agent, version)'s newest WSDL: the one its models are generated from."""
    return {key: found[-1][1] for key, found in edition_sources(fixtures).items()}


def module_name(agent: str, version: str) -> str:
    """``services86`` (EMail), ``services86_soprincipal``, ``partnersystemuserservice``."""
    if not version:
        return agent.lower()
    return version.lower() if agent == "EMail" else f"{version.lower()}_{agent.lower()}"


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
    found = edition_sources(fixtures)
    if not found:
        raise WsdlError(f"no WSDLs under {fixtures}: point --fixtures at a fixtures folder")
    outputs: dict[Path, str] = {}
    # the REST twin's descriptions: for operations the hand-written ones do not cover yet
    described = json.loads((fixtures / "descriptions.json").read_text(encoding="utf-8"))
    rest, pages = described["rest"], described["pages"]
    surfaces: dict[tuple[str, str], dict[str, Surface]] = {}
    email_schemas: list[ServiceSchema] = []
    for (agent, version), editions in found.items():
        schema = root = None
        surfaces[agent, version] = {}
        for edition, path in editions:  # oldest first: the newest is left in schema and root
            root = parse_wsdl(path)
            schema = describe(root, path)
            if (schema.agent, schema.version) != (agent, version):
                raise WsdlError(f"{path}: describes {schema.agent} {schema.version}")
            surfaces[agent, version][edition] = surface(schema)
        assert schema is not None and root is not None
        stamps = since(surfaces[agent, version])
        source = _source_name(editions[-1][1], fixtures)
        name = module_name(agent, version)
        # the hand-written description, else the REST twin's (the agents' docstrings say so too)
        docs = {**rest.get(agent, {}), **(OPERATION_DOCS if agent == "EMail" else {})}
        text = render_module(schema, source, stamps, docs)
        outputs[package / "services" / f"{name}.py"] = text
        outputs[package / "services" / f"{name}.xsd"] = schema_bundle(root)
        if agent == "EMail":  # the agents' runtime bases exist for EMail only, so far
            email_schemas.append(schema)
            text = render_agents(schema, source, stamps, rest["EMail"], pages["EMail"])
            outputs[package / "agents" / f"{name}.py"] = text
    email = [version for agent, version in found if agent == "EMail"]
    modules = {key: module_name(*key) for key in found}
    outputs[package / "services" / "__init__.py"] = render_registry(modules)
    outputs[package / "services" / "changes.json"] = changelog(surfaces)
    outputs[package / "services" / "instants.json"] = example_instants(fixtures)
    outputs[package / "agents" / "__init__.py"] = render_package(email)
    outputs[package / "_versions.py"] = render_versions(email_schemas)
    return outputs
