"""The agents on the wire (pytest-httpx): URL, headers and body of calls, values back, ownership.

Request bodies are compared, after C14N with prefixes rewritten, against envelopes written
by hand here; responses are hand-written in the form a WCF server sends.
"""

from __future__ import annotations

import asyncio
import importlib
import subprocess
import sys
from typing import Any, assert_type
from xml.etree.ElementTree import canonicalize

import httpx
import pytest
from lxml import etree
from pytest_httpx import HTTPXMock

import superoffice_email
from superoffice_email import (
    LATEST_VERSION,
    VERSIONS,
    AsyncEMailAgent,
    EMailAgent,
    UnknownOperationError,
    UnknownVersionError,
    UsageError,
    models,
)
from superoffice_email.agents import services80, services88
from superoffice_email.services import services88 as m88

BASE = "https://crm.example.com/t1/Remote/"
URL = "https://crm.example.com/t1/Remote/Services88/EMail.svc"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
S12 = "http://www.w3.org/2003/05/soap-envelope"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ACTION = "http://www.superoffice.net/ws/crm/NetServer/Services88/EMail/RefreshFolder"
TICKET = "7T:dGlja2V0LWZvci10ZXN0cw=="
TOKEN = "token-5a6b7c8d"
PASSWORD = "imap-pass-9z8y"

CONNECTION = m88.EMailConnectionInfo(
    server_name="imap.example.com",
    user_name="ann",
    password=PASSWORD,
    folder="INBOX",
    use_ssl=True,
)

# what RefreshFolder(CONNECTION, ["INBOX", "Sent Items"]) must send, inside either Envelope
REQUEST_PAYLOAD = f"""
  <Header>
    <ApplicationToken xmlns="{NS}">{TOKEN}</ApplicationToken>
    <Credentials xmlns="{NS}"><Ticket>{TICKET}</Ticket></Credentials>
  </Header>
  <Body>
    <RefreshFolder xmlns="{NS}">
      <ConnectionInfo>
        <ServerName>imap.example.com</ServerName>
        <UserName>ann</UserName>
        <Password>{PASSWORD}</Password>
        <Folder>INBOX</Folder>
        <UseSSL>true</UseSSL>
        <UseGraphApi>false</UseGraphApi>
      </ConnectionInfo>
      <Folders>
        <string xmlns="{ARR}">INBOX</string>
        <string xmlns="{ARR}">Sent Items</string>
      </Folders>
    </RefreshFolder>
  </Body>
"""


def expected_request(soap_ns: str) -> str:
    inner = REQUEST_PAYLOAD.replace("<Header>", "<soap:Header>").replace(
        "</Header>", "</soap:Header>"
    )
    inner = inner.replace("<Body>", "<soap:Body>").replace("</Body>", "</soap:Body>")
    return f'<soap:Envelope xmlns:soap="{soap_ns}">{inner}</soap:Envelope>'


def c14n(xml: str | bytes) -> str:
    text = xml.decode("utf-8") if isinstance(xml, bytes) else xml
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    return canonicalize(text, rewrite_prefixes=True, strip_text=True)


def response_envelope(soap_ns: str, payload: str) -> bytes:
    """A successful answer as WCF writes it: every header present, nil when empty."""
    return f"""<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="{soap_ns}">
  <s:Header>
    <ExceptionInfo xmlns="{NS}" xmlns:i="{XSI}" i:nil="true"/>
    <ExtraInfo xmlns="{NS}" xmlns:i="{XSI}" i:nil="true"/>
    <Succeeded xmlns="{NS}">true</Succeeded>
    <TimeZone xmlns="{NS}" xmlns:i="{XSI}" i:nil="true"/>
  </s:Header>
  <s:Body>{payload}</s:Body>
</s:Envelope>""".encode()


def answer(operation: str, inner: str = "", soap_ns: str = S11) -> bytes:
    """The successful SOAP answer to ``operation`` with ``inner`` in its wrapper."""
    return response_envelope(
        soap_ns, f'<{operation}Response xmlns="{NS}">{inner}</{operation}Response>'
    )


