"""The EMail agents: one typed method per operation, over httpx, sync and async.

``EMailAgent(url, version=..., ticket=...)`` returns the agent class generated for that
version (``superoffice_email.agents.servicesNN``), whose methods build the request object and
hand it to the one call path here: :mod:`._exchange` prepares the envelope and headers and reads
the answer; this module only moves the bytes. Versions are imported when first asked for.

An agent owns the httpx client it creates and closes it (``close()``, or use it as a context
manager); a client passed in with ``client=`` (for pooling, proxies, authentication) is only
borrowed and never closed. A sync agent's own client is safe to share across threads
(:func:`~superoffice_email.guard_pools`); pass a borrowed one through ``guard_pools`` too.
"""

from __future__ import annotations

import importlib
import math
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Self, TypedDict, Unpack

import httpx

from . import _exchange
from ._config import (
    check_layout,
    check_positive_int,
    check_seconds,
    check_soap,
    endpoint_url,
    is_seconds,
)
from ._help import AgentType
from ._pool_guard import guard_pools
from ._redact import safe_url
from ._schema import LATEST_VERSION, load
from ._versions import AsyncEMailAgentTyping, EMailAgentTyping
from ._wire import SoapVersion
from ._writer import Layout
from .errors import UsageError, shown
from .mailbox._methods import AsyncMailboxMethods, MailboxMethods

if TYPE_CHECKING:
    from httpx._client import UseClientDefault

    from .agents import LatestAsyncEMailAgent, LatestEMailAgent

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "AgentOptions",
    "AsyncEMailAgent",
    "EMailAgent",
]

#: each call's timeout unless told otherwise; with ``client=``, the client's own is kept
DEFAULT_TIMEOUT = httpx.Timeout(60.0)
DEFAULT_MAX_RESPONSE_BYTES = _exchange.DEFAULT_MAX_RESPONSE_BYTES


class AgentOptions(TypedDict, total=False):
    """The agents' keyword options besides ``version`` and ``client`` (see :class:`EMailAgent`)."""

    ticket: str | None
    application_token: str | None
    time_zone: Any
    timeout: float | httpx.Timeout | None
    deadline: float | None
    soap: SoapVersion
    layout: Layout
    max_response_bytes: int


