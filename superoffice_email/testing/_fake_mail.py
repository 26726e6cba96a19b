"""The fake mailbox's data: :class:`FakeMail` and :class:`FakeMailbox`, as a test writes them.

A mail renders to RFC 822 bytes (:meth:`FakeMail.eml`) with the standard library's e-mail
package; the same mail and Message-ID always give the same bytes, as a stored message does.
"""

from __future__ import annotations

import datetime
import email.message
import email.policy
import email.utils
import hashlib
import mimetypes
from collections.abc import Mapping, Sequence

import attrs

_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@attrs.frozen
class FakeMail:
    """One mail of a fake mailbox. ``attachments`` are ``(name, bytes)`` pairs."""

    subject: str = ""
    sender: str = "sender@example.com"
    to: Sequence[str] = ()
    sent: datetime.datetime = _EPOCH
    body: str = ""
    html: str = ""
    cc: Sequence[str] = ()
    attachments: Sequence[tuple[str, bytes]] = attrs.field(default=(), repr=False)
    read: bool = False

    def eml(self, message_id: str, *, attachments: bool = True) -> bytes:
        """The mail as RFC 822 bytes (what the stream operations answer)."""
        message = email.message.EmailMessage(policy=email.policy.SMTP)
        message["Subject"] = self.subject
        message["From"] = self.sender
        if self.to:
            message["To"] = ", ".join(self.to)
        if self.cc:
            message["Cc"] = ", ".join(self.cc)
        message["Date"] = email.utils.format_datetime(aware(self.sent))
        message["Message-ID"] = message_id
        message.set_content(self.body)
        if self.html:
            message.add_alternative(self.html, subtype="html")
        for name, data in self.attachments if attachments else ():
            kind = (mimetypes.guess_type(name)[0] or "application/octet-stream").split("/", 1)
            message.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=name)
        # the same mail renders to the same bytes, as a server's stored message does
        seed = hashlib.sha256(message_id.encode()).hexdigest()[:24]
        for number, part in enumerate(p for p in message.walk() if p.is_multipart()):
            part.set_boundary(f"=_{seed}_{number}")
        return message.as_bytes()


@attrs.define
class FakeMailbox:
    """One account of the fake server: its address, folders and kind (IMAP or Graph).

    ``password`` is what the account's connection must carry; ``server`` and ``port`` are what
    ``GetEMailAccount`` tells about its incoming server. ``refresh_fails``: the refresh batch
    task ends Failed.
    """

    address: str
    folders: Mapping[str, Sequence[FakeMail]] = attrs.field(factory=lambda: {"INBOX": []})
    graph: bool = False
    password: str = attrs.field(default="mail-secret", repr=False)
    server: str = "imap.example.com"
    port: int = 993
    refresh_fails: bool = False


def aware(moment: datetime.datetime) -> datetime.datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)
