"""Case (g): ``validate_envelope`` on a Body of many invalid children (issue 12, item 3).

Each count runs in a fresh interpreter (the schema compiled and warmed up on a small
envelope first, not timed), cut off after ``CAP`` seconds so that a quadratic validator
reports ``>60 s`` instead of hanging the benchmark. Run on its own::

    .venv/bin/python -m tests.benchmarks.validating 8000 50000 100000
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from superoffice_email.validate import validate_envelope

from .bench_validate import invalid_items
from .inputs import VERSION
from .measure import ROOT

CAP = 60.0  # seconds per run
_NS = f"http://www.superoffice.net/ws/crm/NetServer/{VERSION}"
_S11 = "http://schemas.xmlsoap.org/soap/envelope/"


def invalid_body(count: int) -> bytes:
    """An envelope with ``count`` invalid items in one list (an element where the schema wants
    text): one schema problem each, inside the one payload element a message may have."""
    return invalid_items(count)


def _child(count: int) -> dict[str, float]:
    validate_envelope(VERSION, invalid_body(2))
    data = invalid_body(count)
    start = time.perf_counter()
    problems = validate_envelope(VERSION, data)
    return {"seconds": time.perf_counter() - start, "problems": float(len(problems))}


def measure(count: int, cap: float = CAP) -> tuple[float | None, int]:
    """(seconds, problems reported) for ``count`` invalid children; (None, 0) when the run
    was cut off at ``cap`` seconds."""
    command = [sys.executable, "-m", "tests.benchmarks.validating", "--child", str(count)]
    try:
        done = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, check=True, timeout=cap
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        return None, 0
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["seconds"], int(result["problems"])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--child"]:
        print(json.dumps(_child(int(args[1]))))
        return 0
    for count in map(int, args or ["8000"]):
        seconds, problems = measure(count)
        shown = f">{CAP:g} s" if seconds is None else f"{seconds:.3f} s"
        print(f"(g) {count:,} invalid Body children: {shown}, {problems:,} problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
