"""The public mailbox classes: :class:`Account` and :class:`Mailbox`, and their async twins.

Each method runs one plan of :mod:`._plans` through the agent it was made by; the sync and
async classes differ only in that (``run_sync`` or ``await run_async``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from . import _plans, _send, _sync
from ._plan import AsyncCaller, Plan, SyncCaller, run_async, run_sync
from ._plans import AccountInfo, Place
from ._sync_state import MailId
from ._values import ConnectionInfo, Envelope, Folder, Mail

if TYPE_CHECKING:
    from .._agent import AsyncEMailAgent, EMailAgent

T = TypeVar("T")

#: how long ``refresh(wait=True)`` follows a batch task by default, in seconds
DEFAULT_REFRESH_TIMEOUT = 300.0


class _AccountBase:
    """An e-mail account as NetServer knows it; made by ``agent.accounts()``."""

    def __init__(self, info: AccountInfo) -> None:
        self.info = info

    @property
    def id(self) -> int:
        return self.info.id

    @property
    def address(self) -> str:
        return self.info.address

    @property
    def graph(self) -> bool:
        """Whether this is a Microsoft Graph mailbox (string ``ServerIdentifier`` ids)."""
        return self.info.graph

    def connection_info(self) -> ConnectionInfo:
        """How NetServer reaches the incoming server: server, port, SSL, user, password."""
        return self.info.incoming

    def __repr__(self) -> str:
        kind = "Graph" if self.info.graph else "IMAP"
        return f"<{type(self).__name__} {self.info.address!r} id={self.info.id} {kind}>"


class Account(_AccountBase):
    """An e-mail account over a sync agent."""

    def __init__(self, agent: EMailAgent, info: AccountInfo) -> None:
        super().__init__(info)
        self._agent = agent

    def folders(self) -> list[Folder]:
        """The account's subscribed folders with their unread and total counts."""
        return _run(self._agent, _plans.folders(self.info))

    def mailbox(self, folder: str = "INBOX") -> Mailbox:
        return Mailbox(self._agent, self, folder)

    def send(
        self,
        *,
        to: Sequence[str],
        subject: str,
        body: str = "",
        html: str | None = None,
        cc: Sequence[str] = (),
        bcc: Sequence[str] = (),
        attachments: Sequence[_send.Outgoing] = (),
    ) -> str:
        """Send a mail from this account (a copy goes to its sent folder); return its Message-ID.

        ``attachments``: paths, or ``(name, bytes)`` pairs.
        """
        plan = _send.send(
            self.info,
            to=to,
            subject=subject,
            body=body,
            html=html,
            cc=cc,
            bcc=bcc,
            attachments=attachments,
        )
        return _run(self._agent, plan)


class AsyncAccount(_AccountBase):
    """An e-mail account over an async agent: the methods of :class:`Account`, awaited."""

    def __init__(self, agent: AsyncEMailAgent, info: AccountInfo) -> None:
        super().__init__(info)
        self._agent = agent

    async def folders(self) -> list[Folder]:
        return await _arun(self._agent, _plans.folders(self.info))

    def mailbox(self, folder: str = "INBOX") -> AsyncMailbox:
        return AsyncMailbox(self._agent, self, folder)

    async def send(
        self,
        *,
        to: Sequence[str],
        subject: str,
        body: str = "",
        html: str | None = None,
        cc: Sequence[str] = (),
        bcc: Sequence[str] = (),
        attachments: Sequence[_send.Outgoing] = (),
    ) -> str:
        plan = _send.send(
            self.info,
            to=to,
            subject=subject,
            body=body,
            html=html,
            cc=cc,
            bcc=bcc,
            attachments=attachments,
        )
        return await _arun(self._agent, plan)


class _MailboxBase:
    def __init__(self, account: _AccountBase, folder: str) -> None:
        from ..errors import UsageError

        if not isinstance(folder, str) or not folder:
            raise UsageError(f"{account.info.where}: a folder is a non-empty str, not {folder!r}")
        self.account = account
        self.folder = folder
        self._place = Place(account.info, folder)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.account.address!r} {self.folder!r}>"