class _Agent(metaclass=AgentType):
    """What both agents share: configuration, validation, request preparation, repr."""

    #: the service version; set by each generated class
    version: ClassVar[str]
    _client_class: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]
    _client: httpx.Client | httpx.AsyncClient

    def __init__(
        self,
        url: str,
        *,
        version: str | None = None,
        ticket: str | None = None,
        application_token: str | None = None,
        time_zone: Any = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        deadline: float | None = None,
        soap: SoapVersion = "1.1",
        layout: Layout = "wire",
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        client: httpx.Client | httpx.AsyncClient | None = None,
    ) -> None:
        own_version = getattr(type(self), "version", None)
        if own_version is None:
            raise UsageError(f"create agents with {type(self).__name__}(url, version=...)")
        if version is not None and version != own_version:
            raise UsageError(
                f"{type(self).__module__}.{type(self).__name__} speaks {own_version}, "
                f"not {shown(version)}"
            )
        check_soap(soap)
        check_layout(layout)
        for name, value in (("ticket", ticket), ("application_token", application_token)):
            if value is not None and not isinstance(value, str):
                # the value itself stays out of the message: it may be a credential
                raise UsageError(f"{name} must be a string, not {type(value).__name__}")
        time_zone_type = load(own_version).types["SoTimeZone"]
        if time_zone is not None and not isinstance(time_zone, time_zone_type):
            raise UsageError(
                f"time_zone must be {own_version}'s SoTimeZone, not {type(time_zone).__name__}"
            )
        check_positive_int("max_response_bytes", max_response_bytes)
        if deadline is not None:
            check_seconds("deadline", deadline)
        waits = (
            [timeout.connect, timeout.read, timeout.write, timeout.pool]
            if isinstance(timeout, httpx.Timeout)
            else [timeout]
        )
        if not all(wait is None or is_seconds(wait) for wait in waits):
            # httpx would only fail at the first call, with a bare ValueError or TypeError
            raise UsageError(
                "timeout must be a positive number of seconds, None (no limit) or an "
                f"httpx.Timeout of those, not {shown(timeout)}"
            )
        if client is not None and not isinstance(client, self._client_class):
            raise UsageError(
                f"client must be an {self._client_class.__module__}.{self._client_class.__name__}"
                f", not {type(client).__name__}"
            )
        self.url = endpoint_url(url, own_version)
        self.soap: SoapVersion = soap
        self.layout: Layout = layout
        self.time_zone = time_zone
        self.max_response_bytes = max_response_bytes
        self.deadline = deadline
        self._ticket = ticket
        self._application_token = application_token
        self._owns_client = client is None
        # a borrowed client keeps its own timeout unless one was asked for
        self._timeout: float | httpx.Timeout | UseClientDefault | None = (
            httpx.USE_CLIENT_DEFAULT if client is None or timeout is DEFAULT_TIMEOUT else timeout
        )
        self._client = client if client is not None else self._new_client(timeout)

    def _new_client(
        self, timeout: float | httpx.Timeout | None
    ) -> httpx.Client | httpx.AsyncClient:
        return self._client_class(timeout=timeout)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.version} {safe_url(self.url)}>"

    if not TYPE_CHECKING:  # hidden from mypy, which then still flags unknown attributes

        def __setattr__(self, name: str, value: Any) -> None:
            # an attribute nothing reads (``agent.ticket = ...``) would be silently ignored
            if (
                not name.startswith("_")
                and "_client" in self.__dict__  # created: __init__ sets _client last
                and name not in self.__dict__
                and not hasattr(type(self), name)
            ):
                raise UsageError(
                    f"{type(self).__name__} has no setting {name!r}: give options such as the "
                    "ticket when creating the agent (or create another agent)"
                )
            super().__setattr__(name, value)

    @property
    def closed(self) -> bool:
        """Whether the httpx client underneath is closed (no more calls possible)."""
        return self._client.is_closed

    def _call_timeout(self) -> float | httpx.Timeout | UseClientDefault | None:
        """The httpx timeout of one call: with a deadline, no single wait may outlast it."""
        if self.deadline is None:
            return self._timeout
        deadline = self.deadline
        given = self._client.timeout if self._timeout is httpx.USE_CLIENT_DEFAULT else self._timeout
        each = httpx.Timeout(given)  # type: ignore[arg-type]  # USE_CLIENT_DEFAULT is resolved

        def cut(wait: float | None) -> float:
            return deadline if wait is None else min(wait, deadline)

        return httpx.Timeout(
            connect=cut(each.connect),
            read=cut(each.read),
            write=cut(each.write),
            pool=cut(each.pool),
        )

    def _deadline_end(self) -> float:
        """When a call starting now must be over (``time.monotonic()``; inf: no deadline)."""
        return math.inf if self.deadline is None else time.monotonic() + self.deadline

    def _check_deadline(self, call: _exchange.PreparedCall, end: float) -> None:
        if time.monotonic() > end:
            assert self.deadline is not None
            raise _exchange.deadline_error(call, self.deadline)

    def _prepare(
        self, operation: str, request: object, fields: dict[str, Any] | None = None
    ) -> _exchange.PreparedCall:
        if self._client.is_closed:
            whose = "the agent" if self._owns_client else "the httpx client given to the agent"
            raise UsageError(f"cannot call {operation}: {whose} is closed")
        return _exchange.prepare_call(
            self.version,
            operation,
            request,
            fields or {},
            url=self.url,
            ticket=self._ticket,
            application_token=self._application_token,
            time_zone=self.time_zone,
            soap=self.soap,
            layout=self.layout,
        )


class _SyncBase(_Agent):
    """The sync edge: one call path over ``httpx.Client``."""

    _client_class = httpx.Client
    _client: httpx.Client

    def _new_client(self, timeout: float | httpx.Timeout | None) -> httpx.Client:
        return guard_pools(httpx.Client(timeout=timeout))  # threads may share the agent

    def call(self, operation: str, request: object = None, /, **fields: Any) -> Any:
        """Call an operation by name: with its request object, or its fields as keywords.

        ``agent.call("RefreshFolder", folders=["INBOX"])`` is ``agent.refresh_folder(folders=
        ["INBOX"])`` without the static types; for code that picks operations at run time.
        """
        return self._call(operation, request, fields)

    def _call(self, operation: str, request: object, fields: dict[str, Any] | None = None) -> Any:
        """Send one call and return the typed ``Response`` value (None for void operations)."""
        call = self._prepare(operation, request, fields)
        end = self._deadline_end()
        try:
            with self._client.stream(
                "POST",
                call.url,
                content=call.content,
                headers=call.headers,
                timeout=self._call_timeout(),
                follow_redirects=False,
            ) as response:
                reader = _exchange.BodyReader(call, self.max_response_bytes, response.headers)
                for chunk in response.iter_bytes():
                    self._check_deadline(call, end)
                    reader.feed(chunk)
                self._check_deadline(call, end)
        except httpx.RequestError as error:
            raise _exchange.transport_error(call, error) from error
        return _exchange.interpret(call, response.status_code, response.headers, reader.body())

    def close(self) -> None:
        """Close the httpx client if the agent created it; a borrowed one stays open."""
        if self._owns_client:
            self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class _AsyncBase(_Agent):
    """The async edge: one call path over ``httpx.AsyncClient``."""

    _client_class = httpx.AsyncClient
    _client: httpx.AsyncClient

    async def call(self, operation: str, request: object = None, /, **fields: Any) -> Any:
        """Call an operation by name: with its request object, or its fields as keywords."""
        return await self._call(operation, request, fields)

    async def _call(
        self, operation: str, request: object, fields: dict[str, Any] | None = None
    ) -> Any:
        """Send one call and return the typed ``Response`` value (None for void operations)."""
        call = self._prepare(operation, request, fields)
        end = self._deadline_end()
        try:
            async with self._client.stream(
                "POST",
                call.url,
                content=call.content,
                headers=call.headers,
                timeout=self._call_timeout(),
                follow_redirects=False,
            ) as response:
                reader = _exchange.BodyReader(call, self.max_response_bytes, response.headers)
                async for chunk in response.aiter_bytes():
                    self._check_deadline(call, end)
                    reader.feed(chunk)
                self._check_deadline(call, end)
        except httpx.RequestError as error:
            raise _exchange.transport_error(call, error) from error
        return _exchange.interpret(call, response.status_code, response.headers, reader.body())

    async def close(self) -> None:
        """Close the httpx client if the agent created it; a borrowed one stays open."""
        if self._owns_client:
            await self._client.aclose()

    async def aclose(self) -> None:
        """The same as :meth:`close`, named as httpx names it."""
        await self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()


