"""The plans behind each account and mailbox method (see :mod:`._plan` for how they run).

Each yields the EMail (or Batch) calls it needs, with the account, folder and mail id in the
step's ``where``, and returns the method's value. Nothing here does I/O.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from .._schema import load
from ..errors import MailboxError, UsageError, shown
from ._plan import Call, Plan, Sleep
from ._protocol import check_ids, list_operation, operations, parse_listed_id
from ._sync_state import MailId
from ._values import (
    Attachment,
    ConnectionInfo,
    Envelope,
    Folder,
    Mail,
    attachment_from_model,
    server_id,
)

#: how many envelopes one call asks for
ENVELOPE_BATCH = 100
_SUCCEEDED = frozenset({"Succeeded", "SucceededManualCleanup"})
_FAILED = frozenset({"Failed"})


class BatchTaskError(MailboxError):
    """A batch task (``RefreshFolder``'s) failed or did not end in time.

    ``task_id`` is the task, ``state`` its last ``BatchTaskState``, ``result`` what the task
    said (its ``Result``, or its ``ProgressDescription``).
    """

    def __init__(self, message: str, *, task_id: int, state: str, result: str = "") -> None:
        self.task_id = task_id
        self.state = state
        self.result = result
        super().__init__(message)


@attrs.frozen
class AccountInfo:
    """What NetServer knows of one ready-to-sync e-mail account."""

    id: int
    address: str
    associate_id: int
    associate_name: str
    graph: bool
    incoming: ConnectionInfo
    outgoing: ConnectionInfo | None
    inbox_folder: str = "INBOX"
    sent_folder: str = "Sent"
    version: str = attrs.field(default="", repr=False)

    @property
    def where(self) -> str:
        return f"account {self.address or self.id!r}"


@attrs.frozen
class Place:
    """One folder of one account, as the mailbox methods address it."""

    account: AccountInfo
    folder: str

    @property
    def version(self) -> str:
        return self.account.version

    @property
    def graph(self) -> bool:
        return self.account.graph

    def where(self, mail_id: MailId | None = None) -> str:
        text = f"{self.account.where}, folder {self.folder!r}"
        return text if mail_id is None else f"{text}, mail {mail_id!r}"

    def connection(self, folder: str | None = "") -> Any:
        models = load(self.version).module
        return self.account.incoming.for_folder(models, self.folder if folder == "" else folder)


def accounts(version: str) -> Plan[list[AccountInfo]]:
    ready = yield Call("GetReadySyncEmailAccounts", {}, "the ready-to-sync accounts")
    found = []
    for sync in ready:
        where = f"account id {sync.account_id}"
        account = yield Call("GetEMailAccount", {"email_account_id": sync.account_id}, where)
        if account is None or account.incoming_credentials is None:
            raise MailboxError(f"{where}: NetServer has no incoming server for it")
        graph = bool(getattr(account, "use_graph_api", 0))
        outgoing = account.outgoing_credentials
        found.append(
            AccountInfo(
                id=sync.account_id,
                address=account.email_address or "",
                associate_id=sync.associate_id,
                associate_name=sync.associate_name or "",
                graph=graph,
                incoming=ConnectionInfo.from_service_auth(
                    account.incoming_credentials, graph=graph
                ),
                outgoing=(
                    ConnectionInfo.from_service_auth(outgoing, graph=graph) if outgoing else None
                ),
                inbox_folder=getattr(account, "inbox_folder", None) or "INBOX",
                sent_folder=getattr(account, "sent_folder", None) or "Sent",
                version=version,
            )
        )
    return found


def folders(account: AccountInfo) -> Plan[list[Folder]]:
    models = load(account.version).module
    fields = {"connection_info": account.incoming.for_folder(models, None), "folders": None}
    found = yield Call("GetFolderInfo", fields, f"{account.where}: the folders")
    return [Folder.from_model(folder) for folder in found]


def ids(place: Place) -> Plan[list[MailId]]:
    """The folder's mail ids, oldest first (IMAP: by UID; Graph: as the server lists them)."""
    models = load(place.version).module
    connection = place.account.incoming.extended(models, place.folder)
    where = place.where()
    lines = yield Call(
        list_operation(place.version), {"connection_info_extended": connection}, where
    )
    found = [parse_listed_id(line, place.graph, where) for line in lines]
    if not place.graph:
        found.sort()
    return found


def envelopes(
    place: Place, newest: int | None, batch: int = ENVELOPE_BATCH
) -> Plan[list[Envelope]]:
    """The newest ``newest`` envelopes (all with None), newest first, ``batch`` per call."""
    if newest is not None and (
        isinstance(newest, bool) or not isinstance(newest, int) or newest < 0
    ):
        raise UsageError(
            f"{place.where()}: newest must be a count (an int >= 0), not {shown(newest)}"
        )
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise UsageError(f"{place.where()}: batch must be an int >= 1, not {shown(batch)}")
    listed = yield from ids(place)
    chosen = listed[len(listed) - newest :] if newest is not None else listed
    arrival = {mail_id: index for index, mail_id in enumerate(chosen)}
    found: list[Envelope] = []
    for chunk in _chunks(list(reversed(chosen)), batch):
        found += yield from _envelopes_of(place, chunk)
    # by date, newest first; mails of one instant (or none) by arrival
    found.sort(
        key=lambda e: (e.sent.timestamp() if e.sent else 0.0, arrival.get(e.id, -1)), reverse=True
    )
    return found


def _envelopes_of(place: Place, chunk: Sequence[MailId]) -> Plan[list[Envelope]]:
    ops = operations(place.version, place.graph)
    fields = {"connection_info": place.connection(), "message_server_ids": list(chunk)}
    span = f"{place.where()}, mails {chunk[0]!r}..{chunk[-1]!r}"
    values = yield Call(ops.envelopes, fields, span)
    found = []
    for value in values:
        mail_id = server_id(value, place.graph)
        if mail_id is not None:
            found.append(Envelope.from_model(value, mail_id))
    return found


def get(place: Place, mail_id: MailId, attachments: bool) -> Plan[Mail]:
    (mail_id,) = check_ids([mail_id], place.graph, place.where())
    ops = operations(place.version, place.graph)
    models = load(place.version).module
    where = place.where(mail_id)
    entity = yield Call(
        ops.get,
        {
            "connection_info": place.connection(),
            "message_server_id": mail_id,
            "lookup_addresses": False,
            # no flags: SEEN here would mark the mail read while only reading it
            "flags": models.EMailFlags(0),
            "include_attachments": attachments,
        },
        where,
    )
    if entity is None:
        raise MailboxError(f"{where}: NetServer returned no mail")
    found: list[Attachment] = []
    for value in entity.attachments if attachments else ():
        data = value.stream
        if data is None:  # fetched mails carry metadata; the bytes come one by one
            fetched = yield Call(
                ops.attachment,
                {
                    "connection_info": place.connection(),
                    "message_server_id": mail_id,
                    "attachment_id": value.id,
                },
                f"{where}, attachment {value.filename or value.id!r}",
            )
            data = fetched.stream if fetched is not None and fetched.stream is not None else b""
        found.append(attachment_from_model(value, data))
    return Mail.from_entity(entity, mail_id, found)


def stream(place: Place, mail_id: MailId) -> Plan[bytes]:
    """The mail's RFC 822 bytes, attachments included."""
    ops = operations(place.version, place.graph)
    fields = {
        "connection_info": place.connection(),
        "message_server_id": mail_id,
        "strip_attachments": False,
    }
    data = yield Call(ops.stream, fields, place.where(mail_id))
    if data is None:
        raise MailboxError(f"{place.where(mail_id)}: NetServer returned no message")
    assert isinstance(data, bytes)
    return data


def mark_read(place: Place, mail_ids: Iterable[MailId], read: bool) -> Plan[None]:
    checked = check_ids(mail_ids, place.graph, place.where())
    if checked:
        ops = operations(place.version, place.graph)
        fields = {
            "connection_info": place.connection(),
            "message_server_ids": checked,
            "read": read,
        }
        yield Call(ops.mark_read, fields, _many(place, checked))


def move(place: Place, mail_ids: Iterable[MailId], folder: str) -> Plan[None]:
    checked = check_ids(mail_ids, place.graph, place.where())
    if not isinstance(folder, str) or not folder:
        raise UsageError(f"{place.where()}: the target folder must be a non-empty str")
    if checked:
        ops = operations(place.version, place.graph)
        fields = {
            "connection_info": place.connection(),
            "message_server_ids": checked,
            "target_folder": folder,
        }
        yield Call(ops.move, fields, f"{_many(place, checked)} to {folder!r}")


def delete(place: Place, mail_ids: Iterable[MailId]) -> Plan[None]:
    checked = check_ids(mail_ids, place.graph, place.where())
    if checked:
        ops = operations(place.version, place.graph)
        fields = {
            "connection_info": place.connection(),
            "message_server_ids": checked,
            "move_to_folder": None,
        }
        yield Call(ops.delete, fields, _many(place, checked))


def refresh(place: Place, wait: bool, timeout: float, poll: float = 0.2) -> Plan[int]:
    """``RefreshFolder``; with ``wait``, follow its batch task until it ends. Returns the task
    id (0: NetServer refreshed at once)."""
    where = place.where()
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout >= 0:
        raise UsageError(f"{where}: timeout must be seconds (a number >= 0), not {shown(timeout)}")
    task: int = yield Call(
        "RefreshFolder", {"connection_info": place.connection(), "folders": [place.folder]}, where
    )
    if not task or not wait:
        return task
    end = time.monotonic() + timeout
    while True:
        info = yield Call("GetBatchTaskInfo", {"id": task}, f"{where}, batch task {task}", "Batch")
        state = str(getattr(info.state, "value", info.state)) if info is not None else "Unknown"
        said = (info.result or info.progress_description or "") if info is not None else ""
        if state in _SUCCEEDED:
            return task
        if state in _FAILED:
            raise BatchTaskError(
                f"{where}: refresh task {task} failed: {said or 'no reason given'}",
                task_id=task,
                state=state,
                result=said,
            )
        if time.monotonic() >= end:
            raise BatchTaskError(
                f"{where}: refresh task {task} still {state} after {timeout:g} s",
                task_id=task,
                state=state,
                result=said,
            )
        yield Sleep(min(poll, max(0.0, end - time.monotonic())))
        poll = min(poll * 2, 2.0)


def _many(place: Place, mail_ids: list[MailId]) -> str:
    shown_ids = ", ".join(repr(i) for i in mail_ids[:5])
    more = f" and {len(mail_ids) - 5} more" if len(mail_ids) > 5 else ""
    return f"{place.where()}, mails {shown_ids}{more}"


def _chunks(items: list[MailId], size: int) -> Iterable[list[MailId]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
