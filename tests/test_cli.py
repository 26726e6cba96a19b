"""The command line, run as users run it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DOCS, documented


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "superoffice_email", *args], capture_output=True, text=True
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
