"""The runtime description of one agent of one service version, built once from its module.

``load("Services86")`` (the EMail agent; ``agent="SoPrincipal"`` and the others likewise)
imports the generated ``superoffice_email.services.services86`` on first use and
turns its declarations into *plans*, each built on first need and cached: a
:class:`ClassPlan` per model class (its fields with everything the writer and the reader need
precomputed: Clark tags, codecs, nested plans) and an :class:`OperationPlan` per operation
(its request and response tags, the response's node), so the hot paths do dictionary
look-ups and nothing else.

A generated module declares everything agent-specific as data (``AGENT``, ``NAMESPACE``,
``SOAP_ACTION_PREFIX``, ``PREFIXES``, its headers and wrapper names); nothing here branches on
an agent's name. An *edition* (``"2021-03"``) is a view of the same module: the operations and
fields whose ``since`` is not later than it, so older editions cost nothing until asked for.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import attrs

from . import services
from ._model import Array, Dictionary, Operation, XmlElement, XmlEnum, XmlFlags
from ._wire import (
    ARRAYS_NS,
    SERVICE_NS_PREFIX,
    XSI_TYPE,
    documented_prefixes,
    is_version_name,
)
from ._xsd import CODECS, XmlText
from .errors import UnknownOperationError, UnknownVersionError, UsageError, shown
from .services import VERSIONS

#: the agent the public functions speak unless told otherwise
DEFAULT_AGENT = "EMail"

#: (agent, version) -> generated module name; version "" for a service outside NetServer's
#: versions (PartnerSystemUserService)
MODULES: dict[tuple[str, str], str] = getattr(
    services, "MODULES", {(DEFAULT_AGENT, v): v.lower() for v in VERSIONS}
)
#: every agent we have models for, and its versions, oldest first
AGENT_VERSIONS: dict[str, tuple[str, ...]] = {
    agent: tuple(sorted(v for a, v in MODULES if a == agent)) for agent, _ in sorted(MODULES)
}

#: the newest service version we have models for
LATEST_VERSION = VERSIONS[-1]


class Kind(enum.Enum):
    SCALAR = "scalar"
    ENUM = "enum"
    FLAGS = "flags"
    CLASS = "class"
    ARRAY = "array"
    DICT = "dict"


@attrs.define(eq=False)
class Node:
    """How to write and read one element: its tag, its type, and what the schema allows."""

    name: str  # XML local name
    tag: str  # Clark notation: {namespace}name
    type_ref: str  # "xs:int", "tns:EMailAddress", "arr:ArrayOfint"
    xsi_type: str  # the documented xsi:type value: "xsd:int", "EMail:EMailAddress"
    kind: Kind
    nillable: bool
    required: bool
    attr: str = ""  # Python attribute, for class fields
    carrier_base: bool = False  # declared by Carrier: the documentation leaves it out
    typed_attrib: dict[str, str] = attrs.field(factory=dict)  # {xsi:type: documented type}
    # filled in by kind:
    encode: Callable[[Any], str] | None = None
    decode: Callable[[str], Any] | None = None
    python_type: Any = None  # expected Python type of the value (class, enum, codec type)
    fields: tuple[Node, ...] = ()  # CLASS: its fields in schema order
    by_tag: dict[str, Node] = attrs.field(factory=dict)  # CLASS: fields by tag
    item: Node | None = None  # ARRAY: the item element
    pair_tag: str = ""  # DICT: the key/value pair element
    key: Node | None = None  # DICT
    value: Node | None = None  # DICT


@attrs.frozen(eq=False)
class ClassPlan:
    """How to write and read one attrs model class: its fields in schema order, base first."""

    cls: type
    fields: tuple[Node, ...]
    by_tag: dict[str, Node]  # the same fields by Clark tag, for the reader


@attrs.frozen(eq=False)
class OperationPlan:
    """One operation as the writer and reader meet it: its wrapper tags and response node."""

    name: str
    request: ClassPlan  # the request wrapper's class (``RefreshFolderRequest``)
    request_tag: str  # Clark tag of the request wrapper element
    response_tag: str  # Clark tag of the ``…Response`` wrapper element
    response: Node | None  # the ``Response`` element; None for void operations
    action: str  # the SOAPAction the binding gives the operation
    since: str  # the first edition that has the operation ("" where not tracked)
    #: False: the response wrapper element is itself the answer (a CLASS node), as in
    #: PartnerSystemUserService's ``AuthenticationResponse``
    wrapped: bool = True


class Schema:
    """One agent of one service version (in one edition): its namespace, operations, and
    plans for every type."""

    def __init__(self, module: ModuleType, edition: str | None = None) -> None:
        self.module = module
        self.agent: str = getattr(module, "AGENT", DEFAULT_AGENT)
        self.version: str = module.VERSION
        self.namespace: str = module.NAMESPACE
        #: the editions of this version's WSDL the module knows, oldest first
        self.editions: tuple[str, ...] = getattr(module, "EDITIONS", ())
        #: the edition this schema shows; None: the module as generated (the newest)
        self.edition = edition
        #: the version as messages name it: "Services86", "Services88 SoPrincipal"
        self.label = label(self.version, self.agent)
        self.operations: dict[str, Operation] = {
            name: op for name, op in module.OPERATIONS.items() if self.has(_since(op))
        }
        self.types: Mapping[str, type] = module.TYPES
        self.arrays: dict[str, Array] = module.ARRAYS
        self.dictionaries: dict[str, Dictionary] = module.DICTIONARIES
        self.prefixes: dict[str, tuple[str, str]] = getattr(
            module, "PREFIXES", None
        ) or documented_prefixes(self.version)
        self.soap_action_prefix: str = getattr(
            module, "SOAP_ACTION_PREFIX", f"{SERVICE_NS_PREFIX}{self.version}/{self.agent}/"
        )
        #: request wrapper tag -> operation (the server side's look-up)
        self.operations_by_tag = {
            self.tag(getattr(op, "request_wrapper", "") or name): op
            for name, op in self.operations.items()
        }
        self._class_plans: dict[type, ClassPlan] = {}
        self._operation_plans: dict[str, OperationPlan] = {}
        self.request_headers = tuple(self.node(h) for h in module.REQUEST_HEADERS)
        self.response_headers = tuple(self.node(h) for h in module.RESPONSE_HEADERS)
        self.carrier_fields = (
            frozenset(f.name for f in attrs.fields(self.types["Carrier"]))
            if "Carrier" in self.types
            else frozenset()
        )

    def has(self, since: str) -> bool:
        """Whether this schema's edition has a name first seen in edition ``since``."""
        return not since or self.edition is None or since <= self.edition

    def operation(self, name: str) -> Operation:
        if not isinstance(name, str):  # before the look-up, which would hash it
            raise UnknownOperationError(f"operation must be a str, not {type(name).__name__}")
        try:
            return self.operations[name]
        except KeyError:
            where = f" in the {self.edition} edition" if self.edition else ""
            raise UnknownOperationError(
                f"{self.label} has no operation {name!r}{where}; it has "
                f"{len(self.operations)}: " + ", ".join(sorted(self.operations))
            ) from None

    def tag(self, name: str, namespace: str | None = None) -> str:
        return f"{{{namespace or self.namespace}}}{name}"

    def node(self, element: XmlElement, namespace: str | None = None, attr: str = "") -> Node:
        """The plan for one element declaration (namespace: the element's own, tns by default)."""
        ref = element.type
        prefix, _, local = ref.partition(":")
        doc_prefix = self.prefixes[prefix][0]
        node = Node(
            name=element.name,
            tag=self.tag(element.name, namespace),
            type_ref=ref,
            xsi_type=f"{doc_prefix}:{local}",
            kind=Kind.SCALAR,
            nillable=element.nillable,
            required=element.required,
            attr=attr,
        )
        node.typed_attrib = {XSI_TYPE: node.xsi_type}
        if ref in CODECS:
            codec = CODECS[ref]
            node.encode, node.decode, node.python_type = (
                codec.encode,
                codec.decode,
                codec.python_type,
            )
        elif ref in self.arrays:
            item = self.arrays[ref].item
            item_ns = ARRAYS_NS if prefix == "arr" else self.namespace
            node.kind, node.python_type = Kind.ARRAY, (list, tuple)
            node.item = self.node(item, item_ns)
        elif ref in self.dictionaries:
            dictionary = self.dictionaries[ref]
            node.kind, node.python_type = Kind.DICT, dict
            node.pair_tag = self.tag(dictionary.pair)
            node.key = self.node(dictionary.key)
            node.value = self.node(dictionary.value)
        else:
            python_type = self.types[local]
            node.python_type = python_type
            if issubclass(python_type, XmlFlags):
                node.kind = Kind.FLAGS
                node.encode, node.decode = _flags_codec(python_type)
            elif issubclass(python_type, XmlEnum):
                node.kind = Kind.ENUM
                node.encode, node.decode = _enum_codec(python_type)
            else:
                node.kind = Kind.CLASS
                # fields are resolved lazily: types may be recursive
        return node

    def class_plan(self, cls: type) -> ClassPlan:
        """The plan of an attrs model class, built on first use."""
        plan = self._class_plans.get(cls)
        if plan is None:
            # a class of another schema (``sec:DSAParameters``) has its fields in its namespace
            prefix = getattr(cls, "__xml_prefix__", None)
            namespace = self.prefixes[prefix][1] if prefix else None
            nodes = tuple(
                self.node(f.metadata["xml"], namespace, attr=f.name)
                for f in attrs.fields(cls)
                if "xml" in f.metadata and self.has(_since(f.metadata["xml"]))
            )
            for node in nodes:
                node.carrier_base = node.attr in self.carrier_fields
            plan = ClassPlan(cls, nodes, {n.tag: n for n in nodes})
            self._class_plans[cls] = plan
        return plan

    def operation_plan(self, name: str) -> OperationPlan:
        """The plan of an operation, built on first use (an unknown name: UnknownOperationError)."""
        plan = self._operation_plans.get(name) if isinstance(name, str) else None
        if plan is None:
            op = self.operation(name)
            wrapped = getattr(op, "wrapped", True)
            response_tag = self.tag(getattr(op, "response_wrapper", "") or f"{name}Response")
            response = None
            if op.response is not None:
                response = self.node(op.response)
                if not wrapped:  # the wrapper itself is the answer
                    response.tag = response_tag
            plan = OperationPlan(
                name=name,
                request=self.class_plan(op.request),
                request_tag=self.tag(getattr(op, "request_wrapper", "") or name),
                response_tag=response_tag,
                response=response,
                action=self.soap_action_prefix + name,
                since=_since(op),
                wrapped=wrapped,
            )
            self._operation_plans[name] = plan
        return plan


