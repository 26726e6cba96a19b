"""FakeNetServer over real loopback HTTP, driven by plain httpx posts.

Requests are built by the core (``build_request(layout="wire")``); every answer is read here
with lxml alone and checked against the documented response pages in ``fixtures/docs`` or
against hand-written expectations (SOAP actions, content types, fault codes).
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any, Literal

import httpx
import pytest
from lxml import etree

import superoffice_email as so
from superoffice_email.testing import FakeNetServer
from superoffice_email.validate import validate_envelope

from .conftest import DOCS

V = "Services86"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services86"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
COUNT = "GetFolderEMailCount"
COUNT_ACTION = "http://www.superoffice.net/ws/crm/NetServer/Services86/EMail/GetFolderEMailCount"
TICKET = "7T:TopSecretTicketValue=="
TOKEN = "app-token-Secret-42"
PASSWORD = "hunter2-Secret"

M = so.models(V)
Soap = Literal["1.1", "1.2"]


def action(version: str, operation: str) -> str:
    return f"http://www.superoffice.net/ws/crm/NetServer/{version}/EMail/{operation}"


def soap_headers(soap: Soap, action_uri: str, *, quoted: bool = True) -> dict[str, str]:
    if soap == "1.1":
        return {
            "Content-Type": "text/xml; charset=utf-8",
            "SOAPAction": f'"{action_uri}"' if quoted else action_uri,
        }
    return {"Content-Type": f'application/soap+xml; charset=utf-8; action="{action_uri}"'}


def count_request(soap: Soap = "1.1", **headers: Any) -> bytes:
    info = M.EMailConnectionInfo(
        server_name="imap.example.com", user_name="anna", password=PASSWORD, folder="INBOX"
    )
    return so.build_request(
        V, COUNT, connection_info=info, only_unread=True, layout="wire", soap=soap, **headers
    )


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5.0) as http:
        yield http


def post_count(
    client: httpx.Client, server: FakeNetServer, soap: Soap = "1.1", **headers: Any
) -> httpx.Response:
    return client.post(
        server.endpoint(V),
        content=count_request(soap, **headers),
        headers=soap_headers(soap, COUNT_ACTION),
    )


# -- reading answers with lxml only ----------------------------------------------------------


def envelope(response: httpx.Response) -> tuple[str, etree._Element, etree._Element | None]:
    """(SOAP namespace, Body payload element, Header element or None)."""
    root = etree.fromstring(response.content)
    namespace = etree.QName(root).namespace
    assert namespace in (SOAP11, SOAP12) and etree.QName(root).localname == "Envelope"
    body = root.find(f"{{{namespace}}}Body")
    assert body is not None
    return namespace, body[0], root.find(f"{{{namespace}}}Header")


def fault(response: httpx.Response) -> tuple[str, str, str]:
    """(SOAP namespace, fault code, reason) of a fault answer."""
    namespace, payload, _ = envelope(response)
    assert payload.tag == f"{{{namespace}}}Fault", response.text
    if namespace == SOAP11:
        return namespace, payload.findtext("faultcode") or "", payload.findtext("faultstring") or ""
    s = f"{{{SOAP12}}}"
    code = payload.findtext(f"{s}Code/{s}Value") or ""
    return namespace, code, payload.findtext(f"{s}Reason/{s}Text") or ""


def header_text(response: httpx.Response, path: str) -> str | None:
    _, _, header = envelope(response)
    assert header is not None, response.text
    return header.findtext(path, namespaces={"e": NS})


def response_text(response: httpx.Response) -> str | None:
    _, payload, _ = envelope(response)
    return payload.findtext("e:Response", namespaces={"e": NS})


def leaves(data: bytes) -> list[tuple[tuple[str, ...], str]]:
    """Every non-nil leaf under the Body's payload: (local-name path, text), in order."""
    root = etree.fromstring(data)
    body = next(c for c in root if etree.QName(c).localname == "Body")
    found: list[tuple[tuple[str, ...], str]] = []

    def walk(element: etree._Element, path: tuple[str, ...]) -> None:
        for child in element:
            if not isinstance(child.tag, str) or child.get(XSI_NIL) == "true":
                continue  # nil: the documented form writes it, the wire form leaves it out
            here = (*path, etree.QName(child).localname)
            if any(isinstance(c.tag, str) for c in child):
                walk(child, here)
            else:
                found.append((here, child.text or ""))

    walk(body[0], (etree.QName(body[0]).localname,))
    return found


