"""What both agents share: their options, checked once; request preparation; the timeouts
and deadline of one try; the record of each try (hook, history); the retry decision.

The sync and async edges (:mod:`._agent`) only move bytes and wait.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypedDict

import httpx

from . import _exchange
from ._config import (
    check_layout,
    check_positive_int,
    check_seconds,
    check_soap,
    endpoint_url,
    is_seconds,
)
from ._help import AgentType
from ._observe import CallEvent, OnCall, Recorder, outcome_of, user_agent
from ._redact import decode_body, safe_url
from ._retry import Retry, retry_delay, to_retry
from ._schema import load
from ._wire import SoapVersion
from ._writer import Layout
from .errors import Error, UsageError, shown

if TYPE_CHECKING:
    from httpx._client import UseClientDefault

    from ._credentials import Credentials
    from ._observe import HistoryEntry
    from ._stream import Sink

#: each call's timeout unless told otherwise; with ``client=``, the client's own is kept
DEFAULT_TIMEOUT = httpx.Timeout(60.0)
DEFAULT_MAX_RESPONSE_BYTES = _exchange.DEFAULT_MAX_RESPONSE_BYTES


class AgentOptions(TypedDict, total=False):
    """The agents' keyword options besides ``version`` and ``client`` (see :class:`EMailAgent`)."""

    ticket: str | None
    credentials: Credentials | None
    application_token: str | None
    time_zone: Any
    timeout: float | httpx.Timeout | None
    deadline: float | None
    soap: SoapVersion
    layout: Layout
    max_response_bytes: int
    retries: int | Retry | None
    on_call: OnCall | None
    history: int


