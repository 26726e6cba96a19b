"""An operation the server does not have: ``UnsupportedOperationError``, in every form WCF and
web servers answer it, still caught by ``except SoapFault`` and ``except HTTPStatusError``."""

from __future__ import annotations

import pytest

import superoffice_email as so
from superoffice_email._exchange import PreparedCall, interpret, prepare_call
from superoffice_email.testing import FakeNetServer

V = "Services88"
OPERATION = "GetEMailAsEmlStream"  # one of the Graph operations of SuperOffice's 2026-07 WSDLs
ACTION = f"http://www.superoffice.net/ws/crm/NetServer/{V}/EMail/{OPERATION}"
TICKET = "7T:secret-ticket-abcdef0123"
XML11 = {"content-type": "text/xml; charset=utf-8"}
XML12 = {"content-type": "application/soap+xml; charset=utf-8"}
HTML = {"content-type": "text/html; charset=utf-8"}

# WCF's answer to an action its contract lacks, as a NetServer of before 2026-07 sends it
# (the fault code and text of System.ServiceModel's ActionNotSupported fault), SOAP 1.1 ...
REASON = (
    f"The message with Action '{ACTION}' cannot be processed at the receiver, due to a "
    "ContractFilter mismatch at the EndpointDispatcher. This may be because of either a "
    "contract mismatch (mismatched Actions between sender and receiver) or a binding/security "
    "mismatch between the sender and the receiver.  Check that sender and receiver have the "
    "same contract and the same binding (including security requirements, e.g. Message, "
    "Transport, None)."
)
FAULT11 = (
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
    '<faultcode xmlns:a="http://schemas.microsoft.com/ws/2005/05/addressing/none">'
    f'a:ActionNotSupported</faultcode><faultstring xml:lang="en-US">{REASON}</faultstring>'
    "</s:Fault></s:Body></s:Envelope>"
).encode()
# ... and SOAP 1.2, where the code is a Sender subcode
FAULT12 = (
    '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" '
    'xmlns:a="http://www.w3.org/2005/08/addressing"><s:Body><s:Fault>'
    "<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>a:ActionNotSupported</s:Value>"
    f'</s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">{REASON}</s:Text></s:Reason>'
    "</s:Fault></s:Body></s:Envelope>"
).encode()


def call(operation: str = OPERATION) -> PreparedCall:
    return prepare_call(
        V,
        operation,
        None,
        {"email_item_id": 1, "include_attachments": False}
        if operation == OPERATION
        else {"folders": ["INBOX"]},
        url=f"https://ns.example.com/t1/Remote/{V}/EMail.svc",
        ticket=TICKET,
        application_token=None,
        time_zone=None,
        soap="1.1",
        layout="wire",
    )


@pytest.mark.parametrize(("body", "headers"), [(FAULT11, XML11), (FAULT12, XML12)])
def test_an_action_not_supported_fault_names_the_operation_and_its_edition(
    body: bytes, headers: dict[str, str]
) -> None:
    with pytest.raises(so.UnsupportedOperationError) as raised:
        interpret(call(), 500, headers, body)
    error = raised.value
    assert (error.operation, error.version, error.agent) == (OPERATION, V, "EMail")
    assert error.since == "2026-07"  # the Graph operations' edition (the reference README)
    assert "ActionNotSupported" in error.code and "ContractFilter mismatch" in error.reason
    assert error.status_code == 500
    message = str(error)
    assert OPERATION in message and "2026-07" in message and V in message
    # existing handlers still catch it
    assert isinstance(error, so.SoapFault) and isinstance(error, so.HTTPStatusError)


def test_an_http_404_naming_the_action_is_unsupported_too() -> None:
    page = f"<html><body><h1>404</h1><p>No endpoint for {ACTION}</p></body></html>".encode()
    with pytest.raises(so.HTTPStatusError) as raised:
        interpret(call(), 404, HTML, page)
    error = raised.value
    assert isinstance(error, so.UnsupportedOperationError)
    assert (error.status_code, error.code, error.since) == (404, "", "2026-07")
    assert "HTTP 404" in str(error) and ACTION in error.excerpt
    # what an HTTPStatusError handler reads: the answer's headers, no Retry-After here
    assert (error.headers, error.retry_after) == (HTML, None)


def test_an_http_status_not_naming_the_action_stays_an_http_status_error() -> None:
    with pytest.raises(so.HTTPStatusError) as raised:
        interpret(call(), 404, HTML, b"<html><body>Not Found</body></html>")
    assert type(raised.value) is so.HTTPStatusError


def test_another_fault_stays_a_soap_fault_and_hides_the_ticket() -> None:
    other = FAULT11.replace(b"a:ActionNotSupported", b"s:Server").replace(
        b"ContractFilter mismatch", TICKET.encode()
    )
    with pytest.raises(so.SoapFault) as raised:
        interpret(call(), 500, XML11, other)
    assert type(raised.value) is so.SoapFault
    assert TICKET not in str(raised.value) and TICKET not in raised.value.reason


def test_the_reason_of_an_unsupported_operation_hides_the_ticket() -> None:
    leaky = FAULT11.replace(b"Check that", TICKET.encode() + b" Check that")
    with pytest.raises(so.UnsupportedOperationError) as raised:
        interpret(call(), 500, XML11, leaky)
    assert TICKET not in raised.value.reason and TICKET not in str(raised.value)


def test_an_older_server_over_loopback() -> None:
    with FakeNetServer() as server:
        server.status(OPERATION, 500, FAULT11, "text/xml; charset=utf-8")
        agent = so.EMailAgent(server.url, version=V, ticket=TICKET)
        with agent, pytest.raises(so.UnsupportedOperationError) as raised:
            agent.get_email_as_eml_stream(1, include_attachments=False)
    assert raised.value.operation == OPERATION and raised.value.since == "2026-07"
