"""Retries, opt-in: which failures a call may repeat, and how long to wait in between.

``EMailAgent(..., retries=3)`` or ``retries=Retry(...)``. A failure before the request left
(no connection, no free pooled connection) and an HTTP 503 that says when to come back
(``Retry-After``) are repeated for any operation; any other failure of the exchange (a read
timeout, a reset, a 5xx) only for an operation reviewed as read-only (:mod:`._read_only`).
A NetServer failure, a SOAP fault, a bad envelope or a bad argument is never repeated: the
same request would get the same answer.

The waits grow exponentially with full jitter (a random wait between 0 and
``min(backoff_cap, backoff_base * 2 ** (n - 1))``, as AWS's architecture blog recommends, so
clients that failed together do not come back together). A ``Retry-After`` is waited out as
given, unless it is longer than ``backoff_cap``: then the error is raised at once. Nothing is
repeated that could not finish before the agent's ``deadline``, which bounds the whole call,
its retries included.
"""

from __future__ import annotations

import random

import attrs

from ._config import check_positive_int, check_seconds
from ._read_only import is_read_only
from .errors import (
    ConnectError,
    Error,
    HTTPStatusError,
    ResponseTooLargeError,
    SoapFault,
    TransportError,
    UsageError,
    shown,
)

__all__ = ["Retry", "retry_delay", "to_retry"]


@attrs.frozen
class Retry:
    """How a call is repeated: at most ``attempts`` tries in all (the first one included),
    waiting a random time up to ``min(backoff_cap, backoff_base * 2 ** (n - 1))`` before try
    ``n + 1`` (``jitter=False``: exactly that long)."""

    attempts: int = 3
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    jitter: bool = True

    def __attrs_post_init__(self) -> None:
        check_positive_int("Retry attempts", self.attempts)
        check_seconds("Retry backoff_base", self.backoff_base)
        check_seconds("Retry backoff_cap", self.backoff_cap)
        if not isinstance(self.jitter, bool):
            raise UsageError(f"Retry jitter must be True or False, not {shown(self.jitter)}")

    def backoff(self, attempt: int) -> float:
        """The wait after failed try number ``attempt`` (1 for the first)."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2.0 ** min(attempt - 1, 64))
        return random.uniform(0.0, ceiling) if self.jitter else ceiling


def to_retry(retries: object) -> Retry | None:
    """The agents' ``retries=`` argument as a :class:`Retry` (None: no retries).

    An int is how many times a call may be repeated: ``retries=2`` is ``Retry(attempts=3)``.
    """
    if retries is None or isinstance(retries, Retry):
        return retries
    if isinstance(retries, int) and not isinstance(retries, bool) and retries >= 0:
        return Retry(attempts=retries + 1) if retries else None
    raise UsageError(
        f"retries must be a number of retries (an int, 0 for none), a Retry or None, "
        f"not {retries!r}"
    )


def may_repeat(agent: str, operation: str, error: Error) -> bool:
    """Whether a call that failed with ``error`` may be sent again (see the module's text)."""
    if isinstance(error, ConnectError) or (
        isinstance(error, TransportError) and not error.maybe_sent
    ):
        return True  # it never left
    if isinstance(error, SoapFault):
        return False  # also an UnsupportedOperationError's HTTP 404 or 500: the same again
    if isinstance(error, HTTPStatusError):
        if error.status_code == 503 and error.retry_after is not None:
            return True  # the server says it did not do it, and when to come back
        return 500 <= error.status_code < 600 and is_read_only(agent, operation)
    if isinstance(error, ResponseTooLargeError):
        return False  # it would be as large again
    return isinstance(error, TransportError) and is_read_only(agent, operation)


def retry_delay(
    retry: Retry,
    agent: str,
    operation: str,
    error: Error,
    attempt: int,
    remaining: float,
) -> float | None:
    """How long to wait before repeating a call whose try ``attempt`` failed with ``error``;
    None when it is not to be repeated (not allowed, no tries left, or past the deadline:
    ``remaining`` is the time left to it, ``inf`` without one)."""
    if attempt >= retry.attempts or not may_repeat(agent, operation, error):
        return None
    wait = retry.backoff(attempt)
    if isinstance(error, HTTPStatusError) and error.retry_after is not None:
        if error.retry_after > retry.backoff_cap:
            return None  # "come back in an hour" is an answer for the caller, not a wait
        wait = max(wait, error.retry_after)
    return wait if wait < remaining else None
