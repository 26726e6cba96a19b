"""The command line: its subcommands, and its errors as one line with a documented exit code.

Most cases run ``main([...])`` in this process; stdin, a closed pipe, Ctrl-C and the entry
point run in a child process, as users run them. ``call`` has its own file, test_cli_call.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest
from lxml import etree

import superoffice_email as so
from superoffice_email._cli._commands import COMMANDS
from superoffice_email.testing import FakeNetServer

from .cli_support import call, cli, one_line_error, run
from .conftest import DOCS, documented


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPEROFFICE_TICKET", raising=False)
    monkeypatch.delenv("SUPEROFFICE_APPLICATION_TOKEN", raising=False)


# -- what a version offers ----------------------------------------------------------------------


def test_version_is_the_package_metadata(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "--version")
    assert code == 0
    assert out == f"superoffice-email {metadata.version('superoffice_email')}\n"


def test_ops_lists_every_operation_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "ops", "Services88")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == sorted(so.models("Services88").OPERATIONS)
    get = next(line for line in lines if line.startswith("GetEMailFromId "))
    assert get.split(None, 1)[1] == (
        "Download a message from the mail server by its server id, choosing whether addresses "
        "are matched to SuperOffice contacts and whether attachments come along."
    )
    # Services73 predates the sync accounts
    code, out, _ = cli(capsys, "ops", "Services73")
    assert code == 0 and "GetReadySyncEmailAccounts" not in out


def _wsdl_fields(version: str, type_name: str) -> list[tuple[str, str, str]]:
    """(name, type's local name, nillable yes/no) of a complex type's own sequence, read from
    the WSDL with lxml: independent of the models."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    from codegen import sources  # the WSDL the version's models are generated from

    root = etree.parse(str(sources()["EMail", version]))
    for complex_type in root.iter(f"{xs}complexType"):
        if complex_type.get("name") == type_name:
            return [
                (e.get("name", ""), e.get("type", "").rpartition(":")[2], e.get("nillable", "no"))
                for e in complex_type.iter(f"{xs}element")
            ]
    raise AssertionError(type_name)


def test_describe_a_type_lists_its_fields(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "describe", "Services88", "EMailEntity")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "EMailEntity: a class of Services88 (extends Carrier)"
    assert lines[1].split() == ["python", "name", "XML", "name", "XSD", "type", "nillable"]
    rows = [line.split() for line in lines[2:]]
    assert rows[:2] == [  # Carrier's fields first, as in the XML
        ["table_right", "TableRight", "tns:TableRight", "yes"],
        ["field_properties", "FieldProperties", "tns:FieldPropertyDictionary", "yes"],
    ]
    own = [
        (xml, xsd.rpartition(":")[2], "true" if nil == "yes" else "no")
        for _, xml, xsd, nil in rows[2:]
    ]
    assert own == _wsdl_fields("Services88", "EMailEntity")
    assert ["from_", "From", "tns:EMailAddress", "yes"] in rows
    assert ["sent", "Sent", "xs:dateTime", "no"] in rows


def test_describe_an_operation_lists_parameters_and_return_type(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = cli(capsys, "describe", "Services88", "GetEMailFromId")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "GetEMailFromId: an operation of Services88"
    assert lines[1].startswith("  Download a message from the mail server")
    assert lines[2] == "parameters:"
    assert [line.split() for line in lines[4:9]] == [
        ["connection_info", "ConnectionInfo", "tns:EMailConnectionInfo", "yes"],
        ["message_server_id", "MessageServerId", "xs:int", "no"],
        ["lookup_addresses", "LookupAddresses", "xs:boolean", "no"],
        ["flags", "Flags", "tns:EMailFlags", "no"],
        ["include_attachments", "IncludeAttachments", "xs:boolean", "no"],
    ]
    assert lines[9:] == ["returns: tns:EMailEntity (nillable)"]
    code, out, _ = cli(capsys, "describe", "Services88", "SetSubscription")
    assert out.splitlines()[-1] == "returns: nothing"


def test_describe_an_enumeration_and_flags(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "describe", "Services88", "EMailPriority")
    assert code == 0
    assert ["NO_PRIORITY", "NoPriority"] in [line.split() for line in out.splitlines()]
    code, out, _ = cli(capsys, "describe", "Services88", "EMailFlags")
    assert code == 0 and "a list of these tokens" in out
    assert ["SEEN", "Seen"] in [line.split() for line in out.splitlines()]


def test_describe_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "describe", "Services88", "EMailEntty")
    assert (code, out) == (2, "")
    one_line_error(err, "Services88 has no operation or type 'EMailEntty'", "EMailEntity")


# -- example and validate -----------------------------------------------------------------------


@pytest.mark.parametrize("response", [False, True])
def test_example_prints_the_documented_envelope(
    capsys: pytest.CaptureFixture[str], response: bool
) -> None:
    args = ["example", "Services86", "RefreshFolder", *(["--response"] if response else [])]
    code, out, _ = cli(capsys, *args)
    assert code == 0
    want = documented("Services86", "RefreshFolder", "response" if response else "request")
    assert out.rstrip() == want.decode().rstrip()


def test_example_unknown_operation_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "example", "Services86", "Nope")
    assert code == 2
    one_line_error(err, "Services86 has no operation 'Nope'")


