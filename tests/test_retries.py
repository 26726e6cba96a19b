"""Retries, opt-in: what may be repeated, how often, how long apart, and never past the deadline.

Expectations come from the rules as the brief states them (a failure before sending and a 503
with ``Retry-After``: any operation; any other failure of the exchange: only reviewed
read-only operations; NetServer failures and faults: never) and from the reviewed table
itself, checked against the operations each version has and against our descriptions.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import random
import re
import socket
import time
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

import superoffice_email as so
from codegen.operation_docs import OPERATION_DOCS
from superoffice_email import VERSIONS, Retry
from superoffice_email._read_only import NOT_READ_ONLY, READ_ONLY, is_read_only
from superoffice_email._retry import retry_delay, to_retry
from superoffice_email._schema import MODULES, load

BASE = "https://crm.example.com/t1/Remote/"
XML_11 = {"Content-Type": "text/xml; charset=utf-8"}
REFRESH_OK = so.build_response("Services88", "RefreshFolder", 5, layout="wire", soap="1.1")
LIST_OK = so.build_response("Services88", "GetFolderList", ["INBOX"], layout="wire", soap="1.1")
FAST = Retry(attempts=3, backoff_base=0.001, backoff_cap=0.01)
MODES = pytest.mark.parametrize("mode", ["sync", "async"])
# RefreshFolder changes state (fetches into the cache); GetFolderList is reviewed read-only
CHANGES = ("refresh_folder", "RefreshFolder", 5)
READS = ("get_folder_list", "GetFolderList", ["INBOX"])
#: the arguments a method requires (a non-nillable boolean has no default)
REQUIRED: dict[str, dict[str, Any]] = {"get_folder_list": {"include_item_count": False}}


def run(mode: str, method: str, **options: Any) -> tuple[Any, list[so.CallEvent]]:
    """One call with a fresh agent: its value or library error, and the tries it made."""
    events: list[so.CallEvent] = []
    options = {"retries": FAST, "on_call": events.append, **options}

    async def run_async() -> Any:
        async with so.AsyncEMailAgent(BASE, **options) as agent:
            return await getattr(agent, method)(**REQUIRED.get(method, {}))

    try:
        if mode == "sync":
            with so.EMailAgent(BASE, **options) as agent:
                return getattr(agent, method)(**REQUIRED.get(method, {})), events
        return asyncio.run(run_async()), events
    except so.Error as error:
        return error, events


# -- the reviewed table -----------------------------------------------------------------------


def test_every_operation_of_every_agent_and_version_is_classified_once() -> None:
    everywhere = {(a, op) for a, v in MODULES for op in load(v, a).operations}
    listed = [(a, op) for table in (READ_ONLY, NOT_READ_ONLY) for a in table for op in table[a]]
    assert len(listed) == len(set(listed))  # never in both tables
    assert set(listed) == everywhere, (everywhere - set(listed), set(listed) - everywhere)
    for table in (READ_ONLY, NOT_READ_ONLY):
        assert all(reason.strip() for reasons in table.values() for reason in reasons.values())


def test_state_changing_reads_are_not_read_only() -> None:
    # the brief's two: flags set on fetch, and a refresh that updates the cache
    for operation in ("GetEMailFromId", "RefreshFolder", "GetNewMail", "CacheFolderList"):
        assert not is_read_only("EMail", operation)
    assert not is_read_only("SoPrincipal", "GetFolderList")  # per agent, not per name


def test_read_only_descriptions_mention_no_change() -> None:
    # a second look, with our own descriptions: no read-only one speaks of a change ("a set
    # of envelopes" is a noun)
    change = re.compile(
        r"\b(saves?|stores?|deletes?|removes?|sends?|moves?|marks?|sets?(?! of)|flags?|updates?|"
        r"changes?|writes?|creates? a)\b",
        re.IGNORECASE,
    )
    for operation in READ_ONLY["EMail"]:
        # ours, else (an operation newer than ours) the generated one, from its WSDL's
        description = OPERATION_DOCS.get(operation) or _generated_description(operation)
        if operation.startswith("CreateDefault"):
            assert "nothing is stored" in description, operation
            continue
        assert not change.search(description), (operation, description)


def _generated_description(operation: str) -> str:
    """The first paragraph of the newest agent's method for ``operation``."""
    from superoffice_email.agents import services88

    method = next(
        member
        for name, member in inspect.getmembers(services88.EMailAgent, inspect.isfunction)
        if name.replace("_", "") == operation.lower()
    )
    return (inspect.getdoc(method) or "").split("\n\n")[0]


