"""``superoffice-email call``: JSON out is JSON in, bad --param values, and the exit code of
each way a call can fail."""

from __future__ import annotations

import base64
import json
import re
import socket
import time
from typing import Any

import pytest

import superoffice_email as so
from superoffice_email.testing import FakeNetServer

from .cli_support import call, cli, one_line_error, run


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUPEROFFICE_TICKET", raising=False)
    monkeypatch.delenv("SUPEROFFICE_APPLICATION_TOKEN", raising=False)


def test_call_prints_json_that_param_takes_back(capsys: pytest.CaptureFixture[str]) -> None:
    m = so.models("Services88")
    stream = b"q,sum\n3,42\n"
    mail = m.EMailEntity(
        subject="Figures",
        from_=m.EMailAddress(name="Ann", address="ann@example.com"),
        sent=so.parse_response(  # an instant with an offset, as a server may write it
            "Services88", "GetEMailFromId", _with_sent("2026-11-20T09:30:00+01:00")
        ).value.sent,
        priority=m.EMailPriority.HIGH,
        flags=m.EMailFlags.SEEN | m.EMailFlags.ANSWERED,
        attachments=[m.EMailAttachment(filename="q3.csv", stream=stream)],
    )
    with FakeNetServer(ticket="7T:cli") as server:
        server.respond("GetEMailFromId", mail)
        code, out, err = cli(capsys, *call(server, "GetEMailFromId"))
        assert code == 0, err
        printed = json.loads(out)
        # and the values the schema requires (.NET's defaults here: 0, false, [])
        assert printed["size"] == 0 and printed["is_sent"] is False and printed["to"] == []
        assert printed["from_"].pop("contact_id") == 0
        assert printed["attachments"][0].pop("size") == 0
        assert _without_defaults(printed) == {
            "subject": "Figures",
            "from_": {"name": "Ann", "address": "ann@example.com"},
            "sent": "2026-11-20T09:30:00+01:00",
            "priority": "High",
            "flags": ["Seen", "Answered"],
            "attachments": [
                {"filename": "q3.csv", "stream": base64.b64encode(stream).decode("ascii")}
            ],
        }
        # what was printed goes back in unchanged
        code, _, err = cli(capsys, *call(server, "Send", f"emails=[{out}]"))
        assert code == 0, err
        assert server.last_request.params.emails == [mail]


def _without_defaults(data: Any) -> Any:
    """``data`` without the values .NET's defaults give (0, false, [], DateTime.MinValue,
    the first enumeration value): what this test set, left to compare."""
    if isinstance(data, dict):
        return {
            key: _without_defaults(value)
            for key, value in data.items()
            if value not in (0, False, [], "0001-01-01T00:00:00", "Unknown")
        }
    if isinstance(data, list):
        return [_without_defaults(item) for item in data]
    return data


def _with_sent(instant: str) -> bytes:
    envelope = so.example_envelope("Services88", "GetEMailFromId", "response")
    # the documented instant of the example's edition, whichever that is
    return re.sub(rb"(<EMail:Sent [^>]*>)[^<]*", rb"\g<1>" + instant.encode(), envelope, count=1)


def test_call_takes_bare_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    with FakeNetServer(ticket="7T:cli") as server:
        args = call(
            server,
            "GetEMailFromId",
            'connection_info={"server_name": "imap", "use_ssl": true}',
            "message_server_id=5",
            "flags=Seen",
        )
        code, _, err = cli(capsys, *args)
        assert code == 0, err
        params = server.last_request.params
        assert (params.connection_info.server_name, params.connection_info.use_ssl) == (
            "imap",
            True,
        )
        assert params.message_server_id == 5
        assert params.flags == so.models("Services88").EMailFlags.SEEN
        code, _, err = cli(capsys, *call(server, "CreateFolder", "connection_info={}"))
        assert code == 0, err
        assert (
            server.last_request.params.connection_info
            == so.models("Services88").EMailConnectionInfo()
        )
        code, _, err = cli(capsys, *call(server, "MarkEmailsAsRead", "ids=[1,2]", "read=true"))
        assert code == 0, err
        assert (server.last_request.params.ids, server.last_request.params.read) == ([1, 2], True)
        code, _, err = cli(capsys, *call(server, "GetEMailFromTemp", "file_name=123"))
        assert code == 0, err
        assert server.last_request.params.file_name == "123"  # text, though it reads as JSON


