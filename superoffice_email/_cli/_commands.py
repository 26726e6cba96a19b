"""The subcommands: each takes the parsed arguments, writes to stdout and returns an exit code.

Errors are raised (the library's own, or ``OSError`` for files); ``main`` turns them into one
line on stderr and the documented exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import sys
from typing import Any

import superoffice_email as so

from ..errors import ProtocolError, UnknownOperationError, UsageError
from ..mailbox._cli import APPLICATION_TOKEN_VARIABLE, TICKET_VARIABLE, run_sync
from ._describe import describe, operations
from ._diff import diff
from ._json import parse_params, to_json

PROG = "superoffice-email"
EXIT_INVALID = 1


def ops(args: argparse.Namespace) -> int:
    print("\n".join(operations(so.models(args.version))))
    return 0


def describe_command(args: argparse.Namespace) -> int:
    print("\n".join(describe(so.models(args.version), args.name)))
    return 0


def example(args: argparse.Namespace) -> int:
    direction = "response" if args.response else "request"
    sys.stdout.write(so.example_envelope(args.version, args.operation, direction).decode())
    return 0


def validate(args: argparse.Namespace) -> int:
    """Exit 0 only when the structure, the service version and the schema all hold."""
    from ..validate import check_envelope

    if args.file == "-":
        name, data = "<stdin>", sys.stdin.buffer.read()
    else:
        with open(args.file, "rb") as file:  # OSError: the caller names the file
            name, data = args.file, file.read()
    try:
        # the version comes from the service namespace only, never from text elsewhere
        report = check_envelope(data, args.version)
    except ProtocolError as error:  # not XML, not an envelope: an invalid envelope too
        return fail(f"{name}: {error}", EXIT_INVALID)
    for problem in report.problems:
        print(f"{name}:{problem}")
    if report.total > len(report.problems):
        print(f"{name}: ... and {report.total - len(report.problems)} more problems")
    if not report.valid:
        return EXIT_INVALID
    against = report.version or "any version (a Fault, no service element)"
    print(f"{name}: valid against {against}")
    return 0


def fail(message: str, code: int) -> int:
    """The one line on stderr every error gets; returns ``code``."""
    # one line: a message with line breaks (a server's text) would read as several errors
    line = " ".join(message.split())
    with contextlib.suppress(OSError):  # stderr gone too: the exit code is all that is left
        print(f"{PROG}: error: {line}", file=sys.stderr)
    return code




def call(args: argparse.Namespace) -> int:
    module = so.models(args.version)
    operation = module.OPERATIONS.get(args.operation)
    if operation is None:
        raise UnknownOperationError(
            f"{args.version} has no operation {args.operation!r} (see: superoffice-email ops "
            f"{args.version})"
        )
    # the values first: a mistake in them is found before asking for secrets or connecting
    params = parse_params(module, args.operation, args.param)
    ticket = args.ticket or os.environ.get(TICKET_VARIABLE)
    if not ticket:
        raise UsageError(f"give the ticket in ${TICKET_VARIABLE} (or --ticket)")
    token = args.token or os.environ.get(APPLICATION_TOKEN_VARIABLE) or None
    with so.EMailAgent(
        args.url,
        version=args.version,
        ticket=ticket,
        application_token=token,
        timeout=args.timeout,
        deadline=args.deadline,
    ) as agent:
        value = agent.call(args.operation, **params)
    if operation.response is None:
        data: Any = None
    else:
        data = to_json(module, operation.response.type, value, secrets=args.show_secrets)
    print(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))
    return 0


def demo(args: argparse.Namespace) -> int:
    """The README's main job: the real client against the bundled fake, typed results out."""
    from ..testing import FakeNetServer

    version = so.LATEST_VERSION
    m = so.models(version)
    sent = datetime.datetime(2026, 11, 20, 9, 30, tzinfo=datetime.UTC)
    mail = m.EMailEntity(
        subject="Quarterly figures",
        from_=m.EMailAddress(name="Ann Lee", address="ann@example.com"),
        to=[m.EMailAddress(name="Bo Berg", address="bo@example.com")],
        sent=sent,
        priority=m.EMailPriority.HIGH,
        flags=m.EMailFlags.SEEN | m.EMailFlags.ANSWERED,
        plain_body="Figures attached.",
        attachments=[
            m.EMailAttachment(filename="q3.csv", type="text/csv", stream=b"q,sum\n3,42\n")
        ],
    )
    with FakeNetServer(users={"ann": "never-printed-either"}) as server:
        server.respond(
            "GetReadySyncEmailAccounts",
            [m.SyncUserAccount(account_id=7, associate_id=12, associate_name="Ann Lee")],
        )
        server.respond("RefreshFolder", lambda request: 1000 + len(request.params.folders))
        server.respond("GetEMailFromId", mail)
        print(f"FakeNetServer on {server.url} ({version}, SOAP 1.1 on the wire)")
        login = so.UsernamePassword("ann", "never-printed-either")
        with so.EMailAgent(server.url, version=version, credentials=login) as agent:
            # the agent logs in (SoPrincipal AuthenticateUsernamePassword) on its first call
            accounts = agent.get_ready_sync_email_accounts() or []
            print(f"{login!r}: logged in {server.login_count} time(s), ticket kept")
            print(f"GetReadySyncEmailAccounts -> {len(accounts)} account(s)")
            for account in accounts:
                print(f"  {account!r}")
            info = m.EMailConnectionInfo(
                server_name="imap.example.com",
                user_name="ann",
                password="never-printed",
                folder="INBOX",
                use_ssl=True,
            )
            print(f"RefreshFolder -> batch task {agent.refresh_folder(info, ['INBOX', 'Sent'])}")
            got = agent.get_email_from_id(
                connection_info=info,
                message_server_id=1,
                lookup_addresses=False,
                flags=m.EMailFlags.SEEN,
                include_attachments=True,
            )
            print(f"GetEMailFromId -> {type(got).__module__}.{type(got).__name__}")
            print(json.dumps(to_json(m, "tns:EMailEntity", got), indent=2, ensure_ascii=False))
    return 0


COMMANDS: dict[str, Any] = {
    "ops": ops,
    "describe": describe_command,
    "example": example,
    "validate": validate,
    "call": call,
    "demo": demo,
    "sync": run_sync,
    "diff": diff,
}
