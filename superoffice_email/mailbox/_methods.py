"""The mailbox API's entry points on the agents: ``accounts()``, ``mailbox()``, ``send_mail()``.

Mixed into ``EMailAgent`` and ``AsyncEMailAgent`` (``superoffice_email._agent``), so every
version's generated agent has them. ``send`` is the SOAP operation ``Send`` on the generated
agents, so sending from an account is ``agent.send_mail(account, ...)`` or ``account.send(...)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import UsageError
from . import _plans
from ._api import Account, AsyncAccount, AsyncMailbox, Mailbox, _arun, _run
from ._send import Outgoing


class MailboxMethods:
    """The sync agent's mailbox methods."""

    def accounts(self) -> list[Account]:
        """The accounts NetServer syncs (``GetReadySyncEmailAccounts``), each with its
        connection (``account.connection_info()``) and folders (``account.folders()``)."""
        agent: Any = self
        return [Account(agent, info) for info in _run(agent, _plans.accounts(agent.version))]

    def mailbox(self, account: Account, folder: str = "INBOX") -> Mailbox:
        """One folder of ``account``: ids, envelopes, mails, flags, moves, sync to disk."""
        _check_account(account, Account)
        agent: Any = self
        return Mailbox(agent, account, folder)

    def send_mail(
        self,
        account: Account,
        *,
        to: Sequence[str],
        subject: str,
        body: str = "",
        html: str | None = None,
        cc: Sequence[str] = (),
        bcc: Sequence[str] = (),
        attachments: Sequence[Outgoing] = (),
    ) -> str:
        """``account.send(...)``: send a mail from ``account``; return its Message-ID."""
        _check_account(account, Account)
        return account.send(
            to=to, subject=subject, body=body, html=html, cc=cc, bcc=bcc, attachments=attachments
        )


class AsyncMailboxMethods:
    """The async agent's mailbox methods: those of :class:`MailboxMethods`, awaited."""

    async def accounts(self) -> list[AsyncAccount]:
        agent: Any = self
        infos = await _arun(agent, _plans.accounts(agent.version))
        return [AsyncAccount(agent, info) for info in infos]

    def mailbox(self, account: AsyncAccount, folder: str = "INBOX") -> AsyncMailbox:
        _check_account(account, AsyncAccount)
        agent: Any = self
        return AsyncMailbox(agent, account, folder)

    async def send_mail(
        self,
        account: AsyncAccount,
        *,
        to: Sequence[str],
        subject: str,
        body: str = "",
        html: str | None = None,
        cc: Sequence[str] = (),
        bcc: Sequence[str] = (),
        attachments: Sequence[Outgoing] = (),
    ) -> str:
        _check_account(account, AsyncAccount)
        return await account.send(
            to=to, subject=subject, body=body, html=html, cc=cc, bcc=bcc, attachments=attachments
        )


def _check_account(account: object, kind: type) -> None:
    if not isinstance(account, kind):
        raise UsageError(f"account must come from agent.accounts(), not {type(account).__name__}")
