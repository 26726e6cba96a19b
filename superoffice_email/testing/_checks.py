"""The fake server's request checks: what NetServer's WCF endpoint refuses, and why.

:func:`read_request` checks one request in the order the endpoint does (content type, SOAP
version, action, header placement, schema) and parses it; a :class:`Refused` says why not.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import attrs
from lxml import etree

from .._envelope import EnvelopeParts, split_envelope
from .._faults import fault_envelope
from .._reader import ParsedRequest, parse_request
from .._schema import load
from .._wire import SOAP_BY_MEDIA_TYPE, SoapVersion, content_type, service_namespace, soap_action
from .._xml import element_path, parse_xml
from ..errors import ProtocolError
from ..validate import check_parts
from ._dispatch import Reply
from ._wcf import (
    ACTION_NOT_SUPPORTED,
    DESERIALIZATION_FAILED,
    action_not_supported_reason,
    deserialization_failed_reason,
    wcf_fault,
    wrong_body_reason,
)

_MAX_PROBLEMS = 5


class Refused(Exception):
    """A request that breaks the protocol: answered with a fault (or a 415).

    ``wcf_code``: the WCF fault code NetServer answers this with (ActionNotSupported,
    DeserializationFailed); None for a plain Client/Sender fault.
    """

    def __init__(
        self, message: str, status: int = 500, wcf_code: tuple[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.wcf_code = wcf_code

    def reply(self, soap: SoapVersion, message: str) -> Reply:
        """The answer, with ``message`` (this refusal's, with secrets scrubbed)."""
        if self.wcf_code is not None:
            content = wcf_fault(soap, self.wcf_code, message)
        else:
            content = fault_envelope(soap, "Client", message)
        return Reply(self.status, content, content_type(soap))


@attrs.define
class Exchange:
    """What the server has learnt about one request so far."""

    soap: SoapVersion = "1.1"
    operation: str | None = None
    parsed: ParsedRequest | None = None
    error: str | None = None


def _media_type(header: str) -> tuple[str, dict[str, str]]:
    """``('application/soap+xml', {'charset': 'utf-8', 'action': '...'})``."""
    media, *rest = header.split(";")
    params = {}
    for part in rest:
        key, _, value = part.partition("=")
        params[key.strip().lower()] = value.strip().strip('"')
    return media.strip().lower(), params


def read_request(
    exchange: Exchange,
    version: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    accept_documented: bool,
) -> None:
    """Check the request as the WCF endpoint does, and parse it; raise :class:`Refused`.

    ``exchange`` gets what is known as soon as it is known: the SOAP version (for the
    fault), the operation, the parsed request.
    """
    media, params = _media_type(headers.get("content-type", ""))
    known = SOAP_BY_MEDIA_TYPE.get(media)
    soap = known.version if known is not None else None
    charset = params.get("charset", "utf-8").lower()
    if soap is None or charset not in ("utf-8", "utf8"):
        exchange.soap, exchange.operation = peek(body)
        shown = headers.get("content-type", "(none)")
        raise Refused(
            f"unsupported Content-Type {shown!r}: this endpoint takes "
            + " or ".join(f"{content_type(v)!r} (SOAP {v})" for v in ("1.1", "1.2")),
            415,
        )
    exchange.soap = soap
    try:
        root = parse_xml(body)
    except ProtocolError as error:
        raise Refused(f"the request body cannot be read: {error}") from None
    try:
        parts = split_envelope(root)
    except ProtocolError:
        raise Refused(f"the request is not a SOAP envelope: it is {root.tag!r}") from None
    envelope_soap = parts.soap.version
    if envelope_soap != soap:
        raise Refused(
            f"the envelope is SOAP {envelope_soap} but the Content-Type {media!r} is "
            f"SOAP {soap}"
        )
    if parts.problems:
        reason, element = parts.problems[0]
        where = element_path(element)
        raise Refused(f"the request is not a sound SOAP envelope: {where}: {reason}")
    exchange.operation = operation_of(parts)
    check_action(version, parts, soap, headers, params)
    check_layout(parts, accept_documented)
    report = check_parts(parts, version, max_problems=_MAX_PROBLEMS)
    if not report.valid:
        listed = "; ".join(str(p) for p in report.problems)
        more = report.total - len(report.problems)
        inner = f"the request does not validate against the {version} schema: {listed}" + (
            f" (and {more} more)" if more > 0 else ""
        )
        raise _deserialization_failed(version, report.problems[0].path, inner)
    try:
        exchange.parsed = parse_request(version, body)
    except ProtocolError as error:
        path = getattr(error, "path", None) or ""
        raise _deserialization_failed(
            version, path, f"the request cannot be read: {error}"
        ) from None


def _deserialization_failed(version: str, path: str, inner: str) -> Refused:
    """WCF names the operation's parameter it failed on: the step below the operation."""
    # Envelope/Body/Operation/Parameter/...; where the parameter is not known (…), the
    # operation stands for it
    steps = [step.partition("[")[0] for step in path.split("/")]
    if len(steps) > 3 and steps[3] != "…":
        parameter = steps[3]
    else:
        parameter = steps[2] if len(steps) > 2 else "request"
    reason = deserialization_failed_reason(service_namespace(version), parameter, inner)
    return Refused(reason, wcf_code=DESERIALIZATION_FAILED)


@functools.cache
def _operations_by_action(version: str) -> dict[str, str]:
    return {soap_action(version, op): op for op in load(version).operations}


def check_action(
    version: str,
    parts: EnvelopeParts,
    soap: SoapVersion,
    headers: Mapping[str, str],
    params: Mapping[str, str],
) -> None:
    """The action (SOAPAction header or action parameter) picks the operation, as WCF's
    dispatcher does: an action of no operation is ActionNotSupported; the Body must then
    hold that operation's element, or the formatter fails."""
    if soap == "1.1":
        given = headers.get("soapaction")
        if given is not None:
            given = given.strip().strip('"')
    else:
        given = params.get("action")
    payload = parts.payload
    assert payload is not None  # a sound envelope has one
    name = etree.QName(payload)
    expected = soap_action(version, name.localname)
    schema = load(version)
    operation = _operations_by_action(version).get(given or "")
    if operation is None:
        hint = f" FakeNetServer: the Body holds {name.localname}; its action is {expected!r}."
        raise Refused(
            action_not_supported_reason(given or "") + hint, wcf_code=ACTION_NOT_SUPPORTED
        )
    if (name.namespace, name.localname) != (schema.namespace, operation):
        raise Refused(
            wrong_body_reason(operation, schema.namespace, name.localname, name.namespace),
            wcf_code=DESERIALIZATION_FAILED,
        )


def check_layout(parts: EnvelopeParts, accept_documented: bool) -> None:
    loose = [etree.QName(child).localname for child in parts.loose]
    if loose and not accept_documented:
        raise Refused(
            f"header elements directly inside the Envelope ({', '.join(loose)}): that is "
            "the documented layout; NetServer reads headers from the SOAP Header only "
            "(FakeNetServer(accept_documented=True) accepts it)"
        )


def credentials_problem(
    parsed: ParsedRequest, ticket: str | None, application_token: str | None
) -> str | None:
    if ticket is not None:
        if parsed.ticket is None:
            return "Authentication failed: the request carries no ticket (Credentials)"
        if parsed.ticket != ticket:
            return "Authentication failed: the ticket is not valid or has expired"
    if (
        application_token is not None
        and parsed.application_token != application_token
    ):
        return "Authentication failed: the application token is missing or not valid"
    return None


def operation_of(parts: EnvelopeParts) -> str | None:
    """The local name of the Body's first element: the operation the request calls."""
    payload = parts.payload
    return None if payload is None else etree.QName(payload).localname


def peek(body: bytes) -> tuple[SoapVersion, str | None]:
    """The envelope's SOAP version (1.1 if unknown) and operation, for a refused request."""
    try:
        parts = split_envelope(parse_xml(body))
    except ProtocolError:
        return "1.1", None
    return parts.soap.version, operation_of(parts)
