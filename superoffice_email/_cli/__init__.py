"""The command line: ``superoffice-email`` or ``python -m superoffice_email``.

``main`` parses the arguments, runs one subcommand (``_commands``) and turns every failure
into one line on stderr, ``superoffice-email: error: ...``, and the exit code in ``EPILOG``.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import metadata
from typing import NoReturn

from ..errors import (
    Error,
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    SoapFault,
    TransportError,
    UsageError,
)
from ..mailbox._cli import APPLICATION_TOKEN_VARIABLE, TICKET_VARIABLE, add_sync_parser
from ..services import VERSIONS
from ._commands import COMMANDS, PROG, fail
from ._diff import add_diff

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as the shell reports a program Ctrl-C stopped
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as the shell reports git or cat when `| head` closes

#: the exit code of each failure a call can meet, most specific first
CALL_EXITS: tuple[tuple[type[Error], int], ...] = (
    (NetServerError, 3),
    (SoapFault, 4),
    (HTTPStatusError, 5),
    (ProtocolError, 5),
    (TransportError, 6),
)

EPILOG = """\
exit codes:
  0    success (validate: the envelope is valid)
  1    validate: the envelope is not valid, not XML or not a SOAP envelope;
       also an unexpected error (a bug)
  2    usage: bad arguments or --param values, unknown version, operation or type,
       no ticket, a file that is missing or cannot be read
  3    call: NetServer answered Succeeded=false (NetServerError)
  4    call: a SOAP fault
  5    call: an HTTP error status, or an answer that is not a SOAP response
  6    call: the request did not complete (timeout, connection refused or reset,
       answer too large)
  130  interrupted (Ctrl-C)
  141  stdout was closed early (`... | head`): quietly, as git does

Values are JSON both ways: `call` prints the result with the field names, enumeration
tokens and date, binary and duration texts that --param takes back.
"""


class _Parser(argparse.ArgumentParser):
    """Errors as one line (the usage is in --help), under the program's name."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{PROG}: error: {message} (see: {self.prog} --help)\n")


def _version() -> str:
    try:
        return metadata.version("superoffice_email")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def parser() -> argparse.ArgumentParser:
    root = _Parser(
        prog=PROG,
        description="The SuperOffice NetServer EMail agent: example envelopes, validation, "
        "calls, and what each service version offers.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    root.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def version_argument(command: argparse.ArgumentParser) -> None:
        command.add_argument("version", choices=VERSIONS, metavar="VERSION", help="Services88...")

    ops = commands.add_parser("ops", help="list a version's operations")
    version_argument(ops)

    describe = commands.add_parser("describe", help="the fields of a type or an operation")
    version_argument(describe)
    describe.add_argument("name", help="a type (EMailEntity) or an operation (GetEMailFromId)")

    example = commands.add_parser("example", help="print the documented envelope")
    version_argument(example)
    example.add_argument("operation")
    example.add_argument("--response", action="store_true", help="the response, not the request")

    call = commands.add_parser(
        "call",
        help="call an operation and print the result as JSON",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    version_argument(call)
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
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a request field by its Python name, the value as JSON (text may be bare): "
        'connection_info=\'{"server_name": "imap", "use_ssl": true}\', flags=\'["Seen"]\'',
    )
    call.add_argument(
        "--show-secrets",
        action="store_true",
        help="print password and ticket fields of the result (left out by default)",
    )

    validate = commands.add_parser(
        "validate", help="check an envelope against the version's schema"
    )
    validate.add_argument("file", help="the envelope; - reads stdin")
    validate.add_argument("--version", choices=VERSIONS, metavar="VERSION")

    add_diff(commands)
    commands.add_parser("demo", help="run the demo against the bundled fake server")
    add_sync_parser(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (never raises, never prints a traceback)."""
    try:
        try:
            args = parser().parse_args(argv)
        except SystemExit as done:  # --help, --version, or a usage error already printed
            return done.code if isinstance(done.code, int) else EXIT_USAGE
        code: int = COMMANDS[args.command](args)
        sys.stdout.flush()  # here, so a closed pipe is met inside the try
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return fail("interrupted", EXIT_INTERRUPTED)
    except UsageError as error:
        return fail(str(error), EXIT_USAGE)
    except Error as error:  # before OSError: TransportTimeout is also a TimeoutError
        code = next((code for kind, code in CALL_EXITS if isinstance(error, kind)), 1)
        return fail(str(error), code)
    except OSError as error:  # a file: missing, unreadable, a directory
        where = f"{error.filename}: " if error.filename else ""
        return fail(f"{where}{error.strerror or error}", EXIT_USAGE)
    except Exception as error:  # a bug: still one line, and the exit code of a failure
        return fail(f"unexpected {type(error).__name__}: {error} (please report it)", 1)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real file descriptor (a test's capture)
        pass


__all__ = ["EPILOG", "main", "parser"]
