"""The model generator: WSDL in, one Python module per service version out.

It runs from a checkout (the WSDLs live in ``fixtures/``); the generated modules are
committed in ``superoffice_email/services/`` and a test regenerates them to find no difference.
"""

from __future__ import annotations

import copy
from pathlib import Path

from lxml import etree

from .._wire import ARRAYS_NS, SERIALIZATION_NS, XS_NS
from .agents import agent_modules
from .module import render_module
from .wsdl import ServiceSchema, WsdlError, read_wsdl

__all__ = ["ServiceSchema", "WsdlError", "generate_all", "generate_one", "read_wsdl", "sources"]

PACKAGE = Path(__file__).resolve().parent.parent
REPOSITORY = PACKAGE.parent
FIXTURES = REPOSITORY / "fixtures"


def sources(fixtures: Path = FIXTURES) -> dict[str, Path]:
    """Each version's WSDL: the 2021-03 edition's where there is one, else ``wsdl-live/``."""
    chosen: dict[str, Path] = {}
    for folder in ("wsdl-live", "editions/2021-03/wsdl"):  # the later folder wins
        for path in sorted((fixtures / folder).glob("Services*-EMail.wsdl")):
            chosen[path.name.split("-")[0]] = path
    return dict(sorted(chosen.items()))


def generate_one(path: Path) -> str:
    inside = path.is_relative_to(REPOSITORY)
    source = path.relative_to(REPOSITORY).as_posix() if inside else path.name
    return render_module(read_wsdl(path), source)


def schema_bundle(path: Path) -> str:
    """The WSDL's XML Schemas, alone, in one document the validator reads at run time.

    Shipped with the package so that validation (the fake server, the CLI) works without
    the repository's fixtures.
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    root = etree.parse(str(path), parser).getroot()
    schemas = root.findall(f".//{{{XS_NS}}}schema")
    service_ns = next(
        s.get("targetNamespace", "") for s in schemas if "NetServer" in s.get("targetNamespace", "")
    )
    prefixes = {XS_NS: "xs", service_ns: "tns", ARRAYS_NS: "arr", SERIALIZATION_NS: "ser"}
    # QName-valued attributes (type="q12:EMailAccount") lose their prefix declarations when
    # lxml copies a subtree; rewrite them to prefixes declared once on each schema
    for schema in schemas:
        for node in schema.iter(f"{{{XS_NS}}}*"):
            for attribute in ("type", "base", "ref", "itemType"):
                value = node.get(attribute)
                if value is not None:
                    prefix, _, local = value.rpartition(":")
                    node.set(attribute, f"{prefixes[node.nsmap[prefix or None]]}:{local}")
    bundle = etree.Element("schemas")
    bundle.text = "\n"
    nsmap = {p: ns for ns, p in prefixes.items()}
    for schema in schemas:
        copied = etree.SubElement(bundle, schema.tag, dict(schema.attrib), nsmap=nsmap)
        copied.text, copied.tail = schema.text, "\n"
        copied.extend(copy.deepcopy(child) for child in schema)
    return etree.tostring(bundle, encoding="unicode") + "\n"


def generate_all(fixtures: Path = FIXTURES) -> dict[Path, str]:
    """Every version's module text, keyed by where it belongs in the package."""
    found = sources(fixtures)
    if not found:
        raise WsdlError(f"no WSDLs under {fixtures}: run from a checkout")
    outputs: dict[Path, str] = {}
    for version, path in found.items():
        outputs[PACKAGE / "services" / f"{version.lower()}.py"] = generate_one(path.resolve())
        outputs[PACKAGE / "services" / f"{version.lower()}.xsd"] = schema_bundle(path)
    versions = ", ".join(repr(v) for v in found)
    outputs[PACKAGE / "services" / "__init__.py"] = (
        '"""Generated models, one module per service version; do not edit by hand.\n\n'
        "Regenerate with ``python -m superoffice_email.codegen``. Modules are imported on\n"
        'first use (``superoffice_email._schema.load``), never all at once.\n"""\n\n'
        f"VERSIONS: tuple[str, ...] = ({versions},)\n"
    )
    outputs.update(agent_modules(found, PACKAGE / "agents", REPOSITORY))
    return outputs
