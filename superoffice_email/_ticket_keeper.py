"""How an agent keeps its ticket: obtained on first use, cached, renewed once when refused.

:class:`TicketKeeper` holds one agent's ticket and its credentials. A renewal is
single-flight, keyed on the stale ticket: of 50 calls that meet a refused ticket at once,
the first to take the lock logs in and the other 49 find a different ticket when they get it,
and use that. Sync agents share a ``threading.Lock``; async agents an ``asyncio.Lock`` made
lazily for each event loop (an asyncio lock belongs to the loop that first waits on it).

:class:`LoginAgent` and :class:`AsyncLoginAgent` put this in front of the agents' one call
path (``_call``): ask for the ticket, make the call with it, and on a refused ticket
(:func:`~._login.is_ticket_refused`) renew once and repeat the call, or, when the
credentials cannot log in again (a plain ticket), raise :class:`TicketExpiredError`.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import threading
import weakref
from typing import Any, ClassVar

import httpx

from ._credentials import Credentials, Site, Ticket, check_credentials
from ._login import is_ticket_refused
from ._stream import Sink
from .errors import NetServerError, SoapFault, TicketExpiredError

#: the ticket of the call running in this thread or task (read by ``_prepare``)
_CALL_TICKET: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "superoffice_email_call_ticket", default=None
)


class TicketKeeper:
    """One agent's ticket: the cached value, the credentials to renew it, the locks."""

    def __init__(self, credentials: Credentials) -> None:
        self.credentials = credentials
        self._ticket: str | None = None
        self._lock = threading.Lock()
        self._async_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock]
        self._async_locks = weakref.WeakKeyDictionary()
        #: logins made so far (the first one included)
        self.logins = 0

    def __repr__(self) -> str:
        return f"<TicketKeeper {self.credentials!r} logins={self.logins}>"

    def ticket(self, site: Site, client: httpx.Client) -> str:
        ticket = self._ticket
        return ticket if ticket is not None else self.renew(site, client, None)

    def renew(self, site: Site, client: httpx.Client, stale: str | None) -> str:
        """A ticket other than ``stale``: the one another thread just got, or a new login."""
        with self._lock:
            if self._ticket is not None and self._ticket != stale:
                return self._ticket
            ticket = self.credentials.login(site, client)
            self.logins += 1
            self._ticket = ticket
            return ticket

    async def aticket(self, site: Site, client: httpx.AsyncClient) -> str:
        ticket = self._ticket
        return ticket if ticket is not None else await self.arenew(site, client, None)

    async def arenew(self, site: Site, client: httpx.AsyncClient, stale: str | None) -> str:
        async with self._async_lock():
            if self._ticket is not None and self._ticket != stale:
                return self._ticket
            ticket = await self.credentials.alogin(site, client)
            self.logins += 1
            self._ticket = ticket
            return ticket

    def _async_lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        # no await between the lookup and the store: two tasks of one loop cannot both miss
        lock = self._async_locks.get(loop)
        if lock is None:
            lock = self._async_locks[loop] = asyncio.Lock()
        return lock

    def refused(self, error: NetServerError | SoapFault) -> TicketExpiredError:
        """The error for a refused ticket that is not (or cannot be) renewed: the same
        texts as NetServer's answer, as a :class:`TicketExpiredError`."""
        if isinstance(error, SoapFault):
            return TicketExpiredError(error.reason)
        return TicketExpiredError(
            error.message,
            exception_type=error.exception_type,
            friendly_text=error.friendly_text,
            source=error.source,
            stack_trace=error.stack_trace,
            parameters=error.parameters,
            inner=error.inner,
        )


