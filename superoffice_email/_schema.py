"""The runtime description of one service version, built once from its generated module.

``load("Services86")`` imports ``superoffice_email.services.services86`` on first use and
turns its declarations into *plans*, each built on first need and cached: a
:class:`ClassPlan` per model class (its fields with everything the writer and the reader need
precomputed: Clark tags, codecs, nested plans) and an :class:`OperationPlan` per operation
(its request and response tags, the response's node), so the hot paths do dictionary
look-ups and nothing else.
"""

from __future__ import annotations

import enum
import functools
import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any

import attrs

from ._model import Array, Dictionary, Operation, XmlElement, XmlEnum, XmlFlags
from ._wire import (
    ARRAYS_NS,
    XSI_TYPE,
    documented_prefixes,
    is_version_name,
    service_namespace,
)
from ._xsd import CODECS, XmlText
from .errors import UnknownOperationError, UnknownVersionError
from .services import VERSIONS

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


class Schema:
    """One service version: its namespace, operations, and plans for every type."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module
        self.version: str = module.VERSION
        self.namespace: str = module.NAMESPACE
        self.operations: dict[str, Operation] = module.OPERATIONS
        self.types: dict[str, type] = module.TYPES
        self.arrays: dict[str, Array] = module.ARRAYS
        self.dictionaries: dict[str, Dictionary] = module.DICTIONARIES
        self.prefixes = documented_prefixes(self.version)
        self._class_plans: dict[type, ClassPlan] = {}
        self._operation_plans: dict[str, OperationPlan] = {}
        self.request_headers = tuple(self.node(h) for h in module.REQUEST_HEADERS)
        by_name = {h.name: h for h in self.request_headers}
        #: ApplicationToken, Credentials, TimeZone: the nodes the request builder fills
        self.request_header_nodes = tuple(
            by_name.get(n) for n in ("ApplicationToken", "Credentials", "TimeZone")
        )
        self.response_headers = tuple(self.node(h) for h in module.RESPONSE_HEADERS)
        self.carrier_fields = (
            frozenset(f.name for f in attrs.fields(self.types["Carrier"]))
            if "Carrier" in self.types
            else frozenset()
        )

    def operation(self, name: str) -> Operation:
        if not isinstance(name, str):  # before the look-up, which would hash it
            raise UnknownOperationError(f"operation must be a str, not {type(name).__name__}")
        try:
            return self.operations[name]
        except KeyError:
            raise UnknownOperationError(
                f"{self.version} has no operation {name!r}; it has {len(self.operations)}: "
                + ", ".join(sorted(self.operations))
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
            nodes = tuple(
                self.node(f.metadata["xml"], attr=f.name)
                for f in attrs.fields(cls)
                if "xml" in f.metadata
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
            plan = OperationPlan(
                name=name,
                request=self.class_plan(op.request),
                request_tag=self.tag(name),
                response_tag=self.tag(f"{name}Response"),
                response=self.node(op.response) if op.response is not None else None,
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


def load(version: str) -> Schema:
    """The description of one service version, importing its models on first use."""
    if not isinstance(version, str):  # before the cache, which would hash it
        raise UnknownVersionError(
            f"version must be a str such as 'Services86', not {type(version).__name__}"
        )
    if len(version) > 40:  # no name is this long; the message would quote all of it
        raise UnknownVersionError(
            f"no models for a version name of {len(version)} characters; known: "
            + ", ".join(VERSIONS)
        )
    return _load(version)


@functools.cache
def _load(version: str) -> Schema:
    if version not in VERSIONS:
        hint = "" if is_version_name(version) else " (versions are named like 'Services86')"
        raise UnknownVersionError(f"no models for {version!r}{hint}; known: {', '.join(VERSIONS)}")
    module = importlib.import_module(f"superoffice_email.services.{version.lower()}")
    assert service_namespace(version) == module.NAMESPACE
    return Schema(module)