REFRESH_OK_11 = response_envelope(
    S11, f'<RefreshFolderResponse xmlns="{NS}"><Response>4711</Response></RefreshFolderResponse>'
)
REFRESH_OK_12 = response_envelope(
    S12, f'<RefreshFolderResponse xmlns="{NS}"><Response>4711</Response></RefreshFolderResponse>'
)
XML_11 = {"Content-Type": "text/xml; charset=utf-8"}
XML_12 = {"Content-Type": "application/soap+xml; charset=utf-8"}


def agent(**options: Any) -> services88.EMailAgent:
    options.setdefault("ticket", TICKET)
    options.setdefault("application_token", TOKEN)
    made: services88.EMailAgent = EMailAgent(BASE, **options)  # Any options: any overload
    return made


def async_agent(**options: Any) -> services88.AsyncEMailAgent:
    options.setdefault("ticket", TICKET)
    options.setdefault("application_token", TOKEN)
    made: services88.AsyncEMailAgent = AsyncEMailAgent(BASE, **options)
    return made


# --- on the wire --------------------------------------------------------------------------


def test_soap11_request_and_value(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=URL, content=REFRESH_OK_11, headers=XML_11)
    with agent() as client:
        value = client.refresh_folder(CONNECTION, ["INBOX", "Sent Items"])
    assert value == 4711
    request = httpx_mock.get_request()
    assert request is not None
    assert request.method == "POST"
    assert str(request.url) == URL
    assert request.headers["Content-Type"] == "text/xml; charset=utf-8"
    assert request.headers["SOAPAction"] == f'"{ACTION}"'
    assert request.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    assert c14n(request.content) == c14n(expected_request(S11))


