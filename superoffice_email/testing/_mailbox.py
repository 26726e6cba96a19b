"""A fake mailbox: the EMail (and Batch) operations answered from one consistent state.

``FakeNetServer(mailboxes=[FakeMailbox(address=..., folders={"INBOX": [FakeMail(...)]})])``
registers a handler per operation (:meth:`FakeNetServer.handle`), so ids, envelopes, mails,
attachments, flags, moves and deletes agree with each other, sent mail lands in the sender's
``Sent`` folder (and in the ``INBOX`` of any fake recipient), and ``RefreshFolder`` is a batch
task walking New, Started, Succeeded. IMAP mailboxes have int ids (UIDs, new ones on a move,
as IMAP gives); Graph mailboxes (``graph=True``) string ``ServerIdentifier`` ids and answer
only the ``...FromServerIdentifier`` operations, as an IMAP one answers only the int ones.
Configured answers (``respond``, ``fail``...) still win over the mailbox.
"""

from __future__ import annotations

import datetime
import itertools
import mimetypes
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .._schema import LATEST_VERSION, load
from ..errors import NetServerError, UsageError
from ..mailbox._protocol import LIST_OPERATIONS, OPERATIONS
from ._fake_mail import FakeMail, FakeMailbox, aware

if TYPE_CHECKING:
    from ._dispatch import Call
    from ._server import FakeNetServer

@attrs.define
class _Stored:
    mail: FakeMail
    message_id: str
    seen: bool


class _Account:
    def __init__(self, number: int, box: FakeMailbox, counter: itertools.count[int]) -> None:
        self.number = number
        self.box = box
        self.counter = counter
        self.folders: dict[str, dict[int | str, _Stored]] = {}
        for name, mails in box.folders.items():
            self.folders[name] = {}
            for mail in mails:
                self.add(name, mail, seen=mail.read)
        for name in ("INBOX", "Sent"):
            self.folders.setdefault(name, {})

    def new_id(self) -> int | str:
        n = next(self.counter)
        # Graph ids are case-sensitive base64 text; these have upper case, digits and '='
        return f"AAMkADg{n:06d}Qx=" if self.box.graph else n

    def add(self, folder: str, mail: FakeMail, *, seen: bool, message_id: str = "") -> int | str:
        mail_id = self.new_id()
        stored = _Stored(mail, message_id or f"<fake-{mail_id}@{self.box.server}>", seen)
        self.folders[folder][mail_id] = stored
        return mail_id


