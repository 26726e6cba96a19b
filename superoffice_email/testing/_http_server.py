"""The HTTP side of FakeNetServer: a threading HTTP/1.1 server on 127.0.0.1.

It knows nothing of SOAP. It reads each request (origin-form or absolute-form target,
HTTP/1.0 or 1.1, body by Content-Length or chunked, up to ``max_body``), hands it to
``respond`` as an :class:`HttpRequest` and sends the :class:`Reply` it gets back: at once,
dripped, or cut by a reset. Connections persist by each version's rule: HTTP/1.1 unless the
client says ``Connection: close``, HTTP/1.0 only when it says ``Connection: keep-alive``
(and then the answer says so too). It also counts the connections it serves, so a test can
check a client's pool from this side.
"""

from __future__ import annotations

import contextlib
import http.server
import socket
import socketserver
import struct
import threading
from collections.abc import Callable
from typing import Any, TypeAlias

from ._dispatch import DROP, Drip, HttpRequest, Reply, split_target, text_reply

__all__ = ["HTTPServer", "Responder"]

#: what the protocol side gives each request
Responder: TypeAlias = Callable[[HttpRequest], Reply]


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
        timeout: float,
        max_body: int,
        stopping: threading.Event,
    ) -> None:
        self.respond = respond
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
        self._serve(with_body=False)

    def do_POST(self) -> None:
        self._serve(with_body=True)

    def _serve(self, *, with_body: bool) -> None:
        body = self._body() if with_body else b""
        if body is None:
            return
        path, query = split_target(self.path)
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = HttpRequest(self.command, path, query, headers, body)
        self._send(self.server.respond(request))

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
            self._send(text_reply(400, "bad request body\n"))
            return None
        self.close_connection = True
        self._send(text_reply(413, "request body too large\n"))
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
            elif self.request_version == "HTTP/1.0":
                self.send_header("Connection", "keep-alive")  # 1.0 closes unless told
            if reply.drip is not None and reply.drip.headers:
                # what end_headers would flush at once (http.server keeps it in a list)
                buffered: list[bytes] = getattr(self, "_headers_buffer", [])
                head = b"".join([*buffered, b"\r\n"])
                buffered.clear()
                if not self._write_body(head, reply.drip):
                    return
            else:
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