def test_soap12_request_and_value(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(method="POST", url=URL, content=REFRESH_OK_12, headers=XML_12)
    with agent(soap="1.2") as client:
        value = client.refresh_folder(CONNECTION, folders=["INBOX", "Sent Items"])
    assert value == 4711
    request = httpx_mock.get_request()
    assert request is not None
    assert str(request.url) == URL
    assert request.headers["Content-Type"] == (
        f'application/soap+xml; charset=utf-8; action="{ACTION}"'
    )
    assert "SOAPAction" not in request.headers
    assert c14n(request.content) == c14n(expected_request(S12))


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
def test_async_request_and_value(httpx_mock: HTTPXMock, soap: str) -> None:
    body, headers = (REFRESH_OK_11, XML_11) if soap == "1.1" else (REFRESH_OK_12, XML_12)
    httpx_mock.add_response(method="POST", url=URL, content=body, headers=headers)

    async def run() -> int | None:
        async with async_agent(soap=soap) as client:
            return await client.refresh_folder(CONNECTION, ["INBOX", "Sent Items"])

    assert asyncio.run(run()) == 4711
    request = httpx_mock.get_request()
    assert request is not None
    assert str(request.url) == URL
    assert c14n(request.content) == c14n(expected_request(S11 if soap == "1.1" else S12))
    if soap == "1.1":
        assert request.headers["SOAPAction"] == f'"{ACTION}"'
    else:
        assert "SOAPAction" not in request.headers


def test_typed_values_come_back(httpx_mock: HTTPXMock) -> None:
    payload = (
        f'<GetFolderInfoResponse xmlns="{NS}"><Response>'
        "<EMailFolder><Name>INBOX</Name><Delimiter>/</Delimiter><TotalItems>12</TotalItems>"
        "<UnreadItems>3</UnreadItems></EMailFolder>"
        f'<EMailFolder xmlns:i="{XSI}" i:nil="true"/>'
        "</Response></GetFolderInfoResponse>"
    )
    httpx_mock.add_response(content=response_envelope(S11, payload), headers=XML_11)
    with agent() as client:
        folders = client.get_folder_info(CONNECTION)
    assert len(folders) == 1  # the nil item left out (list[EMailFolder])
    first = folders[0]
    assert isinstance(first, m88.EMailFolder)
    assert (first.name, first.delimiter, first.total_items, first.unread_items) == (
        "INBOX",
        "/",
        12,
        3,
    )


def test_void_operation_returns_none(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=answer("MarkEmailsAsRead"), headers=XML_11, is_reusable=True)
    with agent() as client:
        client.mark_emails_as_read([1, 2], read=True)  # typed -> None: nothing to look at
        assert client.call("MarkEmailsAsRead", ids=[1, 2], read=True) is None
    body = f"""<soap:Envelope xmlns:soap="{S11}"><soap:Header>
      <ApplicationToken xmlns="{NS}">{TOKEN}</ApplicationToken>
      <Credentials xmlns="{NS}"><Ticket>{TICKET}</Ticket></Credentials>
    </soap:Header><soap:Body><MarkEmailsAsRead xmlns="{NS}">
      <Ids><int xmlns="{ARR}">1</int><int xmlns="{ARR}">2</int></Ids><Read>true</Read>
    </MarkEmailsAsRead></soap:Body></soap:Envelope>"""
    for request in httpx_mock.get_requests():
        assert c14n(request.content) == c14n(body)


def test_no_credentials_no_header_elements(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        content=answer("TestAuthenticate", "<Response>true</Response>"),
        headers=XML_11,
    )
    with EMailAgent(BASE) as client:
        assert client.test_authenticate() is True
    request = httpx_mock.get_request()
    assert request is not None
    body = f'<Envelope xmlns="{S11}"><Body><TestAuthenticate xmlns="{NS}"/></Body></Envelope>'
    assert c14n(request.content) == c14n(body)


def test_time_zone_header(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        content=answer("GetCurrentAccountId", "<Response>5</Response>"),
        headers=XML_11,
    )
    zone = m88.SoTimeZone(so_time_zone_id=7, so_time_zone_location_code="NOOSL")
    with agent(time_zone=zone, application_token=None) as client:
        assert client.get_current_account_id() == 5
    request = httpx_mock.get_request()
    assert request is not None
    body = f"""<soap:Envelope xmlns:soap="{S11}"><soap:Header>
      <Credentials xmlns="{NS}"><Ticket>{TICKET}</Ticket></Credentials>
      <TimeZone xmlns="{NS}"><SoTimeZoneId>7</SoTimeZoneId>
        <SoTimeZoneLocationCode>NOOSL</SoTimeZoneLocationCode></TimeZone>
    </soap:Header><soap:Body><GetCurrentAccountId xmlns="{NS}"/></soap:Body></soap:Envelope>"""
    assert c14n(request.content) == c14n(body)


def test_documented_layout_puts_headers_in_the_envelope(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11)
    with agent(layout="documented") as client:
        client.refresh_folder(folders=["INBOX"])
    request = httpx_mock.get_request()
    assert request is not None
    root = etree.fromstring(request.content)
    assert [etree.QName(c).localname for c in root] == ["ApplicationToken", "Credentials", "Body"]
    folders = root.find(f"{{{S11}}}Body/{{{NS}}}RefreshFolder/{{{NS}}}Folders")
    assert (
        folders is not None
        and folders.get(f"{{{XSI}}}type") == "NetServerServices882:ArrayOfstring"
    )


def test_full_svc_url_and_older_version(httpx_mock: HTTPXMock) -> None:
    url = "https://crm.example.com/t1/Remote/Services80/EMail.svc"
    ns80 = "http://www.superoffice.net/ws/crm/NetServer/Services80"
    payload = (
        f'<GetFolderEMailCountResponse xmlns="{ns80}"><Response>9</Response>'
        "</GetFolderEMailCountResponse>"
    )
    body = response_envelope(S11, payload).replace(NS.encode(), ns80.encode())
    httpx_mock.add_response(url=url, content=body, headers=XML_11)
    with EMailAgent(url, version="Services80") as client:
        assert isinstance(client, services80.EMailAgent)
        assert client.version == "Services80"
        assert not hasattr(client, "get_current_account_id")  # added in Services83
        assert client.get_folder_email_count(only_unread=True) == 9
    request = httpx_mock.get_request()
    assert request is not None
    assert request.headers["SOAPAction"] == (
        '"http://www.superoffice.net/ws/crm/NetServer/Services80/EMail/GetFolderEMailCount"'
    )
    expected = f"""<soap:Envelope xmlns:soap="{S11}"><soap:Body>
      <GetFolderEMailCount xmlns="{ns80}"><OnlyUnread>true</OnlyUnread></GetFolderEMailCount>
    </soap:Body></soap:Envelope>"""
    assert c14n(request.content) == c14n(expected)


def test_call_by_name(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11)
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11)
    with agent() as client:
        assert (
            client.call(
                "RefreshFolder", connection_info=CONNECTION, folders=["INBOX", "Sent Items"]
            )
            == 4711
        )
        request = m88.RefreshFolderRequest(
            connection_info=CONNECTION, folders=["INBOX", "Sent Items"]
        )
        assert client.call("RefreshFolder", request) == 4711
        with pytest.raises(UnknownOperationError):
            client.call("NoSuchOperation")
    for sent in httpx_mock.get_requests():
        assert c14n(sent.content) == c14n(expected_request(S11))


