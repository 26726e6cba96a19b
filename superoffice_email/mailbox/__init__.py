"""The mailbox API: what integrators do with a mailbox, on top of the EMail agent.

``agent.accounts()`` gives the accounts NetServer syncs (:class:`Account`), each knowing its
connection and folders; ``agent.mailbox(account, "INBOX")`` one folder (:class:`Mailbox`):
its ids, the newest envelopes, whole mails with attachments (:meth:`Attachment.save` writes
one under a safe name), read flags, moves, deletes, a refresh that follows NetServer's batch
task, and :meth:`Mailbox.sync_to`, which keeps a directory of ``.eml`` files in step with the
folder, resumable after any crash (:class:`SyncState`). ``account.send(...)`` (or
``agent.send_mail(account, ...)``) sends. IMAP and Microsoft Graph mailboxes work the same;
the async agent has the same methods, awaited (:class:`AsyncAccount`, :class:`AsyncMailbox`).
"""

from __future__ import annotations

from ._api import Account, AsyncAccount, AsyncMailbox, Mailbox
from ._files import safe_filename, save_attachment
from ._plans import BatchTaskError
from ._sync import SyncReport
from ._sync_state import MailId, SyncState
from ._values import Attachment, ConnectionInfo, Envelope, Folder, Mail

__all__ = [
    "Account",
    "AsyncAccount",
    "AsyncMailbox",
    "Attachment",
    "BatchTaskError",
    "ConnectionInfo",
    "Envelope",
    "Folder",
    "Mail",
    "MailId",
    "Mailbox",
    "SyncReport",
    "SyncState",
    "safe_filename",
    "save_attachment",
]
