"""FakeNetServer: a real HTTP server on 127.0.0.1 that speaks the EMail agent's SOAP protocol.

It checks each request the way NetServer's WCF endpoint does (content type and action, SOAP
version, schema, ticket), records it, and answers with the response a test configured or,
by default, the documented example response. Everything it writes and reads goes through
the library's own sans-I/O core (``parse_request``, ``build_response``), so a test that
passes against it exercises real bytes over a real socket. This module is the protocol side;
the sockets are in ``_http_server``.

Nothing can hang a test run: the threads are daemons, every connection has a socket
timeout, delays wake up on ``stop()``, and ``stop()`` closes open connections and joins.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Mapping
from typing import Any, TypeAlias

import attrs
from lxml import etree

from .. import VERSIONS, build_response, example_envelope, parse_response
from .._config import check_positive_int, check_seconds
from .._faults import exception_info, fault_envelope
from .._reader import EnvelopeParts, ParsedRequest, parse_request, parse_xml, split_envelope
from .._redact import REDACTED, SECRET_HTTP_HEADERS
from .._schema import LATEST_VERSION, load
from .._wire import (
    SOAP_BY_MEDIA_TYPE,
    SoapVersion,
    content_type,
    soap_action,
)
from ..errors import NetServerError, ProtocolError, SoapFault, UsageError
from ..validate import validate_envelope
from ._golden import redact
from ._http_server import DROP, Drip, HTTPServer, Reply

_MAX_PROBLEMS = 5


@attrs.frozen
class RecordedRequest:
    """One request the server received on an endpoint, whether it accepted it or not.

    ``headers`` are the HTTP headers (lower-case names); ``error`` is why the server refused
    the request (a fault, a 415, a wrong ticket), None when it answered normally. ``params``
    is the typed request object, None when the body could not be read. The ticket, the
    application token and the raw body stay out of ``repr``.
    """

    version: str
    operation: str | None
    params: Any
    soap_version: str
    headers: Mapping[str, str]
    time_zone: Any = None
    error: str | None = None
    application_token: str | None = attrs.field(default=None, repr=False)
    ticket: str | None = attrs.field(default=None, repr=False)
    body: bytes = attrs.field(default=b"", repr=False)


# What the server answers, one per operation (or for all), set by the configuration methods:
# a value, a NetServerError (Succeeded false), a fault, a fixed HTTP reply, or a reset.
@attrs.frozen
class _Respond:
    value: Any
    extra_info: Mapping[str, str | None] | None = None
    time_zone: Any = None


@attrs.frozen
class _Fault:
    fault: SoapFault
    status: int = 500


@attrs.frozen
class _Reset:
    pass


_Answer: TypeAlias = _Respond | NetServerError | _Fault | Reply | _Reset


class _Refused(Exception):
    """A request that breaks the protocol: answered with a Client fault (or a 415)."""

    def __init__(self, message: str, status: int = 500) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@attrs.define
class _Exchange:
    """What the server has learnt about one request so far."""

    soap: SoapVersion = "1.1"
    operation: str | None = None
    parsed: ParsedRequest | None = None
    error: str | None = None


@functools.cache
def _example_value(version: str, operation: str) -> Any:
    """The documented example response value: what NetServer-shaped answers default to."""
    return parse_response(
        version, operation, example_envelope(version, operation, "response")
    ).value


def _check_operation(operation: str | None, version: str | None) -> None:
    """Refuse a typo in a configuration call at once, not as a puzzling default answer."""
    if version is not None and version not in VERSIONS:
        raise UsageError(f"unknown version {version!r}; known: {', '.join(VERSIONS)}")
    if operation is not None:
        # each version's operations include the previous version's: the newest has them all
        load(version or LATEST_VERSION).operation(operation)


def _media_type(header: str) -> tuple[str, dict[str, str]]:
    """``('application/soap+xml', {'charset': 'utf-8', 'action': '...'})``."""
    media, *rest = header.split(";")
    params = {}
    for part in rest:
        key, _, value = part.partition("=")
        params[key.strip().lower()] = value.strip().strip('"')
    return media.strip().lower(), params


class FakeNetServer:
    """A NetServer EMail agent on ``http://127.0.0.1:<port>/<tenant>/Remote/``.

    ``ticket``: when given, a request without this ticket is answered as NetServer does
    (HTTP 200, ``Succeeded`` false, an ``SoException``); the same for ``application_token``.
    ``accept_documented``: also accept header elements directly inside the Envelope (the
    documented layout); by default only a real SOAP Header is, as on the wire.
    ``timeout``: the socket timeout of each connection, in seconds.

    Configure answers with :meth:`respond`, :meth:`fail`, :meth:`fault`, :meth:`status`,
    :meth:`redirect`, :meth:`reset`, :meth:`delay` and :meth:`drip`; ``operation=None``
    means every operation, and an answer for one operation wins over one for all. Received
    requests are in :attr:`requests`.

    Load and transport faults: :meth:`delay` holds the whole answer back; :meth:`drip` sends
    its body a few bytes at a time with pauses (a slow or stalling link); :meth:`reset` sends
    half of a valid answer and resets the connection. :attr:`connections` and
    :attr:`peak_connections` count the client connections being served, now and at most at
    once, so a test can check a client's pool bound from the server's side. A thousand
    clients may connect at once: the listen backlog is raised from the standard library's 5.
    """

    def __init__(
        self,
        *,
        ticket: str | None = None,
        application_token: str | None = None,
        tenant: str = "tenant",
        accept_documented: bool = False,
        timeout: float = 10.0,
        max_body: int = 256 * 1024 * 1024,
    ) -> None:
        if not isinstance(tenant, str) or not tenant or "/" in tenant:
            raise UsageError(f"tenant must be one path segment, not {tenant!r}")
        check_seconds("timeout", timeout)
        check_positive_int("max_body", max_body)
        self.ticket = ticket
        self.application_token = application_token
        self.tenant = tenant
        self.accept_documented = accept_documented
        self.timeout = timeout
        self.max_body = max_body
        #: exceptions raised while answering (a responder's bug, a value that cannot be
        #: written); each was answered with a Receiver fault
        self.errors: list[BaseException] = []
        self._lock = threading.Lock()
        self._requests: list[RecordedRequest] = []
        self._answers: dict[tuple[str | None, str | None], _Answer] = {}
        self._delays: dict[str | None, float] = {}
        self._drips: dict[str | None, Drip] = {}
        self._last_peak = 0  # of the last run, once stopped
        self._stopping = threading.Event()
        self._httpd: HTTPServer | None = None
        self._thread: threading.Thread | None = None

    def __repr__(self) -> str:
        where = self.url if self._httpd is not None else "not started"
        ticket = "set" if self.ticket is not None else "any"
        return f"<FakeNetServer {where} ticket={ticket} requests={len(self._requests)}>"

    # -- life cycle -------------------------------------------------------------------------

    def start(self) -> FakeNetServer:
        """Listen on an ephemeral port of 127.0.0.1 and serve in a daemon thread."""
        if self._httpd is not None:
            raise UsageError("this FakeNetServer is already running")
        self._stopping.clear()
        self._httpd = HTTPServer(
            self._handle,
            tenant=self.tenant,
            timeout=self.timeout,
            max_body=self.max_body,
            stopping=self._stopping,
        )
        self._thread = threading.Thread(
            target=self._httpd.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeNetServer:{self._httpd.server_address[1]}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop serving, close open connections and join the threads (at most ``timeout`` s)."""
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        self._stopping.set()  # wakes delayed answers
        httpd.shutdown()
        httpd.server_close()
        httpd.close_connections()
        thread.join(timeout)
        httpd.join_handlers(timeout)
        self._last_peak = httpd.peak_connections
        self._httpd = self._thread = None

    def __enter__(self) -> FakeNetServer:
        return self.start() if self._httpd is None else self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._httpd is None:
            raise UsageError("the FakeNetServer is not running: call start() or use `with`")
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT/tenant/Remote/``: what a client's base URL would be."""
        return f"http://127.0.0.1:{self.port}/{self.tenant}/Remote/"

    def endpoint(self, version: str) -> str:
        """The EMail agent endpoint of one version: ``…/Remote/Services86/EMail.svc``."""
        if version not in VERSIONS:
            raise UsageError(f"unknown version {version!r}; known: {', '.join(VERSIONS)}")
        return f"{self.url}{version}/EMail.svc"

    # -- records ----------------------------------------------------------------------------

    @property
    def requests(self) -> list[RecordedRequest]:
        """The requests received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def last_request(self) -> RecordedRequest:
        with self._lock:
            if not self._requests:
                raise AssertionError("the FakeNetServer has received no request")
            return self._requests[-1]

    def clear(self) -> None:
        """Forget the configured answers, delays and drips, the recorded requests and errors.

        :attr:`peak_connections` starts again from the connections open now.
        """
        with self._lock:
            self._requests.clear()
            self._answers.clear()
            self._delays.clear()
            self._drips.clear()
            self.errors.clear()
        if self._httpd is not None:
            self._httpd.reset_peak()

    @property
    def connections(self) -> int:
        """The client connections being served now (accepted and not yet closed)."""
        return self._httpd.connection_count if self._httpd is not None else 0

    @property
    def peak_connections(self) -> int:
        """The most client connections served at once since :meth:`start` or :meth:`clear`.

        After :meth:`stop`, the peak of the run that ended.
        """
        return self._httpd.peak_connections if self._httpd is not None else self._last_peak

    # -- configuration ----------------------------------------------------------------------

    def _set(self, operation: str | None, answer: _Answer, version: str | None = None) -> None:
        _check_operation(operation, version)
        with self._lock:
            self._answers[operation, version] = answer

    def respond(
        self,
        operation: str | None,
        value: Any,
        *,
        version: str | None = None,
        extra_info: Mapping[str, str | None] | None = None,
        time_zone: Any = None,
    ) -> None:
        """Answer ``operation`` with ``value`` (the typed ``Response``), Succeeded true.

        ``value`` may be a callable taking the :class:`~superoffice_email.ParsedRequest` and
        returning the value; it may raise :class:`~superoffice_email.NetServerError` to
        answer with an ``ExceptionInfo`` or :class:`~superoffice_email.SoapFault` for a
        fault. ``version`` limits the answer to one service version.
        """
        self._set(operation, _Respond(value, extra_info, time_zone), version)

    def fail(
        self,
        operation: str | None,
        message: str,
        *,
        exception_type: str | None = "SoException",
        friendly_text: str | None = None,
        source: str | None = None,
        stack_trace: str | None = None,
        parameters: Mapping[str, str | None] | None = None,
    ) -> None:
        """Answer as NetServer does when the call fails: ``Succeeded`` false + ExceptionInfo."""
        error = NetServerError(
            message,
            exception_type=exception_type,
            friendly_text=friendly_text,
            source=source,
            stack_trace=stack_trace,
            parameters=parameters,
        )
        self._set(operation, error)

    def fault(
        self,
        operation: str | None,
        code: str,
        reason: str,
        *,
        detail: str | None = None,
        http_status: int = 500,
    ) -> None:
        """Answer with a SOAP Fault of the request's SOAP version.

        ``code`` is ``Client``/``Sender`` or ``Server``/``Receiver`` (written as each SOAP
        version spells it), ``VersionMismatch`` or ``MustUnderstand``.
        """
        fault_envelope("1.1", code, reason)  # refuses an unknown code now
        self._set(operation, _Fault(SoapFault(code, reason, detail), http_status))

    def status(
        self,
        operation: str | None,
        status: int,
        body: bytes | str = b"",
        content_type: str | None = "text/plain; charset=utf-8",
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Answer with this HTTP status and body (a proxy's 502, an IIS error page...), sent
        as given: with ``headers={"Content-Encoding": "gzip"}``, ``body`` must be gzipped.
        """
        data = body.encode("utf-8") if isinstance(body, str) else body
        extra = tuple((headers or {}).items())
        framing = [n for n, _ in extra if n.lower() in ("content-length", "transfer-encoding")]
        if framing:
            raise UsageError(f"headers: {framing[0]} is the server's to set, from the body")
        self._set(operation, Reply(status, data, content_type, extra))

    def redirect(self, operation: str | None, location: str, *, status: int = 307) -> None:
        """Answer with a redirect to ``location`` (307 by default: the POST is to be repeated)."""
        self._set(operation, Reply(status, headers=(("Location", location),)))

    def reset(self, operation: str | None) -> None:
        """Send the headers and half of the response body, then reset the connection."""
        self._set(operation, _Reset())

    def delay(self, operation: str | None, seconds: float) -> None:
        """Wait ``seconds`` before answering (whatever the answer is); 0 removes the delay."""
        _check_operation(operation, None)
        check_seconds("seconds", seconds, zero=True)
        with self._lock:
            if seconds > 0:
                self._delays[operation] = seconds
            else:
                self._delays.pop(operation, None)

    def drip(self, operation: str | None, interval: float, *, chunk_bytes: int = 64) -> None:
        """Send the body of each answer ``chunk_bytes`` at a time, ``interval`` seconds apart.

        The status line and headers go at once; 0 seconds removes the drip. Whatever the
        answer is (a value, a fault, a reset's half body), it arrives this slowly.
        """
        _check_operation(operation, None)
        check_seconds("interval", interval, zero=True)
        check_positive_int("chunk_bytes", chunk_bytes)
        with self._lock:
            if interval > 0:
                self._drips[operation] = Drip(chunk_bytes, interval)
            else:
                self._drips.pop(operation, None)

    def _drip_for(self, operation: str | None) -> Drip | None:
        with self._lock:
            return self._drips.get(operation, self._drips.get(None))

    def _answer_for(self, operation: str | None, version: str) -> _Answer | None:
        keys: list[tuple[str | None, str | None]] = [(None, version), (None, None)]
        if operation is not None:
            keys[:0] = [(operation, version), (operation, None)]
        with self._lock:
            return next((self._answers[k] for k in keys if k in self._answers), None)

    def _delay_for(self, operation: str | None) -> float:
        with self._lock:
            return self._delays.get(operation, self._delays.get(None, 0.0))

    # -- answering --------------------------------------------------------------------------

    def _handle(self, version: str, headers: Mapping[str, str], body: bytes) -> Reply:
        """The whole exchange for one request on the endpoint of ``version``."""
        exchange = _Exchange()
        refusal: Reply | None = None
        try:
            self._read(exchange, version, headers, body)
        except _Refused as refused:
            exchange.error = redact(refused.message, (self.ticket, self.application_token))
            content = fault_envelope(exchange.soap, "Client", exchange.error)
            refusal = Reply(refused.status, content, content_type(exchange.soap))
        parsed, operation = exchange.parsed, exchange.operation
        if parsed is not None:
            exchange.error = self._credentials_problem(parsed)
        self._record(version, headers, body, exchange)
        delay = self._delay_for(operation)
        if delay and self._stopping.wait(delay):
            return DROP  # stopped while waiting: no answer, as from a server going down
        reply = self._choose_reply(version, exchange, refusal)
        drip = self._drip_for(operation)
        return reply if drip is None else attrs.evolve(reply, drip=drip)

    def _choose_reply(self, version: str, exchange: _Exchange, refusal: Reply | None) -> Reply:
        parsed, operation = exchange.parsed, exchange.operation
        answer = self._answer_for(operation, version)
        # what stands in front of NetServer (a proxy, a load balancer) answers first
        if isinstance(answer, Reply):
            return answer
        if isinstance(answer, _Reset):
            return self._reset_reply(version, operation, exchange.soap)
        if refusal is not None:
            return refusal
        assert parsed is not None and operation is not None
        if exchange.error is not None:  # NetServer refuses bad credentials this way
            answer = NetServerError(exchange.error, exception_type="SoException")
        return self._reply(version, operation, exchange.soap, parsed, answer)

    def _read(
        self, exchange: _Exchange, version: str, headers: Mapping[str, str], body: bytes
    ) -> None:
        """Check the request as the WCF endpoint does, and parse it; raise :class:`_Refused`.

        ``exchange`` gets what is known as soon as it is known: the SOAP version (for the
        fault), the operation, the parsed request.
        """
        media, params = _media_type(headers.get("content-type", ""))
        known = SOAP_BY_MEDIA_TYPE.get(media)
        soap = known.version if known is not None else None
        charset = params.get("charset", "utf-8").lower()
        if soap is None or charset not in ("utf-8", "utf8"):
            exchange.soap, exchange.operation = _peek(body)
            shown = headers.get("content-type", "(none)")
            raise _Refused(
                f"unsupported Content-Type {shown!r}: this endpoint takes "
                + " or ".join(f"{content_type(v)!r} (SOAP {v})" for v in ("1.1", "1.2")),
                415,
            )
        exchange.soap = soap
        try:
            root = parse_xml(body)
        except ProtocolError as error:
            raise _Refused(f"the request body cannot be read: {error}") from None
        try:
            parts = split_envelope(root)
        except ProtocolError:
            raise _Refused(f"the request is not a SOAP envelope: it is {root.tag!r}") from None
        envelope_soap = parts.soap.version
        if envelope_soap != soap:
            raise _Refused(
                f"the envelope is SOAP {envelope_soap} but the Content-Type {media!r} is "
                f"SOAP {soap}"
            )
        exchange.operation = _operation(parts)
        self._check_action(version, exchange.operation, soap, headers, params)
        self._check_layout(parts)
        problems = validate_envelope(version, body)
        if problems:
            listed = "; ".join(str(p) for p in problems[:_MAX_PROBLEMS])
            more = len(problems) - _MAX_PROBLEMS
            raise _Refused(
                f"the request does not validate against the {version} schema: {listed}"
                + (f" (and {more} more)" if more > 0 else "")
            )
        try:
            exchange.parsed = parse_request(version, body)
        except ProtocolError as error:
            raise _Refused(f"the request cannot be read: {error}") from None

    def _check_action(
        self,
        version: str,
        operation: str | None,
        soap: SoapVersion,
        headers: Mapping[str, str],
        params: Mapping[str, str],
    ) -> None:
        """The action (SOAPAction header or action parameter) must name the Body's operation."""
        if soap == "1.1":
            given, where = headers.get("soapaction"), "the SOAPAction header"
            if given is not None:
                given = given.strip().strip('"')
        else:
            given, where = params.get("action"), "the Content-Type's action parameter"
        expected = soap_action(version, operation) if operation is not None else None
        if given is None:
            raise _Refused(f"{where} is missing; expected {expected!r}")
        if expected is not None and given != expected:
            raise _Refused(
                f"{where} is {given!r}, but the Body holds {operation}: expected {expected!r}"
            )

    def _check_layout(self, parts: EnvelopeParts) -> None:
        loose = [etree.QName(child).localname for child in parts.loose]
        if loose and not self.accept_documented:
            raise _Refused(
                f"header elements directly inside the Envelope ({', '.join(loose)}): that is "
                "the documented layout; NetServer reads headers from the SOAP Header only "
                "(FakeNetServer(accept_documented=True) accepts it)"
            )

    def _credentials_problem(self, parsed: ParsedRequest) -> str | None:
        if self.ticket is not None:
            if parsed.ticket is None:
                return "Authentication failed: the request carries no ticket (Credentials)"
            if parsed.ticket != self.ticket:
                return "Authentication failed: the ticket is not valid or has expired"
        if (
            self.application_token is not None
            and parsed.application_token != self.application_token
        ):
            return "Authentication failed: the application token is missing or not valid"
        return None

    def _record(
        self, version: str, headers: Mapping[str, str], body: bytes, exchange: _Exchange
    ) -> None:
        parsed = exchange.parsed
        record = RecordedRequest(
            version=version,
            operation=exchange.operation,
            params=parsed.params if parsed is not None else None,
            soap_version=exchange.soap,
            headers={k: REDACTED if k in SECRET_HTTP_HEADERS else v for k, v in headers.items()},
            time_zone=parsed.time_zone if parsed is not None else None,
            error=exchange.error,
            application_token=parsed.application_token if parsed is not None else None,
            ticket=parsed.ticket if parsed is not None else None,
            body=body,
        )
        with self._lock:
            self._requests.append(record)

    def _reply(
        self,
        version: str,
        operation: str,
        soap: SoapVersion,
        parsed: ParsedRequest,
        answer: _Answer | None,
    ) -> Reply:
        """A SOAP answer: the configured value, failure or fault, else the documented example."""
        try:
            return self._soap_reply(version, operation, soap, parsed, answer)
        except Exception as error:  # a responder's bug: answer, and keep it for the test
            with self._lock:
                self.errors.append(error)
            reason = redact(
                f"FakeNetServer could not answer {operation}: {error!r}",
                (parsed.ticket, parsed.application_token, self.ticket, self.application_token),
            )
            return Reply(500, fault_envelope(soap, "Receiver", reason), content_type(soap))

    def _soap_reply(
        self,
        version: str,
        operation: str,
        soap: SoapVersion,
        parsed: ParsedRequest,
        answer: _Answer | None,
    ) -> Reply:
        reply_type = content_type(soap)
        if isinstance(answer, _Fault):
            fault = answer.fault
            content = fault_envelope(soap, fault.code, fault.reason, fault.detail)
            return Reply(answer.status, content, reply_type)
        if isinstance(answer, NetServerError):
            info = exception_info(load(version), answer)
            content = build_response(
                version, operation, succeeded=False, exception_info=info, layout="wire", soap=soap
            )
            return Reply(200, content, reply_type)
        if not isinstance(answer, _Respond):
            value = _example_value(version, operation)
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
                return self._soap_reply(version, operation, soap, parsed, error)
            except SoapFault as fault:
                return self._soap_reply(version, operation, soap, parsed, _Fault(fault))
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

    def _reset_reply(self, version: str, operation: str | None, soap: SoapVersion) -> Reply:
        """Half of a real answer (the documented example), then a reset."""
        if operation is not None and operation in load(version).operations:
            value = _example_value(version, operation)
            content = build_response(version, operation, value, layout="wire", soap=soap)
        else:
            content = fault_envelope(soap, "Client", "the request cannot be read")
        return Reply(200, content, content_type(soap), reset=True)


def _operation(parts: EnvelopeParts) -> str | None:
    """The local name of the Body's first element: the operation the request calls."""
    payload = parts.payload
    return None if payload is None else etree.QName(payload).localname


def _peek(body: bytes) -> tuple[SoapVersion, str | None]:
    """The envelope's SOAP version (1.1 if unknown) and operation, for a refused request."""
    try:
        parts = split_envelope(parse_xml(body))
    except ProtocolError:
        return "1.1", None
    return parts.soap.version, _operation(parts)