def _instantiate(cls: type[_Agent], public: type[_Agent], version: str) -> Any:
    """A new, uninitialised agent: of ``version``'s generated class when ``cls`` is public.

    Only that version's agents and models are imported. Python then calls ``__init__``, as
    the generated class is a subclass of the public one.
    """
    if cls is public:
        load(version)  # UnknownVersionError for a version we have no models for
        module = importlib.import_module(f"superoffice_email.agents.{version.lower()}")
        cls = getattr(module, public.__name__)
    return object.__new__(cls)


class EMailAgent(EMailAgentTyping, _SyncBase, MailboxMethods):
    """The EMail agent over ``httpx.Client``: one typed method per operation.

    ``url`` is the NetServer base (``https://host/tenant/Remote/``, to which
    ``ServicesNN/EMail.svc`` is added) or the full ``…/ServicesNN/EMail.svc`` URL.
    ``version`` picks the service version (the newest by default) and with it the class
    returned: ``superoffice_email.agents.servicesNN.EMailAgent``. ``ticket`` (from
    SoPrincipal) and ``application_token`` go into each request's headers, as does
    ``time_zone`` (that version's ``SoTimeZone``). ``soap`` is ``"1.1"`` (what a NetServer
    endpoint speaks) or ``"1.2"``; ``layout`` is ``"wire"`` or ``"documented"`` (see
    :func:`~superoffice_email.build_request`). Bodies over ``max_response_bytes`` are not
    read. ``timeout`` bounds each network wait of every call, as in httpx (with ``client=``:
    only when given); ``deadline`` (seconds, off by default) bounds a whole call, from the
    first byte sent to the last received. It is checked as each chunk of the answer arrives,
    and each single wait is cut to it; as httpx cannot be stopped between its waits for a
    pooled connection, to connect, to send and for the first bytes, a call that meets the
    slowest of each can take up to four times the deadline. Redirects are never followed.

    Errors: :class:`~superoffice_email.NetServerError` (the call failed in NetServer),
    :class:`~superoffice_email.SoapFault`, :class:`~superoffice_email.HTTPStatusError`,
    :class:`~superoffice_email.ProtocolError` (an answer that is not the expected envelope),
    :class:`~superoffice_email.TransportError` (timeouts, connections, too large a body). The
    agent stays usable after any of them.
    """

    if not TYPE_CHECKING:  # mypy reads the overloads per version of EMailAgentTyping

        def __new__(
            cls,
            url: str,
            *,
            version: str = LATEST_VERSION,
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> LatestEMailAgent:
            agent: LatestEMailAgent = _instantiate(cls, EMailAgent, version)
            return agent


class AsyncEMailAgent(AsyncEMailAgentTyping, _AsyncBase, AsyncMailboxMethods):
    """The EMail agent over ``httpx.AsyncClient``: one typed coroutine per operation.

    The same arguments and errors as :class:`EMailAgent`; ``client=`` takes an
    ``httpx.AsyncClient``. Close it with ``await agent.close()`` or ``async with``.
    """

    if not TYPE_CHECKING:  # mypy reads the overloads per version of AsyncEMailAgentTyping

        def __new__(
            cls,
            url: str,
            *,
            version: str = LATEST_VERSION,
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> LatestAsyncEMailAgent:
            agent: LatestAsyncEMailAgent = _instantiate(cls, AsyncEMailAgent, version)
            return agent