class MailboxState:
    """The fake mailboxes of one server and the handlers that answer from them."""

    def __init__(self, mailboxes: Sequence[FakeMailbox]) -> None:
        counter = itertools.count(101)
        self.lock = threading.Lock()
        self.accounts = [_Account(n, box, counter) for n, box in enumerate(mailboxes, 1)]
        addresses = [box.address for box in mailboxes]
        if len(set(addresses)) != len(addresses):
            raise UsageError("two FakeMailboxes have one address")
        self.tasks: dict[int, list[str]] = {}
        self.task_ids = itertools.count(7001)

    # -- lookups ------------------------------------------------------------------------------

    def account(self, connection: Any, *, graph: bool | None = None) -> _Account:
        user = getattr(connection, "user_name", None)
        found = next((a for a in self.accounts if a.box.address == user), None)
        if found is None or connection.password != found.box.password:
            raise NetServerError("Authentication failed.", exception_type="AuthenticationFailed")
        if graph is not None and found.box.graph != graph:
            kind = (
                "a Graph mailbox: use the ServerIdentifier operations"
                if found.box.graph
                else ("an IMAP mailbox: use the server id operations")
            )
            raise NetServerError(f"{user} is {kind}", exception_type="SoException")
        return found

    def folder(self, account: _Account, name: str | None) -> dict[int | str, _Stored]:
        if name not in account.folders:
            raise NetServerError(f"Folder {name!r} does not exist", exception_type="SoException")
        return account.folders[name]

    def stored(self, folder: dict[int | str, _Stored], mail_id: Any) -> _Stored:
        if mail_id not in folder:
            raise NetServerError(f"Message {mail_id} not found", exception_type="SoException")
        return folder[mail_id]

    # -- answers ------------------------------------------------------------------------------

    def ready_accounts(self, call: Call) -> Any:
        m = load(call.version).module
        return [
            m.SyncUserAccount(
                account_id=a.number, associate_name=a.box.address, associate_id=a.number
            )
            for a in self.accounts
        ]

    def email_account(self, call: Call) -> Any:
        m = load(call.version).module
        wanted = call.request.params.email_account_id
        account = next((a for a in self.accounts if a.number == wanted), None)
        if account is None:
            raise NetServerError(f"No e-mail account {wanted}", exception_type="SoException")
        box = account.box

        def auth(server: str, port: int) -> Any:
            return m.ServiceAuth(
                server=server, port=port, username=box.address, password=box.password
            )

        fields: dict[str, Any] = {
            "email_account_id": account.number,
            "email_address": box.address,
            "associate_id": account.number,
            "incoming_credentials": auth(box.server, box.port),
            "outgoing_credentials": auth(box.server.replace("imap", "smtp", 1), 465),
        }
        known = attrs.fields_dict(m.EMailAccount)
        if "use_graph_api" in known:  # Services88 of 2026-07 on
            fields.update(use_graph_api=int(box.graph), inbox_folder="INBOX", sent_folder="Sent")
        return m.EMailAccount(**fields)

    def folder_info(self, call: Call) -> Any:
        m = load(call.version).module
        params = call.request.params
        account = self.account(params.connection_info)
        names = params.folders or list(account.folders)
        return [
            m.EMailFolder(
                name=name,
                delimiter="/",
                total_items=len(self.folder(account, name)),
                unread_items=sum(not s.seen for s in self.folder(account, name).values()),
                subscribed=True,
                email_folder_id=index,
            )
            for index, name in enumerate(names, 1)
        ]

    def listing(self, call: Call) -> Any:
        info = call.request.params.connection_info_extended
        account = self.account(info)
        folder = self.folder(account, info.folder)
        return [f"1:{mail_id}:{stored.message_id}" for mail_id, stored in folder.items()]

    def envelopes(self, call: Call, graph: bool) -> Any:
        m = load(call.version).module
        params = call.request.params
        account = self.account(params.connection_info, graph=graph)
        folder = self.folder(account, params.connection_info.folder)
        found = []
        for mail_id in params.message_server_ids or ():
            if mail_id in folder:
                found.append(self._model(m, m.EMailEnvelope, mail_id, folder[mail_id], graph))
        return found

    def get(self, call: Call, graph: bool) -> Any:
        m = load(call.version).module
        params = call.request.params
        account = self.account(params.connection_info, graph=graph)
        folder = self.folder(account, params.connection_info.folder)
        stored = self.stored(folder, params.message_server_id)
        if params.flags & m.EMailFlags.SEEN:
            stored.seen = True  # what asking for SEEN does: the mail is marked read
        entity = self._model(m, m.EMailEntity, params.message_server_id, stored, graph)
        entity.plain_body = stored.mail.body
        entity.html_body = stored.mail.html or None
        entity.cc = [m.EMailAddress(address=a, name=a) for a in stored.mail.cc]
        entity.folder_name = params.connection_info.folder
        if params.include_attachments:
            entity.attachments = [
                m.EMailAttachment(
                    filename=name,
                    description=name,
                    size=len(data),
                    type=mimetypes.guess_type(name)[0] or "application/octet-stream",
                    id=f"att-{index}",
                    disposition="attachment",
                )
                for index, (name, data) in enumerate(stored.mail.attachments)
            ]
        return entity

    def attachment(self, call: Call, graph: bool) -> Any:
        m = load(call.version).module
        params = call.request.params
        account = self.account(params.connection_info, graph=graph)
        stored = self.stored(
            self.folder(account, params.connection_info.folder), params.message_server_id
        )
        for index, (name, data) in enumerate(stored.mail.attachments):
            if params.attachment_id == f"att-{index}":
                kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return m.EMailAttachment(
                    filename=name,
                    description=name,
                    size=len(data),
                    type=kind,
                    id=params.attachment_id,
                    disposition="attachment",
                    stream=data,
                )
        raise NetServerError(f"Attachment {params.attachment_id!r} not found")

    def stream(self, call: Call, graph: bool) -> Any:
        params = call.request.params
        account = self.account(params.connection_info, graph=graph)
        stored = self.stored(
            self.folder(account, params.connection_info.folder), params.message_server_id
        )
        return stored.mail.eml(stored.message_id, attachments=not params.strip_attachments)

    def mark_read(self, call: Call, graph: bool) -> None:
        params = call.request.params
        account = self.account(params.connection_info, graph=graph)
        folder = self.folder(account, params.connection_info.folder)
        for mail_id in params.message_server_ids or ():
            if mail_id in folder:
                folder[mail_id].seen = bool(params.read)  # a missing Read is read as false

    def move(self, call: Call, graph: bool) -> None:
        params = call.request.params
        self._move(params.connection_info, params.message_server_ids, params.target_folder, graph)

    def delete(self, call: Call, graph: bool) -> None:
        params = call.request.params
        if params.move_to_folder:
            self._move(
                params.connection_info, params.message_server_ids, params.move_to_folder, graph
            )
            return
        account = self.account(params.connection_info, graph=graph)
        folder = self.folder(account, params.connection_info.folder)
        for mail_id in params.message_server_ids or ():
            folder.pop(mail_id, None)

    def _move(self, connection: Any, ids: Any, target: str | None, graph: bool) -> None:
        account = self.account(connection, graph=graph)
        source = self.folder(account, connection.folder)
        self.folder(account, target)
        for mail_id in ids or ():
            stored = source.pop(mail_id, None)
            if stored is not None:
                account.add(
                    target or "", stored.mail, seen=stored.seen, message_id=stored.message_id
                )

    def send(self, call: Call) -> Any:
        params = call.request.params
        sender = self.account(params.outgoing_connection_info)
        wanted = (
            params.sent_items_connection_info.folder if params.sent_items_connection_info else None
        )
        folder = wanted if wanted in sender.folders else "Sent"
        sent = []
        for entity in params.emails or ():
            if entity is None:
                continue
            mail = _mail_from_entity(entity, sender.box.address)
            mail_id = sender.add(folder, mail, seen=True)
            message_id = sender.folders[folder][mail_id].message_id
            for account in self.accounts:
                if account.box.address in (*mail.to, *mail.cc, *_addresses(entity.bcc)):
                    account.add("INBOX", mail, seen=False, message_id=message_id)
            entity.message_id = message_id
            entity.is_sent = True
            sent.append(entity)
        return sent

    def refresh(self, call: Call) -> int:
        params = call.request.params
        account = self.account(params.connection_info)
        for name in params.folders or ():
            self.folder(account, name)
        if not batch_available(call.version):
            return 0
        task = next(self.task_ids)
        end = "Failed" if account.box.refresh_fails else "Succeeded"
        self.tasks[task] = ["New", "Started", end]
        return task

    def task_info(self, call: Call) -> Any:
        m: Any = load(call.version, "Batch").module
        task = call.request.params.id
        if task not in self.tasks:
            raise NetServerError(f"No batch task {task}", exception_type="SoException")
        states = self.tasks[task]
        state = states.pop(0) if len(states) > 1 else states[0]
        failed = state == "Failed"
        return m.BatchTaskInfo(
            id=task,
            name="RefreshFolder",
            state=m.BatchTaskState(state),
            result="IMAP server refused the login" if failed else None,
            progress_description=state,
        )

    def _model(self, m: Any, cls: Any, mail_id: Any, stored: _Stored, graph: bool) -> Any:
        mail = stored.mail
        fields: dict[str, Any] = {
            "server_id": 0 if graph else mail_id,
            "message_id": stored.message_id,
            "subject": mail.subject,
            "from_": m.EMailAddress(address=mail.sender, name=mail.sender),
            "to": [m.EMailAddress(address=a, name=a) for a in mail.to],
            "sent": aware(mail.sent),
            "priority": m.EMailPriority.NORMAL,
            "flags": m.EMailFlags.SEEN if stored.seen else m.EMailFlags(0),
            "size": len(mail.body) + sum(len(d) for _, d in mail.attachments),
        }
        if graph:
            fields["server_identifier"] = mail_id
        return cls(**fields)


