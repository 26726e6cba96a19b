"""Wire facts, one home each: namespaces, SOAP versions, documented prefixes, header names.

Every module that writes, reads, validates or serves envelopes takes these from here: the
core, the agents, the testing kit and the generator.
"""

from __future__ import annotations

import re
from typing import Literal

import attrs

XS_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ARRAYS_NS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
SERIALIZATION_NS = "http://schemas.microsoft.com/2003/10/Serialization/"
SOAP11_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP11_ENC_NS = "http://schemas.xmlsoap.org/soap/encoding/"
SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope"
SOAP12_ENC_NS = "http://www.w3.org/2003/05/soap-encoding"

SERVICE_NS_PREFIX = "http://www.superoffice.net/ws/crm/NetServer/"
#: where a host serves the services outside NetServer's versions (PartnerSystemUserService)
LOGIN_SERVICES_PATH = "/Login/Services/"
_VERSION = re.compile(r"^Services\d\d$")

XSI_TYPE = f"{{{XSI_NS}}}type"
XSI_NIL = f"{{{XSI_NS}}}nil"

SoapVersion = Literal["1.1", "1.2"]


@attrs.frozen
class Soap:
    """What one SOAP version looks like on the wire."""

    version: SoapVersion
    envelope_ns: str
    encoding_ns: str
    media_type: str  # the Content-Type without parameters


#: the two SOAP versions, by the name callers pass (``soap="1.1"``)
SOAP: dict[str, Soap] = {
    "1.1": Soap("1.1", SOAP11_ENV_NS, SOAP11_ENC_NS, "text/xml"),
    "1.2": Soap("1.2", SOAP12_ENV_NS, SOAP12_ENC_NS, "application/soap+xml"),
}
#: the same, by envelope namespace (what a reader meets)
SOAP_BY_ENVELOPE_NS: dict[str, Soap] = {s.envelope_ns: s for s in SOAP.values()}
#: the same, by media type (what a server meets)
SOAP_BY_MEDIA_TYPE: dict[str, Soap] = {s.media_type: s for s in SOAP.values()}

#: header elements, by direction, in the order SuperOffice's own client writes them
REQUEST_HEADERS = ("ApplicationToken", "Credentials", "TimeZone")
RESPONSE_HEADERS = ("ExceptionInfo", "ExtraInfo", "Succeeded", "TimeZone")


def content_type(soap: SoapVersion, action: str | None = None) -> str:
    """The Content-Type of a SOAP message; SOAP 1.2 carries the action as a parameter."""
    media = SOAP[soap].media_type
    if soap == "1.2" and action is not None:
        return f'{media}; charset=utf-8; action="{action}"'
    return f"{media}; charset=utf-8"


def soap_headers(soap: SoapVersion, action: str) -> dict[str, str]:
    """The HTTP headers of a SOAP call: SOAP 1.1 sends the action as ``SOAPAction`` (quoted),
    SOAP 1.2 as the Content-Type's ``action`` parameter."""
    if soap == "1.1":
        return {"Content-Type": content_type(soap), "SOAPAction": f'"{action}"'}
    return {"Content-Type": content_type(soap, action)}


def documented_prefixes(version: str) -> dict[str, tuple[str, str]]:
    """The models' type prefixes (``xs``, ``tns``, ``arr``, ``ser``) to the prefix the
    documentation writes for each (in ``xsi:type`` values and declarations) and its namespace."""
    return {
        "xs": ("xsd", XS_NS),
        "tns": ("EMail", service_namespace(version)),
        "arr": (f"NetServer{version}2", ARRAYS_NS),
        "ser": (f"NetServer{version}1", SERIALIZATION_NS),
    }


def service_namespace(version: str) -> str:
    """``http://www.superoffice.net/ws/crm/NetServer/Services86`` for ``Services86``."""
    return SERVICE_NS_PREFIX + version


def soap_action(version: str, operation: str, agent: str = "EMail") -> str:
    """The SOAPAction the live WSDLs bind each operation to."""
    return f"{SERVICE_NS_PREFIX}{version}/{agent}/{operation}"


def is_version_name(version: str) -> bool:
    return bool(_VERSION.match(version))
