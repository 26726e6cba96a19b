"""The fake server's Batch agent endpoint (``Remote/ServicesNN/Batch.svc``), for batch tasks.

Answers only what a handler registered with ``FakeNetServer.handle(op, handler,
agent="Batch")`` answers (the fake mailbox's ``GetBatchTaskInfo``); any other operation gets
a fault.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import build_response, parse_request
from .._faults import exception_info, fault_envelope
from .._redact import REDACTED, SECRET_HTTP_HEADERS
from .._schema import load
from .._wire import SoapVersion, content_type
from ..errors import Error, NetServerError, SoapFault
from ._dispatch import Call, HttpRequest, RecordedRequest, Reply, register_service

if TYPE_CHECKING:
    from ._server import FakeNetServer

AGENT = "Batch"


def batch_service(server: FakeNetServer, version: str, request: HttpRequest) -> Reply:
    soap: SoapVersion = (
        "1.2" if "application/soap+xml" in request.headers.get("content-type", "") else "1.1"
    )
    reply_type = content_type(soap)
    try:
        parsed = parse_request(version, request.body, agent=AGENT)
    except Error as error:
        return Reply(400, fault_envelope(soap, "Client", str(error)), reply_type)
    server._record(
        RecordedRequest(
            version=version,
            operation=parsed.operation,
            params=parsed.params,
            soap_version=soap,
            headers={
                k: REDACTED if k in SECRET_HTTP_HEADERS else v for k, v in request.headers.items()
            },
            ticket=parsed.ticket,
            application_token=parsed.application_token,
            body=request.body,
            agent=AGENT,
        )
    )
    handler = server._handlers.get((AGENT, parsed.operation))
    if handler is None:
        reason = f"the fake Batch agent has no answer for {parsed.operation}"
        return Reply(500, fault_envelope(soap, "Receiver", reason), reply_type)
    options: dict[str, Any] = {"layout": "wire", "soap": soap, "agent": AGENT}
    try:
        value = handler(Call(server, version, AGENT, parsed.operation, parsed, request.headers))
        content = build_response(version, parsed.operation, value, **options)
    except NetServerError as error:
        info = exception_info(load(version, AGENT), error)
        content = build_response(
            version, parsed.operation, succeeded=False, exception_info=info, **options
        )
    except SoapFault as fault:
        return Reply(500, fault_envelope(soap, fault.code, fault.reason), reply_type)
    return Reply(200, content, reply_type)


register_service(AGENT, batch_service)