# -- what the server accepts and answers ------------------------------------------------------


def test_url_and_endpoint(fake_netserver: FakeNetServer) -> None:
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/tenant/Remote/", fake_netserver.url)
    assert fake_netserver.endpoint("Services88") == (
        f"http://127.0.0.1:{fake_netserver.port}/tenant/Remote/Services88/EMail.svc"
    )


DOCUMENTED_OPERATIONS = sorted(p.name.split(".")[0] for p in (DOCS / V).glob("*.response.xml"))
# the one documented answer with xsi:nil where its schema does not allow nil (a LocalizedField's
# ValueLength; test_documented_examples.py): the fake answers as NetServer would, the
# schema's way (.NET's default 0, the nil list item left out), not the page's
BREAKS_ITS_SCHEMA = {"GetPersonEntitiesFromEmailAddress"}


def test_every_documented_operation_is_answered_with_the_documented_values(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    assert len(DOCUMENTED_OPERATIONS) == 80
    for number, operation in enumerate(DOCUMENTED_OPERATIONS):
        soap: Soap = "1.1" if number % 2 else "1.2"
        response = client.post(
            fake_netserver.endpoint(V),
            content=so.build_request(V, operation, layout="wire", soap=soap),
            headers=soap_headers(soap, action(V, operation)),
        )
        assert response.status_code == 200, (operation, response.text)
        expected = (DOCS / V / f"{operation}.response.xml").read_bytes()
        if operation in BREAKS_ITS_SCHEMA:
            assert validate_envelope(V, expected) and not validate_envelope(V, response.content)
        else:
            assert leaves(response.content) == leaves(expected), operation
        namespace, payload, _ = envelope(response)
        assert namespace == (SOAP11 if soap == "1.1" else SOAP12)
        assert payload.tag == f"{{{NS}}}{operation}Response"
    assert len(fake_netserver.requests) == 80


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
def test_answer_speaks_the_request_soap_version(
    fake_netserver: FakeNetServer, client: httpx.Client, soap: Soap
) -> None:
    response = post_count(client, fake_netserver, soap)
    assert response.status_code == 200
    expected_type = "text/xml" if soap == "1.1" else "application/soap+xml"
    assert response.headers["content-type"] == f"{expected_type}; charset=utf-8"
    namespace, _, header = envelope(response)
    assert namespace == (SOAP11 if soap == "1.1" else SOAP12)
    assert header is not None  # wire layout: the response headers inside a SOAP Header
    assert header_text(response, "e:Succeeded") == "true"
    assert response_text(response) == "0"  # GetFolderEMailCount.response.xml


@pytest.mark.parametrize("quoted", [True, False])
def test_soapaction_quoted_or_not(
    fake_netserver: FakeNetServer, client: httpx.Client, quoted: bool
) -> None:
    response = client.post(
        fake_netserver.endpoint(V),
        content=count_request(),
        headers=soap_headers("1.1", COUNT_ACTION, quoted=quoted),
    )
    assert response.status_code == 200
    assert response_text(response) == "0"


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
@pytest.mark.parametrize("version", so.VERSIONS)
def test_every_version_is_served(
    fake_netserver: FakeNetServer, client: httpx.Client, version: str, soap: Soap
) -> None:
    response = client.post(
        fake_netserver.endpoint(version),
        content=so.build_request(version, COUNT, layout="wire", soap=soap),
        headers=soap_headers(soap, action(version, COUNT)),
    )
    assert response.status_code == 200, response.text
    _, payload, _ = envelope(response)
    service = f"http://www.superoffice.net/ws/crm/NetServer/{version}"
    assert payload.tag == f"{{{service}}}GetFolderEMailCountResponse"
    assert payload.findtext(f"{{{service}}}Response") == "0"
    assert fake_netserver.last_request.version == version


def test_chunked_request_body(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    body = count_request()
    response = client.post(
        fake_netserver.endpoint(V),
        content=iter([body[:100], body[100:]]),  # an iterator: httpx sends it chunked
        headers=soap_headers("1.1", COUNT_ACTION),
    )
    assert response.status_code == 200
    assert fake_netserver.last_request.headers["transfer-encoding"] == "chunked"
    assert fake_netserver.last_request.params.only_unread is True


# -- what the server refuses ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("soap", "content_type"),
    [("1.1", "application/json"), ("1.2", "text/plain"), ("1.1", "text/xml; charset=latin-1")],
)
def test_wrong_content_type_is_415(
    fake_netserver: FakeNetServer, client: httpx.Client, soap: Soap, content_type: str
) -> None:
    response = client.post(
        fake_netserver.endpoint(V),
        content=count_request(soap),
        headers={"Content-Type": content_type, "SOAPAction": COUNT_ACTION},
    )
    assert response.status_code == 415
    namespace, code, reason = fault(response)
    # the fault speaks the SOAP version of the envelope that was sent
    assert (namespace, code) == ((SOAP11, "s:Client") if soap == "1.1" else (SOAP12, "s:Sender"))
    assert "Content-Type" in reason and content_type in reason
    assert fake_netserver.last_request.error == reason


ADDRESSING_NONE = "http://schemas.microsoft.com/ws/2005/05/addressing/none"
DISPATCHER = "http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher"
FORMATTER = "The formatter threw an exception while trying to deserialize the message: "


def wcf_code(response: httpx.Response) -> tuple[str, str]:
    """(namespace, local name) of a WCF fault's code: SOAP 1.1 faultcode, 1.2 Subcode."""
    root = etree.fromstring(response.content)
    found = root.find(".//faultcode")
    if found is None:
        s = f"{{{SOAP12}}}"
        assert root.findtext(f".//{s}Code/{s}Value") == "s:Sender"
        found = root.find(f".//{s}Code/{s}Subcode/{s}Value")
    assert found is not None and found.text is not None, response.text
    prefix, _, local = found.text.partition(":")
    return found.nsmap[prefix], local


@pytest.mark.parametrize(
    ("soap", "given", "code", "expected"),
    [
        # an action of another operation: dispatched there, and its formatter fails
        ("1.1", action(V, "HasNewMail"), DISPATCHER, "with name 'HasNewMail'"),
        ("1.2", action(V, "HasNewMail"), DISPATCHER, "with name 'HasNewMail'"),
        # an action of no operation of this endpoint, or none: ContractFilter mismatch
        ("1.1", action("Services88", COUNT), ADDRESSING_NONE, action("Services88", COUNT)),
        ("1.1", None, ADDRESSING_NONE, "The message with Action '' cannot be processed"),
        ("1.2", None, ADDRESSING_NONE, "The message with Action '' cannot be processed"),
    ],
)
def test_wrong_or_missing_action_is_answered_as_wcf_does(
    fake_netserver: FakeNetServer,
    client: httpx.Client,
    soap: Soap,
    given: str | None,
    code: str,
    expected: str,
) -> None:
    if soap == "1.1":
        extra = {"SOAPAction": f'"{given}"'} if given is not None else {}
        sent = {"Content-Type": "text/xml; charset=utf-8", **extra}
    else:
        parameter = f'; action="{given}"' if given is not None else ""
        sent = {"Content-Type": f"application/soap+xml; charset=utf-8{parameter}"}
    response = client.post(fake_netserver.endpoint(V), content=count_request(soap), headers=sent)
    assert response.status_code == 500
    name = "DeserializationFailed" if code == DISPATCHER else "ActionNotSupported"
    assert wcf_code(response) == (code, name)
    _, _, reason = fault(response)
    assert expected in reason
    if code == DISPATCHER:
        assert reason.startswith(FORMATTER)
    else:
        assert "ContractFilter mismatch at the EndpointDispatcher" in reason
        assert COUNT_ACTION in reason  # the hint names the action the Body's operation has


def test_envelope_version_must_match_the_content_type(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    response = client.post(
        fake_netserver.endpoint(V),
        content=count_request("1.2"),
        headers=soap_headers("1.1", COUNT_ACTION),
    )
    assert response.status_code == 500
    namespace, code, reason = fault(response)
    assert (namespace, code) == (SOAP11, "s:Client")
    assert "SOAP 1.2" in reason and "SOAP 1.1" in reason


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            count_request().replace(
                b"<EMail:OnlyUnread>true</EMail:OnlyUnread>",
                b"<EMail:OnlyUnread>maybe</EMail:OnlyUnread>",
            ),
            "does not validate against the Services86 schema",
        ),
        (
            count_request().replace(b"<EMail:OnlyUnread>", b"<EMail:Unknown/><EMail:OnlyUnread>"),
            "does not validate",
        ),
        (count_request()[:-30], "cannot be read"),
        (b"<NotSoap/>", "not a SOAP envelope"),
    ],
    ids=["bad-boolean", "unknown-element", "truncated", "not-soap"],
)
def test_invalid_body_is_a_fault(
    fake_netserver: FakeNetServer, client: httpx.Client, body: bytes, expected: str
) -> None:
    response = client.post(
        fake_netserver.endpoint(V), content=body, headers=soap_headers("1.1", COUNT_ACTION)
    )
    assert response.status_code == 500
    namespace, code, reason = fault(response)
    if "validate" in expected:  # well-formed, but not what the operation takes: as WCF says
        assert wcf_code(response) == (DISPATCHER, "DeserializationFailed")
        parameter = "OnlyUnread" if b"maybe" in body else "Unknown"
        assert reason.startswith(
            FORMATTER + "There was an error while trying to deserialize parameter "
            f"{NS}:{parameter}. The InnerException message was '"
        )
    else:
        assert (namespace, code) == (SOAP11, "s:Client")
    assert expected in reason
    assert fake_netserver.last_request.error == reason


