"""FakeNetServer in process (``transport()`` / ``async_transport()``): the same answers as
over the socket, byte for byte, through the real agents; the I/O faults as httpx raises them."""

from __future__ import annotations

import asyncio
import time
from typing import Literal

import httpx
import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

V = "Services86"
M = so.models(V)
TICKET = "7T:inProcessTicket=="
INFO = M.EMailConnectionInfo(
    server_name="imap.example.com", user_name="me", password="pw-1234", folder="INBOX"
)


def test_sync_agent_in_process_without_a_socket() -> None:
    server = FakeNetServer(ticket=TICKET)  # never started
    server.respond("RefreshFolder", 1002)
    assert server.url == "http://fake-netserver.invalid/tenant/Remote/"
    client = httpx.Client(transport=server.transport())
    with so.EMailAgent(server.url, version=V, ticket=TICKET, client=client) as agent:
        assert agent.refresh_folder(INFO, ["INBOX"]) == 1002
        assert agent.get_folder_email_count(INFO, only_unread=True) == 0  # the documented example
    record = server.requests[0]
    assert (record.operation, record.ticket, record.error) == ("RefreshFolder", TICKET, None)
    assert record.params.folders == ["INBOX"]
    # the ticket check works as on the wire
    with (
        so.EMailAgent(server.url, version=V, ticket="7T:wrong", client=client) as agent,
        pytest.raises(so.NetServerError, match="Authentication failed"),
    ):
        agent.refresh_folder(INFO, ["INBOX"])
    client.close()


def test_async_agent_in_process() -> None:
    server = FakeNetServer()
    server.respond("GetFolderEMailCount", 5)

    async def main() -> int | None:
        client = httpx.AsyncClient(transport=server.async_transport())
        async with so.AsyncEMailAgent(server.url, version=V, client=client) as agent:
            result = await agent.get_folder_email_count(INFO, only_unread=False)
        await client.aclose()
        return result

    assert asyncio.run(main()) == 5
    assert server.last_request.params.only_unread is False


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
def test_same_bytes_as_over_the_socket(soap: Literal["1.1", "1.2"]) -> None:
    body = so.build_request(
        V, "GetFolderEMailCount", connection_info=INFO, only_unread=True, layout="wire", soap=soap
    )
    action = f"http://www.superoffice.net/ws/crm/NetServer/{V}/EMail/GetFolderEMailCount"
    headers = (
        {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{action}"'}
        if soap == "1.1"
        else {"Content-Type": f'application/soap+xml; charset=utf-8; action="{action}"'}
    )
    answers = []
    with FakeNetServer() as server:
        for client in (httpx.Client(), httpx.Client(transport=server.transport())):
            with client:
                for content in (body, body.replace(b"true", b"maybe")):  # an answer, a fault
                    response = client.post(server.endpoint(V), content=content, headers=headers)
                    answer = (response.status_code, response.headers["content-type"])
                    answers.append((*answer, response.content))
    assert answers[:2] == answers[2:]
    assert [a[0] for a in answers[:2]] == [200, 500]


def test_faults_in_process() -> None:
    server = FakeNetServer()
    client = httpx.Client(transport=server.transport())
    url = server.endpoint(V)
    server.status(None, 502, "bad gateway")
    assert client.post(url, content=b"x").status_code == 502
    server.clear()
    server.reset("GetFolderEMailCount")
    body = so.build_request(
        V, "GetFolderEMailCount", connection_info=INFO, only_unread=True, layout="wire", soap="1.1"
    )
    headers = {
        "Content-Type": "text/xml; charset=utf-8",
        "SOAPAction": f"http://www.superoffice.net/ws/crm/NetServer/{V}/EMail/GetFolderEMailCount",
    }
    with pytest.raises(httpx.ReadError):
        client.post(url, content=body, headers=headers)
    server.clear()
    server.drip(None, 0.02, chunk_bytes=200)
    start = time.perf_counter()
    response = client.post(url, content=body, headers=headers)
    chunks = -(-len(response.content) // 200)
    assert response.status_code == 200 and chunks > 2
    assert time.perf_counter() - start >= 0.02 * (chunks - 1) * 0.9
    assert client.post(server.url + "nowhere", content=b"").status_code == 404
    client.close()


def test_agents_over_the_in_process_transport_map_faults_like_the_socket() -> None:
    server = FakeNetServer()
    server.fault("RefreshFolder", "Server", "boom")
    with (
        so.EMailAgent(
            server.url, version=V, client=httpx.Client(transport=server.transport())
        ) as agent,
        pytest.raises(so.SoapFault, match="boom"),
    ):
        agent.refresh_folder(INFO, ["INBOX"])


def test_a_huge_invalid_request_is_refused_quickly_naming_the_operation() -> None:
    arrays = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
    service = f"http://www.superoffice.net/ws/crm/NetServer/{V}"
    items = f'<string xmlns="{arrays}"><x/></string>' * 20_000
    body = (
        '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
        f'<RefreshFolder xmlns="{service}"><ConnectionInfo/><Folders>{items}</Folders>'
        "</RefreshFolder></s:Body></s:Envelope>"
    ).encode()
    server = FakeNetServer()
    with httpx.Client(transport=server.transport()) as client:
        response = client.post(
            server.endpoint(V),
            content=body,
            headers={
                "Content-Type": "text/xml; charset=utf-8",
                "SOAPAction": f"{service}/EMail/RefreshFolder",
            },
        )
    assert response.status_code == 500
    reason = server.last_request.error or ""
    assert reason.startswith(
        "The formatter threw an exception while trying to deserialize the message: There was "
        f"an error while trying to deserialize parameter {service}:RefreshFolder. "
    )
    assert "(and 19995 more)" in reason
