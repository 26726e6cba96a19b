"""A guard for a race in httpcore's sync pool, so that threads can share one httpx client.

When a thread's request passes through httpcore's pool (1.0.9, the newest), the pool checks
each pooled connection for a server disconnect: it reads the connection's state (idle), then
polls its socket. Between the two reads another thread, assigned that connection earlier, can
start its request on it and get the first bytes of its answer: the socket is readable, the pool
takes the connection for closed by the server and closes it under its owner, whose read then
fails (EBADF). With 16 threads on a pool of 4, up to 1 call in 400 failed so, depending on
timing (``tests/test_load.py``; ``tests/test_guard_pools.py`` replays the interleaving).

A connection found expired that is no longer idle after the poll is in use, so the guard
reports it alive; its owner meets any real disconnect on its own read.

Only the sync pool needs this: an async pool runs its check without yielding in between.

The guarded connection also hands its socket to the watchdog of a call with a deadline
(:mod:`._watchdog`), which shuts it down when the deadline passes.
"""

from __future__ import annotations

from typing import Any

import httpcore
import httpx

from ._watchdog import EXTENSION, Watchdog

__all__ = ["guard_pools"]

#: httpcore's trace events whose return value is the connection's (new) network stream
_OPENED = frozenset({"connection.connect_tcp.complete", "connection.start_tls.complete"})


class _GuardedConnection(httpcore.ConnectionInterface):
    """A pooled connection whose expiry check cannot condemn a connection taken meanwhile."""

    def __init__(self, connection: httpcore.ConnectionInterface) -> None:
        self._connection = connection
        self._stream: Any = None  # the network stream, once a traced request opened it

    def has_expired(self) -> bool:
        # the pool reads "idle" and then polls the socket; if the connection is not idle now,
        # a thread took it between the two and the readable socket is that thread's answer
        return self._connection.has_expired() and (
            self._connection.is_idle() or self._connection.is_closed()
        )

    def handle_request(self, request: httpcore.Request) -> httpcore.Response:
        watchdog: Watchdog | None = request.extensions.get(EXTENSION)
        if watchdog is None:
            return self._connection.handle_request(request)
        # the agent's deadline (see _watchdog): give it this connection's socket, now if it
        # is open, else as soon as httpcore's trace reports it opened
        traced = request.extensions.get("trace")

        def trace(event: str, info: dict[str, Any]) -> None:
            if event in _OPENED:
                self._stream = info.get("return_value")
                watchdog.watch(self._stream)
            if traced is not None:
                traced(event, info)

        watchdog.watch(self._stream)
        request.extensions = {**request.extensions, "trace": trace}
        return self._connection.handle_request(request)

    def close(self) -> None:
        self._connection.close()

    def info(self) -> str:
        return self._connection.info()

    def can_handle_request(self, origin: httpcore.Origin) -> bool:
        return self._connection.can_handle_request(origin)

    def is_available(self) -> bool:
        return self._connection.is_available()

    def is_idle(self) -> bool:
        return self._connection.is_idle()

    def is_closed(self) -> bool:
        return self._connection.is_closed()

    def __repr__(self) -> str:
        return repr(self._connection)


def _guard_pool(transport: object) -> None:
    """Wrap each connection the transport's httpcore pool creates from now on."""
    pool = getattr(transport, "_pool", None)  # httpx.HTTPTransport keeps its pool here
    if not isinstance(pool, httpcore.ConnectionPool) or getattr(pool, "_guarded", False):
        return  # not httpx's own transport (a mock, a custom one): left as it is
    create_connection = pool.create_connection

    def create_guarded_connection(origin: httpcore.Origin) -> httpcore.ConnectionInterface:
        return _GuardedConnection(create_connection(origin))

    # an instance attribute: the pool calls self.create_connection, its proxies included
    setattr(pool, "create_connection", create_guarded_connection)  # noqa: B010
    setattr(pool, "_guarded", True)  # noqa: B010


def guard_pools(client: httpx.Client) -> httpx.Client:
    """Guard the pools of ``client``'s transports (its own, and those of proxies from the
    environment) against the race above; return ``client``.

    For clients made by others (``EMailAgent(client=...)``) that threads will share:
    ``guard_pools(httpx.Client(limits=...))``. Transports other than httpx's own are left
    alone.
    """
    _guard_pool(getattr(client, "_transport", None))
    mounts: dict[Any, Any] = getattr(client, "_mounts", {})
    for transport in mounts.values():
        _guard_pool(transport)
    return client
