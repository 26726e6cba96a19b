"""FakeNetServer: a real HTTP server on 127.0.0.1 that speaks the EMail agent's SOAP protocol.

It checks each request the way NetServer's WCF endpoint does (content type and action, SOAP
version, schema, ticket), records it, and answers with the response a test configured or,
by default, the documented example response. Everything it writes and reads goes through
the library's own sans-I/O core (``parse_request``, ``build_response``), so a test that
passes against it exercises real bytes over a real socket. This module is the public face
and the configuration; the request checks are in ``_checks``, the answers in ``_answers``,
the sockets in ``_http_server``.

Nothing can hang a test run: the threads are daemons, every connection has a socket
timeout, delays wake up on ``stop()``, and ``stop()`` closes open connections and joins.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .. import VERSIONS
from .._config import check_positive_int, check_seconds
from .._faults import fault_envelope
from ..errors import NetServerError, SoapFault, UsageError
from . import _batch, _email  # noqa: F401  (register the Batch and EMail endpoints)
from ._answers import Answer, Fault, Reset, Respond, check_operation
from ._dispatch import Drip, HttpRequest, OperationHandler, RecordedRequest, Reply, route
from ._fake_mail import FakeMailbox
from ._http_server import HTTPServer
from ._login import FakeLogin  # registers the login's endpoints
from ._mailbox import install as install_mailboxes

if TYPE_CHECKING:
    import httpx

    from ._recording import Replay

#: the host of :attr:`FakeNetServer.url` for in-process use
IN_PROCESS_HOST = "fake-netserver.invalid"


class FakeNetServer:
    """A NetServer EMail agent on ``http://127.0.0.1:<port>/<tenant>/Remote/``.

    ``ticket``: when given, a request without this ticket is answered as NetServer does
    (HTTP 200, ``Succeeded`` false, an ``SoException``); the same for ``application_token``.
    ``accept_documented``: also accept header elements directly inside the Envelope (the
    documented layout); by default only a real SOAP Header is, as on the wire.
    ``timeout``: the socket timeout of each connection, in seconds.
    ``users`` (name -> password), ``access_tokens`` and ``system_users`` (system token ->
    the application's public key): the fake logs in too, issues tickets and refuses others
    (:attr:`login`, :meth:`expire_tickets`, :attr:`login_count`; see ``testing._login``).

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
        users: Mapping[str, str] | None = None,
        access_tokens: Iterable[str] | None = None,
        system_users: Mapping[str, Any] | None = None,
        mailboxes: Sequence[FakeMailbox] = (),
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
        self._answers: dict[tuple[str | None, str | None], Answer] = {}
        self._delays: dict[str | None, float] = {}
        self._drips: dict[str | None, Drip] = {}
        self._handlers: dict[tuple[str, str], OperationHandler] = {}
        self._replay: Replay | None = None
        #: the fake mailboxes' state (``mailboxes=``): see ``testing._mailbox``
        self.mailboxes = install_mailboxes(self, mailboxes) if mailboxes else None
        self._last_peak = 0  # of the last run, once stopped
        self._stopping = threading.Event()
        self._httpd: HTTPServer | None = None
        self._thread: threading.Thread | None = None
        #: the login side (SoPrincipal, system users, JWKS, ``/api``): see ``testing._login``
        self.login = FakeLogin(
            tenant=tenant,
            # the issuer of its JWTs: this server's origin, in process too
            base_url=lambda: self.url[: -len(f"/{tenant}/Remote/")],
            users=users,
            access_tokens=access_tokens,
            system_users=system_users,
        )

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
            self._respond,
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
        """``http://127.0.0.1:PORT/tenant/Remote/``: what a client's base URL would be.

        Before :meth:`start` (in process only), ``http://fake-netserver.invalid/tenant/Remote/``:
        the transports answer any host, and ``.invalid`` never resolves (RFC 6761), so a
        client without the transport fails at once.
        """
        if self._httpd is None:
            return f"http://{IN_PROCESS_HOST}/{self.tenant}/Remote/"
        return f"http://127.0.0.1:{self.port}/{self.tenant}/Remote/"

    # -- in process -------------------------------------------------------------------------

    def transport(self) -> httpx.MockTransport:
        """This server's answers in process, for ``httpx.Client(transport=...)``.

        The same checks, records and answers as over the socket, from one implementation;
        no socket is opened, and the server need not be started. Pass
        ``client=httpx.Client(transport=server.transport())`` to an agent, with
        :attr:`url` as its base URL.
        """
        from ._in_process import transport

        return transport(self)

    def async_transport(self) -> httpx.MockTransport:
        """:meth:`transport` for ``httpx.AsyncClient`` (and ``AsyncEMailAgent``)."""
        from ._in_process import async_transport

        return async_transport(self)

    def endpoint(self, version: str) -> str:
        """The EMail agent endpoint of one version: ``…/Remote/Services86/EMail.svc``."""
        if version not in VERSIONS:
            raise UsageError(f"unknown version {version!r}; known: {', '.join(VERSIONS)}")
        return f"{self.url}{version}/EMail.svc"

    # -- login ------------------------------------------------------------------------------

    @property
    def login_count(self) -> int:
        """The logins asked for so far (SoPrincipal and system user, refused ones too)."""
        return self.login.login_count

    def expire_tickets(self) -> None:
        """Forget every ticket issued so far: the next call with one is refused."""
        self.login.expire_tickets()

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
            self._replay = None
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

    def _set(self, operation: str | None, answer: Answer, version: str | None = None) -> None:
        check_operation(operation, version)
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
        self._set(operation, Respond(value, extra_info, time_zone), version)

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
        self._set(operation, Fault(SoapFault(code, reason, detail), http_status))

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
        self._set(operation, Reset())

    def delay(self, operation: str | None, seconds: float) -> None:
        """Wait ``seconds`` before answering (whatever the answer is); 0 removes the delay."""
        check_operation(operation, None)
        check_seconds("seconds", seconds, zero=True)
        with self._lock:
            if seconds > 0:
                self._delays[operation] = seconds
            else:
                self._delays.pop(operation, None)

    def drip(
        self,
        operation: str | None,
        interval: float,
        *,
        chunk_bytes: int = 64,
        headers: bool = False,
    ) -> None:
        """Send the body of each answer ``chunk_bytes`` at a time, ``interval`` seconds apart.

        The status line and headers go at once (``headers=True``: they trickle in the same
        way, as from a peer that never meets a read timeout); 0 seconds removes the drip.
        Whatever the answer is (a value, a fault, a reset's half body), it arrives this slowly.
        """
        check_operation(operation, None)
        check_seconds("interval", interval, zero=True)
        check_positive_int("chunk_bytes", chunk_bytes)
        with self._lock:
            if interval > 0:
                self._drips[operation] = Drip(chunk_bytes, interval, bool(headers))
            else:
                self._drips.pop(operation, None)

    def _drip_for(self, operation: str | None) -> Drip | None:
        with self._lock:
            return self._drips.get(operation, self._drips.get(None))

    def _answer_for(self, operation: str | None, version: str) -> Answer | None:
        keys: list[tuple[str | None, str | None]] = [(None, version), (None, None)]
        if operation is not None:
            keys[:0] = [(operation, version), (operation, None)]
        with self._lock:
            return next((self._answers[k] for k in keys if k in self._answers), None)

    def _delay_for(self, operation: str | None) -> float:
        with self._lock:
            return self._delays.get(operation, self._delays.get(None, 0.0))

    # -- what the endpoints use ---------------------------------------------------------------

    def handle(self, operation: str, handler: OperationHandler, *, agent: str = "EMail") -> None:
        """Answer ``operation`` of ``agent`` with ``handler`` (it gets a :class:`Call` and
        returns the typed ``Response`` value, or raises ``NetServerError`` / ``SoapFault``).

        For fakes with state (a mailbox, a login): an answer configured with :meth:`respond`
        and the like still wins, and :meth:`clear` keeps handlers.
        """
        if agent == "EMail":
            check_operation(operation, None)
        with self._lock:
            self._handlers[agent, operation] = handler

    def replay(self, directory: str | os.PathLike[str]) -> None:
        """Answer from a recording (:class:`~superoffice_email.testing.RecordingTransport`):
        each request gets the recorded answer of its agent and operation, the recorded ones
        in order when there are several (the last one again once used up); operations not in
        the recording get the usual answers. Requests are still checked and recorded, and
        answers configured with :meth:`respond` and the like still win.
        """
        from ._recording import Replay

        replay = Replay.load(directory)
        with self._lock:
            self._replay = replay

    def _replayed(self, agent: str, operation: str) -> Reply | None:
        with self._lock:
            replay = self._replay
        return replay.next(agent, operation) if replay is not None else None

    def _respond(self, request: HttpRequest) -> Reply:
        return route(self, request)

    def _record(self, record: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(record)

    def _error(self, error: BaseException) -> None:
        with self._lock:
            self.errors.append(error)
