"""Running the command line in tests: in this process (``cli``) or in a child (``run``)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from superoffice_email.__main__ import main
from superoffice_email.testing import FakeNetServer


def run(
    *args: str, env: dict[str, str] | None = None, input: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """The command line in a child process; ``env`` is added to a copy of ours, without any
    SuperOffice credentials this process may have."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SUPEROFFICE_")}
    done = subprocess.run(
        [sys.executable, "-m", "superoffice_email", *args],
        capture_output=True,
        input=input,
        env={**environment, **(env or {})},
    )
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str, *fragments: str) -> None:
    """The error convention: exactly one line, under the program's name, naming the cause."""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("superoffice-email: error: "), err
    for fragment in fragments:
        assert fragment in err


def call(server: FakeNetServer, operation: str, *params: str) -> list[str]:
    args = ["call", "Services88", operation, "--url", server.url, "--ticket", "7T:cli"]
    return args + [arg for param in params for arg in ("--param", param)]