def test_every_read_like_operation_was_reviewed() -> None:
    # Get/Find/Has/Test/Authenticate/CreateDefault ones are each in one table or the other
    everywhere = set().union(*(load(version).operations for version in VERSIONS))
    looks_like_a_read = {
        name
        for name in everywhere
        if re.match(r"(Get|Find|Has|Test|Authenticate|CreateDefault|LatestItem)", name)
    }
    reviewed = set(READ_ONLY["EMail"]) | set(NOT_READ_ONLY["EMail"])
    assert looks_like_a_read <= reviewed, sorted(looks_like_a_read - reviewed)


# -- the Retry object and the decision --------------------------------------------------------


def test_backoff_is_exponential_capped_and_fully_jittered() -> None:
    plain = Retry(attempts=10, backoff_base=0.5, backoff_cap=3.0, jitter=False)
    assert [plain.backoff(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    jittered = Retry(attempts=10, backoff_base=0.5, backoff_cap=3.0)
    random.seed(11)
    waits = [jittered.backoff(3) for _ in range(2000)]
    assert 0.0 <= min(waits) < 0.1 and 1.9 < max(waits) <= 2.0  # anywhere in [0, 2]
    assert 0.9 < sum(waits) / len(waits) < 1.1
    assert plain.backoff(10_000) == 3.0  # no OverflowError


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), (0, None), (2, Retry(attempts=3)), (FAST, FAST)],
)
def test_retries_argument(value: Any, expected: Retry | None) -> None:
    assert to_retry(value) == expected


@pytest.mark.parametrize("value", [-1, True, "3", 2.5, [1]])
def test_bad_retries_are_refused(value: Any) -> None:
    with pytest.raises(so.UsageError, match="retries must be"):
        so.EMailAgent(BASE, retries=value)


@pytest.mark.parametrize(
    "options",
    [{"attempts": 0}, {"backoff_base": 0}, {"backoff_cap": -1}, {"jitter": 1}, {"attempts": 1.5}],
)
def test_bad_retry_objects_are_refused(options: dict[str, Any]) -> None:
    with pytest.raises(so.UsageError, match="Retry"):
        Retry(**options)


def test_no_retry_that_would_end_past_the_deadline() -> None:
    error = so.ConnectError("refused")
    slow = Retry(attempts=5, backoff_base=2.0, jitter=False)
    assert retry_delay(slow, "EMail", "RefreshFolder", error, 1, remaining=5.0) == 2.0
    assert retry_delay(slow, "EMail", "RefreshFolder", error, 1, remaining=1.9) is None
    assert retry_delay(slow, "EMail", "RefreshFolder", error, 5, remaining=99) is None  # spent


# -- through the agents ----------------------------------------------------------------------


@MODES
def test_a_connect_error_is_retried_for_any_operation(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    httpx_mock.add_response(content=REFRESH_OK, headers=XML_11)
    value, events = run(mode, "refresh_folder")
    assert value == 5
    assert [(e.attempt, e.outcome) for e in events] == [(1, "transport_error"), (2, "ok")]


@MODES
def test_a_pool_timeout_is_retried_for_any_operation(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_exception(httpx.PoolTimeout("no free connection"))
    httpx_mock.add_response(content=REFRESH_OK, headers=XML_11)
    assert run(mode, "refresh_folder")[0] == 5


@MODES
@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("timed out"), httpx.ReadError("reset"), httpx.RemoteProtocolError("gone")],
    ids=lambda e: type(e).__name__,
)
def test_after_sending_only_read_only_operations_are_retried(
    httpx_mock: HTTPXMock, mode: str, failure: Exception
) -> None:
    httpx_mock.add_exception(failure)
    error, events = run(mode, "refresh_folder")
    assert isinstance(error, so.TransportError) and len(events) == 1  # raised at once
    httpx_mock.add_exception(failure)
    httpx_mock.add_response(content=LIST_OK, headers=XML_11)
    value, events = run(mode, "get_folder_list")
    assert value == ["INBOX"] and [e.attempt for e in events] == [1, 2]


