"""The EMail agent's endpoint of the fake server: check, record, then answer.

Registered in :data:`~._dispatch.SERVICES` as ``EMail``. The checks are in ``_checks``, the
answers in ``_answers``; this module orders them as one exchange: refuse what NetServer
refuses, record the request either way, wait if a delay is set, and pick the answer, which is
(first match wins) a configured one, a recorded one (:meth:`FakeNetServer.replay`), the
server's own handler for the operation
(:meth:`FakeNetServer.handle`), a registered default (:func:`~._dispatch.register_default`),
or the documented example.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .._faults import fault_envelope
from .._redact import REDACTED, SECRET_HTTP_HEADERS
from .._wire import content_type
from ._answers import Answer, Reset, Respond, reset_reply, soap_reply
from ._checks import Exchange, Refused, read_request
from ._dispatch import (
    DEFAULT_ANSWERS,
    DROP,
    Call,
    HttpRequest,
    RecordedRequest,
    Reply,
    register_service,
)
from ._golden import redact

if TYPE_CHECKING:
    from .._reader import ParsedRequest
    from ._server import FakeNetServer

AGENT = "EMail"


def email_service(server: FakeNetServer, version: str, request: HttpRequest) -> Reply:
    """The whole exchange for one request on the EMail endpoint of ``version``."""
    exchange = Exchange()
    refusal: Reply | None = None
    try:
        read_request(
            exchange,
            version,
            request.headers,
            request.body,
            accept_documented=server.accept_documented,
        )
    except Refused as refused:
        exchange.error = redact(refused.message, (server.ticket, server.application_token))
        refusal = refused.reply(exchange.soap, exchange.error)
    parsed, operation = exchange.parsed, exchange.operation
    if parsed is not None:
        exchange.error = server.login.credentials_problem(
            parsed, server.ticket, server.application_token
        )
    server._record(record(version, request, exchange))
    delay = server._delay_for(operation)
    if delay and server._stopping.wait(delay):
        return DROP  # stopped while waiting: no answer, as from a server going down
    reply = _choose_reply(server, version, request, exchange, refusal)
    drip = server._drip_for(operation)
    return reply if drip is None else attrs.evolve(reply, drip=drip)


def record(version: str, request: HttpRequest, exchange: Exchange) -> RecordedRequest:
    parsed = exchange.parsed
    headers = request.headers
    return RecordedRequest(
        version=version,
        operation=exchange.operation,
        params=parsed.params if parsed is not None else None,
        soap_version=exchange.soap,
        headers={k: REDACTED if k in SECRET_HTTP_HEADERS else v for k, v in headers.items()},
        time_zone=parsed.time_zone if parsed is not None else None,
        error=exchange.error,
        application_token=parsed.application_token if parsed is not None else None,
        ticket=parsed.ticket if parsed is not None else None,
        body=request.body,
        agent=AGENT,
    )


def _choose_reply(
    server: FakeNetServer,
    version: str,
    request: HttpRequest,
    exchange: Exchange,
    refusal: Reply | None,
) -> Reply:
    parsed, operation = exchange.parsed, exchange.operation
    answer = server._answer_for(operation, version)
    # what stands in front of NetServer (a proxy, a load balancer) answers first
    if isinstance(answer, Reply):
        return answer
    if isinstance(answer, Reset):
        return reset_reply(version, operation, exchange.soap)
    if refusal is not None:
        return refusal
    assert parsed is not None and operation is not None
    if exchange.error is not None:  # NetServer refuses bad credentials this way
        answer = server.login.refusal(exchange.error)
    elif answer is None:
        replayed = server._replayed(AGENT, operation)
        if replayed is not None:
            return replayed
        answer = _handler_answer(server, version, request, parsed)
    return _reply(server, version, exchange, parsed, answer)


def _handler_answer(
    server: FakeNetServer, version: str, request: HttpRequest, parsed: ParsedRequest
) -> Answer | None:
    key = (AGENT, parsed.operation)
    handler = server._handlers.get(key) or DEFAULT_ANSWERS.get(key)
    if handler is None:
        return None
    call = Call(server, version, AGENT, parsed.operation, parsed, request.headers)
    return Respond(lambda _: handler(call))


def _reply(
    server: FakeNetServer,
    version: str,
    exchange: Exchange,
    parsed: ParsedRequest,
    answer: Answer | None,
) -> Reply:
    """A SOAP answer: the configured value, failure or fault, else the documented example."""
    soap = exchange.soap
    try:
        return soap_reply(version, parsed.operation, soap, parsed, answer)
    except Exception as error:  # a responder's bug: answer, and keep it for the test
        server._error(error)
        reason = redact(
            f"FakeNetServer could not answer {parsed.operation}: {error!r}",
            (parsed.ticket, parsed.application_token, server.ticket, server.application_token),
        )
        return Reply(500, fault_envelope(soap, "Receiver", reason), content_type(soap))


register_service(AGENT, email_service)
