"""The agents' streamed byte path, sync and async: one try of a prepared call.

Each edge's ``_send`` posts the envelope with httpx and reads the answer as it arrives into
:class:`~._exchange.BodyReader`, under the call's deadline (the sync ``_watchdog``, anyio's
``fail_after``); with a sink (``call_streaming``) a 2xx answer goes to the sink's parser as it
arrives, base64 values to the sink. :mod:`._agent` holds the rest of each edge: ``call``, the
tries and waits (``_call``), the client's life.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING, Any, TypeVar, overload

import anyio
import httpx

from . import _exchange
from ._agent_base import _Agent
from ._operations import TypedOperation, operation_name
from ._redact import scrubbing_logs
from ._stream import Sink
from ._watchdog import EXTENSION, Watchdog
from .errors import Error

#: a typed operation's request and response types (see :mod:`._operations`)
RequestT = TypeVar("RequestT")
ResponseT = TypeVar("ResponseT")


class _SyncStream(_Agent):
    """The sync edge's byte path over ``httpx.Client``."""

    _client: httpx.Client

    if TYPE_CHECKING:  # the edge's tries, in _agent._SyncBase

        def _call(
            self,
            operation: str,
            request: object,
            fields: dict[str, Any] | None = None,
            sink: Sink | None = None,
        ) -> Any: ...

    @overload
    def call_streaming(
        self,
        operation: TypedOperation[RequestT, ResponseT],
        request: RequestT | None = None,
        /,
        *,
        sink: Sink,
        **fields: Any,
    ) -> ResponseT: ...
    @overload
    def call_streaming(
        self, operation: str, request: object = None, /, *, sink: Sink, **fields: Any
    ) -> Any: ...
    def call_streaming(
        self,
        operation: str | TypedOperation[Any, Any],
        request: object = None,
        /,
        *,
        sink: Sink,
        **fields: Any,
    ) -> Any:
        """:meth:`call`, with base64 values (attachments) written to ``sink`` as they arrive.

        ``sink(owner)`` returns a writable for each (see
        :func:`~superoffice_email.parse_response`); in the value returned they are None.
        Once bytes have gone to a sink the call is not retried (they would go there twice).
        """
        name = operation_name(operation, self.version, self.agent)
        return self._call(name, request, fields, sink)

    def _send(
        self,
        call: _exchange.PreparedCall,
        attempt: int,
        end: float,
        sink: Sink | None = None,
        streamed: list[bool] | None = None,
    ) -> Any:
        """Send a prepared call once: its value, or its error; recorded either way."""
        started = time.monotonic()
        watchdog = Watchdog(end) if end != math.inf else None
        status: int | None = None
        headers: httpx.Headers | None = None
        reader: _exchange.BodyReader | None = None
        failure: Error | None = None
        try:
            with scrubbing_logs(call.scrub), self._client.stream(
                "POST",
                call.url,
                **self._post(call, end),
                extensions={EXTENSION: watchdog} if watchdog is not None else None,
            ) as response:
                status, headers = response.status_code, response.headers
                reader = self._body_reader(call, response, sink, streamed)
                for chunk in response.iter_bytes():
                    self._check_deadline(call, end)
                    reader.feed(chunk)
                self._check_deadline(call, end)
                if watchdog is not None:
                    watchdog.disarm()  # before the connection goes back to the pool
        except httpx.RequestError as error:
            # raised by _outcome, outside this block: httpx's error, unscrubbed, stays out of
            # the chain
            fired = watchdog is not None and watchdog.fired
            failure = (
                self._deadline_error(call) if fired else _exchange.transport_error(call, error)
            )
        except Error as error:  # the answer too big, the deadline, the sink's parser...
            failure = error
        finally:
            if watchdog is not None:
                watchdog.disarm()
        return self._outcome(call, attempt, started, status, headers, reader, failure)


class _AsyncStream(_Agent):
    """The async edge's byte path over ``httpx.AsyncClient``."""

    _client: httpx.AsyncClient

    if TYPE_CHECKING:  # the edge's tries, in _agent._AsyncBase

        async def _call(
            self,
            operation: str,
            request: object,
            fields: dict[str, Any] | None = None,
            sink: Sink | None = None,
        ) -> Any: ...

    @overload
    async def call_streaming(
        self,
        operation: TypedOperation[RequestT, ResponseT],
        request: RequestT | None = None,
        /,
        *,
        sink: Sink,
        **fields: Any,
    ) -> ResponseT: ...
    @overload
    async def call_streaming(
        self, operation: str, request: object = None, /, *, sink: Sink, **fields: Any
    ) -> Any: ...
    async def call_streaming(
        self,
        operation: str | TypedOperation[Any, Any],
        request: object = None,
        /,
        *,
        sink: Sink,
        **fields: Any,
    ) -> Any:
        """:meth:`call`, with base64 values (attachments) written to ``sink`` as they arrive."""
        name = operation_name(operation, self.version, self.agent)
        return await self._call(name, request, fields, sink)

    async def _send(
        self,
        call: _exchange.PreparedCall,
        attempt: int,
        end: float,
        sink: Sink | None = None,
        streamed: list[bool] | None = None,
    ) -> Any:
        """Send a prepared call once: its value, or its error; recorded either way."""
        started = time.monotonic()
        status: int | None = None
        headers: httpx.Headers | None = None
        reader: _exchange.BodyReader | None = None
        failure: Error | None = None
        try:
            # the deadline cancels whatever wait is running (pool, connect, TLS, send,
            # headers, body): anyio's fail_after, so trio works as asyncio does
            with scrubbing_logs(call.scrub), anyio.fail_after(
                None if end == math.inf else end - time.monotonic()
            ):
                async with self._client.stream(
                    "POST", call.url, **self._post(call, end)
                ) as response:
                    status, headers = response.status_code, response.headers
                    reader = self._body_reader(call, response, sink, streamed)
                    async for chunk in response.aiter_bytes():
                        reader.feed(chunk)
        except httpx.RequestError as error:
            # raised by _outcome, outside this block: httpx's error stays out of the chain
            failure = _exchange.transport_error(call, error)
        except TimeoutError as error:
            failure = error if isinstance(error, Error) else self._deadline_error(call)
        except Error as error:  # the answer too big, the sink's parser...
            failure = error
        return self._outcome(call, attempt, started, status, headers, reader, failure)
