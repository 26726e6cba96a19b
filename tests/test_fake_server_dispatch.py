"""The fake server's dispatch tables: per-server handlers, registered defaults and paths.

These are what other fakes (a mailbox, a login) plug into; the answers are read with lxml
alone and compared with hand-written values.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from lxml import etree

import superoffice_email as so
from superoffice_email.testing import FakeNetServer
from superoffice_email.testing import _dispatch as dispatch

from .test_fake_server import COUNT, NS, V, post_count


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5.0) as http:
        yield http


def response_text(response: httpx.Response) -> str | None:
    root = etree.fromstring(response.content)
    return root.findtext(f".//{{{NS}}}Response")


def test_a_server_handler_answers_with_the_call_it_gets(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    calls: list[dispatch.Call] = []

    def count(call: dispatch.Call) -> int:
        calls.append(call)
        return 41 if call.request.params.only_unread else 0

    fake_netserver.handle(COUNT, count)
    assert response_text(post_count(client, fake_netserver)) == "41"
    (call,) = calls
    assert (call.server, call.version, call.agent, call.operation) == (
        fake_netserver, V, "EMail", COUNT
    )
    assert call.request.params.connection_info.folder == "INBOX"
    # a configured answer still wins, and clear() keeps the handler
    fake_netserver.respond(COUNT, 7)
    assert response_text(post_count(client, fake_netserver)) == "7"
    fake_netserver.clear()
    assert response_text(post_count(client, fake_netserver)) == "41"


def test_a_handler_may_fail_like_netserver(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    def refuse(call: dispatch.Call) -> int:
        raise so.NetServerError("mailbox is locked", exception_type="SoException")

    fake_netserver.handle(COUNT, refuse)
    root = etree.fromstring(post_count(client, fake_netserver).content)
    assert root.findtext(f".//{{{NS}}}Succeeded") == "false"
    assert root.findtext(f".//{{{NS}}}ExceptionInfo/{{{NS}}}Message") == "mailbox is locked"


def test_registered_default_answers_when_nothing_is_configured(
    fake_netserver: FakeNetServer, client: httpx.Client
) -> None:
    dispatch.register_default("EMail", COUNT, lambda call: 12)
    try:
        assert response_text(post_count(client, fake_netserver)) == "12"
        fake_netserver.handle(COUNT, lambda call: 13)  # the server's own wins
        assert response_text(post_count(client, fake_netserver)) == "13"
    finally:
        del dispatch.DEFAULT_ANSWERS["EMail", COUNT]


def test_registered_paths_and_agents(fake_netserver: FakeNetServer, client: httpx.Client) -> None:
    seen: list[dispatch.HttpRequest] = []

    def login(server: FakeNetServer, request: dispatch.HttpRequest) -> dispatch.Reply:
        seen.append(request)
        return dispatch.text_reply(200, "ok\n")

    def principal(
        server: FakeNetServer, version: str, request: dispatch.HttpRequest
    ) -> dispatch.Reply:
        return dispatch.text_reply(200, f"{version} principal\n")

    dispatch.register_path("/Login/Services/Test.svc", login)
    dispatch.register_service("TestPrincipal", principal)
    base = f"http://127.0.0.1:{fake_netserver.port}"
    try:
        answer = client.post(base + "/Login/Services/Test.svc?x=1", content=b"hello")
        assert (answer.status_code, answer.text) == (200, "ok\n")
        assert (seen[0].method, seen[0].path, seen[0].query, seen[0].body) == (
            "POST", "/Login/Services/Test.svc", "x=1", b"hello"
        )
        answer = client.post(fake_netserver.url + "Services84/TestPrincipal.svc", content=b"")
        assert answer.text == "Services84 principal\n"
        missing = client.post(base + "/Login/Services/Other.svc", content=b"")
        assert missing.status_code == 404 and "TestPrincipal" in missing.text
    finally:
        del dispatch.PATHS["/Login/Services/Test.svc"], dispatch.SERVICES["TestPrincipal"]


def test_registration_mistakes_are_refused(fake_netserver: FakeNetServer) -> None:
    with pytest.raises(so.UsageError, match="start with '/'"):
        dispatch.register_path("Login", lambda server, request: dispatch.text_reply(200, ""))
    with pytest.raises(so.UsageError, match="agent must be a name"):
        dispatch.register_service("E/Mail", lambda s, v, r: dispatch.text_reply(200, ""))
    with pytest.raises(so.UnknownOperationError):
        fake_netserver.handle("GetFolderEMailCoutn", lambda call: 1)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/t/Remote/Services88/EMail.svc", ("/t/Remote/Services88/EMail.svc", "")),
        ("/t/Remote/Services88/EMail.svc?wsdl", ("/t/Remote/Services88/EMail.svc", "wsdl")),
        ("http://127.0.0.1:8080/t/Remote/x.svc", ("/t/Remote/x.svc", "")),
        ("HTTP://host/a?b=c", ("/a", "b=c")),
        ("http://host", ("/", "")),
        ("http://host?q", ("/", "q")),
    ],
)
def test_split_target(target: str, expected: tuple[str, str]) -> None:
    assert dispatch.split_target(target) == expected