def test_documented_layout_is_refused_unless_accepted(client: httpx.Client) -> None:
    documented = (DOCS / V / f"{COUNT}.request.xml").read_bytes()  # SOAP 1.2, no Header
    with FakeNetServer() as strict:
        response = client.post(
            strict.endpoint(V), content=documented, headers=soap_headers("1.2", COUNT_ACTION)
        )
    assert response.status_code == 500
    namespace, code, reason = fault(response)
    assert (namespace, code) == (SOAP12, "s:Sender")
    assert "documented layout" in reason
    assert "ApplicationToken" in reason and "accept_documented=True" in reason

    with FakeNetServer(accept_documented=True, ticket="7T:1234abcxyzExample==") as lenient:
        response = client.post(
            lenient.endpoint(V), content=documented, headers=soap_headers("1.2", COUNT_ACTION)
        )
        record = lenient.last_request
    assert response.status_code == 200
    assert response_text(response) == "0"
    assert record.ticket == "7T:1234abcxyzExample=="
    assert record.application_token == "1234567-1234-9876"


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
def test_ticket_is_checked_like_netserver(client: httpx.Client, soap: Soap) -> None:
    with FakeNetServer(ticket=TICKET) as server:
        good = post_count(client, server, soap, ticket=TICKET)
        wrong = post_count(client, server, soap, ticket="7T:SomeOtherTicket==")
        missing = post_count(client, server, soap)
        records = server.requests
    assert good.status_code == 200
    assert header_text(good, "e:Succeeded") == "true"
    assert response_text(good) == "0"
    for response, words in ((wrong, "not valid"), (missing, "no ticket")):
        # NetServer answers a bad ticket with HTTP 200, Succeeded false and an ExceptionInfo
        assert response.status_code == 200
        assert header_text(response, "e:Succeeded") == "false"
        assert header_text(response, "e:ExceptionInfo/e:ExceptionType") == "SoException"
        message = header_text(response, "e:ExceptionInfo/e:Message") or ""
        assert "ticket" in message and words in message
        assert TICKET not in response.text
        assert response_text(response) is None
    assert [r.error is None for r in records] == [True, False, False]