class _Agent(metaclass=AgentType):
    """What both agents share: configuration, validation, request preparation, repr."""

    #: the service version; set by each generated class
    version: ClassVar[str]
    #: the agent the class speaks (its models, namespace, SOAPAction and ``.svc``); a
    #: generated class of another agent sets it
    agent: ClassVar[str] = "EMail"
    _client_class: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]
    _client: httpx.Client | httpx.AsyncClient

    def __init__(
        self,
        url: str,
        *,
        version: str | None = None,
        ticket: str | None = None,
        application_token: str | None = None,
        time_zone: Any = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        deadline: float | None = None,
        soap: SoapVersion = "1.1",
        layout: Layout = "wire",
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        retries: int | Retry | None = None,
        on_call: OnCall | None = None,
        history: int = 0,
        client: httpx.Client | httpx.AsyncClient | None = None,
    ) -> None:
        own_version = getattr(type(self), "version", None)
        if own_version is None:
            raise UsageError(f"create agents with {type(self).__name__}(url, version=...)")
        if version is not None and version != own_version:
            raise UsageError(
                f"{type(self).__module__}.{type(self).__name__} speaks {own_version}, "
                f"not {shown(version)}"
            )
        check_soap(soap)
        check_layout(layout)
        for name, value in (("ticket", ticket), ("application_token", application_token)):
            if value is not None and not isinstance(value, str):
                # the value itself stays out of the message: it may be a credential
                raise UsageError(f"{name} must be a string, not {type(value).__name__}")
        time_zone_type = load(own_version, self.agent).types.get("SoTimeZone", type(None))
        if time_zone is not None and not isinstance(time_zone, time_zone_type):
            raise UsageError(
                f"time_zone must be {own_version}'s SoTimeZone, not {type(time_zone).__name__}"
            )
        check_positive_int("max_response_bytes", max_response_bytes)
        if deadline is not None:
            check_seconds("deadline", deadline)
        waits = (
            [timeout.connect, timeout.read, timeout.write, timeout.pool]
            if isinstance(timeout, httpx.Timeout)
            else [timeout]
        )
        if not all(wait is None or is_seconds(wait) for wait in waits):
            # httpx would only fail at the first call, with a bare ValueError or TypeError
            raise UsageError(
                "timeout must be a positive number of seconds, None (no limit) or an "
                f"httpx.Timeout of those, not {shown(timeout)}"
            )
        if client is not None and not isinstance(client, self._client_class):
            raise UsageError(
                f"client must be an {self._client_class.__module__}.{self._client_class.__name__}"
                f", not {type(client).__name__}"
            )
        self.retry: Retry | None = to_retry(retries)
        self._recorder = Recorder(on_call, history)
        self.url = endpoint_url(url, own_version, self.agent)
        self.soap: SoapVersion = soap
        self.layout: Layout = layout
        self.time_zone = time_zone
        self.max_response_bytes = max_response_bytes
        self.deadline = deadline
        self._ticket = ticket
        self._application_token = application_token
        self._owns_client = client is None
        # a borrowed client keeps its own timeout unless one was asked for
        self._timeout: float | httpx.Timeout | UseClientDefault | None = (
            httpx.USE_CLIENT_DEFAULT if client is None or timeout is DEFAULT_TIMEOUT else timeout
        )
        self._given_timeout = timeout
        self._client = self._borrow(client) if client is not None else self._new_client(timeout)
        # our User-Agent, unless a borrowed client was given one of its own
        default_agent = httpx.Headers().get("user-agent") or "python-httpx/"
        own_agent = self._client.headers.get("user-agent", default_agent)
        self._user_agent = (
            user_agent() if own_agent.startswith(default_agent.split("/")[0]) else None
        )

    def _new_client(
        self, timeout: float | httpx.Timeout | None
    ) -> httpx.Client | httpx.AsyncClient:
        return self._client_class(timeout=timeout)

    def _borrow(self, client: Any) -> httpx.Client | httpx.AsyncClient:
        return client  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.version} {safe_url(self.url)}>"

    if not TYPE_CHECKING:  # hidden from mypy, which then still flags unknown attributes

        def __setattr__(self, name: str, value: Any) -> None:
            # an attribute nothing reads (``agent.ticket = ...``) would be silently ignored
            if (
                not name.startswith("_")
                and "_client" in self.__dict__  # created: __init__ sets _client near the end
                and name not in self.__dict__
                and not hasattr(type(self), name)
            ):
                raise UsageError(
                    f"{type(self).__name__} has no setting {name!r}: give options such as the "
                    "ticket when creating the agent (or create another agent)"
                )
            super().__setattr__(name, value)

    @property
    def closed(self) -> bool:
        """Whether the httpx client underneath is closed (no more calls possible)."""
        return self._client.is_closed

    @property
    def history(self) -> list[HistoryEntry]:
        """The last exchanges, oldest first (``history=N`` keeps ``N``; empty by default)."""
        return list(self._recorder.history or ())

    def _call_timeout(self, end: float) -> float | httpx.Timeout | UseClientDefault | None:
        """The httpx timeout of one try: with a deadline, no single wait may outlast it."""
        if end == math.inf:
            return self._timeout
        left = max(end - time.monotonic(), 0.001)
        given = self._client.timeout if self._timeout is httpx.USE_CLIENT_DEFAULT else self._timeout
        each = httpx.Timeout(given)  # type: ignore[arg-type]  # USE_CLIENT_DEFAULT is resolved

        def cut(wait: float | None) -> float:
            return left if wait is None else min(wait, left)

        return httpx.Timeout(
            connect=cut(each.connect),
            read=cut(each.read),
            write=cut(each.write),
            pool=cut(each.pool),
        )

    def _deadline_end(self) -> float:
        """When a call starting now must be over (``time.monotonic()``; inf: no deadline)."""
        return math.inf if self.deadline is None else time.monotonic() + self.deadline

    def _check_deadline(self, call: _exchange.PreparedCall, end: float) -> None:
        if time.monotonic() > end:
            raise self._deadline_error(call)

    def _deadline_error(self, call: _exchange.PreparedCall) -> Error:
        assert self.deadline is not None
        return _exchange.deadline_error(call, self.deadline)

    def _prepare(
        self, operation: str, request: object, fields: dict[str, Any] | None = None
    ) -> _exchange.PreparedCall:
        if self._client.is_closed:
            whose = "the agent" if self._owns_client else "the httpx client given to the agent"
            raise UsageError(f"cannot call {operation}: {whose} is closed")
        call = _exchange.prepare_call(
            self.version,
            operation,
            request,
            fields or {},
            url=self.url,
            ticket=self._ticket,
            application_token=self._application_token,
            time_zone=self.time_zone,
            soap=self.soap,
            layout=self.layout,
            agent=self.agent,
        )
        if self._user_agent is not None:
            call.headers["User-Agent"] = self._user_agent
        return call

    def _retry_wait(
        self, call: _exchange.PreparedCall, error: Error, attempt: int, end: float
    ) -> float | None:
        """Seconds to wait before try ``attempt + 1``, or None: raise ``error``."""
        if self.retry is None:
            return None
        return retry_delay(
            self.retry, call.agent, call.operation, error, attempt, end - time.monotonic()
        )

    def _post(self, call: _exchange.PreparedCall, end: float) -> dict[str, Any]:
        """The keyword arguments of httpx's ``stream("POST", call.url, ...)`` for one try."""
        return {
            "content": call.content,
            "headers": call.headers,
            "timeout": self._call_timeout(end),
            "follow_redirects": False,
        }

    def _body_reader(
        self,
        call: _exchange.PreparedCall,
        response: httpx.Response,
        sink: Sink | None,
        streamed: list[bool] | None,
    ) -> _exchange.BodyReader:
        """The reader of one try's answer, through the sink's parser where it has one (then
        ``streamed`` says so: bytes may reach the sink, so the call is not retried)."""
        parser = _exchange.body_parser(call, response.status_code, sink)
        if parser is not None and streamed is not None:
            streamed.append(True)
        return _exchange.BodyReader(call, self.max_response_bytes, response.headers, parser)

    def _outcome(
        self,
        call: _exchange.PreparedCall,
        attempt: int,
        started: float,
        status: int | None,
        headers: httpx.Headers | None,
        reader: _exchange.BodyReader | None,
        failure: Error | None,
    ) -> Any:
        """One try's value from the answer it read, or its error (``failure``, raised on the
        way, or what the answer says); recorded either way. The same for both edges: only
        how they read the bytes differs (``_agent_stream``)."""
        body: bytes | None = None
        try:
            if failure is not None:
                raise failure
            assert reader is not None and status is not None and headers is not None
            body = reader.body()
            value = _exchange.interpret(call, status, headers, body, reader.parser)
        except Error as error:
            size = reader.size if reader is not None else 0
            self._record(call, attempt, started, error, status, lambda: body, size)
            raise
        self._record(call, attempt, started, None, status, lambda: body, reader.size)
        return value

    def _record(
        self,
        call: _exchange.PreparedCall,
        attempt: int,
        started: float,
        error: Error | None,
        status_code: int | None,
        body: Callable[[], bytes | None],
        received: int,
    ) -> None:
        """Tell the hook and the history about one try (nothing to do if neither is on)."""
        recorder = self._recorder
        if not recorder.active:
            return
        event = CallEvent(
            agent=call.agent,
            operation=call.operation,
            version=call.version,
            duration=time.monotonic() - started,
            outcome=outcome_of(error),
            bytes_sent=len(call.content),
            bytes_received=received,
            attempt=attempt,
            status_code=status_code,
            error=error,
        )

        def scrubbed(data: bytes | None) -> bytes | None:
            if data is None:
                return None
            return call.scrub(decode_body(data)).encode("utf-8")

        recorder.record(
            event,
            url=safe_url(call.url),
            started=started,
            request=lambda: scrubbed(call.content) or b"",
            response=lambda: scrubbed(body()),
        )

