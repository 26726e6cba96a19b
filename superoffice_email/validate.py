"""Check envelopes: SOAP's structure first, then the version's XML Schema.

The structure is judged by the parser's own ``split_envelope`` (one Header at most, before
exactly one Body, both of the Envelope's SOAP version, one element in the Body, no Envelope
nested in it), so ``validate`` never calls valid what ``parse_request`` or
``parse_response`` refuse. The service version is read from the service namespace of the
Body's element (``…/NetServer/Services86``), or of a header when the Body holds a Fault;
never from anywhere else in the text. Then the Body's element and each header element the
schema declares are validated against the version's schema (shipped with the package, so
the fake server and the CLI need no repository).

Time is linear in the input: a large element is validated in one streaming pass first, and
only when it has few problems (at most ``max_problems``) is it validated again as a tree,
which gives each problem its path and line. libxml2 names a problem's element by walking its
preceding siblings, so the tree pass alone would take quadratic time on many invalid
siblings (8,000 took 4 s). Past ``max_problems``, problems are reported without positions,
and :attr:`Report.total` counts them all.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import re
from importlib import resources

import attrs
from lxml import etree

from ._envelope import EnvelopeParts, split_envelope
from ._schema import load
from ._wire import SERVICE_NS_PREFIX, XS_NS, service_namespace
from ._xml import element_path, parse_xml
from .errors import ProtocolError

_XS = f"{{{XS_NS}}}"
#: problems reported in full; the rest are counted
MAX_PROBLEMS = 50
#: an element with fewer elements below it is validated as a tree at once: its worst case
#: (every sibling invalid) stays under some 50 ms
_SMALL = 2_000
_ELEMENT_IN_MESSAGE = re.compile(r"Element '(?:\{[^}]*\})?([^']+)'")


@attrs.frozen
class Problem:
    """One problem: where it is (element path, line; 0 when unknown) and what is wrong."""

    path: str
    message: str
    line: int = 0

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.path}: {self.message}"


@attrs.frozen
class Report:
    """What :func:`check_envelope` found: the version it checked against and the problems.

    ``problems`` holds the first ``max_problems``; ``total`` counts all of them.
    """

    version: str | None
    problems: tuple[Problem, ...]
    total: int

    @property
    def valid(self) -> bool:
        return self.total == 0


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


def version_of_namespace(namespace: str | None) -> str | None:
    """``Services86`` for ``http://www.superoffice.net/ws/crm/NetServer/Services86``."""
    from . import VERSIONS

    if namespace is None or not namespace.startswith(SERVICE_NS_PREFIX):
        return None
    name = namespace[len(SERVICE_NS_PREFIX) :]
    return name if name in VERSIONS else None


def check_envelope(
    data: bytes | str, version: str | None = None, *, max_problems: int = MAX_PROBLEMS
) -> Report:
    """Judge an envelope's structure, service version and schema validity.

    ``version``: the version the envelope must be of; by default the one its service
    namespace names. Raises :class:`~superoffice_email.ProtocolError` only for a document
    that is not XML or not a SOAP Envelope at all.
    """
    root = parse_xml(data)
    try:
        parts = split_envelope(root)
    except ProtocolError:
        # this message, without a path: the caller asked to validate, not to parse
        raise ProtocolError(f"not a SOAP envelope: the document element is {root.tag!r}") from None
    return check_parts(parts, version, max_problems=max_problems)


def check_parts(
    parts: EnvelopeParts, version: str | None = None, *, max_problems: int = MAX_PROBLEMS
) -> Report:
    """:func:`check_envelope` for an envelope already taken apart (the fake server's)."""
    found = _Found(max_problems)
    for reason, element in parts.problems:
        found.add(element_path(element), reason, _line(element))
    payload = parts.payload
    is_fault = payload is not None and payload.tag == f"{{{parts.soap.envelope_ns}}}Fault"
    targets = [payload] if payload is not None and not is_fault else []
    targets.extend(parts.headers)
    envelope_version = _envelope_version(targets, payload if not is_fault else None, found)
    version = version or envelope_version
    if version is None:
        return found.report(None)
    load(version)  # an unknown version name is the caller's mistake: UsageError
    service_ns = service_namespace(version)
    for element in targets:
        namespace = etree.QName(element).namespace
        if namespace == service_ns:
            _validate(xml_schema(version), element, found)
        elif version_of_namespace(namespace) is not None or element is payload:
            other = version_of_namespace(namespace) or f"namespace {namespace!r}"
            found.add(
                element_path(element),
                f"{etree.QName(element).localname} is of {other}, not {version} ({service_ns})",
                _line(element),
            )
        # else: another protocol's header (WS-Addressing, say): not the schema's business
    return found.report(version)