def test_async_call_by_name(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11)

    async def run() -> Any:
        async with async_agent() as client:
            return await client.call("RefreshFolder", folders=["INBOX"])

    assert asyncio.run(run()) == 4711


# --- timeouts -----------------------------------------------------------------------------


def sent_timeout(httpx_mock: HTTPXMock) -> Any:
    request = httpx_mock.get_requests()[-1]
    return request.extensions["timeout"]


def test_timeouts(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11, is_reusable=True)
    with agent(timeout=5) as client:
        client.refresh_folder()
    assert sent_timeout(httpx_mock) == {"connect": 5.0, "read": 5.0, "write": 5.0, "pool": 5.0}
    with agent() as client:
        client.refresh_folder()
    assert sent_timeout(httpx_mock)["read"] == 60.0
    with httpx.Client(timeout=3) as borrowed:
        # a borrowed client keeps its own timeout, unless one is asked for
        agent(client=borrowed).refresh_folder()
        assert sent_timeout(httpx_mock)["read"] == 3.0
        agent(client=borrowed, timeout=9).refresh_folder()
        assert sent_timeout(httpx_mock)["read"] == 9.0


# --- construction, versions, typing -------------------------------------------------------


def test_public_names_build_the_versions_class() -> None:
    for version in VERSIONS:
        module = importlib.import_module(f"superoffice_email.agents.{version.lower()}")
        with EMailAgent(BASE, version=version) as sync:
            assert type(sync) is module.EMailAgent
            assert isinstance(sync, EMailAgent)
            assert sync.url == f"{BASE}{version}/EMail.svc"
        async_agent_ = AsyncEMailAgent(BASE, version=version)
        assert type(async_agent_) is module.AsyncEMailAgent
        assert isinstance(async_agent_, AsyncEMailAgent)
        asyncio.run(async_agent_.close())


def test_default_version_is_the_latest_and_statically_typed() -> None:
    with EMailAgent(BASE) as client:
        assert_type(client, services88.EMailAgent)
        assert client.version == LATEST_VERSION == "Services88"
    assert_type(AsyncEMailAgent(BASE, client=httpx.AsyncClient()), services88.AsyncEMailAgent)


