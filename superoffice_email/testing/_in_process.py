"""FakeNetServer in process: its answers through an ``httpx.MockTransport``, no socket.

The same routing and endpoints as the socket server (``_dispatch.route``), so a test gets
the same bytes either way, only faster. The I/O faults become what httpx raises for them on
a real connection: a connection dropped before the answer is a ``RemoteProtocolError``, a
reset mid-body a ``ReadError`` after half the body, a drip a body that arrives in slow
chunks. Imported only when a transport is asked for: the pytest plugin stays free of httpx.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

import anyio
import anyio.to_thread
import httpx

from ._dispatch import DROP, HttpRequest, Reply, split_target

if TYPE_CHECKING:
    from ._server import FakeNetServer


def _request(request: httpx.Request, body: bytes) -> HttpRequest:
    path, query = split_target(request.url.raw_path.decode("ascii"))
    headers = {k.lower(): v for k, v in request.headers.items()}
    return HttpRequest(request.method, path, query, headers, body)


def _headers(reply: Reply) -> list[tuple[str, str]]:
    headers = [("Content-Length", str(len(reply.body)))]
    if reply.content_type is not None:
        headers.append(("Content-Type", reply.content_type))
    headers.extend(reply.headers)
    return headers


def _chunks(reply: Reply) -> tuple[list[bytes], float]:
    body = reply.body[: len(reply.body) // 2] if reply.reset else reply.body
    if reply.drip is None:
        return [body], 0.0
    size = reply.drip.chunk
    return [body[i : i + size] for i in range(0, len(body), size)], reply.drip.interval


class _SyncBody(httpx.SyncByteStream):
    def __init__(self, reply: Reply) -> None:
        self.reply = reply

    def __iter__(self) -> Iterator[bytes]:
        chunks, interval = _chunks(self.reply)
        for index, chunk in enumerate(chunks):
            if index and interval:
                time.sleep(interval)
            yield chunk
        if self.reply.reset:
            raise httpx.ReadError("[Errno 104] Connection reset by peer (FakeNetServer.reset)")


class _AsyncBody(httpx.AsyncByteStream):
    def __init__(self, reply: Reply) -> None:
        self.reply = reply

    async def __aiter__(self) -> AsyncIterator[bytes]:
        chunks, interval = _chunks(self.reply)
        for index, chunk in enumerate(chunks):
            if index and interval:
                await anyio.sleep(interval)
            yield chunk
        if self.reply.reset:
            raise httpx.ReadError("[Errno 104] Connection reset by peer (FakeNetServer.reset)")


def _dropped(request: httpx.Request) -> httpx.RemoteProtocolError:
    return httpx.RemoteProtocolError(
        "Server disconnected without sending a response.", request=request
    )


def transport(server: FakeNetServer) -> httpx.MockTransport:
    """A sync transport answering as ``server`` does."""

    def handle(request: httpx.Request) -> httpx.Response:
        reply = server._respond(_request(request, request.read()))
        if reply is DROP:
            raise _dropped(request)
        stream = _SyncBody(reply)
        return httpx.Response(reply.status, headers=_headers(reply), stream=stream)

    return httpx.MockTransport(handle)


def async_transport(server: FakeNetServer) -> httpx.MockTransport:
    """An async transport answering as ``server`` does; the answer is worked out in a worker
    thread, so a delay never blocks the event loop."""

    async def handle(request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        reply = await anyio.to_thread.run_sync(server._respond, _request(request, body))
        if reply is DROP:
            raise _dropped(request)
        stream = _AsyncBody(reply)
        return httpx.Response(reply.status, headers=_headers(reply), stream=stream)

    return httpx.MockTransport(handle)
