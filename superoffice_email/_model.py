"""The declarations generated modules are written in: field metadata and the shape tables.

Generated modules (``superoffice_email.services``) hold data only; everything they need to
describe a service version is here, and every behaviour lives in the hand-written core.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, ClassVar

import attrs


@attrs.frozen
class XmlElement:
    """An element particle: XML local name, type reference and what the schema allows.

    Type references are written ``prefix:Name`` with fixed prefixes: ``xs`` (XML Schema),
    ``ser`` (Microsoft serialization: guid, char, duration), ``arr`` (Microsoft arrays) and
    ``tns`` (the version's service namespace).
    """

    name: str
    type: str
    nillable: bool = False
    required: bool = False
    since: str = ""  # the first edition ("2026-07") whose WSDL has it; "" where not tracked


def xml_field(
    name: str,
    type: str,
    *,
    nillable: bool = False,
    required: bool = False,
    secret: bool = False,
    since: str = "",
    array: bool = False,
    default: Any = None,
    factory: Callable[[], Any] | None = None,
) -> Any:
    """An attrs field for one element; ``secret`` keeps the value out of ``repr``.

    The default: an empty list for an ``array`` (a nil or missing array reads as ``[]``);
    ``None`` for a nillable element; for any other, ``default`` (or what ``factory``
    makes), the value NetServer's .NET deserializer gives an element left out (0, false,
    the enumeration's first value, no flags, ``DateTime.MinValue``, a zero ``TimeSpan``).
    ``since`` is the first edition of the version's WSDL that has the element.
    """
    metadata = {"xml": XmlElement(name, type, nillable, required, since), "secret": secret}
    if array:
        factory = list
    if factory is not None:
        return attrs.field(factory=factory, repr=not secret, metadata=metadata)
    return attrs.field(default=default, repr=not secret, metadata=metadata)


@attrs.frozen
class Array:
    """An ``ArrayOfX`` type: a Python list of its one repeated item element."""

    item: XmlElement


@attrs.frozen
class Dictionary:
    """A WCF dictionary type: a Python dict of its repeated key/value pair element."""

    pair: str
    key: XmlElement
    value: XmlElement


@attrs.frozen
class Operation:
    """One agent operation: the request wrapper class and the response element.

    NetServer's agents wrap a request in an element named like the operation and the answer
    in ``<Operation>Response`` holding one element (``Response``, or ``SystemInfo`` and the
    like). Where a service differs, the wrappers are named: SoPrincipal's logins all answer
    ``AuthenticateResponse``; PartnerSystemUserService wraps ``Authenticate`` in
    ``AuthenticationRequest`` and answers an ``AuthenticationResponse`` whose fields are the
    answer itself (``wrapped=False``: ``response`` is that body element, read as a class).
    """

    name: str
    request: type
    response: XmlElement | None  # None: the operation returns nothing
    request_wrapper: str = ""  # the request body element; "" means ``name``
    response_wrapper: str = ""  # the response body element; "" means ``name + "Response"``
    wrapped: bool = True  # False: ``response`` is the response body element itself
    since: str = ""  # the first edition ("2023-03") whose WSDL has the operation
    doc: str = ""  # what the operation does, in a sentence or two (the agents' docstrings)


class XmlEnum(enum.Enum):
    """An ``xs:enumeration`` simple type; each value is the token written in XML."""


class XmlFlags(enum.Flag):
    """An ``xs:list`` of enumeration tokens (.NET ``[Flags]``), written space-separated.

    ``__xml_tokens__`` lists the XML token of each member in declaration order.
    """

    __xml_tokens__: ClassVar[tuple[str, ...]] = ()
