"""What every example shares: an agent on a real NetServer, or on a fake mailbox.

``python examples/<task>.py`` runs the task against a fake mailbox on 127.0.0.1;
``python examples/<task>.py https://host/tenant/Remote/`` against a real NetServer, with the
ticket in ``$SUPEROFFICE_TICKET``. This file is the scaffolding; each task's own lines are in
its ``main``.
"""

from __future__ import annotations

import datetime
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import superoffice_email as so
from superoffice_email.testing import FakeMail, FakeMailbox, FakeNetServer

#: the ticket the fake accepts; an agent with another one is refused, as with an expired one
DEMO_TICKET = "7T:demo-ticket"


def demo_mailboxes() -> list[FakeMailbox]:
    start = datetime.datetime(2026, 5, 1, 8, tzinfo=datetime.UTC)
    inbox = [
        FakeMail(
            subject=f"Order {n}",
            sender=f"customer{n % 7}@example.com",
            to=["ann@example.com"],
            sent=start + datetime.timedelta(hours=n * 5 % 97),
            body=f"Please find order {n} attached.",
            attachments=[(f"order-{n}.pdf", b"%PDF-1.4 " + bytes(n))] if n % 10 == 0 else [],
        )
        for n in range(1, 121)
    ]
    return [
        FakeMailbox(address="ann@example.com", folders={"INBOX": inbox, "Archive": []}),
        FakeMailbox(address="bob@example.com"),
    ]


@contextmanager
def demo_server(fail_once: str | None = None) -> Iterator[str]:
    """A fake mailbox; ``fail_once``: that operation's first call fails (NetServer says why)."""
    with FakeNetServer(ticket=DEMO_TICKET, mailboxes=demo_mailboxes()) as server:
        if fail_once is not None:

            def refuse(request: object) -> None:
                server.clear()  # the next call reaches the mailbox again
                raise so.NetServerError("The IMAP server did not answer in time")

            server.respond(fail_once, refuse)
        yield server.url


def fresh_ticket() -> str:
    """A new ticket: SoPrincipal's login in real life, the fake's ticket here."""
    return os.environ.get("SUPEROFFICE_TICKET", DEMO_TICKET)


def run(
    main: Callable[[so.EMailAgent], None],
    *,
    ticket: str | None = None,
    fail_once: str | None = None,
) -> None:
    """Run ``main`` with an agent on the URL in argv, or on a fake mailbox (``ticket``: the
    agent's ticket, a wrong one standing for an expired one; ``fail_once``: see
    :func:`demo_server`)."""
    if len(sys.argv) > 1:
        with so.EMailAgent(sys.argv[1], ticket=ticket or fresh_ticket()) as agent:
            main(agent)
        return
    with demo_server(fail_once) as url, so.EMailAgent(url, ticket=ticket or DEMO_TICKET) as agent:
        main(agent)
