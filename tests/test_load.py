"""Load: many concurrent calls through ONE agent, against FakeNetServer over loopback.

Every call must complete without error and get exactly its own answer: the server computes
each answer from the request it decoded (RefreshFolder: a number from the folder names sent;
GetEMailFromId: a subject naming the message id), and each result is checked against what
its own call sent. The httpx client is the test's own (``client=``), with a bounded pool;
FakeNetServer counts the connections it serves, so the bound is checked from the server side.

By default each test runs a smaller but real version (a few seconds in all). Set
``SUPEROFFICE_EMAIL_LONG=1`` for the full sizes: 1,000 concurrent calls from one
``AsyncEMailAgent`` (through a pool of 16 connections, and through 1,000 connections), 200
calls from 32 threads sharing one ``EMailAgent``, and the rate of httpcore's pool race with and
without :func:`superoffice_email.guard_pools`. Run with
``-s`` to see calls/s and peak connections. Client and server share one process (and its
GIL), so the figures are a floor for the client alone.
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import os
import time
from collections.abc import Iterator
from typing import Any, NamedTuple

import httpx
import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

VERSION = "Services86"
m = so.models(VERSION)
TICKET = "7T:load-ticket"
INFO = m.EMailConnectionInfo(
    server_name="imap.example.com", user_name="me", password="pw", folder="INBOX", use_ssl=True
)
LONG = bool(os.environ.get("SUPEROFFICE_EMAIL_LONG"))
FULL_SIZE = [
    pytest.mark.slow,
    pytest.mark.skipif(not LONG, reason="full size: set SUPEROFFICE_EMAIL_LONG=1"),
]
BOUND = 120.0  # seconds: a whole run, past which the test fails instead of hanging
# a queued call may wait for a pooled connection as long as the whole run may last
CLIENT_TIMEOUT = httpx.Timeout(30.0, pool=BOUND)


class Size(NamedTuple):
    calls: int
    pool: int  # the client's max_connections
    threads: int = 0  # sync tests: how many threads share the agent


class Job(NamedTuple):
    method: str
    args: tuple[Any, ...]
    key: tuple[str, str]  # (operation, what the server must see), to match requests
    kwargs: dict[str, Any] = {}  # noqa: RUF012  (never mutated)


def job(i: int) -> Job:
    """Call ``i``: even ones RefreshFolder, odd ones GetEMailFromId, each with its own data."""
    if i % 2 == 0:
        folders = [f"folder-{i}", *["Archive"] * (i % 3)]
        return Job("refresh_folder", (INFO, folders), ("RefreshFolder", folders[0]))
    options = {"lookup_addresses": False, "flags": m.EMailFlags(0), "include_attachments": True}
    return Job("get_email_from_id", (INFO, i), ("GetEMailFromId", str(i)), options)


def is_own_answer(i: int, result: Any) -> bool:
    """Whether ``result`` is the answer to call ``i`` and no other (see :func:`answer_*`)."""
    if i % 2 == 0:
        return bool(result == 10 * i + 1 + i % 3)
    return isinstance(result, m.EMailEntity) and result.subject == f"message {i}"


def answer_refresh_folder(request: Any) -> int:
    folders = request.params.folders
    return 10 * int(folders[0].removeprefix("folder-")) + len(folders)


def answer_get_email_from_id(request: Any) -> Any:
    ident = request.params.message_server_id
    return m.EMailEntity(subject=f"message {ident}", message_id=f"<{ident}@example.com>")


@contextlib.contextmanager
def answering_server() -> Iterator[FakeNetServer]:
    """A FakeNetServer that answers each call from what the call sent (see ``answer_*``)."""
    with FakeNetServer(ticket=TICKET) as fake:
        fake.respond("RefreshFolder", answer_refresh_folder)
        fake.respond("GetEMailFromId", answer_get_email_from_id)
        yield fake


@pytest.fixture
def server() -> Iterator[FakeNetServer]:
    with answering_server() as fake:
        yield fake


def limits(pool: int) -> httpx.Limits:
    # keep-alive for every pooled connection: with fewer, httpcore closes and reopens
    # connections under load (and its sync pool can close one a queued request was given)
    return httpx.Limits(max_connections=pool, max_keepalive_connections=pool)


def check(server: FakeNetServer, size: Size, results: list[Any]) -> None:
    """Each call got its own answer; the server saw each request once, and accepted all."""
    wrong = [i for i, result in enumerate(results) if not is_own_answer(i, result)]
    assert not wrong, f"{len(wrong)} calls got another call's answer, first: {wrong[:5]}"
    seen = collections.Counter(
        (
            r.operation,
            r.params.folders[0]
            if r.operation == "RefreshFolder"
            else str(r.params.message_server_id),
        )
        for r in server.requests
    )
    assert seen == collections.Counter(job(i).key for i in range(size.calls))
    assert [r.error for r in server.requests if r.error is not None] == []
    assert server.errors == []


def report(what: str, size: Size, elapsed: float, peak: int) -> None:
    print(
        f"\n{what}: {size.calls} calls in {elapsed:.2f} s = {size.calls / elapsed:.0f} calls/s; "
        f"peak {peak} server connections (client max_connections={size.pool})"
    )


async def gather_calls(server: FakeNetServer, size: Size) -> tuple[list[Any], float]:
    """All the calls at once from one AsyncEMailAgent over a pool of ``size.pool``."""
    async with httpx.AsyncClient(limits=limits(size.pool), timeout=CLIENT_TIMEOUT) as client:
        agent = so.AsyncEMailAgent(server.url, version=VERSION, ticket=TICKET, client=client)
        calls = [getattr(agent, j.method)(*j.args, **j.kwargs) for j in map(job, range(size.calls))]
        started = time.perf_counter()
        async with asyncio.timeout(BOUND):
            results = await asyncio.gather(*calls)
        return results, time.perf_counter() - started


@pytest.mark.parametrize(
    "size",
    [
        pytest.param(Size(200, 8), id="200-calls-pool-8"),
        pytest.param(Size(1000, 16), id="1000-calls-pool-16", marks=FULL_SIZE),
    ],
)
def test_concurrent_calls_from_one_async_agent(server: FakeNetServer, size: Size) -> None:
    results, elapsed = asyncio.run(gather_calls(server, size))
    peak = server.peak_connections
    report("AsyncEMailAgent, asyncio.gather", size, elapsed, peak)
    check(server, size, results)
    # the bound holds at the server, and was reached: with every call queued at once, the
    # pool opens all it may
    assert peak == size.pool


@pytest.mark.parametrize(
    "size",
    [
        pytest.param(Size(100, 100), id="100-connections"),
        pytest.param(Size(1000, 1000), id="1000-connections", marks=FULL_SIZE),
    ],
)
def test_a_connection_per_call(server: FakeNetServer, size: Size) -> None:
    # as many connections as calls, opened together: the server's listen backlog and its
    # thread per connection must take the burst without refusing or resetting one
    results, elapsed = asyncio.run(gather_calls(server, size))
    peak = server.peak_connections
    report("AsyncEMailAgent, a connection per call", size, elapsed, peak)
    check(server, size, results)
    assert size.calls // 2 <= peak <= size.pool


@pytest.mark.parametrize(
    "size",
    [
        pytest.param(Size(100, 4, threads=16), id="100-calls-16-threads-pool-4"),
        pytest.param(Size(200, 8, threads=32), id="200-calls-32-threads-pool-8", marks=FULL_SIZE),
    ],
)
def test_calls_from_threads_sharing_one_sync_agent(server: FakeNetServer, size: Size) -> None:
    # guard_pools: a thread-shared client needs it (see superoffice_email/_pool_guard.py);
    # test_race_in_a_shared_pool measures what happens without it
    client = so.guard_pools(httpx.Client(limits=limits(size.pool), timeout=CLIENT_TIMEOUT))
    with client:
        results, elapsed = call_from_threads(client, server.url, size)
    peak = server.peak_connections
    report(f"EMailAgent, {size.threads} threads", size, elapsed, peak)
    check(server, size, results)
    assert peak == size.pool  # every pooled connection used, and no more


def call_from_threads(client: httpx.Client, url: str, size: Size) -> tuple[list[Any], float]:
    """``size.calls`` calls from ``size.threads`` threads sharing one agent over ``client``.

    The results in call order; the first call that raised raises here.
    """
    agent = so.EMailAgent(url, version=VERSION, ticket=TICKET, client=client)
    with concurrent.futures.ThreadPoolExecutor(size.threads) as executor:
        jobs = [job(i) for i in range(size.calls)]
        started = time.perf_counter()
        futures = [executor.submit(getattr(agent, j.method), *j.args, **j.kwargs) for j in jobs]
        _, pending = concurrent.futures.wait(futures, timeout=BOUND)
        elapsed = time.perf_counter() - started
        for future in pending:
            future.cancel()
        assert not pending, f"{len(pending)} calls still running after {BOUND} s"
        return [future.result() for future in futures], elapsed


@pytest.mark.slow
@pytest.mark.skipif(not LONG, reason="a long measurement: set SUPEROFFICE_EMAIL_LONG=1")
@pytest.mark.parametrize("guarded", [False, True], ids=["plain-httpx", "guard_pools"])
def test_race_in_a_shared_pool(guarded: bool) -> None:
    """Rounds of 400 calls from 16 threads over a pool of 4: the race's rate, with and without
    the guard. Only the guarded run must be clean; the plain one is reported (run with -s).
    """
    size, rounds = Size(400, 4, threads=16), 50
    failed: collections.Counter[str] = collections.Counter()
    for _ in range(rounds):
        with answering_server() as server:
            client = httpx.Client(limits=limits(size.pool), timeout=CLIENT_TIMEOUT)
            if guarded:
                so.guard_pools(client)
            agent = so.EMailAgent(server.url, version=VERSION, ticket=TICKET, client=client)
            with client, concurrent.futures.ThreadPoolExecutor(size.threads) as executor:
                futures = [
                    executor.submit(getattr(agent, j.method), *j.args, **j.kwargs)
                    for j in map(job, range(size.calls))
                ]
                for future in futures:
                    error = future.exception(timeout=BOUND)
                    if error is not None:
                        failed[str(error).split(" on POST")[0]] += 1
    total = size.calls * rounds
    print(
        f"\n{'guard_pools' if guarded else 'plain httpx'}: {sum(failed.values())} of {total} "
        f"calls failed; {dict(failed)}"
    )
    if guarded:
        assert not failed


def test_connection_counter() -> None:
    def wait_for(server: FakeNetServer, count: int) -> None:
        deadline = time.monotonic() + 5.0
        while server.connections != count and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.connections == count

    with FakeNetServer() as server:
        assert (server.connections, server.peak_connections) == (0, 0)
        agents = [so.EMailAgent(server.url, version=VERSION) for _ in range(3)]
        for agent in agents:
            agent.get_current_account_id()  # each agent: a client and a connection of its own
        assert (server.connections, server.peak_connections) == (3, 3)
        agents[0].close()
        wait_for(server, 2)
        assert server.peak_connections == 3  # the most at once, not the number now
        server.clear()
        assert server.peak_connections == 2  # starts again from the connections open now
        for agent in agents[1:]:
            agent.close()
        wait_for(server, 0)
        assert server.peak_connections == 2
    assert (server.connections, server.peak_connections) == (0, 2)  # the run that ended
    with server:
        assert server.peak_connections == 0  # a new run counts afresh
