"""The mailbox API's values: plain, typed and frozen, read from the generated models once.

The generated models mirror the schema, where almost every field may be missing; these say
what a mail *is* (a subject is a ``str``, perhaps empty) so that code using them type-checks
without a ``None`` test on every line.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import attrs

from ..errors import UsageError
from ._files import save_attachment
from ._sync_state import MailId

#: ports on which a mail server speaks TLS from the first byte (IMAPS, POP3S, SMTPS)
_TLS_PORTS = frozenset({993, 995, 465})


@attrs.frozen
class ConnectionInfo:
    """How NetServer reaches one mail server for an account: all of it, the port included.

    ``use_ssl`` comes from the port (993, 995, 465: TLS from the start), as ``ServiceAuth``
    carries no such flag. ``graph``: a Microsoft Graph mailbox (no IMAP server). The password
    is never shown in ``repr``.
    """

    server: str
    port: int
    user: str
    password: str | None = attrs.field(repr=False)
    use_ssl: bool
    graph: bool = False
    auth_type: str = ""

    @classmethod
    def from_service_auth(cls, auth: Any, *, graph: bool) -> ConnectionInfo:
        port = int(auth.port or 0)
        return cls(
            server=auth.server or "",
            port=port,
            user=auth.username or "",
            password=auth.password,
            use_ssl=port in _TLS_PORTS,
            graph=graph,
            auth_type=auth.auth_type or "",
        )

    def for_folder(self, models: Any, folder: str | None) -> Any:
        """The version's ``EMailConnectionInfo`` for ``folder`` (what most operations take)."""
        return _model(models.EMailConnectionInfo, self, folder, extended=False)

    def extended(self, models: Any, folder: str | None) -> Any:
        """The version's ``EMailConnectionInfoExtended`` (with the port) for ``folder``."""
        return _model(models.EMailConnectionInfoExtended, self, folder, extended=True)


def _model(cls: Any, info: ConnectionInfo, folder: str | None, *, extended: bool) -> Any:
    fields: dict[str, Any] = {
        "server_name": info.server,
        "user_name": info.user,
        "password": info.password,
        "folder": folder,
        "use_ssl": info.use_ssl,
    }
    if extended:
        fields.update(port=info.port, protocol="imap")
    if "use_graph_api" in attrs.fields_dict(cls):  # Services88 of 2026-07 on
        fields["use_graph_api"] = info.graph
    return cls(**fields)


@attrs.frozen
class Folder:
    """A folder of an account, with its counts as NetServer last saw them."""

    name: str
    unread: int
    total: int
    delimiter: str = "/"
    subscribed: bool = True

    @classmethod
    def from_model(cls, folder: Any) -> Folder:
        return cls(
            name=folder.name or "",
            unread=folder.unread_items,
            total=folder.total_items,
            delimiter=folder.delimiter or "/",
            subscribed=folder.subscribed,
        )


@attrs.frozen
class Envelope:
    """A mail's headers and summary: what a folder listing shows."""

    id: MailId
    subject: str
    sender: str
    to: list[str]
    sent: datetime.datetime | None
    size: int
    read: bool
    message_id: str = ""

    @classmethod
    def from_model(cls, value: Any, mail_id: MailId) -> Envelope:
        return cls(**_common(value, mail_id))


@attrs.frozen
class Attachment:
    """One attachment of a mail: its metadata, and its bytes when fetched with the mail.

    ``name`` is what the sender wrote, which is no safe file name: :meth:`save` makes it one.
    """

    name: str
    size: int
    content_type: str
    id: str
    data: bytes | None = attrs.field(default=None, repr=False)

    def save(self, directory: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
        """Write the bytes into ``directory`` under a safe name; return the path.

        See :func:`~superoffice_email.mailbox.save_attachment` for the name rules; an existing
        file is kept (``name (1).ext`` is used) unless ``overwrite``.
        """
        if self.data is None:
            raise UsageError(
                f"attachment {self.name!r} has no bytes: fetch the mail with "
                "mailbox.get(id, attachments=True)"
            )
        return save_attachment(directory, self.name, self.data, overwrite=overwrite)


@attrs.frozen
class Mail(Envelope):
    """A whole mail: the envelope, the bodies and the attachments."""

    cc: list[str] = attrs.field(factory=list)
    body: str = ""
    html: str = ""
    attachments: list[Attachment] = attrs.field(factory=list)

    @classmethod
    def from_entity(cls, value: Any, mail_id: MailId, attachments: list[Attachment]) -> Mail:
        return cls(
            **_common(value, mail_id),
            cc=_addresses(value.cc),
            body=value.plain_body or "",
            html=value.html_body or "",
            attachments=attachments,
        )


def attachment_from_model(value: Any, data: bytes | None) -> Attachment:
    return Attachment(
        name=value.filename or value.description or "",
        size=value.size,
        content_type=value.type or "application/octet-stream",
        id=value.id or "",
        data=data,
    )


def _common(value: Any, mail_id: MailId) -> dict[str, Any]:
    flags = value.flags
    sender = value.from_.address if value.from_ is not None else None
    return {
        "id": mail_id,
        "subject": value.subject or "",
        "sender": sender or "",
        "to": _addresses(value.to),
        # DateTime.MinValue: NetServer's "no date" (and what a missing Sent reads as)
        "sent": None if value.sent == datetime.datetime.min else value.sent,
        "size": value.size,
        "read": bool(flags & type(flags).SEEN),
        "message_id": value.message_id or "",
    }


def _addresses(values: list[Any]) -> list[str]:
    return [item.address for item in values if item.address]


def server_id(value: Any, graph: bool) -> MailId | None:
    """The id a mail has on its server, from an envelope or entity model."""
    if graph:
        identifier = getattr(value, "server_identifier", None)
        return str(identifier) if identifier else None
    return int(value.server_id)
