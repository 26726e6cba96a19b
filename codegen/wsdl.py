"""Read the XML Schema inside an EMail agent WSDL into a small description (the generator's IR).

Handles both shapes SuperOffice publishes: the types-only documents of the API reference and
the complete ``?wsdl`` documents a NetServer serves. Only the schema constructs these WSDLs
use are accepted; anything else stops the generator with a message naming it, so a new
construct is noticed instead of being mapped wrongly.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
from lxml import etree

from superoffice_email._wire import (
    ARRAYS_NS,
    REQUEST_HEADERS,
    RESPONSE_HEADERS,
    SERIALIZATION_NS,
    XS_NS,
)

from .binding import Binding, BoundOperation, WsdlError, read_binding

XS = f"{{{XS_NS}}}"
SERIALIZATION = f"{{{SERIALIZATION_NS}}}"
SERVICE_NS = re.compile(r"^http://www\.superoffice\.net/ws/crm/NetServer/(Services\d+)$")



@attrs.frozen
class ElementDef:
    """One element particle: its XML name, type reference, and occurrence."""

    name: str
    type: str  # "xs:int", "tns:EMailAddress", "arr:ArrayOfint", "ser:guid"
    nillable: bool
    min_occurs: int
    unbounded: bool


@attrs.frozen
class ClassDef:
    """A complex type mapped to an attrs class (also the request wrapper of an operation)."""

    name: str
    base: str | None
    fields: tuple[ElementDef, ...]
    xml_name: str  # the XML type name, or the wrapper element name for a request
    prefix: str = "tns"  # the namespace of its type and its elements


@attrs.frozen
class ArrayDef:
    name: str  # "tns:ArrayOfEMailAddress"
    item: ElementDef


@attrs.frozen
class DictionaryDef:
    name: str  # "tns:StringDictionary"
    pair: str  # "StringKeyValuePair"
    key: ElementDef
    value: ElementDef


@attrs.frozen
class EnumDef:
    name: str
    values: tuple[str, ...]
    is_list: bool  # xs:list of enumeration tokens: a flags type


@attrs.frozen
class OperationDef:
    name: str
    request: ClassDef  # xml_name: the request wrapper element
    response: ElementDef | None  # None: void operation
    response_wrapper: str  # the response body element: XResponse, AuthenticateResponse, ...
    wrapped: bool  # False: the response element is the body element itself


@attrs.frozen
class ServiceSchema:
    agent: str  # EMail, SoPrincipal, Batch, PartnerSystemUserService
    version: str  # Services86; "" for a service outside NetServer's versions
    namespace: str
    soap_action_prefix: str
    prefixes: tuple[tuple[str, str, str], ...]  # (type-reference prefix, documented, namespace)
    classes: tuple[ClassDef, ...]
    arrays: tuple[ArrayDef, ...]
    dictionaries: tuple[DictionaryDef, ...]
    enums: tuple[EnumDef, ...]
    operations: tuple[OperationDef, ...]
    request_headers: tuple[ElementDef, ...]
    response_headers: tuple[ElementDef, ...]


#: namespaces of types outside the service's own, beyond the Microsoft serialization ones
OTHER_PREFIXES = {"http://schemas.datacontract.org/2004/07/System.Security.Cryptography": "sec"}


def _prefix_for(namespace: str, service_ns: str) -> str:
    if namespace in OTHER_PREFIXES:
        return OTHER_PREFIXES[namespace]
    if namespace == XS_NS:
        return "xs"
    if namespace == service_ns:
        return "tns"
    if namespace == ARRAYS_NS:
        return "arr"
    if namespace == SERIALIZATION_NS:
        return "ser"
    raise WsdlError(f"type in unknown namespace {namespace!r}")


class _Reader:
    def __init__(self, service_ns: str) -> None:
        self.service_ns = service_ns

    def type_ref(self, node: etree._Element, attribute: str = "type") -> str:
        qname = node.get(attribute)
        if qname is None:
            raise WsdlError(f"line {node.sourceline}: element without {attribute}")
        prefix, _, local = qname.rpartition(":")
        namespace = node.nsmap.get(prefix or None)
        if namespace is None:
            raise WsdlError(f"line {node.sourceline}: undeclared prefix in {qname!r}")
        return f"{_prefix_for(namespace, self.service_ns)}:{local}"

    def element(self, node: etree._Element) -> ElementDef:
        if node.find(f"{XS}complexType") is not None or node.find(f"{XS}simpleType") is not None:
            raise WsdlError(f"line {node.sourceline}: unexpected inline type in {node.get('name')}")
        max_occurs = node.get("maxOccurs", "1")
        if max_occurs not in ("1", "unbounded"):
            raise WsdlError(f"line {node.sourceline}: maxOccurs={max_occurs} not supported")
        return ElementDef(
            name=node.get("name", ""),
            type=self.type_ref(node),
            nillable=node.get("nillable") == "true",
            min_occurs=int(node.get("minOccurs", "1")),
            unbounded=max_occurs == "unbounded",
        )

    def sequence(self, complex_type: etree._Element, where: str) -> tuple[ElementDef, ...]:
        allowed = {f"{XS}sequence", f"{XS}annotation", f"{XS}complexContent"}
        for child in complex_type:
            if isinstance(child.tag, str) and child.tag not in allowed:
                raise WsdlError(f"{where}: {child.tag} is not supported")
        sequence = complex_type.find(f"{XS}sequence")
        if sequence is None:
            return ()
        fields = []
        for child in sequence:
            if not isinstance(child.tag, str):
                continue
            if child.tag != f"{XS}element":
                raise WsdlError(f"{where}: {child.tag} inside a sequence is not supported")
            fields.append(self.element(child))
        return tuple(fields)


def _is_dictionary(complex_type: etree._Element) -> bool:
    marker = complex_type.find(f"{XS}annotation/{XS}appinfo/{SERIALIZATION}IsDictionary")
    return marker is not None and (marker.text or "").strip() == "true"


def parse_wsdl(path: Path) -> etree._Element:
    """The WSDL document's root element: parsed once, without entities or network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    return etree.parse(str(path), parser).getroot()