def test_generated_class_directly() -> None:
    with services80.EMailAgent(BASE) as client:
        assert client.version == "Services80"
    with pytest.raises(UsageError, match="speaks Services80"):
        services80.EMailAgent(BASE, version="Services88")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"version": "Services99"}, "no models for 'Services99'"),
        ({"soap": "1.3"}, "soap must be"),
        ({"layout": "pretty"}, "layout must be"),
        ({"max_response_bytes": 0}, "max_response_bytes must be a positive int"),
        ({"deadline": 0}, "deadline must be a positive number of seconds, not 0"),
        ({"deadline": -1.5}, "deadline must be a positive number of seconds, not -1.5"),
        ({"deadline": float("nan")}, "deadline must be a positive number of seconds, not nan"),
        ({"deadline": float("inf")}, "deadline must be a positive number of seconds, not inf"),
        ({"deadline": "30"}, "deadline must be a positive number of seconds, not '30'"),
        ({"deadline": True}, "deadline must be a positive number of seconds, not True"),
        ({"timeout": -1}, "timeout must be a positive number of seconds, None .* not -1"),
        ({"timeout": "5"}, "timeout must be a positive number of seconds, None .* not '5'"),
        ({"timeout": 0}, "timeout must be a positive number of seconds, None .* not 0"),
        (
            {"timeout": httpx.Timeout(5.0, read=-2.0)},
            r"timeout must be .* not Timeout\(connect=5.0, read=-2.0, write=5.0, pool=5.0\)",
        ),
        ({"ticket": 1234}, "ticket must be a string, not int"),
        ({"time_zone": "Europe/Oslo"}, "time_zone must be Services88's SoTimeZone"),
        ({"client": httpx.AsyncClient()}, "client must be an httpx.Client"),
    ],
)
def test_bad_arguments(options: dict[str, Any], message: str) -> None:
    error_type = UnknownVersionError if "version" in options else UsageError
    with pytest.raises(error_type, match=message):
        EMailAgent(BASE, **options)


def test_time_zone_of_another_version_is_refused() -> None:
    with pytest.raises(UsageError, match="SoTimeZone"):
        EMailAgent(BASE, time_zone=models("Services86").SoTimeZone(so_time_zone_id=1))


def test_repr_shows_url_and_version_never_secrets() -> None:
    with agent() as client:
        for text in (repr(client), str(client)):
            assert text == f"<EMailAgent Services88 {URL}>"
    secret_url = "https://ann:pa55word@crm.example.com/t1/Remote/"
    with EMailAgent(secret_url, ticket=TICKET) as client:
        assert "pa55word" not in repr(client) and TICKET not in repr(client)
    async_client = async_agent()
    assert repr(async_client) == f"<AsyncEMailAgent Services88 {URL}>"
    asyncio.run(async_client.aclose())


def test_client_import_is_lazy() -> None:
    code = """
import sys
import superoffice_email
from superoffice_email import EMailAgent
loaded = lambda: sorted(m for m in sys.modules if ".services.services" in m or ".agents." in m)
assert loaded() == [], loaded()
EMailAgent("https://h.example/Remote/", version="Services82").close()
assert loaded() == [
    "superoffice_email.agents.services82", "superoffice_email.services.services82"
], loaded()
"""
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_names_are_exported() -> None:
    assert superoffice_email.EMailAgent is EMailAgent
    assert superoffice_email.AsyncEMailAgent is AsyncEMailAgent


# --- who closes the client ----------------------------------------------------------------


def test_own_client_is_closed(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11)
    with agent() as client:
        assert not client.closed
        client.refresh_folder()
    assert client.closed
    with pytest.raises(UsageError, match="the agent is closed"):
        client.refresh_folder()
    explicit = agent()
    explicit.close()
    assert explicit.closed


def test_borrowed_client_stays_open(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11, is_reusable=True)
    with httpx.Client() as borrowed:
        with agent(client=borrowed) as client:
            assert client.refresh_folder() == 4711
        assert not borrowed.is_closed
        client.close()
        assert not borrowed.is_closed
        assert client.refresh_folder() == 4711  # still usable: the client is the caller's
    with pytest.raises(UsageError, match="the httpx client given to the agent is closed"):
        client.refresh_folder()


def test_async_ownership(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=REFRESH_OK_11, headers=XML_11, is_reusable=True)

    async def run() -> None:
        async with async_agent() as own:
            assert await own.refresh_folder() == 4711
        assert own.closed
        with pytest.raises(UsageError):
            await own.refresh_folder()
        async with httpx.AsyncClient() as borrowed:
            async with async_agent(client=borrowed) as client:
                assert await client.refresh_folder() == 4711
            assert not borrowed.is_closed
            await client.aclose()
            assert not borrowed.is_closed
            assert await client.refresh_folder() == 4711

    asyncio.run(run())
