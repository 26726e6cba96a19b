"""``send``: an ``EMailEntity`` built from plain values, sent through the account's server."""

from __future__ import annotations

import datetime
import mimetypes
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeAlias

from .._schema import load
from ..errors import MailboxError, UsageError, shown
from ._plan import Call, Plan
from ._plans import AccountInfo

#: an attachment to send: a file, or a name and the bytes
Outgoing: TypeAlias = "str | os.PathLike[str] | tuple[str, bytes]"


def send(
    account: AccountInfo,
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    html: str | None,
    cc: Sequence[str],
    bcc: Sequence[str],
    attachments: Sequence[Outgoing],
) -> Plan[str]:
    """Send one mail; a copy lands in the account's sent folder. Returns its Message-ID."""
    where = f"{account.where}: sending {subject!r}" if isinstance(subject, str) else account.where
    for name, text in (("subject", subject), ("body", body)):
        if not isinstance(text, str):
            raise UsageError(f"{where}: {name} must be a str, not {type(text).__name__}")
    if html is not None and not isinstance(html, str):
        raise UsageError(f"{where}: html must be a str or None, not {type(html).__name__}")
    recipients = {
        name: _addresses(where, name, value)
        for name, value in (("to", to), ("cc", cc), ("bcc", bcc))
    }
    if not any(recipients.values()):
        raise UsageError(f"{where}: no recipient (to, cc and bcc are empty)")
    if account.outgoing is None:
        raise MailboxError(f"{where}: NetServer has no outgoing server for this account")
    models = load(account.version).module

    def address(text: str) -> Any:
        return models.EMailAddress(address=text, name=text)

    entity = models.EMailEntity(
        to=[address(a) for a in recipients["to"]],
        cc=[address(a) for a in recipients["cc"]],
        bcc=[address(a) for a in recipients["bcc"]],
        subject=subject,
        plain_body=body,
        html_body=html,
        from_=address(account.address),
        sent=datetime.datetime.now(datetime.UTC).replace(microsecond=0),
        priority=models.EMailPriority.NORMAL,
        attachments=[_attachment(models, where, item) for item in attachments],
    )
    fields = {
        "outgoing_connection_info": account.outgoing.for_folder(models, None),
        "emails": [entity],
        "sent_items_connection_info": account.incoming.for_folder(models, account.sent_folder),
    }
    sent = yield Call("SendEMails", fields, where)
    return (sent[0].message_id or "") if sent else ""


def _addresses(where: str, name: str, value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise UsageError(f"{where}: {name} must be a list of addresses, not {shown(value)}")
    for item in value:
        if not isinstance(item, str) or "@" not in item or any(c in item for c in "\r\n"):
            raise UsageError(f"{where}: {name} holds {shown(item)}, which is no e-mail address")
    return list(value)


def _attachment(models: Any, where: str, item: object) -> Any:
    if isinstance(item, tuple):
        if (
            len(item) != 2
            or not isinstance(item[0], str)
            or not isinstance(item[1], bytes | bytearray)
        ):
            raise UsageError(
                f"{where}: an attachment is a path or (name, bytes), not {shown(item)}"
            )
        name, data = item[0], bytes(item[1])
    elif isinstance(item, str | os.PathLike):
        path = Path(item)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise MailboxError(
                f"{where}: cannot read attachment {str(path)!r}: {exc.strerror}"
            ) from exc
        name = path.name
    else:
        raise UsageError(f"{where}: an attachment is a path or (name, bytes), not {shown(item)}")
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return models.EMailAttachment(
        filename=name,
        description=name,
        size=len(data),
        type=kind,
        disposition="attachment",
        stream=data,
    )