def read_wsdl(path: Path) -> ServiceSchema:
    """Describe the service schema of one EMail agent WSDL file (types-only or complete)."""
    return describe(parse_wsdl(path), path)


def describe(root: etree._Element, path: Path) -> ServiceSchema:
    """Describe the agent of a parsed, complete WSDL (``path`` names it in errors)."""
    binding = read_binding(root, path)
    service_ns = root.get("targetNamespace", "")
    match = SERVICE_NS.match(service_ns)
    version = match.group(1) if match else ""
    schemas = root.findall(f".//{XS}schema")
    reader = _Reader(service_ns)

    classes: list[ClassDef] = []
    arrays: list[ArrayDef] = []
    dictionaries: list[DictionaryDef] = []
    enums: list[EnumDef] = []
    global_elements: dict[str, etree._Element] = {}
    others: list[str] = []  # the other schemas' namespaces, in document order

    for schema in schemas:
        target = schema.get("targetNamespace", "")
        prefix = _prefix_for(target, service_ns)
        if prefix != "tns" and target not in others:
            others.append(target)
        for node in schema:
            if not isinstance(node.tag, str):
                continue
            name = node.get("name", "")
            where = f"{path.name} line {node.sourceline} ({name})"
            if node.tag == f"{XS}complexType":
                qualified = f"{prefix}:{name}"
                _read_complex(reader, node, qualified, where, classes, arrays, dictionaries)
            elif node.tag == f"{XS}simpleType":
                enum = _read_simple(node, where)
                if enum is not None:
                    if prefix != "tns":
                        raise WsdlError(f"{where}: enumeration outside the service namespace")
                    enums.append(enum)
            elif node.tag == f"{XS}element" and prefix == "tns":
                global_elements[name] = node
            elif node.tag not in (f"{XS}element", f"{XS}import", f"{XS}attribute"):
                raise WsdlError(f"{where}: {node.tag} is not supported")

    operations = [
        _operation(reader, bound, global_elements, path, classes) for bound in binding.operations
    ]
    prefix_of_action = _action_prefix(binding, path)

    def headers(names: tuple[str, ...], order: tuple[str, ...]) -> tuple[ElementDef, ...]:
        # SuperOffice's own client's order first, then any others in the binding's order
        ranked = sorted(names, key=lambda n: (order.index(n) if n in order else len(order)))
        # a global element has no minOccurs; as a header each one may be left out
        return tuple(attrs.evolve(reader.element(global_elements[n]), min_occurs=0) for n in ranked)

    # the documentation numbers the other namespaces' prefixes in the WSDL's order
    documented = [("xs", "xsd", XS_NS), ("tns", binding.agent, service_ns)]
    documented += [
        (_prefix_for(ns, service_ns), f"NetServer{version}{i}", ns)
        for i, ns in enumerate((ns for ns in others if ns != XS_NS), start=1)
    ]
    return ServiceSchema(
        agent=binding.agent,
        version=version,
        namespace=service_ns,
        soap_action_prefix=prefix_of_action,
        prefixes=tuple(documented),
        classes=tuple(classes),
        arrays=tuple(arrays),
        dictionaries=tuple(dictionaries),
        enums=tuple(enums),
        operations=tuple(sorted(operations, key=lambda o: o.name)),
        request_headers=headers(binding.request_headers, REQUEST_HEADERS),
        response_headers=headers(binding.response_headers, RESPONSE_HEADERS),
    )


