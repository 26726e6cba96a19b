"""The login's wire facts: envelopes against the WSDLs and documented examples, what counts as a
refused ticket, URLs as SuperOffice hands them out, and version discovery.

Expected values come from SuperOffice's documentation and WSDLs (quoted below), not from the
code under test.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import httpx
import pytest
from lxml import etree

import superoffice_email as so
from superoffice_email._discover import newest_common
from superoffice_email._login import (
    LoginAnswer,
    is_ticket_refused,
    partner_call,
    read_partner,
    read_soprincipal,
    soprincipal_call,
)
from superoffice_email.testing import FakeNetServer

NS88 = "http://www.superoffice.net/ws/crm/NetServer/Services88"
PARTNER = "http://www.superoffice.com/superid/partnersystemuser/0.1"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"

# The documented AuthenticateUsernamePassword response (Services88, 2021-03), with a ticket
# and AuthenticationSucceeded true where the example has empty values and false; most of the
# SoPrincipalCarrier left out.
DOCUMENTED_RESPONSE = b"""<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope
 xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
 xmlns:xsd="http://www.w3.org/2001/XMLSchema"
 xmlns:SoPrincipal="http://www.superoffice.net/ws/crm/NetServer/Services88">
 <SOAP-ENV:Body>
  <SoPrincipal:AuthenticateResponse>
   <SoPrincipal:Response xsi:type="SoPrincipal:SoPrincipalCarrier">
    <SoPrincipal:UserType xsi:type="SoPrincipal:UserType">Unknown</SoPrincipal:UserType>
    <SoPrincipal:Associate xsi:type="xsd:string">ANN</SoPrincipal:Associate>
   </SoPrincipal:Response>
   <SoPrincipal:Credentials xsi:type="SoPrincipal:SoCredentials">
    <SoPrincipal:Ticket xsi:type="xsd:string">7T:AbCdEf==</SoPrincipal:Ticket>
   </SoPrincipal:Credentials>
   <SoPrincipal:AuthenticationSucceeded xsi:type="xsd:boolean"
    >%s</SoPrincipal:AuthenticationSucceeded>
  </SoPrincipal:AuthenticateResponse>
 </SOAP-ENV:Body>
