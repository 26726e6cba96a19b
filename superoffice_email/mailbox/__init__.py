"""The mailbox API: what integrators do with a mailbox, on top of the EMail agent.

So far the parts that need no agent: attachment names made safe and attachments saved under
them (:func:`safe_filename`, :func:`save_attachment`), and the crash-safe record of which mails
a sync has written as ``.eml`` files (:class:`SyncState`).
"""

from __future__ import annotations

from ._files import safe_filename, save_attachment
from ._sync_state import MailId, SyncState

__all__ = ["MailId", "SyncState", "safe_filename", "save_attachment"]
