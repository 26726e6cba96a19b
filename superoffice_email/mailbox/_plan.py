"""The mailbox API's sans-I/O half: each method is a plan that yields the calls it needs.

A plan is a generator. It yields a :class:`Step` (call an operation, or wait) and is sent the
step's result; its return value is the method's. :func:`run_sync` drives a plan with a sync
agent, :func:`run_async` with an async one, so every mailbox method is written once and the
two agents differ only in how they wait, as the agents themselves do.

A step carries ``where`` (account, folder, mail id): an error from the call is raised again,
of the same type and with the same attributes, with ``where`` in front of its message, so a
failure in a loop over a thousand mails names the one that failed. ``where`` is built from
names and ids only: never from a connection, so never with a password.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Generator
from typing import Any, Protocol, TypeAlias, TypeVar

import attrs

from .._redact import scrub_error, scrub_text
from ..errors import BuildError, Error

T = TypeVar("T")


@attrs.frozen
class Call:
    """Call ``operation`` of ``agent`` (``"EMail"`` or ``"Batch"``) with ``fields``."""

    operation: str
    fields: dict[str, Any] = attrs.field(repr=False)  # may hold a connection's password
    where: str = ""
    agent: str = "EMail"


@attrs.frozen
class Sleep:
    """Wait ``seconds`` (polling a batch task)."""

    seconds: float


Step: TypeAlias = Call | Sleep
Plan: TypeAlias = Generator[Step, Any, T]


class SyncCaller(Protocol):
    def call(self, operation: str, request: object = None, /, **fields: Any) -> Any: ...


class AsyncCaller(Protocol):
    async def call(self, operation: str, request: object = None, /, **fields: Any) -> Any: ...


def with_context(error: Error, where: str, secrets: tuple[str, ...] = ()) -> Error:
    """``error`` again, same type and attributes, its message starting with ``where`` and no
    ``secrets`` (the mail passwords of the call) anywhere in its texts."""
    if secrets:
        error = scrub_error(error, lambda text: scrub_text(text, secrets))
        if error.args and isinstance(error.args[0], str):
            error.args = (scrub_text(error.args[0], secrets), *error.args[1:])
    if not where:
        return error
    again = type(error).__new__(type(error))
    again.__dict__.update(error.__dict__)
    if isinstance(error, BuildError):  # its message is made from ``reason``
        again.reason = f"{where}: {error.reason}"  # type: ignore[attr-defined]
    first = str(error.args[0]) if error.args else str(error)
    again.args = (f"{where}: {first}", *error.args[1:])
    return again


def run_sync(agent: SyncCaller, plan: Plan[T], batch: Callable[[], SyncCaller] | None = None) -> T:
    """Drive ``plan`` with a sync agent; ``batch`` gives the Batch agent when a step needs it.

    A call's error is thrown into the plan (which may handle it: a mail that vanished) with
    the step's ``where`` in its message.
    """
    result: Any = None
    failed: Error | None = None
    try:
        while True:
            try:
                step = plan.throw(failed) if failed is not None else plan.send(result)
            except StopIteration as stop:
                value: T = stop.value
                return value
            result, failed = None, None
            if isinstance(step, Sleep):
                time.sleep(step.seconds)
                continue
            caller = agent if step.agent == "EMail" or batch is None else batch()
            try:
                result = caller.call(step.operation, **step.fields)
            except Error as error:
                failed = with_context(error, step.where, _passwords(step.fields))
    finally:
        plan.close()


async def run_async(
    agent: AsyncCaller, plan: Plan[T], batch: Callable[[], AsyncCaller] | None = None
) -> T:
    """Drive ``plan`` with an async agent; the same steps as :func:`run_sync`."""
    result: Any = None
    failed: Error | None = None
    try:
        while True:
            try:
                step = plan.throw(failed) if failed is not None else plan.send(result)
            except StopIteration as stop:
                value: T = stop.value
                return value
            result, failed = None, None
            if isinstance(step, Sleep):
                await asyncio.sleep(step.seconds)
                continue
            caller = agent if step.agent == "EMail" or batch is None else batch()
            try:
                result = await caller.call(step.operation, **step.fields)
            except Error as error:
                failed = with_context(error, step.where, _passwords(step.fields))
    finally:
        plan.close()


def _passwords(fields: dict[str, Any]) -> tuple[str, ...]:
    """The passwords of the connection infos in a call's fields (NetServer may quote them)."""
    return tuple(
        value.password
        for value in fields.values()
        if isinstance(getattr(value, "password", None), str)
    )