def _enum_codec(cls: type[XmlEnum]) -> tuple[Callable[[Any], str], Callable[[str], Any]]:
    by_value = {m.value: m for m in cls}

    def encode(value: Any) -> str:
        if isinstance(value, cls):
            return str(value.value)
        raise ValueError(f"expected {cls.__name__}, got {type(value).__name__} {value!r}")

    @functools.lru_cache(maxsize=256)  # a response repeats the same few tokens
    def decode(text: str) -> Any:
        member = by_value.get(text.strip())
        return member if member is not None else XmlText(text)

    return encode, decode


def _flags_codec(cls: type[XmlFlags]) -> tuple[Callable[[Any], str], Callable[[str], Any]]:
    members = list(cls)
    tokens = dict(zip(members, cls.__xml_tokens__, strict=True))
    by_token = {t: m for m, t in tokens.items()}

    def encode(value: Any) -> str:
        if not isinstance(value, cls):
            raise ValueError(f"expected {cls.__name__}, got {type(value).__name__} {value!r}")
        return " ".join(tokens[m] for m in members if m in value)

    @functools.lru_cache(maxsize=256)
    def decode(text: str) -> Any:
        value = cls(0)
        for token in text.split():
            member = by_token.get(token)
            if member is None:
                return XmlText(text)  # a token a newer server knows: keep all of it
            value |= member
        return value

    return encode, decode


