"""Transport faults against FakeNetServer over loopback, for the sync and the async agent.

Each fault (a timeout, a reset mid-body, a slow drip, a 500 SOAP fault, a 502 HTML page, a
302 to a login page) must give its documented error, with a message that says what happened
and carries no ticket, and the same agent must answer the next call. Every agent call here
runs under a hard bound (:data:`HARD_BOUND`), so a hang fails the test instead of the run.

Agents with a ``deadline`` (a bound on the whole call) meet a drip within each read timeout
but past the deadline, and a single long wait. The last tests cover what FakeNetServer gained
for these tests: the drip and the half-body reset, seen on the wire by a plain httpx client.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import itertools
import math
import struct
import threading
import time
import tracemalloc
import zlib
from collections.abc import Coroutine, Iterator
from typing import Any

import httpx
import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

VERSION = "Services86"
m = so.models(VERSION)
TICKET = "7T:transport-fault-ticket"
OP = "RefreshFolder"
INFO = m.EMailConnectionInfo(
    server_name="imap.example.com", user_name="me", password="pw", folder="INBOX", use_ssl=True
)
AGENT_TIMEOUT = 0.3  # seconds: the agents' timeout in this module
HARD_BOUND = 3.0  # seconds: no agent call here may take longer, whatever the server does
# the RefreshFolder answer the server sends unless told otherwise: the documented value
DEFAULT_BODY = so.build_response(VERSION, OP, 0, layout="wire", soap="1.1")


class Driver:
    """One sync or async agent, called from the test's thread, each call under HARD_BOUND.

    The async agent lives on an event loop in its own thread for the whole test, so one
    agent (and one connection pool) sees the fault and then the next call.
    """

    def __init__(self, kind: str, url: str, **agent_options: Any) -> None:
        self.kind = kind
        options: dict[str, Any] = {"version": VERSION, "ticket": TICKET, "timeout": AGENT_TIMEOUT}
        options.update(agent_options)
        if kind == "sync":
            self._executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="agent")
            self._agent: Any = so.EMailAgent(url, **options)
        else:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
            self._thread.start()

            async def make() -> Any:
                return so.AsyncEMailAgent(url, **options)

            self._agent = self._await(make())

    def __call__(self, method: str, *args: Any) -> Any:
        bound = getattr(self._agent, method)
        if self.kind == "sync":
            return self._wait(self._executor.submit(bound, *args), method)
        return self._await(bound(*args), method)

    def fails(self, expected: type[so.Error], method: str, *args: Any) -> tuple[Any, float]:
        """The error ``method`` raised (which must be ``expected``) and how long it took."""
        started = time.monotonic()
        with pytest.raises(expected) as caught:
            self(method, *args)
        return caught.value, time.monotonic() - started

    def close(self) -> None:
        if self.kind == "sync":
            self._agent.close()
            self._executor.shutdown(wait=False, cancel_futures=True)
            return
        self._await(self._agent.aclose())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(HARD_BOUND)
        self._loop.close()

    def _await(self, coroutine: Coroutine[Any, Any, Any], what: str = "setup") -> Any:
        return self._wait(asyncio.run_coroutine_threadsafe(coroutine, self._loop), what)

    def _wait(self, future: concurrent.futures.Future[Any], what: str) -> Any:
        done, _ = concurrent.futures.wait([future], timeout=HARD_BOUND)
        if not done:
            future.cancel()
            pytest.fail(f"{self.kind} {what} did not finish within {HARD_BOUND} s")
        return future.result()


@pytest.fixture
def server() -> Iterator[FakeNetServer]:
    # one per test: stopping it wakes whatever delay or drip a fault left running
    with FakeNetServer(ticket=TICKET) as fake:
        yield fake


@pytest.fixture(params=["sync", "async"])
def agent(request: pytest.FixtureRequest, server: FakeNetServer) -> Iterator[Driver]:
    driver = Driver(request.param, server.url)
    yield driver
    driver.close()


def assert_no_ticket(error: BaseException) -> None:
    """The ticket is nowhere in the error nor in the chain Python would print with it."""
    current: BaseException | None = error
    while current is not None:
        assert TICKET not in str(current) and TICKET not in repr(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )


def assert_next_call_works(agent: Driver, server: FakeNetServer) -> None:
    """The same agent, right after the fault, gets a fresh answer to a fresh request."""
    server.clear()
    server.respond(OP, lambda request: 100 + len(request.params.folders))
    assert agent("refresh_folder", INFO, ["INBOX", "Sent"]) == 102
    assert [(r.operation, r.error) for r in server.requests] == [(OP, None)]


def endpoint(server: FakeNetServer) -> str:
    return f"http://127.0.0.1:{server.port}/tenant/Remote/{VERSION}/EMail.svc"


# -- the faults, for both agents ------------------------------------------------------------


def test_timeout(agent: Driver, server: FakeNetServer) -> None:
    server.delay(OP, 3.0)
    error, elapsed = agent.fails(so.TransportError, "refresh_folder", INFO, ["INBOX"])
    assert error.__cause__ is None and error.__context__ is None  # named, not chained
    assert str(error) == f"RefreshFolder: timed out (ReadTimeout) on POST {endpoint(server)}"
    assert AGENT_TIMEOUT <= elapsed < AGENT_TIMEOUT + 1.0  # the agent's timeout, not the delay
    assert_no_ticket(error)
    assert_next_call_works(agent, server)


def test_connection_reset_mid_body(agent: Driver, server: FakeNetServer) -> None:
    server.reset(OP)  # headers and half of the documented answer, then a TCP reset
    error, _ = agent.fails(so.TransportError, "refresh_folder", INFO, ["INBOX"])
    assert error.__cause__ is None and error.__context__ is None  # named, not chained
    assert str(error) == (
        f"RefreshFolder: ReadError: [Errno 104] Connection reset by peer on POST {endpoint(server)}"
    )
    assert_no_ticket(error)
    assert_next_call_works(agent, server)


def test_slow_drip_past_the_timeout(agent: Driver, server: FakeNetServer) -> None:
    # headers and the first 64 bytes at once, then a pause longer than the read timeout
    server.drip(OP, 1.0, chunk_bytes=64)
    error, elapsed = agent.fails(so.TransportError, "refresh_folder", INFO, ["INBOX"])
    assert error.__cause__ is None and error.__context__ is None  # named, not chained
    assert str(error) == f"RefreshFolder: timed out (ReadTimeout) on POST {endpoint(server)}"
    assert AGENT_TIMEOUT <= elapsed < 1.0  # cut off before the second chunk came
    assert_no_ticket(error)
    assert_next_call_works(agent, server)


@pytest.fixture(params=["sync", "async"])
def agent_with_deadline(request: pytest.FixtureRequest, server: FakeNetServer) -> Iterator[Driver]:
    # each wait may take 5 s; the whole call only AGENT_TIMEOUT
    driver = Driver(request.param, server.url, timeout=5.0, deadline=AGENT_TIMEOUT)
    yield driver
    driver.close()


def test_slow_drip_within_each_timeout_but_past_the_deadline(
    agent_with_deadline: Driver, server: FakeNetServer
) -> None:
    # 8+ chunks, 0.1 s apart: no read waits longer than 0.1 s, the whole answer takes ~0.8 s
    server.drip(OP, 0.1, chunk_bytes=len(DEFAULT_BODY) // 8)
    error, elapsed = agent_with_deadline.fails(so.TransportError, "refresh_folder", INFO, ["INBOX"])
    assert str(error) == (
        "RefreshFolder: timed out (deadline of 0.3 s for the whole call) "
        f"on POST {endpoint(server)}"
    )
    assert AGENT_TIMEOUT <= elapsed < AGENT_TIMEOUT + 0.2  # cut at the first chunk past it
    assert_no_ticket(error)
    assert_next_call_works(agent_with_deadline, server)


def test_a_deadline_cuts_a_single_wait(agent_with_deadline: Driver, server: FakeNetServer) -> None:
    server.delay(OP, 3.0)  # no answer for 3 s: the 5 s read timeout alone would wait
    error, elapsed = agent_with_deadline.fails(
        so.TransportTimeout, "refresh_folder", INFO, ["INBOX"]
    )
    # the read, cut to the deadline, or the deadline's own watch: whichever comes first
    where = f"on POST {endpoint(server)}"
    assert str(error) in (
        f"RefreshFolder: timed out (ReadTimeout) {where}",
        f"RefreshFolder: timed out (deadline of 0.3 s for the whole call) {where}",
    )
    assert error.__cause__ is None and error.__context__ is None
    assert AGENT_TIMEOUT <= elapsed < AGENT_TIMEOUT + 0.5
    assert_next_call_works(agent_with_deadline, server)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_headers_trickling_in_cannot_outlast_the_deadline(kind: str, server: FakeNetServer) -> None:
    # issue 13: the status line and headers a byte every 0.1 s (~13 s in all), each read well
    # within its timeout; deadline=1 must end the call at 1 s, not when the headers are done
    server.drip(OP, 0.1, chunk_bytes=1, headers=True)
    driver = Driver(kind, server.url, timeout=5.0, deadline=1.0)
    try:
        error, elapsed = driver.fails(so.TransportTimeout, "refresh_folder", INFO, ["INBOX"])
        assert str(error) == (
            "RefreshFolder: timed out (deadline of 1 s for the whole call) "
            f"on POST {endpoint(server)}"
        )
        assert 1.0 <= elapsed < 1.3
        assert_no_ticket(error)
        server.drip(OP, 0)
        assert_next_call_works(driver, server)
    finally:
        driver.close()


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_a_deadline_covers_a_reused_connection(kind: str, server: FakeNetServer) -> None:
    # the second call gets a pooled connection, opened by the first: its socket is watched too
    driver = Driver(kind, server.url, timeout=5.0, deadline=0.5)
    try:
        assert driver("refresh_folder", INFO, ["INBOX"]) == 0
        server.drip(OP, 0.1, chunk_bytes=1, headers=True)
        _, elapsed = driver.fails(so.TransportTimeout, "refresh_folder", INFO, ["INBOX"])
        assert 0.5 <= elapsed < 0.8
        assert server.peak_connections == 1
    finally:
        driver.close()


def test_a_slow_but_timely_answer_meets_its_deadline(server: FakeNetServer) -> None:
    # 4 chunks 0.05 s apart, whole answer ~0.2 s, within a deadline of 1 s
    server.drip(OP, 0.05, chunk_bytes=len(DEFAULT_BODY) // 3)
    for kind in ("sync", "async"):
        driver = Driver(kind, server.url, deadline=1.0)
        try:
            assert driver("refresh_folder", INFO, ["INBOX"]) == 0  # the documented answer
        finally:
            driver.close()


def test_500_soap_fault(agent: Driver, server: FakeNetServer) -> None:
    # WCF answers a fault with HTTP 500; this one quotes the ticket, which must not show
    server.fault(OP, "Receiver", f"database offline; ticket {TICKET} refused", detail="SQL")
    error, _ = agent.fails(so.SoapFault, "refresh_folder", INFO, ["INBOX"])
    assert (error.code, error.reason, error.detail) == (
        "s:Server",
        "database offline; ticket *** refused",
        "SQL",
    )
    assert str(error) == "SOAP fault s:Server: database offline; ticket *** refused"
    assert_no_ticket(error)
    assert_next_call_works(agent, server)


@functools.cache
def gzip_bomb(megabytes: int) -> bytes:
    """A valid gzip stream of ``megabytes`` MiB of zeros, about 1,000 times smaller.

    After a full flush the compressor starts afresh, so every further MiB of zeros
    compresses to the same bytes: one is compressed and repeated, and the trailer's CRC and
    size are those of the whole.
    """
    block = bytes(1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip format
    first = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    repeated = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    end = packer.flush()[:-8]  # the final block, without the trailer for 2 MiB
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    trailer = struct.pack("<II", crc, (megabytes << 20) & 0xFFFFFFFF)
    return first + repeated * (megabytes - 1) + end + trailer


def test_gzip_bomb_stops_at_max_response_bytes(server: FakeNetServer) -> None:
    # 1 GiB of zeros in 1 MB of gzip: the limit counts the bytes once decoded, as they
    # arrive, so reading stops soon after the limit instead of holding the whole GiB
    bomb, limit = gzip_bomb(1024), 4 << 20
    assert len(bomb) < 2 << 20
    server.status(OP, 200, bomb, "text/xml; charset=utf-8", headers={"Content-Encoding": "gzip"})
    for kind in ("sync", "async"):
        driver = Driver(kind, server.url, max_response_bytes=limit)
        tracemalloc.start()
        try:
            error, _ = driver.fails(so.TransportError, "refresh_folder", INFO, ["INBOX"])
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
            driver.close()
        assert str(error) == (
            f"RefreshFolder: the response from {endpoint(server)} is larger than "
            f"max_response_bytes={limit} (more than {limit} bytes arrived); reading stopped"
        )
        # the limit plus what one network read decodes to: httpx inflates each 64 KiB read
        # whole (some 66 MiB of zeros here), and zlib may hold twice that while it grows
        assert peak < 256 << 20, f"{kind}: peak {peak >> 20} MiB for a 1 GiB bomb"


def test_502_html_page(agent: Driver, server: FakeNetServer) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>502 Bad Gateway</title>"
        "<style>body { font-family: sans-serif }</style></head><body>"
        f"<h1>502 Bad Gateway</h1><p>No answer from upstream for ticket {TICKET}.</p>"
        + "<p>Request id 0123456789abcdef.</p>" * 40
        + "</body></html>"
    )
    server.status(OP, 502, page, "text/html; charset=utf-8")
    error, _ = agent.fails(so.HTTPStatusError, "refresh_folder", INFO, ["INBOX"])
    assert error.status_code == 502
    # text only, ticket redacted, cut short
    assert error.excerpt.startswith(
        "502 Bad Gateway 502 Bad Gateway No answer from upstream for ticket ***. "
        "Request id 0123456789abcdef. Request id"
    )
    assert len(error.excerpt) == 200 and error.excerpt.endswith("…")
    assert str(error) == f"HTTP 502: {error.excerpt}"
    assert_no_ticket(error)
    assert_next_call_works(agent, server)


def test_302_to_a_login_page(agent: Driver, server: FakeNetServer) -> None:
    server.redirect(OP, f"/login?ReturnUrl=%2Ftenant&t={TICKET}", status=302)
    error, _ = agent.fails(so.HTTPStatusError, "refresh_folder", INFO, ["INBOX"])
    assert error.status_code == 302
    assert str(error) == (
        "HTTP 302: a redirect to '/login?ReturnUrl=%2Ftenant&t=***', not followed (a login page?)"
    )
    assert [r.operation for r in server.requests] == [OP]  # one POST, nothing followed
    assert_no_ticket(error)
    assert_next_call_works(agent, server)


# -- FakeNetServer's drip and reset, seen by a plain client ---------------------------------


def post(client: httpx.Client, server: FakeNetServer) -> httpx.Request:
    content = so.build_request(
        VERSION, OP, folders=["INBOX"], ticket=TICKET, layout="wire", soap="1.1"
    )
    headers = {
        "Content-Type": "text/xml; charset=utf-8",
        "SOAPAction": f'"http://www.superoffice.net/ws/crm/NetServer/{VERSION}/EMail/{OP}"',
    }
    return client.build_request("POST", endpoint(server), content=content, headers=headers)


def read_timed(
    client: httpx.Client, server: FakeNetServer
) -> tuple[httpx.Response, float, list[tuple[float, bytes]]]:
    """The response, when its headers came, and each raw body chunk with when it came."""
    started = time.monotonic()
    response = client.send(post(client, server), stream=True)
    headers_at = time.monotonic() - started
    chunks: list[tuple[float, bytes]] = []
    try:
        for chunk in response.iter_raw():
            chunks.append((time.monotonic() - started, chunk))
    finally:
        response.close()
    return response, headers_at, chunks


def piece_ends(chunks: list[bytes]) -> list[int]:
    """Where each received piece of a body ends, as an offset into it."""
    return list(itertools.accumulate(len(chunk) for chunk in chunks))


def test_drip_sends_headers_at_once_and_the_body_in_timed_chunks(server: FakeNetServer) -> None:
    server.drip(OP, 0.1, chunk_bytes=150)
    with httpx.Client(timeout=HARD_BOUND) as client:
        response, headers_at, chunks = read_timed(client, server)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(DEFAULT_BODY)
    assert b"".join(chunk for _, chunk in chunks) == DEFAULT_BODY  # a whole, valid answer
    pauses = math.ceil(len(DEFAULT_BODY) / 150) - 1
    assert headers_at < 0.1  # before the first pause is over
    assert chunks[-1][0] >= pauses * 0.1  # the last piece after every pause
    # pieces as sent (a slow reader may get two at once, never part of one)
    ends = piece_ends([chunk for _, chunk in chunks])
    assert len(ends) >= 2
    assert all(end % 150 == 0 for end in ends[:-1]) and ends[-1] == len(DEFAULT_BODY)


def test_drip_can_trickle_the_headers_too(server: FakeNetServer) -> None:
    server.drip(OP, 0.02, chunk_bytes=16, headers=True)
    with httpx.Client(timeout=HARD_BOUND) as client:
        response, headers_at, chunks = read_timed(client, server)
    assert response.status_code == 200
    assert b"".join(chunk for _, chunk in chunks) == DEFAULT_BODY
    # the head as sent: status line, each header line, the blank line; 16 bytes a pause
    head = len(b"HTTP/1.1 200 OK\r\n") + 2
    head += sum(len(name) + len(value) + 4 for name, value in response.headers.raw)
    assert headers_at >= 0.02 * (math.ceil(head / 16) - 1) * 0.9  # timers may run a bit early
    assert chunks[-1][0] >= 0.02 * (math.ceil((head + len(DEFAULT_BODY)) / 16) - 2) * 0.9


def test_drip_is_per_operation_and_removed_by_zero(server: FakeNetServer) -> None:
    server.drip("GetFolderList", 5.0)
    with httpx.Client(timeout=HARD_BOUND) as client:
        assert len(read_timed(client, server)[2]) == 1  # RefreshFolder: not dripped
        server.drip(None, 5.0, chunk_bytes=10)
        server.drip(None, 0)
        _, _, chunks = read_timed(client, server)
    assert len(chunks) == 1 and chunks[0][1] == DEFAULT_BODY


@pytest.mark.parametrize("chunk_bytes", [0, -1, True, 1.5])
def test_drip_refuses_a_bad_chunk_size(server: FakeNetServer, chunk_bytes: Any) -> None:
    with pytest.raises(so.UsageError, match="chunk_bytes must be a positive int"):
        server.drip(OP, 0.1, chunk_bytes=chunk_bytes)
    with pytest.raises(so.UsageError):
        server.drip("NoSuchOperation", 0.1)


def test_reset_sends_part_of_a_valid_answer_then_resets(server: FakeNetServer) -> None:
    server.reset(OP)
    received: list[bytes] = []
    with httpx.Client(timeout=HARD_BOUND) as client:
        response = client.send(post(client, server), stream=True)
        assert response.status_code == 200
        assert int(response.headers["content-length"]) == len(DEFAULT_BODY)
        with pytest.raises(httpx.ReadError, match="Connection reset by peer"):
            received.extend(response.iter_raw())
        response.close()
    body = b"".join(received)
    assert body == DEFAULT_BODY[: len(DEFAULT_BODY) // 2]


def test_reset_can_drip_too(server: FakeNetServer) -> None:
    server.reset(OP)
    server.drip(OP, 0.05, chunk_bytes=100)
    with httpx.Client(timeout=HARD_BOUND) as client:
        response = client.send(post(client, server), stream=True)
        received: list[bytes] = []
        with pytest.raises(httpx.ReadError):
            received.extend(response.iter_raw())
        response.close()
    ends = piece_ends(received)
    assert all(end % 100 == 0 for end in ends[:-1]) and ends[-1] == len(DEFAULT_BODY) // 2
    assert b"".join(received) == DEFAULT_BODY[: len(DEFAULT_BODY) // 2]


def test_stop_cuts_a_drip_short() -> None:
    server = FakeNetServer().start()
    server.drip(None, 60.0, chunk_bytes=1)
    outcome: list[BaseException | int] = []

    def call() -> None:
        try:
            with httpx.Client(timeout=HARD_BOUND) as client:
                outcome.append(len(read_timed(client, server)[2]))
        except httpx.HTTPError as error:
            outcome.append(error)

    caller = threading.Thread(target=call, daemon=True)
    caller.start()
    deadline = time.monotonic() + HARD_BOUND
    while not server.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    caller.join(HARD_BOUND)
    assert time.monotonic() - started < 3.0
    assert len(outcome) == 1 and isinstance(outcome[0], httpx.RemoteProtocolError)


def test_finished_calls_do_not_pile_up_in_the_deadline_timer() -> None:
    # a long deadline and many short calls: the timer must not hold each until its deadline
    from superoffice_email._watchdog import Watchdog, _timers

    for _ in range(1000):
        Watchdog(time.monotonic() + 3600).disarm()
    assert len(_timers._heap) <= 200


def test_a_watchdog_shuts_only_while_armed() -> None:
    from superoffice_email._watchdog import Watchdog

    class Stream:
        def __init__(self, sock: Any) -> None:
            self.sock = sock

        def get_extra_info(self, name: str) -> Any:
            return self.sock if name == "socket" else None

    import socket

    (one, one_peer), (two, two_peer) = socket.socketpair(), socket.socketpair()
    with one, one_peer, two, two_peer:
        fired = Watchdog(time.monotonic() + 0.05)
        fired.watch(Stream(one))
        late = Watchdog(time.monotonic() + 0.05)
        late.disarm()  # the call ended in time
        late.watch(Stream(two))
        time.sleep(0.3)
        assert fired.fired and one.recv(1) == b""  # shut: a read sees the end at once
        assert not late.fired
        two.setblocking(False)
        with pytest.raises(BlockingIOError):  # still open: nothing to read, and no end
            two.recv(1)