</SOAP-ENV:Envelope>
"""
SESSION = "SuperOffice.Exceptions.SoSessionException"
XML = {"content-type": "application/soap+xml; charset=utf-8"}


def call88() -> object:
    return soprincipal_call(
        "https://host/Cust1/Remote/",
        "Services88",
        "AuthenticateUsernamePassword",
        {"user_name": "ann", "password": "s3cret"},
        application_token="app-1",
    )


def test_soprincipal_request_as_the_wsdl_binds_it() -> None:
    call = soprincipal_call(
        "https://host/Cust1/Remote/",
        "Services88",
        "AuthenticateUsernamePassword",
        {"user_name": "ann", "password": "s3cret"},
        application_token="app-1",
    )
    # the live WSDL: soapAction .../Services88/SoPrincipal/AuthenticateUsernamePassword,
    # ApplicationToken as a header, UserName and Password in the wrapper, all in the service NS
    assert call.url == "https://host/Cust1/Remote/Services88/SoPrincipal.svc"
    assert call.headers["SOAPAction"] == f'"{NS88}/SoPrincipal/AuthenticateUsernamePassword"'
    assert call.headers["Content-Type"].startswith("text/xml")
    root = etree.fromstring(call.content)
    names = {"s": SOAP11, "p": NS88}
    assert root.xpath("string(s:Header/p:ApplicationToken)", namespaces=names) == "app-1"
    wrapper = root.find("s:Body/p:AuthenticateUsernamePassword", names)
    assert wrapper is not None
    assert [(etree.QName(c).localname, c.text) for c in wrapper] == [
        ("UserName", "ann"),
        ("Password", "s3cret"),
    ]
    assert "s3cret" not in repr(call)


def test_the_documented_response_gives_the_ticket() -> None:
    call = soprincipal_call("https://h/t/Remote/", "Services88", "AuthenticateUsernamePassword", {})
    answer = LoginAnswer(200, XML, DOCUMENTED_RESPONSE % b"true")
    assert read_soprincipal(call, answer) == "7T:AbCdEf=="
    refused = LoginAnswer(200, XML, DOCUMENTED_RESPONSE % b"false")
    with pytest.raises(so.AuthenticationError, match="AuthenticationSucceeded false") as caught:
        read_soprincipal(call, refused)
    assert "AbCdEf" not in str(caught.value)


def test_a_failed_soprincipal_call_is_a_netserver_error() -> None:
    body = f"""<s:Envelope xmlns:s="{SOAP11}"><s:Header>
      <ExceptionInfo xmlns="{NS88}"><Message>Boom for s3cret</Message>
      <ExceptionType>SoException</ExceptionType></ExceptionInfo>
      <Succeeded xmlns="{NS88}">false</Succeeded></s:Header>
      <s:Body><AuthenticateResponse xmlns="{NS88}"/></s:Body></s:Envelope>""".encode()
    call = soprincipal_call(
        "https://h/t/Remote/",
        "Services88",
        "AuthenticateUsernamePassword",
        {"password": "s3cret"},
    )
    with pytest.raises(so.NetServerError) as caught:
        read_soprincipal(call, LoginAnswer(200, {"content-type": "text/xml"}, body))
    assert caught.value.exception_type == "SoException"
    assert "s3cret" not in str(caught.value) and "Boom" in str(caught.value)


def test_partner_system_user_request_and_answer() -> None:
    call = partner_call(
        "https://sod.superoffice.com/Login/Services/PartnerSystemUserService.svc",
        "SysTok.202601011200.c2ln",
        application_token="app-1",
        context_identifier="Cust1",
    )
    # PartnerSystemUserService.wsdl: its own namespace, headers ApplicationToken and
    # ContextIdentifier, body AuthenticationRequest(SignedSystemToken, ReturnTokenType)
    expected_action = f"{PARTNER}/IPartnerSystemUserService/Authenticate"
    assert call.headers["SOAPAction"] == f'"{expected_action}"'
    names = {"s": SOAP11, "p": PARTNER}
    root = etree.fromstring(call.content)
    assert root.xpath("string(s:Header/p:ContextIdentifier)", namespaces=names) == "Cust1"
    assert root.xpath("string(s:Header/p:ApplicationToken)", namespaces=names) == "app-1"
    request = root.find("s:Body/p:AuthenticationRequest", names)
    assert request is not None
    assert [(etree.QName(c).localname, c.text) for c in request] == [
        ("SignedSystemToken", "SysTok.202601011200.c2ln"),
        ("ReturnTokenType", "Jwt"),
    ]
    good = f"""<s:Envelope xmlns:s="{SOAP11}"><s:Body><AuthenticationResponse xmlns="{PARTNER}">
      <IsSuccessful>true</IsSuccessful><Token>eyJ.a.b</Token><ErrorMessage i:nil="true"
      xmlns:i="http://www.w3.org/2001/XMLSchema-instance"/></AuthenticationResponse></s:Body>
      </s:Envelope>""".encode()
    assert read_partner(call, LoginAnswer(200, {"content-type": "text/xml"}, good)) == "eyJ.a.b"
    bad = f"""<s:Envelope xmlns:s="{SOAP11}"><s:Body><AuthenticationResponse xmlns="{PARTNER}">
      <IsSuccessful>false</IsSuccessful><ErrorMessage>Unknown SysTok</ErrorMessage>
      </AuthenticationResponse></s:Body></s:Envelope>""".encode()
    with pytest.raises(so.AuthenticationError) as caught:
        read_partner(call, LoginAnswer(200, {"content-type": "text/xml"}, bad))
    assert "Unknown" in str(caught.value) and "SysTok" not in str(caught.value)


@pytest.mark.parametrize(
    ("error", "refused"),
    [
        # netserver-in-use.md 1.1: SoSessionException("Failed to validate tokens: ...")
        (so.NetServerError("Failed to validate tokens: x", exception_type=SESSION), True),
        (so.NetServerError("Authentication failed!", exception_type=SESSION), True),
        (so.NetServerError("whatever", exception_type="SoSessionException"), True),
        (so.NetServerError("Authentication failed: no", exception_type="SoException"), True),
        (so.NetServerError("Folder INBOX not found", exception_type="SoException"), False),
        (so.NetServerError("Failed to save", exception_type=None), False),
        (so.SoapFault("s:Client", "Failed to validate tokens: expired"), True),
        (so.SoapFault("s:Client", "ContractFilter mismatch"), False),
        (so.TransportError("Authentication failed"), False),
    ],
)  # fmt: skip
def test_what_counts_as_a_refused_ticket(error: BaseException, refused: bool) -> None:
    assert is_ticket_refused(error) is refused


# -- URLs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("tail", ["Services86/", "Services86", "services86/"])
def test_netserver_url_gives_the_version(tail: str) -> None:
    url = "https://sod.superoffice.com/Cust26759/Remote/" + tail
    with so.EMailAgent(url) as agent:
        assert agent.version == "Services86"
        assert agent.url == "https://sod.superoffice.com/Cust26759/Remote/Services86/EMail.svc"


def test_netserver_url_with_the_same_version() -> None:
    url = "https://sod.superoffice.com/Cust26759/Remote/Services86/"
    with so.EMailAgent(url, version="Services86") as agent:
        assert agent.url.endswith("/Cust26759/Remote/Services86/EMail.svc")


@pytest.mark.parametrize("cls", [so.EMailAgent, so.AsyncEMailAgent])
def test_netserver_url_with_another_version_is_a_usage_error(cls: Callable[..., object]) -> None:
    url = "https://sod.superoffice.com/Cust26759/Remote/Services86/"
    with pytest.raises(so.UsageError, match=r"Services86.*Services88"):
        cls(url, version="Services88")


# -- discovery -----------------------------------------------------------------------------------


def test_discover_through_the_version_endpoint() -> None:
    with FakeNetServer() as server:
        # the fake answers HTML unless asked for JSON: getting versions means discover asked
        assert so.discover(server.url) == ("Services87", "Services88")
        assert asyncio.run(so.adiscover(server.url + "Services86/EMail.svc")) == (
            "Services87",
            "Services88",
        )


def test_discover_by_probing_when_there_is_no_version_endpoint() -> None:
    with FakeNetServer() as server:
        server.login.api = False
        assert so.discover(server.url) == so.VERSIONS


def site(versions: set[str], api: bytes | None = None) -> httpx.MockTransport:
    """A site serving the EMail WSDL of ``versions`` only, with or without ``/api``."""

    def handle(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/Cust1/api" and api is not None:
            return httpx.Response(200, content=api, headers={"content-type": "application/json"})
        version = path.removeprefix("/Cust1/Remote/").partition("/")[0]
        if request.url.query == b"wsdl" and version in versions:
            return httpx.Response(200, text="<wsdl:definitions/>")
        return httpx.Response(404, text="Not Found")

    return httpx.MockTransport(handle)


def test_connect_picks_the_newest_version_both_know() -> None:
    transport = site({"Services84", "Services85", "Services86"})
    with httpx.Client(transport=transport) as client:
        assert so.discover("https://h/Cust1/Remote/", client=client) == (
            "Services84",
            "Services85",
            "Services86",
        )
        agent = so.EMailAgent.connect("https://h/Cust1/Remote/", client=client, ticket="7T:x")
        assert agent.version == "Services86"
        assert agent.url == "https://h/Cust1/Remote/Services86/EMail.svc"


def test_connect_async_with_a_site_newer_than_us() -> None:
    api = (
        b'{"NetServerVersion": "11.0.1", "Services": "Services88", "ServicesCurrent": "Services89"}'
    )

    async def main() -> str:
        async with httpx.AsyncClient(transport=site(set(), api)) as client:
            agent = await so.AsyncEMailAgent.connect("https://h/Cust1/Remote/", client=client)
            return agent.version

    assert asyncio.run(main()) == "Services88"


def test_newest_common() -> None:
    assert newest_common(["Services87", "Services89"]) == "Services88"
    assert newest_common(["Services84"]) == "Services84"
    with pytest.raises(so.ProtocolError):
        newest_common([])
    with pytest.raises(so.ProtocolError):
        newest_common(["Services70"])


def test_discover_needs_a_netserver_url() -> None:
    with pytest.raises(so.UsageError, match="/Remote/"):
        so.discover("https://host/tenant/")


@pytest.mark.parametrize(
    "url", ["https://h/t/Remote/?ticket=7T:secret-in-query", "https://h/t/Remote/#frag"]
)
def test_connect_refuses_a_query_as_the_constructor_does(url: str) -> None:
    # dropping it without a word would hide a mistake; the error must not echo the query
    with pytest.raises(so.UsageError, match="query or fragment") as caught:
        so.EMailAgent.connect(url)
    assert "secret-in-query" not in str(caught.value)
    with pytest.raises(so.UsageError, match="query or fragment"):
        asyncio.run(so.AsyncEMailAgent.connect(url))


def test_discover_takes_a_wsdl_address() -> None:
    # ?wsdl names the same site: the address a user copies from a browser still works
    with FakeNetServer() as server:
        assert so.discover(server.url + "Services88/EMail.svc?wsdl")
