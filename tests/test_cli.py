"""The command line, run as users run it."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import superoffice_email as so

from .conftest import DOCS, documented


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line in a child process; ``env`` is added to a copy of ours, without any
    SuperOffice credentials this process may have."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SUPEROFFICE_")}
    return subprocess.run(
        [sys.executable, "-m", "superoffice_email", *args],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
    )


@pytest.mark.parametrize("response", [False, True])
def test_example_prints_the_documented_envelope(response: bool) -> None:
    done = run("example", "Services86", "RefreshFolder", *(["--response"] if response else []))
    assert done.returncode == 0, done.stderr
    want = documented("Services86", "RefreshFolder", "response" if response else "request")
    assert done.stdout.rstrip() == want.decode().rstrip()


def test_example_unknown_operation() -> None:
    done = run("example", "Services86", "Nope")
    assert done.returncode == 1
    assert "Services86 has no operation 'Nope'" in done.stderr


def test_validate_valid_and_invalid(tmp_path: Path) -> None:
    valid = run("validate", str(DOCS / "Services86" / "RefreshFolder.request.xml"))
    assert valid.returncode == 0 and "valid against Services86" in valid.stdout
    invalid = run("validate", str(DOCS / "Services86" / "Send.request.xml"))
    assert invalid.returncode == 1
    assert (
        "Envelope/Body/Send/Emails/EMailEntity/InReplyTo/To/EMailAddress/DuplicatePersonIds/int"
        in invalid.stdout
    )
    assert "is not 'nillable'" in invalid.stdout
    html = tmp_path / "login.html"
    html.write_text("<html><body>Sign in</body></html>")
    rejected = run("validate", str(html), "--version", "Services86")
    assert rejected.returncode == 1 and "not a SOAP envelope" in rejected.stderr


def test_demo_prints_typed_results() -> None:
    done = run("demo")
    assert done.returncode == 0, done.stderr
    assert "UsernamePassword('ann', ***): logged in 1 time(s)" in done.stdout
    assert "never-printed-either" not in done.stdout + done.stderr
    assert "GetReadySyncEmailAccounts -> 1 account(s)" in done.stdout
    assert "RefreshFolder -> batch task 1002" in done.stdout
    assert "GetEMailFromId -> superoffice_email.services.services88.EMailEntity" in done.stdout
    assert '"subject": "Quarterly figures"' in done.stdout
    assert "never-printed" not in done.stdout


def test_call_against_the_fake_server() -> None:
    from superoffice_email.testing import FakeNetServer

    with FakeNetServer(ticket="7T:cli") as server:
        server.respond("GetCurrentAccountId", 99, version="Services86")
        done = run(
            "call", "Services86", "GetCurrentAccountId", "--url", server.url, "--ticket", "7T:cli"
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "99"
        server.respond("MarkEmailsAsRead", None, version="Services86")
        done = run(
            "call",
            "Services86",
            "MarkEmailsAsRead",
            "--url",
            server.url,
            "--ticket",
            "7T:cli",
            "--param",
            "ids=[1,2]",
            "--param",
            "read=true",
        )
        assert done.returncode == 0, done.stderr
        assert server.last_request.params.ids == [1, 2]
        assert server.last_request.params.read is True
        wrong = run(
            "call", "Services86", "GetCurrentAccountId", "--url", server.url, "--ticket", "7T:bad"
        )
        assert wrong.returncode == 1 and "error:" in wrong.stderr and "7T:bad" not in wrong.stderr


def test_call_takes_secrets_from_the_environment() -> None:
    from superoffice_email.testing import FakeNetServer

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
        missing = run("call", "Services86", "GetCurrentAccountId", "--url", server.url)
        assert missing.returncode == 1
        assert missing.stderr == "error: give the ticket in $SUPEROFFICE_TICKET (or --ticket)\n"
        assert len(server.requests) == 1  # nothing was sent without a ticket


def test_call_with_a_deadline() -> None:
    from superoffice_email.testing import FakeNetServer

    with FakeNetServer() as server:
        server.delay("GetCurrentAccountId", 5.0)
        started = time.monotonic()
        done = run(
            "call", "Services86", "GetCurrentAccountId", "--url", server.url,
            "--ticket", "7T:x", "--timeout", "30", "--deadline", "0.5",
        )  # fmt: skip
        assert time.monotonic() - started < 4.5  # the deadline cut it, not the delay
        assert done.returncode == 1
        assert done.stderr.startswith("error: GetCurrentAccountId: timed out (ReadTimeout)")
        bad = run(
            "call", "Services86", "GetCurrentAccountId", "--url", server.url,
            "--ticket", "7T:x", "--timeout", "-1",
        )  # fmt: skip
        assert bad.returncode == 1
        assert bad.stderr.startswith("error: timeout must be a positive number of seconds")


def test_call_with_nested_json() -> None:
    from superoffice_email.testing import FakeNetServer

    with FakeNetServer(ticket="7T:cli") as server:
        done = run(
            "call",
            "Services86",
            "GetEMailFromId",
            "--url",
            server.url,
            "--ticket",
            "7T:cli",
            "--param",
            'connection_info={"server_name": "imap", "UseSSL": true}',
            "--param",
            "message_server_id=5",
            "--param",
            'flags=["Seen", "Draft"]',
        )
        assert done.returncode == 0, done.stderr
        params = server.last_request.params
        assert params.connection_info.server_name == "imap"
        assert params.connection_info.use_ssl is True
        assert params.message_server_id == 5
        flags = so.models("Services86").EMailFlags
        assert params.flags == flags.SEEN | flags.DRAFT
        bad = run(
            "call",
            "Services86",
            "GetEMailFromId",
            "--url",
            server.url,
            "--ticket",
            "7T:cli",
            "--param",
            "message_server_id=abc",
        )
        assert bad.returncode != 0 and "message_server_id" in bad.stderr