def validate_envelope(version: str, data: bytes | str) -> list[Problem]:
    """The first :data:`MAX_PROBLEMS` problems of an envelope of ``version`` (empty: valid)."""
    load(version)  # a clear error for any version (None, not a str), before anything else
    return list(check_envelope(data, version).problems)


def _envelope_version(
    targets: list[etree._Element], payload: etree._Element | None, found: _Found
) -> str | None:
    """The version the Body's element names by its namespace (a header's, for a Fault)."""
    for element in targets:
        namespace = etree.QName(element).namespace
        version = version_of_namespace(namespace)
        if version is not None:
            return version
        if element is payload:
            found.add(
                element_path(element),
                f"{etree.QName(element).localname} is in namespace {namespace!r}, not a "
                f"NetServer service namespace ({SERVICE_NS_PREFIX}ServicesNN)",
                _line(element),
            )
            return None
    return None


@attrs.define
class _Found:
    limit: int
    problems: list[Problem] = attrs.field(factory=list)
    total: int = 0

    def add(self, path: str, message: str, line: int) -> None:
        self.total += 1
        if len(self.problems) < self.limit:
            self.problems.append(Problem(path, message, line))

    def report(self, version: str | None) -> Report:
        return Report(version, tuple(self.problems), self.total)


def _validate(schema: etree.XMLSchema, element: etree._Element, found: _Found) -> None:
    room = found.limit - len(found.problems)
    if sum(1 for _ in itertools.islice(element.iter(), _SMALL + 1)) > _SMALL:
        messages = _streaming_problems(schema, element)
        if len(messages) > room:
            # too many to place each one in linear time: name the element, count them all
            where = element_path(element)
            for message in messages[:room]:
                named = _ELEMENT_IN_MESSAGE.match(message)
                found.add(f"{where}/…/{named.group(1)}" if named else where, message, 0)
            found.total += len(messages) - room
            return
        if not messages:
            return
    if schema.validate(element):
        return
    for entry in schema.error_log:  # type: ignore[attr-defined]
        found.add(_path_of(element, entry.path), entry.message, entry.line)


_STEP = re.compile(r"^(?P<name>[^\[]+)(?:\[(?P<index>\d+)\])?$")


def _path_of(validated: etree._Element, libxml2_path: str) -> str:
    """Our element path for libxml2's, which starts at the validated element and writes
    ``*[2]`` for an element in a default namespace (the second element child)."""
    steps = [step for step in libxml2_path.split("/") if step][1:]
    current = validated
    for step in steps:
        match = _STEP.match(step)
        if match is None:
            break
        name, index = match["name"], int(match["index"] or 1)
        children = [c for c in current if isinstance(c.tag, str)]
        if name != "*":
            children = [c for c in children if _written_name(c) == name]
        if len(children) < index:
            break
        current = children[index - 1]
    else:
        return element_path(current)
    # not found in the tree: show libxml2's steps without their prefixes
    above = element_path(validated).rpartition("/")[0]
    return above + "/" + "/".join(s.rpartition(":")[2] for s in libxml2_path.split("/") if s)


def _written_name(element: etree._Element) -> str:
    prefix = element.prefix
    local = etree.QName(element).localname
    return f"{prefix}:{local}" if prefix else local


def _streaming_problems(schema: etree.XMLSchema, element: etree._Element) -> list[str]:
    """The schema's messages for ``element``, from one streaming pass (no positions)."""
    parser = etree.XMLParser(
        schema=schema, recover=True, huge_tree=True, resolve_entities=False, no_network=True
    )
    with contextlib.suppress(etree.XMLSyntaxError):  # raised for the first; logged: all
        etree.fromstring(etree.tostring(element), parser)
    validation = etree.ErrorDomains.SCHEMASV
    return [e.message for e in parser.error_log if e.domain == validation]


def _line(element: etree._Element) -> int:
    line = element.sourceline
    return line if isinstance(line, int) else 0
