"""One AsyncEMailAgent and several event loops (issue 13: "Event loop is closed").

httpx's pooled connections belong to the loop that opened them. An agent that owns its client
starts a new one when the loop it last used is closed (each ``asyncio.run``); a borrowed client
holding such connections, or two loops open at once, give a clear ``UsageError``.
"""

from __future__ import annotations

import asyncio
import threading
import warnings
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

VERSION = "Services86"
TICKET = "7T:bG9vcHMtdGlja2V0"


@pytest.fixture
def server() -> Iterator[FakeNetServer]:
    with FakeNetServer(ticket=TICKET) as fake:
        fake.respond("GetCurrentAccountId", 42)
        yield fake


# the connections of a closed loop cannot be closed by anyone (closing needs their loop):
# Python closes their sockets when the dropped client is collected, and says so
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_owned_client_follows_asyncio_run_after_asyncio_run(server: FakeNetServer) -> None:
    agent = so.AsyncEMailAgent(server.url, version=VERSION, ticket=TICKET)

    async def once() -> Any:
        return await agent.get_current_account_id()

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no coroutine left never awaited
        assert asyncio.run(once()) == 42
        assert asyncio.run(once()) == 42  # was: RuntimeError: Event loop is closed
        assert asyncio.run(once()) == 42
        asyncio.run(agent.close())
    assert agent.closed
    assert [r.operation for r in server.requests] == ["GetCurrentAccountId"] * 3


def test_a_borrowed_client_with_connections_of_a_closed_loop_is_refused(
    server: FakeNetServer,
) -> None:
    client = httpx.AsyncClient()
    agent = so.AsyncEMailAgent(server.url, version=VERSION, ticket=TICKET, client=client)

    async def once() -> Any:
        return await agent.get_current_account_id()

    assert asyncio.run(once()) == 42
    with pytest.raises(so.UsageError) as caught:
        asyncio.run(once())
    assert "closed" in str(caught.value) and "create the client inside the loop" in str(
        caught.value
    )
    assert len(server.requests) == 1  # refused before sending


def test_a_borrowed_client_without_connections_may_change_loops(server: FakeNetServer) -> None:
    async def once(agent: Any) -> Any:
        async with httpx.AsyncClient() as client:
            agent._client = client  # a fresh client each loop, as the message advises
            return await agent.get_current_account_id()

    agent = so.AsyncEMailAgent(
        server.url, version=VERSION, ticket=TICKET, client=httpx.AsyncClient()
    )
    assert asyncio.run(once(agent)) == 42
    assert asyncio.run(once(agent)) == 42


def test_two_open_loops_at_once_are_refused(server: FakeNetServer) -> None:
    agent = so.AsyncEMailAgent(server.url, version=VERSION, ticket=TICKET)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        first = asyncio.run_coroutine_threadsafe(agent.get_current_account_id(), loop)
        assert first.result(5) == 42

        async def from_another_loop() -> Any:
            return await agent.get_current_account_id()

        with pytest.raises(so.UsageError, match="another event loop that is still open"):
            asyncio.run(from_another_loop())
        asyncio.run_coroutine_threadsafe(agent.close(), loop).result(5)
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)
        loop.close()
