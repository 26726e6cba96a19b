"""Read a complete WSDL's messages, portType and binding: the operations and their headers.

The schema says which elements exist; these say which of them are an operation's request and
response wrappers, which SOAPAction each operation is bound to, and which headers it carries.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from lxml import etree

WSDL = "{http://schemas.xmlsoap.org/wsdl/}"
SOAP_BINDING = "{http://schemas.xmlsoap.org/wsdl/soap/}"


class WsdlError(Exception):
    """The WSDL uses a construct the generator does not understand."""


@attrs.frozen
class BoundOperation:
    """One portType operation as the binding carries it."""

    name: str
    request_element: str  # local name of the input message's body element
    response_element: str  # local name of the output message's body element
    action: str  # the SOAPAction


@attrs.frozen
class Binding:
    agent: str  # the portType's name, without .NET's interface "I": EMail, PartnerSystemUserService
    operations: tuple[BoundOperation, ...]  # in portType order
    request_headers: tuple[str, ...]  # header elements, in the order the binding first names them
    response_headers: tuple[str, ...]


def _local(qname: str) -> str:
    return qname.rpartition(":")[2]


def read_binding(root: etree._Element, path: Path) -> Binding:
    """The first portType of a complete WSDL, with the first binding of it."""
    port_type = root.find(f"{WSDL}portType")
    if port_type is None:
        raise WsdlError(f"{path.name}: no portType (a types-only WSDL is not enough)")
    name = port_type.get("name", "")
    agent = name[1:] if name[:1] == "I" and name[1:2].isupper() else name
    parts: dict[str, str] = {}  # message name -> its body element (the part named parameters)
    for message in root.iterfind(f"{WSDL}message"):
        for part in message.iterfind(f"{WSDL}part"):
            if part.get("name") == "parameters":
                parts[message.get("name", "")] = _local(part.get("element", ""))
    binding = next(
        (b for b in root.iterfind(f"{WSDL}binding") if _local(b.get("type", "")) == name), None
    )
    if binding is None:
        raise WsdlError(f"{path.name}: no binding of portType {name}")
    actions: dict[str, str] = {}
    request_headers: list[str] = []
    response_headers: list[str] = []
    for bound in binding.iterfind(f"{WSDL}operation"):
        soap = bound.find(f"{SOAP_BINDING}operation")
        actions[bound.get("name", "")] = "" if soap is None else soap.get("soapAction", "")
        _add_headers(bound, "input", request_headers)
        _add_headers(bound, "output", response_headers)
    operations = []
    for operation in port_type.iterfind(f"{WSDL}operation"):
        op_name = operation.get("name", "")
        messages = [operation.find(f"{WSDL}{d}") for d in ("input", "output")]
        if messages[0] is None or messages[1] is None:
            raise WsdlError(f"{path.name}: {op_name} is not request-response")
        request, response = (
            parts.get(_local(m.get("message", "")), "") for m in messages if m is not None
        )
        if not request or not response or op_name not in actions:
            raise WsdlError(f"{path.name}: {op_name} has no body element or no binding")
        operations.append(BoundOperation(op_name, request, response, actions[op_name]))
    if not operations:
        raise WsdlError(f"{path.name}: portType {name} has no operations")
    return Binding(agent, tuple(operations), tuple(request_headers), tuple(response_headers))


def _add_headers(bound: etree._Element, direction: str, found: list[str]) -> None:
    for header in bound.iterfind(f"{WSDL}{direction}/{SOAP_BINDING}header"):
        part = header.get("part", "")
        if part not in found:
            found.append(part)
