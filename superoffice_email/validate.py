"""Check envelopes against a version's XML Schema, as published in its WSDL.

The schemas ship with the package (``services/servicesNN.xsd``, written by the generator),
so the fake server and the CLI validate without the repository. Validation covers the Body's
payload element and each header element the schema declares.
"""

from __future__ import annotations

import functools
from importlib import resources

import attrs
from lxml import etree

from ._reader import element_path, parse_xml, split_envelope
from ._schema import load
from ._wire import XS_NS
from .errors import ProtocolError

_XS = f"{{{XS_NS}}}"


@attrs.frozen
class Problem:
    """One schema violation: where it is and what the validator said."""

    path: str
    message: str
    line: int

    def __str__(self) -> str:
        return f"line {self.line}: {self.path}: {self.message}"


class _BundleResolver(etree.Resolver):
    def __init__(self, documents: dict[str, bytes]) -> None:
        super().__init__()
        self.documents = documents

    # lxml-stubs lag lxml: the real signature passes the context along
    def resolve(  # type: ignore[override]
        self, url: str | None, pubid: str | None, context: object
    ) -> object:
        if url is not None and url in self.documents:
            return self.resolve_string(self.documents[url], context, base_url=url)
        return None  # anything else is not loaded: no network, no file system


@functools.cache
def xml_schema(version: str) -> etree.XMLSchema:
    """The compiled XML Schema of one service version."""
    load(version)  # validates the version name
    text = resources.files("superoffice_email.services").joinpath(f"{version.lower()}.xsd")
    bundle = etree.fromstring(text.read_bytes())
    schemas = list(bundle)
    locations = {s.get("targetNamespace", ""): f"bundle:{i}.xsd" for i, s in enumerate(schemas)}
    documents: dict[str, bytes] = {}
    for schema, location in zip(schemas, locations.values(), strict=True):
        for imported in schema.iterfind(f"{_XS}import"):
            imported.set("schemaLocation", locations[imported.get("namespace", "")])
        documents[location] = etree.tostring(schema)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_BundleResolver(documents))
    service = next(loc for ns, loc in locations.items() if ns.endswith(version))
    return etree.XMLSchema(etree.fromstring(documents[service], parser))


def validate_envelope(version: str, data: bytes | str) -> list[Problem]:
    """Every schema problem of an envelope's payload and header elements (empty: valid)."""
    load(version)  # a clear error for any version, before the cache hashes it
    schema = xml_schema(version)
    root = parse_xml(data)
    try:
        parts = split_envelope(root)
    except ProtocolError:
        # this message, without a path: the caller asked to validate, not to parse
        raise ProtocolError(f"not a SOAP envelope: the document element is {root.tag!r}") from None
    service_ns = load(version).namespace
    targets = list(parts.headers)
    for body in parts.bodies:
        targets.extend(c for c in body if isinstance(c.tag, str))
    problems: list[Problem] = []
    for element in targets:
        if etree.QName(element).namespace != service_ns:
            continue  # another protocol's header (WS-Addressing, say) or a Fault
        if not schema.validate(element):
            # libxml2's path starts at the validated element; put the envelope above it
            above = element_path(element).rpartition("/")[0]
            for entry in schema.error_log:  # type: ignore[attr-defined]
                inner = "/".join(step.rpartition(":")[2] for step in entry.path.split("/") if step)
                problems.append(Problem(f"{above}/{inner}", entry.message, entry.line))
    return problems
