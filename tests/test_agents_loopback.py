"""One suite, run by the sync and the async agent, against FakeNetServer over real loopback HTTP."""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

from .conftest import documented

VERSION = "Services86"
m = so.models(VERSION)
TICKET = "7T:loopback-ticket"
INFO = m.EMailConnectionInfo(
    server_name="imap.example.com", user_name="me", password="pw", folder="INBOX", use_ssl=True
)

# a caller: (method name, args, kwargs) -> result, for either agent kind
Caller = Callable[..., Any]


@pytest.fixture(scope="module")
def server() -> Iterator[FakeNetServer]:
    with FakeNetServer(ticket=TICKET) as fake:
        yield fake


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest, server: FakeNetServer) -> Iterator[Caller]:
    server.clear()
    kind = request.param
    options: dict[str, Any] = {"version": VERSION, "ticket": TICKET, "timeout": 5.0}
    if kind == "sync":
        with so.EMailAgent(server.url, **options) as agent:
            yield lambda method, *a, **k: getattr(agent, method)(*a, **k)
        return

    def run(method: str, *args: Any, **kwargs: Any) -> Any:
        async def once() -> Any:
            async with so.AsyncEMailAgent(server.url, **options) as agent:
                return await getattr(agent, method)(*args, **kwargs)

        return asyncio.run(once())

    yield run


@pytest.mark.parametrize("soap", ["1.1", "1.2"])
def test_documented_answer_by_default(server: FakeNetServer, soap: str) -> None:
    with so.EMailAgent(server.url, version=VERSION, ticket=TICKET, soap=soap) as agent:  # type: ignore[call-overload]
        assert agent.refresh_folder(INFO, ["INBOX"]) == 0
    record = server.last_request
    assert record.operation == "RefreshFolder" and record.soap_version == soap
    assert record.params == m.RefreshFolderRequest(connection_info=INFO, folders=["INBOX"])


def test_typed_result(call: Caller, server: FakeNetServer) -> None:
    sent = datetime.datetime(2024, 5, 1, 8, 30, tzinfo=datetime.UTC)
    mail = m.EMailEntity(
        subject="Quarterly report",
        sent=sent,
        priority=m.EMailPriority.HIGH,
        flags=m.EMailFlags.SEEN | m.EMailFlags.ANSWERED,
        to=[m.EMailAddress(address="ceo@example.com", duplicate_person_ids=[7])],
        attachments=[m.EMailAttachment(filename="r.pdf", stream=b"%PDF-1.7\x00\xff")],
    )
    server.respond("GetEMailFromId", mail)
    got = call(
        "get_email_from_id",
        INFO,
        42,
        lookup_addresses=False,
        flags=m.EMailFlags.SEEN,
        include_attachments=True,
    )
    assert got == mail
    assert server.last_request.params.message_server_id == 42


def test_results_match_their_own_requests(call: Caller, server: FakeNetServer) -> None:
    # each answer is computed from its own request: a mix-up would show
    server.respond("RefreshFolder", lambda request: 1000 + len(request.params.folders))
    for count in (1, 2, 3):
        assert call("refresh_folder", INFO, ["F"] * count) == 1000 + count


def test_void_operation(call: Caller, server: FakeNetServer) -> None:
    assert call("mark_emails_as_read", [1, 2, 3], read=True) is None
    assert server.last_request.params == m.MarkEmailsAsReadRequest(ids=[1, 2, 3], read=True)


def test_netserver_failure(call: Caller, server: FakeNetServer) -> None:
    server.fail("RefreshFolder", "Folder not found", exception_type="SoMailException")
    with pytest.raises(so.NetServerError) as caught:
        call("refresh_folder", INFO, ["Nope"])
    assert caught.value.message == "Folder not found"
    assert caught.value.exception_type == "SoMailException"


def test_wrong_ticket_is_a_netserver_error(server: FakeNetServer) -> None:
    with (
        so.EMailAgent(server.url, version=VERSION, ticket="7T:wrong-one") as agent,
        pytest.raises(so.NetServerError) as caught,
    ):
        agent.get_current_account_id()
    assert "wrong-one" not in str(caught.value)


def test_fault_status_and_recovery(call: Caller, server: FakeNetServer) -> None:
    server.fault("RefreshFolder", "Receiver", "database offline")
    with pytest.raises(so.SoapFault, match="database offline"):
        call("refresh_folder", INFO, ["INBOX"])
    server.status("RefreshFolder", 502, b"<html>Bad gateway</html>", "text/html")
    with pytest.raises(so.HTTPStatusError) as caught:
        call("refresh_folder", INFO, ["INBOX"])
    assert caught.value.status_code == 502
    server.clear()
    assert call("refresh_folder", INFO, ["INBOX"]) == 0  # the agent keeps working


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_timeout_is_a_transport_error(server: FakeNetServer, kind: str) -> None:
    server.clear()
    server.delay("GetCurrentAccountId", 10)
    options: dict[str, Any] = {"version": VERSION, "ticket": TICKET, "timeout": 0.3}
    with pytest.raises(so.TransportError):
        if kind == "sync":
            with so.EMailAgent(server.url, **options) as agent:
                agent.get_current_account_id()
        else:

            async def once() -> None:
                async with so.AsyncEMailAgent(server.url, **options) as agent:
                    await agent.get_current_account_id()

            asyncio.run(once())
    server.clear()


def test_documented_request_layout_against_a_lenient_server() -> None:
    with (
        FakeNetServer(ticket=TICKET, accept_documented=True) as fake,
        so.EMailAgent(
            fake.url, version=VERSION, ticket=TICKET, layout="documented", soap="1.2"
        ) as agent,
    ):
        assert agent.get_folder_list(INFO, include_item_count=False) == [""]
        want = m.GetFolderListRequest(connection_info=INFO, include_item_count=False)
        assert fake.last_request.params == want


def test_default_answer_is_the_documented_value(call: Caller, server: FakeNetServer) -> None:
    want = so.parse_response(
        VERSION, "GetEMailEnvelopes", documented(VERSION, "GetEMailEnvelopes", "response")
    ).value
    assert call("get_email_envelopes", INFO, [1, 2]) == want


def test_attachments_streamed_to_a_sink(server: FakeNetServer, call: Caller) -> None:
    import io

    stream = bytes(range(256)) * 4096  # 1 MiB: arrives in many chunks
    entity = m.EMailEntity(
        subject="big", attachments=[m.EMailAttachment(filename="f.bin", stream=stream)]
    )
    server.respond("GetEMailFromId", entity)
    out = io.BytesIO()
    owners: list[Any] = []

    def sink(owner: Any) -> io.BytesIO:
        owners.append(owner)
        return out

    value = call("call_streaming", "GetEMailFromId", sink=sink, message_server_id=7)
    assert out.getvalue() == stream
    assert [o.filename for o in owners] == ["f.bin"]
    assert value.subject == "big" and value.attachments[0].stream is None
    assert server.last_request.params == m.GetEMailFromIdRequest(message_server_id=7)
