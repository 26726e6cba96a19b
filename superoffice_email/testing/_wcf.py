"""The faults NetServer's WCF endpoint answers when it cannot dispatch or read a request.

Two shapes, as WCF writes them (HTTP 500, SOAP 1.1 ``faultcode`` or SOAP 1.2 ``Sender``
with a ``Subcode``; the code is a QName in a Microsoft namespace):

- ``a:ActionNotSupported`` (addressing namespace ``…/2005/05/addressing/none`` on a
  ``BasicHttpBinding``): the action names no operation of the contract ("ContractFilter
  mismatch at the EndpointDispatcher");
- ``a:DeserializationFailed`` (the dispatcher's namespace): the Body does not fit the
  operation's data contract ("The formatter threw an exception while trying to deserialize
  the message").
"""

from __future__ import annotations

from lxml import etree

from .._wire import SOAP, SoapVersion

ADDRESSING_NONE_NS = "http://schemas.microsoft.com/ws/2005/05/addressing/none"
DISPATCHER_NS = "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: a WCF fault code: (namespace, local name)
ACTION_NOT_SUPPORTED = (ADDRESSING_NONE_NS, "ActionNotSupported")
DESERIALIZATION_FAILED = (DISPATCHER_NS, "DeserializationFailed")


def action_not_supported_reason(action: str) -> str:
    return (
        f"The message with Action '{action}' cannot be processed at the receiver, due to a "
        "ContractFilter mismatch at the EndpointDispatcher. This may be because of either a "
        "contract mismatch (mismatched Actions between sender and receiver) or a "
        "binding/security mismatch between the sender and the receiver.  Check that sender "
        "and receiver have the same contract and the same binding (including security "
        "requirements, e.g. Message, Transport, None)."
    )


def deserialization_failed_reason(namespace: str, parameter: str, inner: str) -> str:
    return (
        "The formatter threw an exception while trying to deserialize the message: There was "
        f"an error while trying to deserialize parameter {namespace}:{parameter}. The "
        f"InnerException message was '{inner}'.  Please see InnerException for more details."
    )


def wrong_body_reason(operation: str, namespace: str, found: str, found_ns: str | None) -> str:
    return (
        "The formatter threw an exception while trying to deserialize the message: Error in "
        f"deserializing body of request message for operation '{operation}'. "
        "OperationFormatter encountered an invalid Message body. Expected to find node type "
        f"'Element' with name '{operation}' and namespace '{namespace}'. Found node type "
        f"'Element' with name '{found}' and namespace '{found_ns or ''}'"
    )


def wcf_fault(soap: SoapVersion, code: tuple[str, str], reason: str) -> bytes:
    """A fault with a WCF code, in the request's SOAP version."""
    namespace = SOAP[soap].envelope_ns
    s = f"{{{namespace}}}"
    envelope = etree.Element(f"{s}Envelope", nsmap={"s": namespace})
    fault = etree.SubElement(etree.SubElement(envelope, f"{s}Body"), f"{s}Fault")
    code_ns, code_name = code
    if soap == "1.1":
        etree.SubElement(fault, "faultcode", nsmap={"a": code_ns}).text = f"a:{code_name}"
        etree.SubElement(fault, "faultstring", {_LANG: "en-US"}).text = reason
    else:
        code_element = etree.SubElement(fault, f"{s}Code")
        etree.SubElement(code_element, f"{s}Value").text = "s:Sender"
        subcode = etree.SubElement(code_element, f"{s}Subcode")
        etree.SubElement(subcode, f"{s}Value", nsmap={"a": code_ns}).text = f"a:{code_name}"
        reason_element = etree.SubElement(fault, f"{s}Reason")
        etree.SubElement(reason_element, f"{s}Text", {_LANG: "en-US"}).text = reason
    return etree.tostring(envelope, encoding="utf-8")