def _since(declaration: object) -> str:
    # modules generated before editions were tracked have no ``since``
    return getattr(declaration, "since", "")


def check_agent(agent: object) -> str:
    """``agent`` if we have models for it; else a UsageError naming the agents there are."""
    if not isinstance(agent, str) or agent not in AGENT_VERSIONS:
        raise UsageError(
            f"agent must be one of {', '.join(map(repr, AGENT_VERSIONS))}, not {shown(agent)}"
        )
    return agent


def load(version: str, agent: str = DEFAULT_AGENT, edition: str | None = None) -> Schema:
    """The description of one agent of one service version, importing its models on first
    use; ``edition`` (``"2021-03"``) the view of an older edition (None: the newest)."""
    if not isinstance(version, str):  # before the cache, which would hash it
        raise UnknownVersionError(
            f"version must be a str such as 'Services86', not {type(version).__name__}"
        )
    if len(version) > 40:  # no name is this long; the message would quote all of it
        raise UnknownVersionError(
            f"no models for a version name of {len(version)} characters; known: "
            + ", ".join(VERSIONS)
        )
    if agent != DEFAULT_AGENT:
        check_agent(agent)
    if edition is not None and not isinstance(edition, str):
        raise UsageError(f"edition must be a str such as '2021-03', not {shown(edition)}")
    return _load(version, agent, edition)


def label(version: str, agent: str) -> str:
    """A version as messages name it: ``Services86``, ``Services88 SoPrincipal``,
    ``PartnerSystemUserService`` (whose version is ``""``)."""
    return " ".join(p for p in (version, "" if agent == DEFAULT_AGENT else agent) if p)


@functools.cache
def _load(version: str, agent: str = DEFAULT_AGENT, edition: str | None = None) -> Schema:
    if edition is not None:
        newest = _load(version, agent, None)
        if edition not in newest.editions:
            known = ", ".join(newest.editions) or "none"
            raise UsageError(
                f"{newest.label} has no edition {edition!r}; the editions there are: {known}"
            )
        if edition == newest.editions[-1]:
            return newest  # the newest edition is the module as generated
        return Schema(newest.module, edition)
    name = MODULES.get((agent, version))
    if name is None:
        versions = AGENT_VERSIONS[agent]
        if versions == ("",):
            raise UnknownVersionError(
                f"{agent} has no ServicesNN versions: pass version='' for it"
            )
        hint = "" if is_version_name(version) else " (versions are named like 'Services86')"
        whose = "" if agent == DEFAULT_AGENT else f" of the {agent} agent"
        raise UnknownVersionError(
            f"no models for {version!r}{whose}{hint}; known: {', '.join(versions)}"
        )
    # __import__, not importlib.import_module: `python -X importtime` shows it
    module = __import__(f"superoffice_email.services.{name}", fromlist=["VERSION"])
    assert module.VERSION == version
    return Schema(module)