def test_validate_valid_and_invalid(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = cli(capsys, "validate", str(DOCS / "Services86" / "RefreshFolder.request.xml"))
    assert code == 0 and "valid against Services86" in out
    code, out, _ = cli(capsys, "validate", str(DOCS / "Services86" / "Send.request.xml"))
    assert code == 1
    assert (
        "Envelope/Body/Send/Emails/EMailEntity/InReplyTo/To/EMailAddress/DuplicatePersonIds/int"
        in out
    )
    assert "is not 'nillable'" in out
    html = tmp_path / "login.html"
    html.write_text("<html><body>Sign in</body></html>")
    code, out, err = cli(capsys, "validate", str(html), "--version", "Services86")
    assert code == 1
    one_line_error(err, "login.html", "not a SOAP envelope")


def test_validate_a_missing_or_unreadable_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = cli(capsys, "validate", str(tmp_path / "nope.xml"))
    assert code == 2
    one_line_error(err, "nope.xml: No such file or directory")
    code, _, err = cli(capsys, "validate", str(tmp_path))  # a directory cannot be read
    assert code == 2
    one_line_error(err, f"{tmp_path}: Is a directory")


def test_validate_reads_stdin() -> None:
    valid = run("validate", "-", input=documented("Services86", "RefreshFolder", "request"))
    assert valid.returncode == 0, valid.stderr
    assert valid.stdout == "<stdin>: valid against Services86\n"
    invalid = run("validate", "-", input=documented("Services86", "Send", "request"))
    assert invalid.returncode == 1
    assert invalid.stdout.startswith("<stdin>:line ")
    garbage = run("validate", "-", input=b"not xml")
    assert garbage.returncode == 1 and "Traceback" not in garbage.stderr
    one_line_error(garbage.stderr, "<stdin>")


# -- usage errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args, fragment",
    [
        ([], "the following arguments are required: COMMAND"),
        (["bogus"], "invalid choice: 'bogus'"),
        (["ops", "Services99"], "invalid choice: 'Services99'"),
        (["call", "Services88", "GetCurrentAccountId"], "the following arguments are required"),
        (["call", "Services88", "X", "--url", "u", "--timeout", "soon"], "invalid float value"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, out, err = cli(capsys, *args)
    assert (code, out) == (2, "")
    one_line_error(err, fragment, "--help")


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "--help")
    assert code == 0
    for line in ("  2    usage", "  3    call: NetServer", "  6    call: the request did not",
                 "  130  interrupted", "  141  stdout was closed"):  # fmt: skip
        assert line in out


# -- the process: a closed pipe, Ctrl-C ----------------------------------------------------------


def run_into_closed_pipe(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The command line writing into a pipe whose reader is gone (``... | head -c1`` once
    head has exited): every write fails with EPIPE."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "superoffice_email", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
        )
    finally:
        os.close(write_end)


def test_a_closed_pipe_exits_quietly_with_141() -> None:
    done = run_into_closed_pipe("example", "Services88", "GetEMailFromId", "--response")
    assert (done.returncode, done.stderr) == (141, b"")
    with FakeNetServer(ticket="7T:cli") as server:
        done = run_into_closed_pipe(*call(server, "GetEMailFromId"))
    assert (done.returncode, done.stderr) == (141, b"")


def test_ctrl_c_exits_130() -> None:
    with FakeNetServer(ticket="7T:cli") as server:
        server.delay("GetCurrentAccountId", 30)
        child = subprocess.Popen(
            [sys.executable, "-m", "superoffice_email", *call(server, "GetCurrentAccountId")],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 20
        while not server.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=20)
    assert (child.returncode, out) == (130, b"")
    one_line_error(err.decode(), "interrupted")


@pytest.mark.parametrize(
    "raised, code, fragment",
    [
        (KeyboardInterrupt(), 130, "interrupted"),
        (RuntimeError("a bug\nover two lines"), 1, "unexpected RuntimeError: a bug over two lines"),
    ],
)
def test_interrupts_and_bugs_are_one_line_too(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    raised: BaseException,
    code: int,
    fragment: str,
) -> None:
    def ops(args: object) -> int:
        raise raised

    monkeypatch.setitem(COMMANDS, "ops", ops)
    got, out, err = cli(capsys, "ops", "Services88")
    assert (got, out) == (code, "")
    one_line_error(err, fragment)


def test_the_entry_point_runs() -> None:
    done = run("describe", "Services86", "Nope")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    one_line_error(done.stderr, "Services86 has no operation or type 'Nope'")


def test_demo_prints_typed_results() -> None:
    done = run("demo")
    assert done.returncode == 0, done.stderr
    assert "UsernamePassword('ann', ***): logged in 1 time(s)" in done.stdout
    assert "never-printed-either" not in done.stdout + done.stderr
    assert "GetReadySyncEmailAccounts -> 1 account(s)" in done.stdout
    assert "RefreshFolder -> batch task 1002" in done.stdout
    assert "GetEMailFromId -> superoffice_email.services.services88.EMailEntity" in done.stdout
    assert '"subject": "Quarterly figures"' in done.stdout
    assert '"sent": "2026-11-20T09:30:00Z"' in done.stdout
    assert "never-printed" not in done.stdout
