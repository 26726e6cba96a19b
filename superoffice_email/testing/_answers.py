"""The fake server's answers: what a test configured, or the documented example response.

Every answer is written by the library's own core (``build_response``, ``fault_envelope``,
``exception_info``), in the SOAP version of the request.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs

from .. import VERSIONS, build_response, example_envelope, parse_response
from .._faults import exception_info, fault_envelope
from .._reader import ParsedRequest
from .._schema import LATEST_VERSION, load
from .._wire import SoapVersion, content_type
from ..errors import NetServerError, SoapFault, UsageError
from ._dispatch import Reply


# What the server answers, one per operation (or for all), set by the configuration methods:
# a value, a NetServerError (Succeeded false), a fault, a fixed HTTP reply, or a reset.
@attrs.frozen
class Respond:
    value: Any
    extra_info: Mapping[str, str | None] | None = None
    time_zone: Any = None


@attrs.frozen
class Fault:
    fault: SoapFault
    status: int = 500


@attrs.frozen
class Reset:
    pass


Answer: TypeAlias = Respond | NetServerError | Fault | Reply | Reset


@functools.cache
def example_value(version: str, operation: str) -> Any:
    """The documented example response value: what NetServer-shaped answers default to."""
    return parse_response(
        version, operation, example_envelope(version, operation, "response")
    ).value


def check_operation(operation: str | None, version: str | None) -> None:
    """Refuse a typo in a configuration call at once, not as a puzzling default answer."""
    if version is not None and version not in VERSIONS:
        raise UsageError(f"unknown version {version!r}; known: {', '.join(VERSIONS)}")
    if operation is not None:
        # each version's operations include the previous version's: the newest has them all
        load(version or LATEST_VERSION).operation(operation)


def soap_reply(
    version: str,
    operation: str,
    soap: SoapVersion,
    parsed: ParsedRequest,
    answer: Answer | None,
) -> Reply:
    reply_type = content_type(soap)
    if isinstance(answer, Fault):
        fault = answer.fault
        content = fault_envelope(soap, fault.code, fault.reason, fault.detail)
        return Reply(answer.status, content, reply_type)
    if isinstance(answer, NetServerError):
        info = exception_info(load(version), answer)
        content = build_response(
            version, operation, succeeded=False, exception_info=info, layout="wire", soap=soap
        )
        return Reply(200, content, reply_type)
    if not isinstance(answer, Respond):
        value = example_value(version, operation)
        return Reply(
            200,
            build_response(version, operation, value, layout="wire", soap=soap),
            reply_type,
        )
    value = answer.value
    if callable(value):
        try:
            value = value(parsed)
        except NetServerError as error:
            return soap_reply(version, operation, soap, parsed, error)
        except SoapFault as fault:
            return soap_reply(version, operation, soap, parsed, Fault(fault))
    content = build_response(
        version,
        operation,
        value,
        extra_info=answer.extra_info,
        time_zone=answer.time_zone,
        layout="wire",
        soap=soap,
    )
    return Reply(200, content, reply_type)


def reset_reply(version: str, operation: str | None, soap: SoapVersion) -> Reply:
    """Half of a real answer (the documented example), then a reset."""
    if operation is not None and operation in load(version).operations:
        value = example_value(version, operation)
        content = build_response(version, operation, value, layout="wire", soap=soap)
    else:
        content = fault_envelope(soap, "Client", "the request cannot be read")
    return Reply(200, content, content_type(soap), reset=True)


