"""guard_pools: the guard against httpcore's sync pool race (superoffice_email/_pool_guard.py).

The race needs two threads to interleave at one spot, so the first test replays that
interleaving on a real httpcore connection: while the pool's expiry check polls the socket,
"another thread" takes the connection and its answer arrives. test_load.py runs the real
thing (threads sharing one agent) and, opt-in, measures the race's rate with and without the
guard.
"""

from __future__ import annotations

from typing import Any

import httpcore
import httpx
import pytest
from httpcore._sync.http11 import HTTP11Connection, HTTPConnectionState

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

VERSION = "Services86"


class ReadableStream(httpcore.NetworkStream):
    """A socket with an answer waiting; polling it runs ``on_poll`` first (the other thread)."""

    def __init__(self, on_poll: Any) -> None:
        self.on_poll = on_poll

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            self.on_poll()
            return True
        return None

    def close(self) -> None:
        pass


def taken_while_polled() -> HTTP11Connection:
    """An idle HTTP/1.1 connection that another thread takes while the pool polls it."""
    connection: HTTP11Connection

    def another_thread_takes_it() -> None:
        connection._state = HTTPConnectionState.ACTIVE  # as handle_request does, under its lock

    origin = httpcore.Origin(b"http", b"127.0.0.1", 80)
    connection = HTTP11Connection(origin, ReadableStream(another_thread_takes_it))
    connection._state = HTTPConnectionState.IDLE
    return connection


def guarded(connection: httpcore.ConnectionInterface) -> httpcore.ConnectionInterface:
    """``connection`` as a guarded pool creates it."""
    pool = httpcore.ConnectionPool()
    setattr(pool, "create_connection", lambda origin: connection)  # noqa: B010
    transport = httpx.HTTPTransport()
    setattr(transport, "_pool", pool)  # noqa: B010
    so.guard_pools(httpx.Client(transport=transport))
    return pool.create_connection(httpcore.Origin(b"http", b"127.0.0.1", 80))


def test_the_race_replayed_on_a_real_connection() -> None:
    # unguarded, httpcore condemns the connection its new owner is using
    assert taken_while_polled().has_expired()
    # guarded, it stays: the readable socket is the owner's answer
    assert not guarded(taken_while_polled()).has_expired()


class Stub(httpcore.ConnectionInterface):
    def __init__(self, *, expired: bool, idle: bool, closed: bool = False) -> None:
        self.expired, self.idle, self.closed = expired, idle, closed

    def has_expired(self) -> bool:
        return self.expired

    def is_idle(self) -> bool:
        return self.idle

    def is_closed(self) -> bool:
        return self.closed


@pytest.mark.parametrize(
    ("expired", "idle", "closed", "verdict"),
    [
        (False, True, False, False),  # alive
        (True, True, False, True),  # a server disconnect or keep-alive expiry: close it
        (True, False, True, True),  # closed already
        (True, False, False, False),  # taken meanwhile: its owner's, not the pool's
    ],
)
def test_expiry_verdicts(expired: bool, idle: bool, closed: bool, verdict: bool) -> None:
    assert guarded(Stub(expired=expired, idle=idle, closed=closed)).has_expired() is verdict


def pool_connections(transport: Any) -> list[httpcore.ConnectionInterface]:
    return list(transport._pool.connections)


def test_guarded_client_calls_and_pools_guarded_connections() -> None:
    with FakeNetServer() as server:
        client = so.guard_pools(httpx.Client())
        assert so.guard_pools(client) is client  # twice: no second wrapper
        with client:
            agent = so.EMailAgent(server.url, version=VERSION, client=client)
            for _ in range(3):
                assert agent.get_current_account_id() == 0  # the documented answer
            (connection,) = pool_connections(client._transport)
            assert type(connection).__name__ == "_GuardedConnection"
            assert isinstance(connection._connection, httpcore.HTTPConnection)  # type: ignore[attr-defined]
            assert "HTTP/1.1, IDLE, Request Count: 3" in repr(connection)


def test_an_agents_own_sync_client_is_guarded() -> None:
    with FakeNetServer() as server, so.EMailAgent(server.url, version=VERSION) as agent:
        agent.get_current_account_id()
        (connection,) = pool_connections(agent._client._transport)
        assert type(connection).__name__ == "_GuardedConnection"


def test_proxy_mounts_are_guarded_and_other_transports_left_alone() -> None:
    proxied = httpx.HTTPTransport(proxy="http://127.0.0.1:3128")
    mock = httpx.MockTransport(lambda request: httpx.Response(204))
    client = so.guard_pools(httpx.Client(transport=mock, mounts={"http://example.com": proxied}))
    assert getattr(proxied._pool, "_guarded", False)
    assert isinstance(proxied._pool, httpcore.HTTPProxy)
    assert client.get("http://other.example").status_code == 204  # the mock, unchanged