@MODES
def test_a_503_with_retry_after_is_retried_for_any_operation(
    httpx_mock: HTTPXMock, mode: str
) -> None:
    httpx_mock.add_response(status_code=503, text="busy", headers={"Retry-After": "0"})
    httpx_mock.add_response(content=REFRESH_OK, headers=XML_11)
    value, events = run(mode, "refresh_folder")
    assert value == 5
    assert [(e.outcome, e.status_code) for e in events] == [("http_status", 503), ("ok", 200)]


@MODES
def test_other_5xx_only_for_read_only_operations(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=503, text="busy")  # no Retry-After
    assert isinstance(run(mode, "refresh_folder")[0], so.HTTPStatusError)
    httpx_mock.add_response(status_code=502, text="bad gateway")
    httpx_mock.add_response(content=LIST_OK, headers=XML_11)
    assert run(mode, "get_folder_list")[0] == ["INBOX"]


@MODES
def test_a_retry_after_longer_than_the_cap_is_the_callers(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=503, text="busy", headers={"Retry-After": "3600"})
    started = time.monotonic()
    error, events = run(mode, "refresh_folder")
    assert isinstance(error, so.HTTPStatusError) and error.retry_after == 3600
    assert len(events) == 1 and time.monotonic() - started < 1.0


@MODES
def test_a_retry_after_is_waited_out(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_response(status_code=503, text="busy", headers={"Retry-After": "1"})
    httpx_mock.add_response(content=REFRESH_OK, headers=XML_11)
    started = time.monotonic()
    value, _ = run(mode, "refresh_folder", retries=Retry(backoff_base=0.001, backoff_cap=5))
    assert value == 5 and time.monotonic() - started >= 1.0


@MODES
def test_netserver_failures_and_faults_are_never_retried(httpx_mock: HTTPXMock, mode: str) -> None:
    info = so.models("Services88").SoExceptionInfo(message="no such folder")
    failure = so.build_response(
        "Services88",
        "GetFolderList",
        succeeded=False,
        exception_info=info,
        layout="wire",
        soap="1.1",
    )
    httpx_mock.add_response(content=failure, headers=XML_11)
    error, events = run(mode, "get_folder_list")
    assert isinstance(error, so.NetServerError) and len(events) == 1
    fault = (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        b"<faultcode>s:Server</faultcode><faultstring>down</faultstring></s:Fault></s:Body>"
        b"</s:Envelope>"
    )
    httpx_mock.add_response(status_code=500, content=fault, headers=XML_11)
    error, events = run(mode, "get_folder_list")
    assert isinstance(error, so.SoapFault) and len(events) == 1


@MODES
def test_the_attempts_are_counted(httpx_mock: HTTPXMock, mode: str) -> None:
    for _ in range(3):
        httpx_mock.add_exception(httpx.ConnectError("refused"))
    error, events = run(mode, "refresh_folder")  # FAST: 3 attempts in all
    assert isinstance(error, so.ConnectError)
    assert [e.attempt for e in events] == [1, 2, 3]
    assert len(httpx_mock.get_requests()) == 3


@MODES
def test_without_retries_nothing_is_repeated(httpx_mock: HTTPXMock, mode: str) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"))
    error, events = run(mode, "refresh_folder", retries=None)
    assert isinstance(error, so.ConnectError) and len(events) == 1


@MODES
def test_retries_stop_at_the_deadline(mode: str) -> None:
    # a real refused connection on loopback: a port nobody listens on
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/t/Remote/"
    tries: list[tuple[float, so.CallEvent]] = []  # when each try ended, and its event
    retry = Retry(attempts=100, backoff_base=0.2, backoff_cap=0.2, jitter=False)

    def seen(event: so.CallEvent) -> None:
        tries.append((time.monotonic(), event))

    options: dict[str, Any] = {"retries": retry, "deadline": 1.0, "on_call": seen}
    if mode == "sync":
        with so.EMailAgent(url, **options) as agent, pytest.raises(so.ConnectError):
            started = time.monotonic()
            agent.refresh_folder()
    else:

        async def go() -> float:
            async with so.AsyncEMailAgent(url, **options) as agent:
                started = time.monotonic()
                with pytest.raises(so.ConnectError):
                    await agent.refresh_folder()
                return started

        started = asyncio.run(go())
    # tries 0.2 s apart: at most 5 start within the deadline, and none after it
    assert 2 <= len(tries) <= 5
    assert [event.attempt for _, event in tries] == list(range(1, len(tries) + 1))
    last_end, last = tries[-1]
    assert last_end - last.duration - started < 1.0  # the last try began before the deadline
    assert last_end - started < 1.0 + 0.2  # and no wait ran past it


def test_retries_and_events_go_by_the_agent_the_class_speaks() -> None:
    # a class of another agent (its ``agent`` class attribute): its own read-only table
    # decides the retry, and the events name it, not the EMail agent
    class BatchAgent(so.EMailAgent):
        version = "Services84"
        agent = "Batch"

    events: list[so.CallEvent] = []

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    client = httpx.Client(transport=httpx.MockTransport(slow))
    agent = BatchAgent(BASE, client=client, retries=FAST, on_call=events.append)
    with pytest.raises(so.TransportTimeout):
        agent.call("GetBatchTaskInfo", id=1)
    assert [(event.agent, event.attempt) for event in events] == [
        ("Batch", 1),
        ("Batch", 2),
        ("Batch", 3),
    ]


UNSUPPORTED = (
    b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
    b'<faultcode xmlns:a="http://schemas.microsoft.com/ws/2005/05/addressing/none">'
    b"a:ActionNotSupported</faultcode><faultstring>ContractFilter mismatch at the "
    b"EndpointDispatcher</faultstring></s:Fault></s:Body></s:Envelope>"
)


@MODES
def test_an_operation_the_server_lacks_is_not_retried(httpx_mock: HTTPXMock, mode: str) -> None:
    # an UnsupportedOperationError is an HTTPStatusError of 500 too, yet the same request
    # would get the same answer: one try, even for a read-only operation
    httpx_mock.add_response(status_code=500, content=UNSUPPORTED, headers=XML_11)
    error, events = run(mode, "get_folder_list")
    assert isinstance(error, so.UnsupportedOperationError)
    assert len(events) == 1


def test_a_call_whose_answer_went_to_the_sink_is_not_retried() -> None:
    # a read-only operation cut off mid-answer is retried, unless its bytes already went to a
    # sink: they would go there twice
    answer = so.build_response("Services88", "GetEMailAsStream", b"x" * 4096, soap="1.1")
    sent: list[httpx.Request] = []

    class CutOff(httpx.SyncByteStream):
        def __iter__(self) -> Any:
            yield answer[:300]
            raise httpx.ReadError("connection reset")

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, headers=XML_11, stream=CutOff())

    def options() -> dict[str, Any]:
        return {"retries": FAST, "client": httpx.Client(transport=httpx.MockTransport(handler))}

    with pytest.raises(so.TransportError):
        so.EMailAgent(BASE, **options()).call("GetEMailAsStream", message_server_id=1)
    assert len(sent) == FAST.attempts
    sent.clear()
    with pytest.raises(so.TransportError):
        so.EMailAgent(BASE, **options()).call_streaming(
            "GetEMailAsStream", sink=lambda owner: io.BytesIO(), message_server_id=1
        )
    assert len(sent) == 1
