"""Failures on the wire, both ways: SOAP Faults and NetServer's ``ExceptionInfo``.

Reading and writing sit side by side so they stay mirror images: :func:`soap_fault` reads
the Fault that :func:`fault_envelope` writes (SOAP 1.1 or 1.2), and :func:`netserver_error`
reads the ``SoExceptionInfo`` that :func:`exception_info` writes. The fake server, the CLI
and users' own servers write with these; the agents and ``parse_response`` read with them.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ._schema import Schema
from ._wire import SOAP, SOAP12_ENV_NS, SoapVersion
from .errors import DETAIL_FIELDS, NetServerError, SoapFault, UsageError

#: fault codes by meaning, as each SOAP version spells them (1.1, 1.2)
_FAULT_CODES = {
    "client": ("s:Client", "s:Sender"),
    "sender": ("s:Client", "s:Sender"),
    "server": ("s:Server", "s:Receiver"),
    "receiver": ("s:Server", "s:Receiver"),
    "versionmismatch": ("s:VersionMismatch", "s:VersionMismatch"),
    "mustunderstand": ("s:MustUnderstand", "s:MustUnderstand"),
}
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def soap_fault(fault: etree._Element, namespace: str) -> SoapFault:
    """A :class:`SoapFault` from a SOAP 1.1 or 1.2 Fault element."""

    def text(path: str) -> str | None:
        found = fault.find(path, {"s": namespace})
        if found is None:
            return None
        return "".join(str(t) for t in found.itertext()).strip()

    if namespace == SOAP12_ENV_NS:
        code = text("s:Code/s:Value") or ""
        subcode = text("s:Code/s:Subcode/s:Value")
        if subcode:
            code = f"{code} ({subcode})"
        reason = text("s:Reason/s:Text") or ""
        detail = text("s:Detail")
    else:
        code = text("faultcode") or ""
        reason = text("faultstring") or ""
        detail = text("detail")
    return SoapFault(code, reason, detail or None)


def fault_envelope(soap: SoapVersion, code: str, reason: str, detail: str | None = None) -> bytes:
    """A SOAP Fault as WCF writes one: ``code`` is Client/Sender, Server/Receiver..."""
    codes = _FAULT_CODES.get(code.rpartition(":")[2].lower())
    if codes is None:
        raise UsageError(
            f"unknown fault code {code!r}; use one of Client, Server, Sender, Receiver, "
            "VersionMismatch, MustUnderstand"
        )
    namespace = SOAP[soap].envelope_ns
    s = f"{{{namespace}}}"
    envelope = etree.Element(f"{s}Envelope", nsmap={"s": namespace})
    fault = etree.SubElement(etree.SubElement(envelope, f"{s}Body"), f"{s}Fault")
    if soap == "1.1":
        etree.SubElement(fault, "faultcode").text = codes[0]
        etree.SubElement(fault, "faultstring", {_LANG: "en-US"}).text = reason
        if detail is not None:
            etree.SubElement(fault, "detail").text = detail
    else:
        etree.SubElement(etree.SubElement(fault, f"{s}Code"), f"{s}Value").text = codes[1]
        reason_element = etree.SubElement(fault, f"{s}Reason")
        etree.SubElement(reason_element, f"{s}Text", {_LANG: "en-US"}).text = reason
        if detail is not None:
            etree.SubElement(fault, f"{s}Detail").text = detail
    return etree.tostring(envelope, encoding="utf-8", xml_declaration=False)


def netserver_error(info: Any) -> NetServerError:
    """The exception for an ``SoExceptionInfo`` (None: a failure reported with no details)."""
    if info is None:
        return NetServerError("NetServer reported Succeeded=false without ExceptionInfo")
    inner = info.inner_exception
    return NetServerError(
        info.message or "(no message)",
        **{name: getattr(info, name) for name in DETAIL_FIELDS},
        parameters=info.parameters,
        inner=netserver_error(inner) if inner is not None else None,
    )


def exception_info(schema: Schema, error: NetServerError) -> Any:
    """The ``SoExceptionInfo`` of a version that :func:`netserver_error` reads back as ``error``."""
    return schema.types["SoExceptionInfo"](
        message=error.message,
        **{name: getattr(error, name) for name in DETAIL_FIELDS},
        parameters=error.parameters or None,
        inner_exception=exception_info(schema, error.inner) if error.inner is not None else None,
    )
