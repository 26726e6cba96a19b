"""The agents' sans-I/O half: what to send for a call, and what the answer means.

Both agents (:class:`~superoffice_email.EMailAgent` and its async twin) drive these
functions and only move the bytes themselves: :func:`prepare_call` turns an operation and its
request object into URL, headers and envelope; :class:`BodyReader` collects the response body
under a size limit; :func:`interpret` turns status, headers and body into the typed value or
one of the library's errors. Logging happens here too, with every secret redacted.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx

from ._excerpt import strip_markup
from ._reader import parse_response, parse_streamed, streaming_parser
from ._redact import (
    MIN_SECRET_CHARS,
    SECRET_ELEMENT,
    SECRET_HTTP_HEADERS,
    decode_body,
    safe_url,
    scrub_error,
    scrub_text,
    url_secrets,
)
from ._schema import DEFAULT_AGENT, load
from ._stream import Sink, StreamingParser
from ._wire import SoapVersion, soap_headers
from ._writer import Layout, build_request
from .errors import (
    ConnectError,
    ConnectTimeout,
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    ResponseTooLargeError,
    SoapFault,
    TransportError,
    TransportTimeout,
    UnsupportedOperationError,
)

logger = logging.getLogger("superoffice_email")

DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024
EXCERPT_CHARS = 200  # of a body quoted in an HTTPStatusError or ProtocolError
LOG_BODY_CHARS = 100_000  # of a body written to the debug log (attachments can be huge)

EXCERPT_SCAN_CHARS = 16 * 1024  # of a body read for an excerpt: the time it takes is bounded
_SPACE = re.compile(r"\s+")
_XML_MEDIA_TYPE = re.compile(r"^(?:text/xml|application/(?:[\w.+-]+\+)?xml)$")


@attrs.frozen(slots=False)  # a __dict__ for the cached secrets
class PreparedCall:
    """One call, ready to send: where, which headers, which bytes; and what to expect back."""

    version: str
    operation: str
    url: str
    headers: dict[str, str]
    content: bytes = attrs.field(repr=False)
    known_secrets: tuple[str, ...] = attrs.field(repr=False, default=())
    agent: str = DEFAULT_AGENT

    @functools.cached_property
    def secrets(self) -> tuple[str, ...]:
        """Every credential value this call carries: ticket, token, passwords in the body.

        Computed on first need (an error or a debug log), never on the happy path.
        """
        text = self.content.decode("utf-8", "replace")
        found = {html.unescape(match.group(2)) for match in SECRET_ELEMENT.finditer(text)}
        found.update(self.known_secrets)
        return tuple(sorted(s for s in found if len(s.strip()) >= MIN_SECRET_CHARS))

    def scrub(self, text: str) -> str:
        """``text`` with every credential of this call redacted."""
        return scrub_text(text, self.secrets)


def prepare_call(
    version: str,
    operation: str,
    request: object,
    fields: Mapping[str, Any],
    *,
    url: str,
    ticket: str | None,
    application_token: str | None,
    time_zone: Any,
    soap: SoapVersion,
    layout: Layout,
    agent: str = DEFAULT_AGENT,
    context_identifier: str | None = None,
) -> PreparedCall:
    """Build the envelope of one call and the headers that go with it; nothing is sent.

    ``request`` is the operation's request object, or None with its ``fields`` as a mapping.
    """
    content = build_request(
        version,
        operation,
        request,
        ticket=ticket,
        application_token=application_token,
        time_zone=time_zone,
        layout=layout,
        soap=soap,
        agent=agent,
        context_identifier=context_identifier,
        **fields,
    )
    call = PreparedCall(
        version=version,
        operation=operation,
        url=url,
        headers=soap_headers(soap, load(version, agent).operation_plan(operation).action),
        content=content,
        known_secrets=tuple(s for s in (ticket, application_token, *url_secrets(url)) if s),
        agent=agent,
    )
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s: POST %s (SOAP %s)\n%s",
            version,
            operation,
            safe_url(url),
            soap,
            _log_text(call, content),
        )
    return call


class BodyReader:
    """Collects a response body chunk by chunk and stops once it exceeds the limit."""

    def __init__(
        self,
        call: PreparedCall,
        limit: int,
        headers: Mapping[str, str],
        parser: StreamingParser | None = None,
    ) -> None:
        self.call = call
        self.limit = limit
        #: with a parser (an answer read with a sink), chunks go to it instead of being kept
        self.parser = parser
        self._chunks: list[bytes] = []
        self._size = 0
        length = headers.get("content-length", "")
        # compressed bodies only grow when decoded: a declared length over the limit is final
        if length.isdigit() and int(length) > limit:
            raise self._too_large(f"it declares {int(length)} bytes")

    def feed(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > self.limit:
            self._chunks.clear()
            raise self._too_large(f"more than {self.limit} bytes arrived")
        if self.parser is not None:
            self.parser.feed(chunk)
        else:
            self._chunks.append(chunk)

    def body(self) -> bytes:
        return b"".join(self._chunks)

    @property
    def size(self) -> int:
        """The bytes that arrived so far."""
        return self._size

    def _too_large(self, how: str) -> ResponseTooLargeError:
        return ResponseTooLargeError(
            f"{self.call.operation}: the response from {safe_url(self.call.url)} is larger than "
            f"max_response_bytes={self.limit} ({how}); reading stopped"
        )


def body_parser(call: PreparedCall, status_code: int, sink: Sink | None) -> StreamingParser | None:
    """With a sink, a parser to feed the answer to as it arrives; only for a 2xx answer
    (other answers are errors, read whole)."""
    if sink is None or not 200 <= status_code < 300:
        return None
    return streaming_parser(call.version, call.operation, sink, agent=call.agent)


def transport_error(call: PreparedCall, error: httpx.RequestError) -> TransportError:
    """Our error for an httpx timeout or connection failure of a call (raised outside the
    ``except`` block, so that httpx's unscrubbed error stays out of the chain)."""
    return classify_transport_error(call.operation, "POST", call.url, error, call.scrub)


def classify_transport_error(
    what: str, method: str, url: str, error: httpx.RequestError, scrub: Callable[[str], str]
) -> TransportError:
    """The one translation of httpx's transport errors, for calls and logins alike.

    The type says what a program can do about it: a :class:`ConnectError` (or a pool
    timeout) means the request never left, so it may be sent again whatever it does.
    """
    kind = type(error).__name__
    where = f"on {method} {safe_url(url)}"
    if isinstance(error, httpx.TimeoutException):
        message = f"{what}: timed out ({kind}) {where}"
        if isinstance(error, httpx.ConnectTimeout):
            return ConnectTimeout(message)
        return TransportTimeout(message, maybe_sent=not isinstance(error, httpx.PoolTimeout))
    detail = scrub(_first_message(error)).strip()
    message = f"{what}: {f'{kind}: {detail}' if detail else kind} {where}"
    if isinstance(error, httpx.ConnectError):
        return ConnectError(message)
    return TransportError(message)


def deadline_error(call: PreparedCall, deadline: float) -> TransportTimeout:
    """Our error for a call that took longer in all than the agent's ``deadline``."""
    return TransportTimeout(
        f"{call.operation}: timed out (deadline of {deadline:g} s for the whole call) "
        f"on POST {safe_url(call.url)}"
    )


def _first_message(error: BaseException) -> str:
    """The first non-empty message down the exception chain.

    httpx's async errors wrap anyio's, which are empty: what happened ("Connection reset by
    peer") is only in the OSError underneath.
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if str(current).strip():
            return str(current)
        current = current.__cause__ or current.__context__
    return ""


def interpret(
    call: PreparedCall,
    status_code: int,
    headers: Mapping[str, str],
    body: bytes,
    parser: StreamingParser | None = None,
) -> Any:
    """The typed ``Response`` value of a call, or the error its answer means.

    2xx: the envelope (:class:`SoapFault`, :class:`NetServerError`, or the value; anything
    else is a :class:`ProtocolError`). Other statuses: a SOAP fault or NetServer failure in an
    XML body wins (WCF answers faults with 500); else :class:`HTTPStatusError`.
    """
    content_type = headers.get("content-type", "")
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s: HTTP %d %s, %d bytes\n%s",
            call.version,
            call.operation,
            status_code,
            content_type or "(no Content-Type)",
            len(body),
            _log_text(call, body, content_type),
        )
    media_type = content_type.partition(";")[0].strip().lower()
    is_xml = bool(_XML_MEDIA_TYPE.match(media_type))
    # errors are raised outside the except blocks that make them: the originals, unscrubbed,
    # would otherwise travel along as __context__
    if 200 <= status_code < 300:
        result, error = _parse(call, body, parser)
        if isinstance(error, SoapFault):
            error = _fault_error(call, status_code, error)
        elif isinstance(error, ProtocolError) and not is_xml:
            error = ProtocolError(
                f"{call.operation}: expected a SOAP envelope, got HTTP {status_code} "
                f"{content_type or '(no Content-Type)'}: {excerpt(call, body, content_type)}"
            )
        if error is not None:
            raise error
        _raise_for_error(call, result)
        if result.skipped:
            logger.info(
                "%s %s: the answer has elements the models have no field for (a newer "
                "server?), skipped: %s",
                call.version,
                call.operation,
                ", ".join(result.skipped),
            )
        if result.defaulted:
            logger.info(
                "%s %s: the answer lacks values the schema requires (an older server?) or "
                "holds nil list items; read as .NET's defaults, nil items left out: %s",
                call.version,
                call.operation,
                ", ".join(result.defaulted),
            )
        return result.value
    if is_xml:
        result, error = _parse(call, body)
        if isinstance(error, SoapFault):
            raise _fault_error(call, status_code, error)
        if error is None:  # else not an envelope after all: report the status
            _raise_for_error(call, result)
    if 300 <= status_code < 400:
        location = headers.get("location")
        where = f"a redirect to {call.scrub(location)!r}" if location else "a redirect"
        raise HTTPStatusError(
            status_code, f"{where}, not followed (a login page?)", safe_headers(call, headers)
        )
    text = excerpt(call, body, content_type)
    if status_code in (404, 500) and _names_action(call, body):
        raise unsupported_operation(
            call, status_code, excerpt=text, headers=safe_headers(call, headers)
        )
    raise HTTPStatusError(status_code, text, safe_headers(call, headers))


#: answer headers an HTTPStatusError leaves out: credentials and cookies
_UNSAFE_HEADERS = SECRET_HTTP_HEADERS | {"set-cookie", "set-cookie2"}


def safe_headers(call: PreparedCall, headers: Mapping[str, str]) -> dict[str, str]:
    """The answer's headers for an error: lower-case names, no cookies, secrets scrubbed."""
    return {
        name.lower(): call.scrub(value)
        for name, value in headers.items()
        if name.lower() not in _UNSAFE_HEADERS
    }


#: how WCF says it has no such action: the fault code, and the words of its reason
_ACTION_NOT_SUPPORTED = "actionnotsupported"
_CONTRACT_MISMATCH = "contractfilter mismatch"


def _fault_error(call: PreparedCall, status_code: int, fault: SoapFault) -> SoapFault:
    """The fault as raised: an :class:`UnsupportedOperationError` when it says the server has
    no such action, else the fault itself; secrets scrubbed either way."""
    scrubbed = scrub_error(fault, call.scrub)
    said = f"{fault.code} {fault.reason}".lower()
    if _ACTION_NOT_SUPPORTED in said or _CONTRACT_MISMATCH in said:
        return unsupported_operation(
            call,
            status_code,
            code=scrubbed.code,
            reason=scrubbed.reason,
            detail=scrubbed.detail,
        )
    return scrubbed


def _names_action(call: PreparedCall, body: bytes) -> bool:
    # the action URI, as an error page quotes it ("…/Services88/EMail/GetEMailAsEmlStream")
    action = load(call.version, call.agent).operation_plan(call.operation).action
    return action.encode() in body[: 64 * 1024]


def unsupported_operation(
    call: PreparedCall, status_code: int, **answer: Any
) -> UnsupportedOperationError:
    """The error for an operation the server does not have, naming the edition that added it."""
    since = load(call.version, call.agent).operation_plan(call.operation).since
    return UnsupportedOperationError(
        call.operation,
        version=call.version,
        agent=call.agent,
        since=since,
        status_code=status_code,
        **answer,
    )


def _parse(
    call: PreparedCall, body: bytes, parser: StreamingParser | None = None
) -> tuple[Any, SoapFault | ProtocolError | None]:
    """The parsed answer (fed to ``parser`` already, when there is one), or the error it
    makes with the call's secrets scrubbed out."""
    try:
        if parser is not None:
            return parse_streamed(parser), None
        return parse_response(call.version, call.operation, body, agent=call.agent), None
    except (SoapFault, ProtocolError) as error:
        return None, scrub_error(error, call.scrub)


def _raise_for_error(call: PreparedCall, result: Any) -> None:
    try:
        result.raise_for_error()
    except NetServerError as error:
        error.operation = call.operation
        failure = scrub_error(error, call.scrub)
    else:
        return
    raise failure


def excerpt(call: PreparedCall, body: bytes, content_type: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a body as one line of text: markup stripped, secrets redacted.

    Only the first :data:`EXCERPT_SCAN_CHARS` are read (plus the longest secret's length, so
    a secret across the cut is still found, and then dropped with the tail), and the markup is
    stripped in linear time: a hostile page costs at most milliseconds.
    """
    margin = max((len(s) for s in call.secrets), default=0)
    scan = EXCERPT_SCAN_CHARS + margin
    raw = decode_body(body[: 4 * scan], content_type)  # 4 bytes a character at most
    text = call.scrub(raw[:scan])
    if len(raw) > EXCERPT_SCAN_CHARS and margin:
        text = text[:-margin]  # a secret cut by the scan's end would be left here, in part
    if text.lstrip().startswith("<"):
        text = call.scrub(html.unescape(strip_markup(text)))  # unescaping may make one
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return "(empty body)"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _log_text(call: PreparedCall, body: bytes, content_type: str = "") -> str:
    # scrubbed past the cut, so that no secret straddling it shows its start
    text = call.scrub(decode_body(body[: 8 * LOG_BODY_CHARS], content_type)[: 2 * LOG_BODY_CHARS])
    if len(text) > LOG_BODY_CHARS or len(body) > 8 * LOG_BODY_CHARS:
        return f"{text[:LOG_BODY_CHARS]}… ({len(body)} bytes in all)"
    return text
