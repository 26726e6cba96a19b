"""What the agents tell a caller about each exchange: the ``on_call`` hook, the history and
the ``User-Agent``.

NetServer answers a failed call with HTTP 200 (``Succeeded`` false), so httpx's own event
hooks cannot tell success from failure; ``on_call`` gets a :class:`CallEvent` after every
try of every call, with the outcome as the library saw it. ``history=N`` keeps the last ``N``
exchanges as :class:`HistoryEntry` records (request and answer bytes, every secret scrubbed),
like zeep's HistoryPlugin.
"""

from __future__ import annotations

import collections
import functools
import logging
import time
from collections.abc import Callable
from typing import Literal

import attrs

from .errors import (
    Error,
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    SoapFault,
    UsageError,
)

__all__ = ["CallEvent", "HistoryEntry", "Outcome", "Recorder", "outcome_of", "user_agent"]

logger = logging.getLogger("superoffice_email")

Outcome = Literal[
    "ok", "netserver_failure", "fault", "http_status", "transport_error", "protocol_error"
]


@attrs.frozen
class CallEvent:
    """One try of one call, as ``on_call`` receives it.

    ``agent`` is the service agent (``"EMail"``); ``duration`` the seconds from sending to
    the outcome; ``outcome`` one of ``ok``, ``netserver_failure`` (``Succeeded`` false),
    ``fault`` (a SOAP Fault), ``http_status`` (another status, no fault), ``transport_error``
    (timeouts, connections, too large an answer) and ``protocol_error`` (an answer that is no
    envelope); ``bytes_sent`` and ``bytes_received`` count the bodies; ``attempt`` is 1 for
    the first try, 2 for the first retry...; ``status_code`` is None when no answer came;
    ``error`` is the error the try ended with (None when ``ok``), secrets already scrubbed.
    """

    agent: str
    operation: str
    version: str
    duration: float
    outcome: Outcome
    bytes_sent: int
    bytes_received: int
    attempt: int
    status_code: int | None = None
    error: Error | None = None


@attrs.frozen
class HistoryEntry:
    """One request and its answer as ``agent.history`` keeps them: secrets scrubbed."""

    operation: str
    version: str
    url: str
    started: float = attrs.field(repr=False)  # time.time() when it was sent
    request: bytes = attrs.field(repr=False)
    status_code: int | None
    response: bytes | None = attrs.field(repr=False)
    outcome: Outcome


def outcome_of(error: BaseException | None) -> Outcome:
    """The outcome name of an error (None: ``ok``)."""
    if error is None:
        return "ok"
    if isinstance(error, NetServerError):
        return "netserver_failure"
    if isinstance(error, SoapFault):
        return "fault"
    if isinstance(error, HTTPStatusError):
        return "http_status"
    if isinstance(error, ProtocolError):
        return "protocol_error"
    return "transport_error"


@functools.cache
def user_agent() -> str:
    """``superoffice_email/<version> httpx/<version>``: who calls, for the server's logs."""
    import importlib.metadata

    import httpx

    try:
        ours = importlib.metadata.version("superoffice_email")
    except importlib.metadata.PackageNotFoundError:  # run from a checkout, not installed
        ours = "0"
    return f"superoffice_email/{ours} httpx/{httpx.__version__}"


OnCall = Callable[[CallEvent], object]


class Recorder:
    """An agent's hook and history: ``record`` is called once per try."""

    def __init__(self, on_call: object, history: object) -> None:
        if on_call is not None and not callable(on_call):
            raise UsageError(f"on_call must be a callable taking a CallEvent, not {on_call!r}")
        if history is not None and (
            not isinstance(history, int) or isinstance(history, bool) or history < 0
        ):
            raise UsageError(f"history must be a number of exchanges to keep, not {history!r}")
        self.on_call: OnCall | None = on_call
        self.history: collections.deque[HistoryEntry] | None = (
            collections.deque(maxlen=history) if history else None
        )

    @property
    def active(self) -> bool:
        return self.on_call is not None or self.history is not None

    def record(
        self,
        event: CallEvent,
        *,
        url: str,
        started: float,
        request: Callable[[], bytes],
        response: Callable[[], bytes | None],
    ) -> None:
        """Keep the exchange (bodies scrubbed only if kept) and call the hook.

        A hook that raises is logged and otherwise ignored: watching a call must not change
        its outcome.
        """
        if self.history is not None:
            self.history.append(
                HistoryEntry(
                    event.operation,
                    event.version,
                    url,
                    time.time() - (time.monotonic() - started),
                    request(),
                    event.status_code,
                    response(),
                    event.outcome,
                )
            )
        if self.on_call is not None:
            try:
                self.on_call(event)
            except Exception:
                logger.warning(
                    "%s %s: the on_call hook raised; the call's outcome stands",
                    event.version,
                    event.operation,
                    exc_info=True,
                )
