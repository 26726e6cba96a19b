"""Namespace URIs and the prefixes SuperOffice's documentation gives them."""

from __future__ import annotations

import re

XS_NS = "http://www.w3.org/2001/XMLSchema"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
ARRAYS_NS = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
SERIALIZATION_NS = "http://schemas.microsoft.com/2003/10/Serialization/"
SOAP11_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP11_ENC_NS = "http://schemas.xmlsoap.org/soap/encoding/"
SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope"
SOAP12_ENC_NS = "http://www.w3.org/2003/05/soap-encoding"

SERVICE_NS_PREFIX = "http://www.superoffice.net/ws/crm/NetServer/"
_VERSION = re.compile(r"^Services\d\d$")

XSI_TYPE = f"{{{XSI_NS}}}type"
XSI_NIL = f"{{{XSI_NS}}}nil"


def service_namespace(version: str) -> str:
    """``http://www.superoffice.net/ws/crm/NetServer/Services86`` for ``Services86``."""
    return SERVICE_NS_PREFIX + version


def soap_action(version: str, operation: str) -> str:
    """The SOAPAction the live WSDLs bind each operation to."""
    return f"{SERVICE_NS_PREFIX}{version}/EMail/{operation}"


def is_version_name(version: str) -> bool:
    return bool(_VERSION.match(version))