def _operation(
    reader: _Reader,
    bound: BoundOperation,
    elements: dict[str, etree._Element],
    path: Path,
    classes: list[ClassDef],
) -> OperationDef:
    """One operation: its request wrapper as a class, and what its response wrapper holds."""
    wrappers = []
    for element in (bound.request_element, bound.response_element):
        node = elements.get(element)
        inline = None if node is None else node.find(f"{XS}complexType")
        if node is None or inline is None:
            raise WsdlError(f"{path.name}: {bound.name}: no inline wrapper element {element}")
        wrappers.append((node, inline))
    (request_node, request_type), (_, response_type) = wrappers
    where = f"{path.name} line {request_node.sourceline} ({bound.name})"
    request = ClassDef(
        name=f"{bound.name}Request",
        base=None,
        fields=reader.sequence(request_type, where),
        xml_name=bound.request_element,
    )
    fields = reader.sequence(response_type, where)
    if len(fields) <= 1:  # NetServer's agents: one element (usually Response) or nothing
        response = fields[0] if fields else None
        return OperationDef(bound.name, request, response, bound.response_element, wrapped=True)
    # a wrapper of several fields (PartnerSystemUserService): the wrapper is the answer
    name = bound.response_element
    if name not in {c.name for c in classes}:
        classes.append(ClassDef(name=name, base=None, fields=fields, xml_name=name))
    response = ElementDef(name, f"tns:{name}", nillable=False, min_occurs=1, unbounded=False)
    return OperationDef(bound.name, request, response, name, wrapped=False)


def _action_prefix(binding: Binding, path: Path) -> str:
    """What every operation's SOAPAction starts with: the action is this plus its name."""
    first = binding.operations[0]
    prefix = first.action.removesuffix(first.name)
    for operation in binding.operations:
        if operation.action != prefix + operation.name:
            raise WsdlError(f"{path.name}: {operation.name}'s SOAPAction is not {prefix}<name>")
    return prefix


def _read_complex(
    reader: _Reader,
    node: etree._Element,
    qualified: str,
    where: str,
    classes: list[ClassDef],
    arrays: list[ArrayDef],
    dictionaries: list[DictionaryDef],
) -> None:
    name = node.get("name", "")
    if _is_dictionary(node):
        sequence = node.find(f"{XS}sequence")
        pairs = [] if sequence is None else [c for c in sequence if isinstance(c.tag, str)]
        pair_type = pairs[0].find(f"{XS}complexType") if len(pairs) == 1 else None
        if pair_type is None:
            raise WsdlError(f"{where}: dictionary without one inline key/value pair element")
        key_value = reader.sequence(pair_type, where)
        if [f.name for f in key_value] != ["Key", "Value"]:
            raise WsdlError(f"{where}: dictionary pair is not Key, Value")
        dictionaries.append(
            DictionaryDef(
                name=qualified, pair=pairs[0].get("name", ""), key=key_value[0], value=key_value[1]
            )
        )
        return
    content = node.find(f"{XS}complexContent")
    if content is not None:
        extension = content.find(f"{XS}extension")
        if extension is None or len([c for c in content if isinstance(c.tag, str)]) != 1:
            raise WsdlError(f"{where}: only complexContent/extension is supported")
        base = reader.type_ref(extension, "base")
        if not base.startswith("tns:"):
            raise WsdlError(f"{where}: base type {base} outside the service namespace")
        fields = reader.sequence(extension, where)
        classes.append(ClassDef(name=name, base=base[4:], fields=fields, xml_name=name))
        return
    fields = reader.sequence(node, where)
    if name.startswith("ArrayOf") and len(fields) == 1 and fields[0].unbounded:
        arrays.append(ArrayDef(name=qualified, item=fields[0]))
        return
    if any(f.unbounded for f in fields):
        raise WsdlError(f"{where}: repeated element outside an ArrayOf type")
    prefix = qualified.partition(":")[0]
    if prefix not in ("tns", *OTHER_PREFIXES.values()):
        raise WsdlError(f"{where}: complex type in the {prefix} namespace")
    classes.append(ClassDef(name=name, base=None, fields=fields, xml_name=name, prefix=prefix))


def _read_simple(node: etree._Element, where: str) -> EnumDef | None:
    """An enumeration or flags type; None for the restrictions the codecs handle (ser:guid)."""
    name = node.get("name", "")
    is_list = False
    restriction = node.find(f"{XS}restriction")
    if restriction is None:
        inner = node.find(f"{XS}list/{XS}simpleType/{XS}restriction")
        if inner is None:
            raise WsdlError(f"{where}: simple type is neither a restriction nor a list")
        restriction, is_list = inner, True
    values = tuple(e.get("value", "") for e in restriction.findall(f"{XS}enumeration"))
    if not values:
        return None
    if not restriction.get("base", "").endswith(":string"):
        raise WsdlError(f"{where}: enumeration of {restriction.get('base')} is not supported")
    return EnumDef(name=name, values=values, is_list=is_list)
