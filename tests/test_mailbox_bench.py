"""Opt-in (``SUPEROFFICE_EMAIL_LONG=1``): ``sync_to`` of 10,000 mails with 1 GiB of attachments
stays under 150 MB of peak memory; the rate is printed (``pytest -s``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(mails: int, mib: int, directory: Path) -> dict[str, float]:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.benchmarks.mailbox_sync",
            "--mails",
            str(mails),
            "--mib",
            str(mib),
            "--dir",
            str(directory),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=3600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    print(result)
    return result


def test_small_sync_reports_its_figures(tmp_path: Path) -> None:
    result = run(50, 5, tmp_path)
    assert result["mails"] == 50 and result["mails_per_second"] > 0
    assert len(list((tmp_path / "INBOX").glob("*.eml"))) == 50


@pytest.mark.skipif(
    not os.environ.get("SUPEROFFICE_EMAIL_LONG"), reason="opt-in: SUPEROFFICE_EMAIL_LONG=1"
)
def test_ten_thousand_mails_one_gib_under_150_mb(tmp_path: Path) -> None:
    result = run(10_000, 1024, tmp_path)
    assert result["mails"] == 10_000
    assert result["peak_rss_mb"] < 150