def test_application_token_is_checked(client: httpx.Client) -> None:
    with FakeNetServer(application_token=TOKEN) as server:
        good = post_count(client, server, application_token=TOKEN)
        wrong = post_count(client, server, application_token="another")
    assert header_text(good, "e:Succeeded") == "true"
    assert header_text(wrong, "e:Succeeded") == "false"
    assert "application token" in (header_text(wrong, "e:ExceptionInfo/e:Message") or "")
    assert TOKEN not in wrong.text


def test_unknown_paths_and_methods(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    base = f"http://127.0.0.1:{fake_netserver.port}"
    for path in (
        "/tenant/Remote/Services99/EMail.svc",
        "/other/Remote/Services86/EMail.svc",
        "/tenant/Remote/Services86/Person.svc",
    ):
        response = client.post(
            base + path, content=count_request(), headers=soap_headers("1.1", COUNT_ACTION)
        )
        assert response.status_code == 404, path
        assert "Services86" in response.text
    assert client.get(fake_netserver.endpoint(V)).status_code == 405
    assert client.get(fake_netserver.endpoint(V) + "?wsdl").status_code == 200  # for discover
    assert fake_netserver.requests == []


def test_body_size_is_bounded(client: httpx.Client) -> None:
    with FakeNetServer(max_body=100) as server:
        response = post_count(client, server)
    assert response.status_code == 413


# -- configured answers -----------------------------------------------------------------------


def test_respond_with_a_typed_value(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    entity = M.EMailEntity(subject="Hello, world", to=[M.EMailAddress(address="bob@example.com")])
    fake_netserver.respond("GetEMailFromId", entity)
    response = client.post(
        fake_netserver.endpoint(V),
        content=so.build_request(
            V, "GetEMailFromId", message_server_id=7, layout="wire", soap="1.1"
        ),
        headers=soap_headers("1.1", action(V, "GetEMailFromId")),
    )
    assert response.status_code == 200
    ns = {"e": NS}
    _, payload, _ = envelope(response)
    assert payload.findtext("e:Response/e:Subject", namespaces=ns) == "Hello, world"
    assert payload.findtext("e:Response/e:To/e:EMailAddress/e:Address", namespaces=ns) == (
        "bob@example.com"
    )
    # other operations keep their documented answer
    assert response_text(post_count(client, fake_netserver)) == "0"


def test_respond_with_a_callable_sees_the_request(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    seen: list[so.ParsedRequest] = []

    def count(request: so.ParsedRequest) -> int:
        seen.append(request)
        return len(request.params.connection_info.folder) * (
            10 if request.params.only_unread else 1
        )

    fake_netserver.respond(COUNT, count)
    assert response_text(post_count(client, fake_netserver)) == "50"  # "INBOX", unread
    assert seen[0].operation == COUNT and seen[0].soap_version == "1.1"


def test_respond_per_version_and_operation_none(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    fake_netserver.respond(COUNT, 5, version=V)
    fake_netserver.respond(COUNT, 9)
    fake_netserver.respond(None, True)  # every operation: here HasNewMail's boolean
    assert response_text(post_count(client, fake_netserver)) == "5"
    response = client.post(
        fake_netserver.endpoint("Services88"),
        content=so.build_request("Services88", COUNT, layout="wire", soap="1.1"),
        headers=soap_headers("1.1", action("Services88", COUNT)),
    )
    assert (
        (envelope(response)[1]).findtext(
            "{http://www.superoffice.net/ws/crm/NetServer/Services88}Response"
        )
        == "9"
    )
    response = client.post(
        fake_netserver.endpoint(V),
        content=so.build_request(V, "HasNewMail", layout="wire", soap="1.1"),
        headers=soap_headers("1.1", action(V, "HasNewMail")),
    )
    assert response_text(response) == "true"


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
def test_fail_answers_succeeded_false_with_exception_info(
    fake_netserver: FakeNetServer, client: httpx.Client, soap: Soap
) -> None:
    fake_netserver.fail(
        COUNT,
        "Folder not found",
        exception_type="SoMailException",
        friendly_text="The folder does not exist",
        source="SoMail",
        parameters={"folder": "INBOX"},
    )
    response = post_count(client, fake_netserver, soap)
    assert response.status_code == 200
    assert header_text(response, "e:Succeeded") == "false"
    assert header_text(response, "e:ExceptionInfo/e:Message") == "Folder not found"
    assert header_text(response, "e:ExceptionInfo/e:ExceptionType") == "SoMailException"
    assert header_text(response, "e:ExceptionInfo/e:FriendlyText") == "The folder does not exist"
    assert header_text(response, "e:ExceptionInfo/e:Source") == "SoMail"
    _, _, header = envelope(response)
    assert header is not None
    pair = header.find("e:ExceptionInfo/e:Parameters/*", namespaces={"e": NS})
    assert pair is not None and [c.text for c in pair] == ["folder", "INBOX"]
    assert response_text(response) is None


def test_callable_may_raise_netserver_error_or_soap_fault(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    def refuse(request: so.ParsedRequest) -> int:
        if request.params.only_unread:
            raise so.NetServerError("No unread mail today", exception_type="SoException")
        raise so.SoapFault("Server", "The mail server is down")

    fake_netserver.respond(COUNT, refuse)
    failed = post_count(client, fake_netserver)
    assert header_text(failed, "e:ExceptionInfo/e:Message") == "No unread mail today"
    faulted = client.post(
        fake_netserver.endpoint(V),
        content=so.build_request(V, COUNT, only_unread=False, layout="wire", soap="1.1"),
        headers=soap_headers("1.1", COUNT_ACTION),
    )
    assert faulted.status_code == 500
    assert fault(faulted) == (SOAP11, "s:Server", "The mail server is down")


@pytest.mark.parametrize(
    ("soap", "code", "expected"),
    [
        ("1.1", "Server", "s:Server"),
        ("1.1", "Receiver", "s:Server"),
        ("1.1", "Client", "s:Client"),
        ("1.2", "Server", "s:Receiver"),
        ("1.2", "Sender", "s:Sender"),
        ("1.2", "Client", "s:Sender"),
    ],
)
def test_fault(
    fake_netserver: FakeNetServer, client: httpx.Client, soap: Soap, code: str, expected: str
) -> None:
    fake_netserver.fault(None, code, "Object reference not set", detail="at SoMail.Count()")
    response = post_count(client, fake_netserver, soap)
    assert response.status_code == 500
    assert fault(response) == (
        SOAP11 if soap == "1.1" else SOAP12,
        expected,
        "Object reference not set",
    )
    assert "at SoMail.Count()" in response.text


def test_status(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    fake_netserver.status(COUNT, 502, "<html>Bad Gateway</html>", "text/html")
    response = post_count(client, fake_netserver)
    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html"
    assert response.text == "<html>Bad Gateway</html>"
    assert fake_netserver.last_request.operation == COUNT  # it was received all the same


def test_redirect(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    with FakeNetServer() as target:
        fake_netserver.redirect(None, target.endpoint(V))
        response = post_count(client, fake_netserver)
        assert response.status_code == 307
        assert response.headers["location"] == target.endpoint(V)
        followed = client.post(
            fake_netserver.endpoint(V),
            content=count_request(),
            headers=soap_headers("1.1", COUNT_ACTION),
            follow_redirects=True,
        )
        assert followed.status_code == 200 and response_text(followed) == "0"
        assert [r.operation for r in target.requests] == [COUNT]


def test_delay(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    fake_netserver.delay(COUNT, 0.3)
    started = time.monotonic()
    assert post_count(client, fake_netserver).status_code == 200
    assert time.monotonic() - started >= 0.3
    with pytest.raises(httpx.ReadTimeout):
        client.post(
            fake_netserver.endpoint(V),
            content=count_request(),
            headers=soap_headers("1.1", COUNT_ACTION),
            timeout=0.1,
        )
    fake_netserver.delay(COUNT, 0)
    started = time.monotonic()
    assert post_count(client, fake_netserver).status_code == 200
    assert time.monotonic() - started < 0.3


def test_reset(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    fake_netserver.reset(COUNT)
    with pytest.raises(httpx.TransportError):
        post_count(client, fake_netserver)
    fake_netserver.clear()
    assert post_count(client, fake_netserver).status_code == 200  # the server lives on


def test_answer_for_one_operation_wins_over_all(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    fake_netserver.status(None, 503, "maintenance")
    fake_netserver.respond(COUNT, 3)
    assert response_text(post_count(client, fake_netserver)) == "3"
    other = client.post(
        fake_netserver.endpoint(V),
        content=so.build_request(V, "HasNewMail", layout="wire", soap="1.1"),
        headers=soap_headers("1.1", action(V, "HasNewMail")),
    )
    assert other.status_code == 503


def test_a_broken_responder_is_a_receiver_fault_kept_for_the_test(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    fake_netserver.respond(COUNT, lambda request: 1 // 0)
    response = post_count(client, fake_netserver, "1.2")
    assert response.status_code == 500
    namespace, code, reason = fault(response)
    assert (namespace, code) == (SOAP12, "s:Receiver") and "ZeroDivisionError" in reason
    fake_netserver.respond(COUNT, "not a number")
    post_count(client, fake_netserver)
    assert [type(e) for e in fake_netserver.errors] == [ZeroDivisionError, so.BuildError]


def test_configuration_mistakes_are_refused_at_once(fake_netserver: FakeNetServer) -> None:
    with pytest.raises(so.UnknownOperationError, match="GetFolderEMailCoutn"):
        fake_netserver.respond("GetFolderEMailCoutn", 1)
    with pytest.raises(so.UsageError, match="Services99"):
        fake_netserver.respond(COUNT, 1, version="Services99")
    with pytest.raises(so.UnknownOperationError):
        fake_netserver.respond("GetCurrentAccountId", 1, version="Services73")  # newer
    with pytest.raises(so.UsageError, match="fault code"):
        fake_netserver.fault(COUNT, "Oops", "reason")
    with pytest.raises(so.UsageError, match="Services99"):
        fake_netserver.endpoint("Services99")
    with pytest.raises(so.UsageError, match=r"^seconds must be a number of seconds .*'2'$"):
        fake_netserver.delay(COUNT, "2")  # type: ignore[arg-type]
    with pytest.raises(so.UsageError, match=r"^interval must be a number of seconds .*-1$"):
        fake_netserver.drip(COUNT, -1)
    with pytest.raises(so.UsageError, match=r"^headers: Content-Length is the server's to set"):
        fake_netserver.status(COUNT, 200, b"x", headers={"Content-Length": "99"})


# -- records and secrets ----------------------------------------------------------------------


def test_requests_are_recorded(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    post_count(client, fake_netserver, ticket=TICKET, application_token=TOKEN)
    client.post(
        fake_netserver.endpoint(V), content=count_request(), headers={"Content-Type": "text/plain"}
    )
    accepted, refused = fake_netserver.requests
    assert (accepted.version, accepted.operation, accepted.soap_version) == (V, COUNT, "1.1")
    assert accepted.params == M.GetFolderEMailCountRequest(
        connection_info=M.EMailConnectionInfo(
            server_name="imap.example.com", user_name="anna", password=PASSWORD, folder="INBOX"
        ),
        only_unread=True,
    )
    assert accepted.headers["soapaction"] == f'"{COUNT_ACTION}"'
    assert accepted.headers["content-type"] == "text/xml; charset=utf-8"
    assert (accepted.ticket, accepted.application_token) == (TICKET, TOKEN)
    assert accepted.error is None
    assert refused.error is not None and "Content-Type" in refused.error
    assert refused.operation == COUNT
    fake_netserver.clear()
    assert fake_netserver.requests == []


def test_secrets_stay_out_of_reprs_and_messages(client: httpx.Client) -> None:
    with FakeNetServer(ticket=TICKET, application_token=TOKEN) as server:
        post_count(client, server, ticket=TICKET, application_token=TOKEN)
        wrong = post_count(client, server, ticket="7T:AnotherSecretTicket==")
        invalid = client.post(
            server.endpoint(V),
            content=count_request(ticket=TICKET).replace(
                b"true</EMail:OnlyUnread", b"x</EMail:OnlyUnread"
            ),
            headers={**soap_headers("1.1", COUNT_ACTION), "Authorization": f"SOTicket {TICKET}"},
        )
        server.respond(COUNT, lambda request: 1 // 0)
        broken = post_count(client, server, ticket=TICKET, application_token=TOKEN)
        shown = [
            repr(server),
            str(server),
            repr(server.requests),
            repr(server.errors),
            wrong.text,
            invalid.text,
            broken.text,
        ]
    assert server.requests[2].headers["authorization"] == "***"
    for text in shown:
        for secret in (TICKET, TOKEN, PASSWORD, "7T:AnotherSecretTicket=="):
            assert secret not in text


# -- life cycle -------------------------------------------------------------------------------


def test_life_cycle() -> None:
    server = FakeNetServer()
    with pytest.raises(so.UsageError, match="not running"):
        _ = server.port
    # not started: the in-process transports' URL, on a host that never resolves
    assert server.url == "http://fake-netserver.invalid/tenant/Remote/"
    server.start()
    with pytest.raises(so.UsageError, match="already running"):
        server.start()
    port = server.port
    server.stop()
    server.stop()  # idempotent
    with pytest.raises(httpx.ConnectError):
        httpx.post(f"http://127.0.0.1:{port}/tenant/Remote/Services86/EMail.svc", timeout=2)


def test_stop_is_bounded_with_open_connections_and_pending_delays() -> None:
    server = FakeNetServer().start()
    server.delay(None, 60)
    outcome: list[BaseException] = []

    def waiting_client() -> None:
        try:
            with httpx.Client(timeout=30) as http:
                post_count(http, server)
        except httpx.HTTPError as error:
            outcome.append(error)

    idle = httpx.Client(timeout=30)
    server.delay(None, 0)
    post_count(idle, server)  # leaves a kept-alive connection open
    server.delay(None, 60)
    thread = threading.Thread(target=waiting_client, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while len(server.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 2
    thread.join(5)
    idle.close()
    assert not thread.is_alive()
    assert outcome and isinstance(outcome[0], httpx.TransportError)


# -- the pytest plugin ------------------------------------------------------------------------


def test_plugin_is_registered_by_entry_point(pytestconfig: pytest.Config) -> None:
    plugin = pytestconfig.pluginmanager.get_plugin("superoffice_email")
    assert plugin is not None and plugin.__name__ == "superoffice_email.testing.plugin"


def test_fixture_serves_and_stops(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    assert post_count(client, fake_netserver).status_code == 200
    assert fake_netserver.ticket is None  # any ticket, until the test sets one
    fake_netserver.ticket = TICKET
    assert header_text(post_count(client, fake_netserver), "e:Succeeded") == "false"


def test_plugin_import_is_light() -> None:
    code = (
        "import sys, superoffice_email.testing.plugin; "
        "sys.exit('httpx' in sys.modules or 'superoffice_email._agent' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
