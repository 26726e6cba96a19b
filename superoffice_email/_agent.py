"""The EMail agents: one typed method per operation, over httpx, sync and async.

``EMailAgent(url, version=..., ticket=...)`` returns the agent class generated for that
version (``superoffice_email.agents.servicesNN``), whose methods build the request object and
hand it to the one call path here: :mod:`._exchange` prepares the envelope and headers and reads
the answer; :mod:`._agent_base` holds the options and what both edges share; this module and
:mod:`._agent_stream` only move the bytes and wait. Each edge has ``_call`` (one call: its tries,
the waits between them; here) and ``_send`` (one try of a prepared call, its answer streamed; in
``_agent_stream``, with ``call_streaming``). Versions are imported when first asked for.

An agent owns the httpx client it creates and closes it (``close()``, or use it as a context
manager); a client passed in with ``client=`` (for pooling, proxies, authentication) is only
borrowed and never closed. A sync agent's own client is safe to share across threads
(:func:`~superoffice_email.guard_pools`); pass a borrowed one through ``guard_pools`` too.
"""

from __future__ import annotations

import asyncio
import importlib
import time
import weakref
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar, Unpack, overload

import anyio
import httpx

from ._agent_base import DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT, AgentOptions, _Agent
from ._agent_stream import _AsyncStream, _SyncStream
from ._config import version_in_url
from ._operations import TypedOperation, operation_name
from ._pool_guard import guard_pools
from ._schema import LATEST_VERSION, load
from ._stream import Sink
from ._ticket_keeper import AsyncLoginAgent, LoginAgent
from ._versions import AsyncEMailAgentTyping, EMailAgentTyping
from .errors import Error, UsageError, shown
from .mailbox._methods import AsyncMailboxMethods, MailboxMethods

if TYPE_CHECKING:
    from .agents import LatestAsyncEMailAgent, LatestEMailAgent

#: a typed operation's request and response types (see :mod:`._operations`)
RequestT = TypeVar("RequestT")
ResponseT = TypeVar("ResponseT")

__all__ = [
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_TIMEOUT",
    "AgentOptions",
    "AsyncEMailAgent",
    "EMailAgent",
]


class _SyncBase(_SyncStream):
    """The sync edge: one call path over ``httpx.Client``."""

    _client_class = httpx.Client
    _client: httpx.Client

    def _new_client(self, timeout: float | httpx.Timeout | None) -> httpx.Client:
        return guard_pools(httpx.Client(timeout=timeout))  # threads may share the agent

    def _borrow(self, client: Any) -> httpx.Client:
        return guard_pools(client)  # safe for threads, and the deadline can shut its sockets

    @overload
    def call(
        self,
        operation: TypedOperation[RequestT, ResponseT],
        request: RequestT | None = None,
        /,
        **fields: Any,
    ) -> ResponseT: ...
    @overload
    def call(self, operation: str, request: object = None, /, **fields: Any) -> Any: ...
    def call(
        self, operation: str | TypedOperation[Any, Any], request: object = None, /, **fields: Any
    ) -> Any:
        """Call an operation by name: with its request object, or its fields as keywords.

        ``agent.call("RefreshFolder", folders=["INBOX"])`` is ``agent.refresh_folder(folders=
        ["INBOX"])`` without the static types; for code that picks operations at run time.
        ``agent.call(so.operations("Services88").RefreshFolder, request)`` is typed (an int).
        """
        return self._call(operation_name(operation, self.version, self.agent), request, fields)

    def _call(
        self,
        operation: str,
        request: object,
        fields: dict[str, Any] | None = None,
        sink: Sink | None = None,
    ) -> Any:
        """One call: its tries, and the waits between them; the typed ``Response`` value."""
        call = self._prepare(operation, request, fields)
        end = self._deadline_end()
        attempt = 1
        streamed: list[bool] = []  # set once an answer went to the sink's parser
        while True:
            try:
                return self._send(call, attempt, end, sink, streamed)
            except Error as error:
                wait = None if streamed else self._retry_wait(call, error, attempt, end)
                if wait is None:
                    raise
            time.sleep(wait)
            attempt += 1

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


