"""The HTTP side of FakeNetServer: a threading HTTP/1.1 server on 127.0.0.1.

It knows nothing of SOAP. It serves ``POST /<tenant>/Remote/ServicesNN/EMail.svc``, reads
the body (Content-Length or chunked, up to ``max_body``), hands version, headers and body to
``respond`` and sends the :class:`Reply` it gets back: at once, dripped, or cut by a reset. It
also counts the connections it serves, so a test can check a client's pool from this side.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import socketserver
import struct
import threading
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeAlias

import attrs

from .. import VERSIONS

__all__ = ["DROP", "Drip", "HTTPServer", "Reply", "Responder"]


@attrs.frozen
class Drip:
    """Send a body ``chunk`` bytes at a time, ``interval`` seconds apart."""

    chunk: int
    interval: float


@attrs.frozen
class Reply:
    """The bytes to send: status, body, headers; ``reset``: cut the body and reset."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    reset: bool = False
    drip: Drip | None = None


#: close the connection without answering
DROP = Reply(0)

#: what the protocol side gives each request: (service version, headers, body) -> Reply
Responder: TypeAlias = Callable[[str, Mapping[str, str], bytes], Reply]


class ExtraRoutes(Protocol):
    """Paths served besides the EMail endpoints (the login's: ``testing._login``)."""

    def wants(self, method: str, path: str, query: str) -> bool: ...

    def answer(
        self, method: str, path: str, query: str, headers: Mapping[str, str], body: bytes
    ) -> Reply: ...


class HTTPServer(http.server.ThreadingHTTPServer):
    """A thread per connection; ``stopping`` set wakes drips (and, in ``respond``, delays)."""

    daemon_threads = True
    block_on_close = False  # stop() joins the handlers itself, with a bound
    # the listen backlog (5 by default): a burst of a thousand new connections would
    # overflow it, and the client would see resets and stalls that no real server gives
    request_queue_size = 1024

    def __init__(
        self,
        respond: Responder,
        *,
        tenant: str,
        timeout: float,
        max_body: int,
        stopping: threading.Event,
        extra: ExtraRoutes | None = None,
    ) -> None:
        self.respond = respond
        self.extra = extra
        self.tenant = tenant
        self.timeout = timeout
        self.max_body = max_body
        self.stopping = stopping
        self._connections: set[socket.socket] = set()
        self._handlers: set[threading.Thread] = set()
        self._registry_lock = threading.Lock()
        self.peak_connections = 0
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's FQDN, which can wait on DNS: skip it
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", int(self.server_address[1])

    def track(self, connection: socket.socket, *, active: bool) -> None:
        with self._registry_lock:
            if active:
                self._connections.add(connection)
                self._handlers.add(threading.current_thread())
                self.peak_connections = max(self.peak_connections, len(self._connections))
            else:
                self._connections.discard(connection)
                self._handlers.discard(threading.current_thread())

    @property
    def connection_count(self) -> int:
        with self._registry_lock:
            return len(self._connections)

    def reset_peak(self) -> None:
        with self._registry_lock:
            self.peak_connections = len(self._connections)

    def close_connections(self) -> None:
        with self._registry_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)  # wakes a handler blocked in recv

    def join_handlers(self, timeout: float) -> None:
        with self._registry_lock:
            handlers = list(self._handlers)
        for handler in handlers:
            handler.join(timeout)

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away mid-answer is not the test's failure


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server; every reply has a length
    server_version = "FakeNetServer"
    sys_version = ""
    server: HTTPServer

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.timeout)  # an idle client cannot hang us
        # headers and body go out in separate writes: without this, Nagle's algorithm and
        # the client's delayed ACK hold each answer back some 40 ms
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.track(self.connection, active=True)

    def finish(self) -> None:
        self.server.track(self.connection, active=False)
        with contextlib.suppress(OSError):
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # quiet: tests read server.requests, not stderr

    def do_GET(self) -> None:
        if self._extra():
            return
        self._send(Reply(405, b"use POST\n", "text/plain; charset=utf-8", (("Allow", "POST"),)))

    def do_POST(self) -> None:
        if self._extra():
            return
        version = self._version()
        if version is None:
            return
        body = self._body()
        if body is None:
            return
        headers = {k.lower(): v for k, v in self.headers.items()}
        self._send(self.server.respond(version, headers, body))

    def _extra(self) -> bool:
        """Answer a request for one of the extra routes (the login's); False if not one."""
        extra = self.server.extra
        path, _, query = self.path.partition("?")
        if extra is None or not extra.wants(self.command, path, query):
            return False
        body = self._body() if self.command == "POST" else b""
        if body is not None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            self._send(extra.answer(self.command, path, query, headers, body))
        return True

    def _version(self) -> str | None:
        """The service version the path names, or None after answering 404."""
        tenant = self.server.tenant
        path = self.path.split("?", 1)[0]
        prefix, _, rest = path.partition(f"/{tenant}/Remote/")
        version, _, tail = rest.partition("/")
        if prefix == "" and version in VERSIONS and tail == "EMail.svc":
            return version
        self.close_connection = True  # the body was not read: the connection cannot go on
        text = (
            f"no EMail agent at {path!r}: the endpoints are /{tenant}/Remote/ServicesNN/"
            f"EMail.svc for {', '.join(VERSIONS)}\n"
        )
        self._send(Reply(404, text.encode("utf-8"), "text/plain; charset=utf-8"))
        return None

    def _body(self) -> bytes | None:
        """The request body (Content-Length or chunked), or None after answering an error."""
        limit = self.server.max_body
        try:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                chunks: list[bytes] = []
                size = 0
                while True:
                    length = int(self.rfile.readline(100).split(b";")[0].strip(), 16)
                    size += length
                    if size > limit:
                        break
                    if length == 0:
                        while self.rfile.readline(8192) not in (b"\r\n", b"\n", b""):
                            pass  # trailers
                        return b"".join(chunks)
                    chunks.append(self.rfile.read(length))
                    self.rfile.readline(10)
            else:
                length = int(self.headers.get("Content-Length", "0"))
                if 0 <= length <= limit:
                    return self.rfile.read(length)
        except (ValueError, OSError):
            self.close_connection = True
            self._send(Reply(400, b"bad request body\n", "text/plain; charset=utf-8"))
            return None
        self.close_connection = True
        self._send(Reply(413, b"request body too large\n", "text/plain; charset=utf-8"))
        return None

    def _send(self, reply: Reply) -> None:
        if reply is DROP:
            self.close_connection = True
            return
        try:
            self.send_response(reply.status)
            if reply.content_type is not None:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if not reply.reset:
                self._write_body(reply.body, reply.drip)
                return
            if not self._write_body(reply.body[: len(reply.body) // 2], reply.drip):
                return
            # linger 0: close() sends a TCP RST instead of a FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.rfile.close()
            self.wfile.close()
            self.connection.close()
        except OSError:
            self.close_connection = True  # the client went away

    def _write_body(self, body: bytes, drip: Drip | None) -> bool:
        """Write ``body``, dripping it if asked; False if the server stopped meanwhile."""
        if drip is None:
            self.wfile.write(body)
            return True
        for start in range(0, len(body), drip.chunk):
            if start and self.server.stopping.wait(drip.interval):
                self.close_connection = True  # half a body: the connection cannot go on
                return False
            self.wfile.write(body[start : start + drip.chunk])
        return True