def _addresses(values: Any) -> list[str]:
    return [a.address for a in values if a.address]


def _mail_from_entity(entity: Any, sender: str) -> FakeMail:
    return FakeMail(
        subject=entity.subject or "",
        sender=entity.from_.address
        if entity.from_ is not None and entity.from_.address
        else sender,
        to=_addresses(entity.to),
        cc=_addresses(entity.cc),
        # DateTime.MinValue, the default: no date given
        sent=datetime.datetime.now(datetime.UTC)
        if entity.sent == datetime.datetime.min
        else entity.sent,
        body=entity.plain_body or "",
        html=entity.html_body or "",
        attachments=[
            (a.filename or "attachment", a.stream or b"")
            for a in entity.attachments
        ],
        read=True,
    )


def batch_available(version: str) -> bool:
    """Whether the fake answers the Batch agent: whether the version has one."""
    from ..services import MODULES

    return ("Batch", version) in MODULES


def install(server: FakeNetServer, mailboxes: Sequence[FakeMailbox]) -> MailboxState:
    """Answer the mailbox operations of ``server`` from ``mailboxes``."""
    for box in mailboxes:
        if not isinstance(box, FakeMailbox):
            raise UsageError(f"mailboxes holds a {type(box).__name__}, not a FakeMailbox")
    state = MailboxState(mailboxes)
    known = load(LATEST_VERSION).operations

    def locked(answer: Any, *args: Any) -> Any:
        def handler(call: Call) -> Any:
            with state.lock:
                return answer(call, *args)

        return handler

    table: dict[str, Any] = {
        "GetReadySyncEmailAccounts": locked(state.ready_accounts),
        "GetEMailAccount": locked(state.email_account),
        "GetFolderInfo": locked(state.folder_info),
        "SendEMails": locked(state.send),
        "RefreshFolder": locked(state.refresh),
    }
    for name in LIST_OPERATIONS:
        table[name] = locked(state.listing)
    for graph, ops in OPERATIONS.items():
        table[ops.envelopes] = locked(state.envelopes, graph)
        table[ops.get] = locked(state.get, graph)
        table[ops.attachment] = locked(state.attachment, graph)
        table[ops.stream] = locked(state.stream, graph)
        table[ops.mark_read] = locked(state.mark_read, graph)
        table[ops.move] = locked(state.move, graph)
        table[ops.delete] = locked(state.delete, graph)
    for operation, handler in table.items():
        if operation in known:  # the Graph operations come with the 2026-07 models
            server.handle(operation, handler)
    if batch_available(LATEST_VERSION):
        server.handle("GetBatchTaskInfo", locked(state.task_info), agent="Batch")
    return state