@pytest.mark.parametrize(
    "param, fragments",
    [
        (
            "connection_info=notjson",
            ["--param connection_info: not JSON", "tns:EMailConnectionInfo"],
        ),
        (
            "x=1",
            [
                "--param x: GetEMailFromId has no field 'x'; its fields: connection_info, "
                "message_server_id, lookup_addresses, flags, include_attachments"
            ],
        ),
        (
            'connection_info={"UseSSL": true}',
            ["--param connection_info: EMailConnectionInfo has no field 'UseSSL'", "'use_ssl'"],
        ),
        ("message_server_id=abc", ["--param message_server_id: expected an integer", '"abc"']),
        ("message_server_id=4294967296", ["--param message_server_id: 4294967296 is outside"]),
        ('flags=["Seen", "Read"]', ['--param flags: "Read" is not a EMailFlags', "Seen, Deleted"]),
        ("lookup_addresses=yes", ["--param lookup_addresses: expected true or false"]),
        ("message_server_id", ["--param 'message_server_id': expected NAME=VALUE"]),
    ],
)
def test_call_refuses_bad_params_before_connecting(
    capsys: pytest.CaptureFixture[str], param: str, fragments: list[str]
) -> None:
    # no server: a bad value is found before anything is sent, or even a ticket asked for
    code, out, err = cli(capsys, "call", "Services88", "GetEMailFromId", "--url",
                         "http://127.0.0.1:9/", "--param", param)  # fmt: skip
    assert (code, out) == (2, "")
    one_line_error(err, *fragments)


def test_call_without_a_ticket(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "call", "Services88", "GetCurrentAccountId", "--url", "http://x/")
    assert code == 2
    assert err == "superoffice-email: error: give the ticket in $SUPEROFFICE_TICKET (or --ticket)\n"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port  # nothing listens there now


@pytest.mark.parametrize(
    "answer, code, fragment",
    [
        ("fail", 3, "SoException: no such mailbox"),
        ("fault", 4, "SOAP fault"),
        ("status", 5, "HTTP 502"),
        ("html", 5, "GetCurrentAccountId"),
        ("refused", 6, "GetCurrentAccountId"),
    ],
)
def test_call_failures_have_their_exit_codes(
    capsys: pytest.CaptureFixture[str], answer: str, code: int, fragment: str
) -> None:
    op = "GetCurrentAccountId"
    with FakeNetServer(ticket="7T:cli") as server:
        if answer == "fail":
            server.fail(op, "no such mailbox\nat line 2")
        elif answer == "fault":
            server.fault(op, "Server", "boom")
        elif answer == "status":
            server.status(op, 502, "Bad Gateway")
        elif answer == "html":
            server.status(op, 200, "<html><body>Sign in</body></html>", "text/html")
        args = call(server, op)
        if answer == "refused":
            args[args.index("--url") + 1] = f"http://127.0.0.1:{_closed_port()}/"
        got, out, err = cli(capsys, *args)
    assert (got, out) == (code, "")
    one_line_error(err, fragment)
    assert "7T:cli" not in err


def test_call_secrets_are_left_out_unless_asked_for(capsys: pytest.CaptureFixture[str]) -> None:
    m = so.models("Services88")
    info = m.EMailConnectionInfo(user_name="ann", password="hunter2")
    with FakeNetServer(ticket="7T:cli") as server:
        server.respond("CreateDefaultEMailConnectionInfo", info)
        code, out, _ = cli(capsys, *call(server, "CreateDefaultEMailConnectionInfo"))
        defaults = {"use_ssl": False, "use_graph_api": False}
        assert code == 0 and json.loads(out) == {"user_name": "ann", **defaults}
        args = [*call(server, "CreateDefaultEMailConnectionInfo"), "--show-secrets"]
        code, out, _ = cli(capsys, *args)
        assert json.loads(out) == {"user_name": "ann", "password": "hunter2", **defaults}


def test_call_takes_secrets_from_the_environment() -> None:
    with FakeNetServer(ticket="7T:env", application_token="app-env") as server:
        server.respond("GetCurrentAccountId", 5, version="Services86")
        secrets = {"SUPEROFFICE_TICKET": "7T:env", "SUPEROFFICE_APPLICATION_TOKEN": "app-env"}
        done = run("call", "Services86", "GetCurrentAccountId", "--url", server.url, env=secrets)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "5"
        assert (server.last_request.ticket, server.last_request.application_token) == (
            "7T:env",
            "app-env",
        )


def test_call_with_a_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    with FakeNetServer(ticket="7T:cli") as server:
        server.delay("GetCurrentAccountId", 5.0)
        started = time.monotonic()
        args = [*call(server, "GetCurrentAccountId"), "--timeout", "30", "--deadline", "0.5"]
        code, _, err = cli(capsys, *args)
        assert time.monotonic() - started < 4.5  # the deadline cut it, not the delay
        assert code == 6
        one_line_error(err, "GetCurrentAccountId: timed out")
        code, _, err = cli(capsys, *call(server, "GetCurrentAccountId"), "--timeout", "-1")
        assert code == 2
        one_line_error(err, "timeout must be a positive number of seconds")
