"""The command line: ``python -m superoffice_email`` or ``superoffice-email``.

demo                                  call the bundled fake server through the real client
example VERSION OP [--response]       print the documented envelope
call VERSION OP --url U [--param name=value ...] [--timeout S] [--deadline S]
                                      call a NetServer; the ticket and application token
                                      from $SUPEROFFICE_TICKET, $SUPEROFFICE_APPLICATION_TOKEN
                                      (or --ticket, --token)
validate FILE [--version VERSION]     check an envelope against the version's schema
sync URL --account A [--folder F] DIR every mail of a folder as .eml files, resumable
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import enum
import json
import os
import sys
import uuid
from pathlib import Path
from typing import Any

import attrs

from . import LATEST_VERSION, VERSIONS, example_envelope
from .errors import Error, UsageError
from .mailbox._cli import add_sync_parser, run_sync

TICKET_VARIABLE = "SUPEROFFICE_TICKET"
APPLICATION_TOKEN_VARIABLE = "SUPEROFFICE_APPLICATION_TOKEN"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="superoffice-email", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("demo", help="run the demo against the bundled fake server")

    example = commands.add_parser("example", help="print the documented envelope")
    example.add_argument("version", choices=VERSIONS, metavar="VERSION")
    example.add_argument("operation")
    example.add_argument("--response", action="store_true", help="the response, not the request")

    call = commands.add_parser("call", help="call an operation and print the result as JSON")
    call.add_argument("version", choices=VERSIONS, metavar="VERSION")
    call.add_argument("operation")
    call.add_argument("--url", required=True, help="https://host/tenant/Remote/ or the .svc URL")
    # secrets are best passed in the environment: arguments show in ps and shell history
    call.add_argument("--ticket", help=f"the SoPrincipal ticket (default: ${TICKET_VARIABLE})")
    call.add_argument(
        "--token", help=f"the application token (default: ${APPLICATION_TOKEN_VARIABLE})"
    )
    call.add_argument(
        "--timeout", type=float, default=60.0, metavar="SECONDS", help="each network wait"
    )
    call.add_argument("--deadline", type=float, metavar="SECONDS", help="the whole call")
    call.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="a request field"
    )

    validate = commands.add_parser("validate", help="check an envelope against the schema")
    validate.add_argument("file", type=Path)
    validate.add_argument("--version", choices=VERSIONS, metavar="VERSION")
    add_sync_parser(commands)
    _add_diff(commands)

    args = parser.parse_args(argv)
    try:
        if args.command == "example":
            direction = "response" if args.response else "request"
            sys.stdout.write(example_envelope(args.version, args.operation, direction).decode())
            return 0
        if args.command == "validate":
            return _validate(args.file, args.version)
        if args.command == "call":
            return _call(args)
        if args.command == "sync":
            return run_sync(args)
        if args.command == "diff":
            return _diff(args)
        return _demo()
    except Error as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _add_diff(commands: Any) -> None:
    diff = commands.add_parser("diff", help="what changed between two versions or editions")
    diff.add_argument("old", help="a version, or VERSION@YYYY-MM for one of its editions")
    diff.add_argument("new", help="the same, for the newer side")
    diff.add_argument("--agent", default="EMail", help="EMail (default), SoPrincipal or Batch")
    diff.add_argument("--json", action="store_true", help="print JSON instead of lines")


def _diff(args: argparse.Namespace) -> int:
    """``diff Services84 Services88``: the added and removed names, one a line (or JSON)."""
    from .changes import api_changes

    changes = api_changes(args.old, args.new, agent=args.agent)
    text = json.dumps(changes.as_dict(), indent=1) if args.json else str(changes)
    print(text)
    return 0


def _validate(path: Path, version: str | None) -> int:
    from .validate import validate_envelope

    data = path.read_bytes()
    version = version or _version_of(data)
    problems = validate_envelope(version, data)
    for problem in problems:
        print(f"{path}:{problem}")
    if not problems:
        print(f"{path}: valid against {version}")
    return 1 if problems else 0


def _version_of(data: bytes) -> str:
    """The version whose service namespace the envelope uses."""
    for version in reversed(VERSIONS):
        if f"NetServer/{version}".encode() in data:
            return version
    return LATEST_VERSION


def _parse_params(version: str, operation: str, pairs: list[str]) -> dict[str, Any]:
    """``name=value`` pairs onto the request's fields.

    A value is JSON where it parses as JSON, else a string; objects become the model classes,
    strings for typed fields go through the XSD codecs (``"2024-01-01T00:00:00Z"``, base64).
    """
    from ._schema import load

    schema = load(version)
    fields = {n.attr: n for n in schema.operation_plan(operation).request.fields}
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise SystemExit(f"--param {pair!r}: expected NAME=VALUE")
        if name not in fields:
            raise SystemExit(f"--param {name}: {operation} has no such field ({', '.join(fields)})")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        params[name] = _from_json(schema, fields[name], value, name)
    return params


def _from_json(schema: Any, node: Any, value: Any, where: str) -> Any:
    from ._schema import Kind

    if value is None:
        return None
    try:
        if node.kind is Kind.CLASS:
            nested = {n.attr: n for n in schema.class_plan(node.python_type).fields}
            by_xml = {n.name: n for n in nested.values()}
            return node.python_type(
                **{
                    (nested.get(k) or by_xml[k]).attr: _from_json(
                        schema, nested.get(k) or by_xml[k], v, f"{where}.{k}"
                    )
                    for k, v in value.items()
                }
            )
        if node.kind is Kind.ARRAY:
            return [_from_json(schema, node.item, v, f"{where}[{i}]") for i, v in enumerate(value)]
        if node.kind is Kind.DICT:
            return {k: _from_json(schema, node.value, v, f"{where}.{k}") for k, v in value.items()}
        if node.kind is Kind.FLAGS and isinstance(value, list):
            return node.decode(" ".join(value))
        if isinstance(value, str) and node.type_ref != "xs:string":
            return node.decode(value)
        return value
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise SystemExit(f"--param {where}: cannot be a {node.type_ref}: {error}") from None


def _call(args: argparse.Namespace) -> int:
    from ._agent import EMailAgent

    ticket = args.ticket or os.environ.get(TICKET_VARIABLE)
    if not ticket:
        raise UsageError(f"give the ticket in ${TICKET_VARIABLE} (or --ticket)")
    token = args.token or os.environ.get(APPLICATION_TOKEN_VARIABLE) or None
    params = _parse_params(args.version, args.operation, args.param)
    with EMailAgent(
        args.url,
        version=args.version,
        ticket=ticket,
        application_token=token,
        timeout=args.timeout,
        deadline=args.deadline,
    ) as agent:
        value = agent.call(args.operation, **params)
    print(json.dumps(to_json(value), indent=2, ensure_ascii=False))
    return 0


def _demo() -> int:
    """The README's main job: the real client against the bundled fake, typed results out."""
    from . import models
    from ._agent import EMailAgent
    from .testing import FakeNetServer

    version = LATEST_VERSION
    m = models(version)
    ticket = "7T:demo-ticket"
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
    with FakeNetServer(ticket=ticket) as server:
        server.respond(
            "GetReadySyncEmailAccounts",
            [m.SyncUserAccount(account_id=7, associate_id=12, associate_name="Ann Lee")],
        )
        server.respond("RefreshFolder", lambda request: 1000 + len(request.params.folders))
        server.respond("GetEMailFromId", mail)
        print(f"FakeNetServer on {server.url} ({version}, SOAP 1.1 on the wire)")
        with EMailAgent(server.url, version=version, ticket=ticket) as agent:
            accounts = agent.get_ready_sync_email_accounts() or []
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
            print(json.dumps(to_json(got), indent=2, ensure_ascii=False))
    return 0


def to_json(value: Any) -> Any:
    """Model objects as JSON-ready data (bytes as base64 text, secrets left out)."""
    if attrs.has(type(value)):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in attrs.fields(type(value))
            if not f.metadata.get("secret") and getattr(value, f.name) is not None
        }
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, enum.Flag):
        return [m.name for m in type(value) if m in value]
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, bytes):
        import base64

        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime.datetime | datetime.timedelta | decimal.Decimal | uuid.UUID):
        return str(value)
    return value


if __name__ == "__main__":
    sys.exit(main())