class _AsyncBase(_AsyncStream):
    """The async edge: one call path over ``httpx.AsyncClient``."""

    _client_class = httpx.AsyncClient
    _client: httpx.AsyncClient
    _loop: weakref.ref[asyncio.AbstractEventLoop] | None = None

    def _new_client(self, timeout: float | httpx.Timeout | None) -> httpx.AsyncClient:
        return httpx.AsyncClient(timeout=timeout)

    @overload
    async def call(
        self,
        operation: TypedOperation[RequestT, ResponseT],
        request: RequestT | None = None,
        /,
        **fields: Any,
    ) -> ResponseT: ...
    @overload
    async def call(self, operation: str, request: object = None, /, **fields: Any) -> Any: ...
    async def call(
        self, operation: str | TypedOperation[Any, Any], request: object = None, /, **fields: Any
    ) -> Any:
        """Call an operation by name: with its request object, or its fields as keywords."""
        name = operation_name(operation, self.version, self.agent)
        return await self._call(name, request, fields)

    async def _call(
        self,
        operation: str,
        request: object,
        fields: dict[str, Any] | None = None,
        sink: Sink | None = None,
    ) -> Any:
        """One call: its tries, and the waits between them; the typed ``Response`` value."""
        call = self._prepare(operation, request, fields)
        self._check_loop(operation)
        end = self._deadline_end()
        attempt = 1
        streamed: list[bool] = []  # set once an answer went to the sink's parser
        while True:
            try:
                return await self._send(call, attempt, end, sink, streamed)
            except Error as error:
                wait = None if streamed else self._retry_wait(call, error, attempt, end)
                if wait is None:
                    raise
            await anyio.sleep(wait)
            attempt += 1

    def _check_loop(self, operation: str) -> None:
        """Bind the agent to the running asyncio loop; handle a change of loop (see the class).

        httpx's pooled connections belong to the loop that opened them; used from another,
        they fail with "Event loop is closed" or hang.
        """
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return  # not asyncio (trio): nothing bound to a loop here
        last = self._loop() if self._loop is not None else None
        if last is loop:
            return
        if last is not None and not last.is_closed():
            raise UsageError(
                f"cannot call {operation}: the agent is in use in another event loop that is "
                "still open; use one agent per event loop"
            )
        if last is not None or self._loop is not None:
            if self._owns_client:
                # the old client's connections died with their loop; it cannot even be closed
                self._client = self._new_client(self._given_timeout)
            elif _pooled_connections(self._client):
                raise UsageError(
                    f"cannot call {operation}: the httpx.AsyncClient given to the agent holds "
                    "connections of an event loop that is closed (each asyncio.run has its "
                    "own loop); create the client inside the loop, or let the agent own one"
                )
        self._loop = weakref.ref(loop)

    async def close(self) -> None:
        """Close the httpx client if the agent created it; a borrowed one stays open."""
        if not self._owns_client:
            return
        last = self._loop() if self._loop is not None else None
        if last is not None and last.is_closed():
            self._client = self._new_client(self._given_timeout)  # as in _check_loop
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


def _pooled_connections(client: httpx.AsyncClient) -> bool:
    """Whether an httpx client's own pool holds connections (False if it is not httpcore's)."""
    pool = getattr(getattr(client, "_transport", None), "_pool", None)
    return bool(getattr(pool, "connections", ()))


def _instantiate(cls: type[_Agent], public: type[_Agent], url: str, version: str | None) -> Any:
    """A new, uninitialised agent: of ``version``'s generated class when ``cls`` is public
    (``version`` from a ``…/ServicesNN/`` URL, else the newest, when not given).

    Only that version's agents and models are imported. Python then calls ``__init__``, as
    the generated class is a subclass of the public one.
    """
    if cls is public:
        named = version_in_url(url)
        if version is not None and named is not None and named != version:
            raise UsageError(f"the URL is for {named} but version is {shown(version)}")
        version = version if version is not None else named or LATEST_VERSION
        load(version)  # UnknownVersionError for a version we have no models for
        module = importlib.import_module(f"superoffice_email.agents.{version.lower()}")
        cls = getattr(module, public.__name__)
    return object.__new__(cls)


