"""Which EMail operation does each mailbox action, for IMAP and for Graph mailboxes.

IMAP mails are named by an int server id (the IMAP UID), Graph mails (Services88 of 2026-07,
NetServer 12.0.342) by a string ``ServerIdentifier`` and operations of their own. One table,
:data:`OPERATIONS`, says which is which; the mailbox methods ask it and never branch on the
kind of mailbox themselves.

Listing a folder: ``GetExtendedEmailMessageIds`` answers ``uvalidity:uid:MsgId`` strings
(SuperOffice's description of it); the middle part is the server id. That Graph mailboxes
answer their ``ServerIdentifier`` there is an inference: no other operation lists them.
Versions whose models lack it (before the 2026-07 edition) list with ``GetEmailMessageIds``,
which takes and answers the same types.
"""

from __future__ import annotations

from typing import Any

import attrs

from .._schema import load
from ..errors import ProtocolError, UsageError
from ._sync_state import MailId


@attrs.frozen
class Operations:
    """The operation names of one kind of mailbox."""

    envelopes: str
    get: str
    attachment: str
    stream: str
    mark_read: str
    move: str
    delete: str


OPERATIONS = {
    False: Operations(
        envelopes="GetEMailEnvelopes",
        get="GetEMailFromId",
        attachment="GetAttachment",
        stream="GetEMailAsStream",
        mark_read="MarkAsRead",
        move="MoveToFolder",
        delete="Delete",
    ),
    True: Operations(
        envelopes="GetEMailEnvelopesFromServerIds",
        get="GetEMailFromServerIdentifier",
        attachment="GetAttachmentFromServerIdentifier",
        stream="GetEMailAsStreamFromServerIdentifier",
        mark_read="MarkAsReadFromServerIdentifiers",
        move="MoveToFolderFromServerIdentifier",
        delete="DeleteFromServerIdentifier",
    ),
}

#: what lists a folder, newest models first (see the module docstring)
LIST_OPERATIONS = ("GetExtendedEmailMessageIds", "GetEmailMessageIds")


def operations(version: str, graph: bool) -> Operations:
    """The operations for a mailbox; a Graph mailbox needs a version that has them."""
    table = OPERATIONS[graph]
    if graph and table.get not in load(version).operations:
        raise UsageError(
            f"{version}'s models have no Graph operations ({table.get}): use a Services88 "
            "agent of the 2026-07 edition or later for a Graph mailbox"
        )
    return table


def list_operation(version: str) -> str:
    known = load(version).operations
    return next(name for name in LIST_OPERATIONS if name in known)


def has_field(model: type, name: str) -> bool:
    """Whether a generated class has a field (``use_graph_api`` is new in 2026-07)."""
    return name in attrs.fields_dict(model)


def model(version: str, name: str) -> Any:
    return load(version).types[name]


def parse_listed_id(text: str | None, graph: bool, where: str) -> MailId:
    """The server id in one ``uvalidity:uid:MsgId`` line."""
    parts = (text or "").split(":", 2)
    if len(parts) != 3 or not parts[1]:
        raise ProtocolError(f"{where}: {text!r} is not a 'uvalidity:uid:MsgId' line")
    if graph:
        return parts[1]
    try:
        return int(parts[1])
    except ValueError:
        raise ProtocolError(f"{where}: the uid in {text!r} is not a number") from None


def check_ids(ids: object, graph: bool, where: str) -> list[MailId]:
    """``ids`` as a list of this mailbox's kind of id, or a UsageError naming the bad one."""
    if isinstance(ids, int | str):
        ids = [ids]
    if not isinstance(ids, list | tuple | set | frozenset):
        raise UsageError(f"{where}: ids must be a list of mail ids, not {type(ids).__name__}")
    kind = str if graph else int
    for mail_id in ids:
        if isinstance(mail_id, bool) or not isinstance(mail_id, kind) or mail_id == "":
            what = "Graph ServerIdentifier strings" if graph else "IMAP server ids (int)"
            raise UsageError(f"{where}: mail ids here are {what}, not {mail_id!r}")
    return list(ids)