class Mailbox(_MailboxBase):
    """One folder of an account (``agent.mailbox(account, "INBOX")``).

    Mail ids are the server's: ints for IMAP, ``ServerIdentifier`` strings for Graph
    mailboxes; the methods pick the operations that fit, the caller never does. Errors are the
    library's (``NetServerError``, ``TransportError``...) with the account, folder and mail
    id in front of their message.
    """

    account: Account

    def __init__(self, agent: EMailAgent, account: Account, folder: str) -> None:
        super().__init__(account, folder)
        self._agent = agent

    def ids(self) -> list[MailId]:
        """The ids of the mails in the folder, oldest first."""
        return _run(self._agent, _plans.ids(self._place))

    def envelopes(
        self, newest: int | None = None, *, batch: int = _plans.ENVELOPE_BATCH
    ) -> list[Envelope]:
        """The ``newest`` most recent envelopes (all with None), newest first, fetched
        ``batch`` at a time."""
        return _run(self._agent, _plans.envelopes(self._place, newest, batch))

    def get(self, mail_id: MailId, *, attachments: bool = True) -> Mail:
        """One whole mail, with its attachments' bytes unless ``attachments=False``.
        Reading a mail does not mark it read."""
        return _run(self._agent, _plans.get(self._place, mail_id, attachments))

    def eml(self, mail_id: MailId) -> bytes:
        """The mail's RFC 822 bytes (what an ``.eml`` file holds)."""
        return _run(self._agent, _plans.stream(self._place, mail_id))

    def mark_read(self, mail_ids: Iterable[MailId]) -> None:
        _run(self._agent, _plans.mark_read(self._place, mail_ids, True))

    def mark_unread(self, mail_ids: Iterable[MailId]) -> None:
        _run(self._agent, _plans.mark_read(self._place, mail_ids, False))

    def move(self, mail_ids: Iterable[MailId], folder: str) -> None:
        """Move the mails to another folder of the account (they get new ids there)."""
        _run(self._agent, _plans.move(self._place, mail_ids, folder))

    def delete(self, mail_ids: Iterable[MailId]) -> None:
        _run(self._agent, _plans.delete(self._place, mail_ids))

    def refresh(self, *, wait: bool = True, timeout: float = DEFAULT_REFRESH_TIMEOUT) -> int:
        """Have NetServer fetch the folder from the mail server into its cache.

        Returns the batch task id (0 when NetServer refreshed at once). With ``wait``, the
        task is followed with the Batch agent until it ends; a failed task, or one still
        running after ``timeout`` seconds, raises
        :class:`~superoffice_email.mailbox.BatchTaskError`.
        """
        return _run(self._agent, _plans.refresh(self._place, wait, timeout))

    def sync_to(
        self, directory: str | os.PathLike[str], *, progress: _sync.Progress | None = None
    ) -> _sync.SyncReport:
        """Write every mail of the folder as ``directory/<folder>/<id>.eml``; see
        :mod:`superoffice_email.mailbox` for resuming and what is skipped."""
        return _run(self._agent, _sync.sync_to(self._place, directory, progress))


class AsyncMailbox(_MailboxBase):
    """One folder of an account over an async agent: the methods of :class:`Mailbox`, awaited."""

    account: AsyncAccount

    def __init__(self, agent: AsyncEMailAgent, account: AsyncAccount, folder: str) -> None:
        super().__init__(account, folder)
        self._agent = agent

    async def ids(self) -> list[MailId]:
        return await _arun(self._agent, _plans.ids(self._place))

    async def envelopes(
        self, newest: int | None = None, *, batch: int = _plans.ENVELOPE_BATCH
    ) -> list[Envelope]:
        return await _arun(self._agent, _plans.envelopes(self._place, newest, batch))

    async def get(self, mail_id: MailId, *, attachments: bool = True) -> Mail:
        return await _arun(self._agent, _plans.get(self._place, mail_id, attachments))

    async def eml(self, mail_id: MailId) -> bytes:
        return await _arun(self._agent, _plans.stream(self._place, mail_id))

    async def mark_read(self, mail_ids: Iterable[MailId]) -> None:
        await _arun(self._agent, _plans.mark_read(self._place, mail_ids, True))

    async def mark_unread(self, mail_ids: Iterable[MailId]) -> None:
        await _arun(self._agent, _plans.mark_read(self._place, mail_ids, False))

    async def move(self, mail_ids: Iterable[MailId], folder: str) -> None:
        await _arun(self._agent, _plans.move(self._place, mail_ids, folder))

    async def delete(self, mail_ids: Iterable[MailId]) -> None:
        await _arun(self._agent, _plans.delete(self._place, mail_ids))

    async def refresh(self, *, wait: bool = True, timeout: float = DEFAULT_REFRESH_TIMEOUT) -> int:
        return await _arun(self._agent, _plans.refresh(self._place, wait, timeout))

    async def sync_to(
        self, directory: str | os.PathLike[str], *, progress: _sync.Progress | None = None
    ) -> _sync.SyncReport:
        """As :meth:`Mailbox.sync_to`; the file writes (one mail at a time) run on the event
        loop's thread."""
        return await _arun(self._agent, _sync.sync_to(self._place, directory, progress))


def _run(agent: Any, plan: Plan[T]) -> T:
    caller: SyncCaller = agent
    return run_sync(caller, plan, batch_agent(agent))


async def _arun(agent: Any, plan: Plan[T]) -> T:
    caller: AsyncCaller = agent
    return await run_async(caller, plan, batch_agent(agent))


def batch_agent(agent: Any) -> Callable[[], Any]:
    """The Batch agent beside ``agent`` (same server, ticket, options and httpx client), made
    on first use: ``refresh(wait=True)`` follows its task with ``GetBatchTaskInfo``."""
    made: list[Any] = []

    def make() -> Any:
        if not made:
            made.append(_new_batch_agent(agent))
        return made[0]

    return make


def _new_batch_agent(agent: Any) -> Any:
    from .. import _agent as core
    base = core._AsyncBase if isinstance(agent, core._AsyncBase) else core._SyncBase
    cls = type(f"Batch{base.__name__}", (base,), {"agent": "Batch", "version": agent.version})
    remote = agent.url[: agent.url.rindex(f"/{agent.version}/") + 1]
    return cls(
        remote,
        ticket=getattr(agent, "_ticket", None),
        application_token=getattr(agent, "_application_token", None),
        soap=agent.soap,
        layout=agent.layout,
        deadline=agent.deadline,
        max_response_bytes=agent.max_response_bytes,
        client=agent._client,  # borrowed: the EMail agent closes it
    )