class EMailAgent(EMailAgentTyping, LoginAgent, _SyncBase, MailboxMethods):
    """The EMail agent over ``httpx.Client``: one typed method per operation.

    ``url`` is the NetServer base (``https://host/tenant/Remote/``, to which
    ``ServicesNN/EMail.svc`` is added), a ``…/Remote/ServicesNN/`` URL (an id_token's
    ``netserver_url``) or the full ``…/ServicesNN/EMail.svc`` URL.
    ``version`` picks the service version (by default the URL's, else the newest) and with it
    the class returned: ``superoffice_email.agents.servicesNN.EMailAgent``. ``credentials``
    (:class:`~superoffice_email.UsernamePassword` and the others) log in on the first call
    and again, once, when NetServer refuses the ticket; or give a ``ticket`` (from
    SoPrincipal). The ticket and ``application_token`` go into each request's headers, as does
    ``time_zone`` (that version's ``SoTimeZone``). ``soap`` is ``"1.1"`` (what a NetServer
    endpoint speaks) or ``"1.2"``; ``layout`` is ``"wire"`` or ``"documented"`` (see
    :func:`~superoffice_email.build_request`). Bodies over ``max_response_bytes`` are not
    read. ``timeout`` bounds each network wait of every call, as in httpx (with ``client=``:
    only when given); ``deadline`` (seconds, off by default) bounds a whole call, retries
    included, whatever the server does: each wait is cut to the time left, and at the
    deadline the call's socket is shut (sync) or the call cancelled (async). Redirects are
    never followed.

    ``retries`` (off by default; an int, or a :class:`~superoffice_email.Retry`) repeats a
    call that failed before its request left, or met a 503 with ``Retry-After``; any other
    failure of the exchange only for operations reviewed as read-only (see
    ``superoffice_email._read_only``). ``on_call`` is called with a
    :class:`~superoffice_email.CallEvent` after every try; ``history=N`` keeps the last ``N``
    exchanges, secrets scrubbed, in ``agent.history``. Requests carry
    ``User-Agent: superoffice_email/<version> httpx/<version>`` unless a borrowed client has
    its own. A borrowed ``httpx.Client`` is passed through
    :func:`~superoffice_email.guard_pools`, which is also what lets the deadline shut its
    sockets.

    Errors: :class:`~superoffice_email.NetServerError` (the call failed in NetServer),
    :class:`~superoffice_email.SoapFault`, :class:`~superoffice_email.HTTPStatusError`,
    :class:`~superoffice_email.ProtocolError` (an answer that is not the expected envelope),
    :class:`~superoffice_email.TransportError` (its subclasses ``TransportTimeout``,
    ``ConnectError`` and ``ResponseTooLargeError`` say which). The agent stays usable after
    any of them.
    """

    if not TYPE_CHECKING:  # mypy reads the overloads per version of EMailAgentTyping

        def __new__(
            cls,
            url: str,
            *,
            version: str | None = None,
            client: httpx.Client | None = None,
            **options: Unpack[AgentOptions],
        ) -> LatestEMailAgent:
            agent: LatestEMailAgent = _instantiate(cls, EMailAgent, url, version)
            return agent

    @classmethod
    def connect(
        cls, url: str, *, client: httpx.Client | None = None, **options: Unpack[AgentOptions]
    ) -> LatestEMailAgent:
        """An agent of the newest version both the site (:func:`~superoffice_email.discover`)
        and this library know; the same arguments as the constructor, without ``version``."""
        from ._discover import discover, newest_common, remote_base

        version = newest_common(discover(url, client=client))
        return EMailAgent(remote_base(url), version=version, client=client, **options)


class AsyncEMailAgent(AsyncEMailAgentTyping, AsyncLoginAgent, _AsyncBase, AsyncMailboxMethods):
    """The EMail agent over ``httpx.AsyncClient``: one typed coroutine per operation.

    The same arguments and errors as :class:`EMailAgent`; ``client=`` takes an
    ``httpx.AsyncClient``. Close it with ``await agent.close()`` or ``async with``. The
    deadline runs under anyio's ``fail_after`` (asyncio and trio). An agent that owns its
    client may be used from one event loop after another (each ``asyncio.run``): when the
    loop it last used is closed, it starts a new client, as that loop's connections died
    with it (nothing can close them without their loop: Python closes their sockets when it
    collects them, with a ``ResourceWarning`` in development mode; ``async with`` the agent
    inside the loop avoids that). A borrowed client with open connections from a closed
    loop, or two loops at once, give a :class:`~superoffice_email.UsageError`.
    """

    if not TYPE_CHECKING:  # mypy reads the overloads per version of AsyncEMailAgentTyping

        def __new__(
            cls,
            url: str,
            *,
            version: str | None = None,
            client: httpx.AsyncClient | None = None,
            **options: Unpack[AgentOptions],
        ) -> LatestAsyncEMailAgent:
            agent: LatestAsyncEMailAgent = _instantiate(cls, AsyncEMailAgent, url, version)
            return agent

    @classmethod
    async def connect(
        cls, url: str, *, client: httpx.AsyncClient | None = None, **options: Unpack[AgentOptions]
    ) -> LatestAsyncEMailAgent:
        """The async twin of :meth:`EMailAgent.connect`."""
        from ._discover import adiscover, newest_common, remote_base

        version = newest_common(await adiscover(url, client=client))
        return AsyncEMailAgent(remote_base(url), version=version, client=client, **options)