class _LoginBase:
    """What both agents' login halves share: the keeper, the site, the call's ticket."""

    url: str
    version: ClassVar[str]
    _keeper: TicketKeeper | None
    _fixed_ticket: str | None = None
    _application_token: str | None

    def _init_login(self, credentials: object, ticket: object) -> dict[str, Any]:
        if credentials is not None and ticket is not None:
            from .errors import UsageError

            raise UsageError("give ticket= or credentials=, not both")
        keeper = None
        if credentials is not None:
            keeper = TicketKeeper(check_credentials(credentials))
        elif isinstance(ticket, str) and ticket.strip():
            keeper = TicketKeeper(Ticket(ticket))
        self._keeper = keeper
        return {"ticket": ticket}

    def _after_init(self) -> None:
        keeper = self._keeper
        if keeper is not None and self._application_token is None:
            self._application_token = keeper.credentials.application_token

    # ``_Agent.__init__`` stores the ticket and ``_prepare`` reads it: the call's own one
    @property
    def _ticket(self) -> str | None:
        current = _CALL_TICKET.get()
        return current if current is not None else self._fixed_ticket

    @_ticket.setter
    def _ticket(self, value: str | None) -> None:
        self._fixed_ticket = value

    def _site(self) -> Site:
        base = self.url.rsplit("/", 2)[0] + "/"  # …/Remote/ of …/Remote/ServicesNN/EMail.svc
        return Site(base, self.version, self._application_token)

    @property
    def logins(self) -> int:
        """How many times this agent has logged in (0 with a plain ticket)."""
        keeper = self._keeper
        return 0 if keeper is None or not keeper.credentials.can_renew else keeper.logins


class LoginAgent(_LoginBase):
    """The sync agent's login half (``credentials=``); see the module docstring."""

    _client: Any

    def __init__(
        self, url: str, *, credentials: object = None, ticket: object = None, **options: Any
    ) -> None:
        kwargs = self._init_login(credentials, ticket)
        super().__init__(url, **kwargs, **options)  # type: ignore[call-arg]
        self._after_init()

    def _call(
        self,
        operation: str,
        request: object,
        fields: dict[str, Any] | None = None,
        sink: Sink | None = None,
    ) -> Any:
        send = functools.partial(super()._call, sink=sink)  # type: ignore[misc]
        keeper = self._keeper
        if keeper is None:
            return send(operation, request, fields)
        site = self._site()
        ticket = keeper.ticket(site, self._client)
        for attempt in (1, 2):
            token = _CALL_TICKET.set(ticket)
            try:
                return send(operation, request, fields)
            except (NetServerError, SoapFault) as error:
                if not is_ticket_refused(error):
                    raise
                if attempt == 2 or not keeper.credentials.can_renew:
                    raise keeper.refused(error) from error
            finally:
                _CALL_TICKET.reset(token)
            ticket = keeper.renew(site, self._client, ticket)
        raise AssertionError("unreachable")


class AsyncLoginAgent(_LoginBase):
    """The async agent's login half (``credentials=``); see the module docstring."""

    _client: Any

    def __init__(
        self, url: str, *, credentials: object = None, ticket: object = None, **options: Any
    ) -> None:
        kwargs = self._init_login(credentials, ticket)
        super().__init__(url, **kwargs, **options)  # type: ignore[call-arg]
        self._after_init()

    async def _call(
        self,
        operation: str,
        request: object,
        fields: dict[str, Any] | None = None,
        sink: Sink | None = None,
    ) -> Any:
        send = functools.partial(super()._call, sink=sink)  # type: ignore[misc]
        keeper = self._keeper
        if keeper is None:
            return await send(operation, request, fields)
        site = self._site()
        ticket = await keeper.aticket(site, self._client)
        for attempt in (1, 2):
            token = _CALL_TICKET.set(ticket)
            try:
                return await send(operation, request, fields)
            except (NetServerError, SoapFault) as error:
                if not is_ticket_refused(error):
                    raise
                if attempt == 2 or not keeper.credentials.can_renew:
                    raise keeper.refused(error) from error
            finally:
                _CALL_TICKET.reset(token)
            ticket = await keeper.arenew(site, self._client, ticket)
        raise AssertionError("unreachable")
