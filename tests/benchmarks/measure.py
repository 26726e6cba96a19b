"""Measuring: interleaved medians, peak memory in fresh interpreters, import times."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import baselines
from .inputs import (
    FULL,
    QUICK,
    TICKET,
    TOKEN,
    Sizes,
    ours_envelopes,
    ours_stream,
    ours_wire,
    send_emails_params,
    wcf_email_response,
    wcf_envelopes_response,
)

MIN_RUN = 0.05
ROOT = Path(__file__).resolve().parents[2]


# --- measuring ----------------------------------------------------------------------------


def _run(fn: Callable[[], object], number: int) -> float:
    gc.collect()
    start = time.perf_counter()
    for _ in range(number):
        fn()
    return time.perf_counter() - start


def compare(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Seconds per call of each function: the median of its runs.

    One warm-up call each sets how many calls a run makes (at least ``MIN_RUN`` seconds);
    then the runs are interleaved, one of each function per round, so that a machine
    slowing down or speeding up mid-way hits all alike. Each round starts with the next
    function (the order rotates), so that none always follows the same one: what a run
    leaves behind (a freed 75 MB tree, the allocator's state) slowed the function after
    it by up to 12%. Every function runs in every round: a ratio compares the same minutes.
    """
    numbers = {name: int(MIN_RUN / max(_run(fn, 1), 1e-9)) for name, fn in fns.items()}
    samples: dict[str, list[float]] = {name: [] for name in fns}
    names = list(fns)
    for round_ in range(repeat):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            number = max(1, min(10_000, numbers[name]))
            samples[name].append(_run(fns[name], number) / number)
    return {name: statistics.median(values) for name, values in samples.items()}


def peak_rss() -> int:
    """This process's peak RSS in bytes: VmHWM, which (unlike ``ru_maxrss``) does not start
    at the parent's size after fork and exec, and which ``reset_peak_rss`` can lower."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    assert match is not None
    return int(match[1]) * 1024


def reset_peak_rss() -> None:
    # "5" resets the peak RSS to the current RSS (Linux >= 4.0); harmless where refused
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


# the memory cases: name -> (input kind, {implementation: function of the input})
MEMORY_CASES: dict[str, tuple[str, dict[str, Callable[[Any], object]]]] = {
    "b": (
        "send",
        {
            "ours": lambda p: ours_wire("SendEMails", p),
            "hand": lambda p: baselines.wire_send_emails(p, TOKEN, TICKET),
        },
    ),
    "c": (
        "envelopes",
        {
            "ours": ours_envelopes,
            "hand": baselines.read_envelopes,
            "zeep": lambda d: baselines.zeep_reply("GetEMailEnvelopes", d),
        },
    ),
    "d": ("email", {"ours": ours_stream, "hand": baselines.read_stream}),
}


def _child_inputs(kind: str, path: str, sizes: Sizes) -> tuple[Any, Any]:
    """(the input, a small input of the same kind for the warm-up)."""
    if kind == "send":
        small = send_emails_params(1, 1, 16)
        return send_emails_params(sizes.emails, sizes.recipients, sizes.attachment), small
    data = Path(path).read_bytes()
    if kind == "envelopes":
        return data, wcf_envelopes_response(3)
    return data, wcf_email_response(b"warm-up")


def memory_child(case: str, impl: str, mode: str, path: str, quick: bool) -> dict[str, float]:
    """One call's tracemalloc peak, or peak-RSS growth, in bytes (run in a fresh process)."""
    kind, functions = MEMORY_CASES[case]
    fn = functions[impl]
    value, small = _child_inputs(kind, path, QUICK if quick else FULL)
    fn(small)  # imports, caches and plans are not what is measured
    gc.collect()
    if mode == "tracemalloc":
        tracemalloc.start()
        result = fn(value)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    else:
        reset_peak_rss()
        before = peak_rss()
        result = fn(value)
        peak = peak_rss() - before
    del result
    return {"peak": float(peak)}


def measure_memory(case: str, impl: str, mode: str, path: str, quick: bool) -> float:
    command = [sys.executable, "-m", "tests.benchmarks.bench", "--child", case, impl, mode, path]
    if quick:
        command.append("--quick")
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    peak: float = json.loads(done.stdout.strip().splitlines()[-1])["peak"]
    return peak


FIRST_BUILD = "import + first build_request (wire)"
IMPORT_SNIPPETS = {
    "import superoffice_email": "import superoffice_email",
    "import + models('Services88')": "import superoffice_email as so; so.models('Services88')",
    FIRST_BUILD: "import superoffice_email as so; so.build_request("
    "'Services88', 'RefreshFolder', layout='wire', soap='1.1')",
}


# PYTHONDONTWRITEBYTECODE (set in some sandboxes) would leave every run compiling the sources
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def _wall(code: str) -> tuple[float, float]:
    """Seconds of one fresh interpreter running ``code``: wall, and CPU (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, env=_ENV)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def import_times(runs: int) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Seconds: each snippet's wall time in fresh interpreters minus ``-c pass``'s, the
    fastest run of each (what other processes on the machine add is not the code's), the
    median, and the fastest in CPU time (which a busy machine stretches less); ``"pass"`` is
    ``-c pass``'s own."""
    for code in ("pass", *IMPORT_SNIPPETS.values()):
        _wall(code)  # not timed: writes any missing bytecode, so that the runs use it cached
    samples: dict[str, list[tuple[float, float]]] = {n: [] for n in ("pass", *IMPORT_SNIPPETS)}
    for _ in range(runs):  # interleaved, so drift hits all alike
        samples["pass"].append(_wall("pass"))
        for name, code in IMPORT_SNIPPETS.items():
            samples[name].append(_wall(code))
    fastest = {name: min(w for w, _ in times) for name, times in samples.items()}
    median = {name: statistics.median(w for w, _ in times) for name, times in samples.items()}
    cpu = {name: min(c for _, c in times) for name, times in samples.items()}
    for result in (fastest, median, cpu):
        result.update({name: result[name] - result["pass"] for name in IMPORT_SNIPPETS})
    return fastest, median, cpu


def _importtime(code: str) -> list[tuple[int, int, bool, str]]:
    """``-X importtime`` of ``code``: (self us, cumulative us, top level, module) per import."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env=_ENV,
    )
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if match:
            rows.append((int(match[1]), int(match[2]), len(match[3]) == 1, match[4]))
    return rows


def importtime_report(runs: int) -> tuple[float, list[tuple[int, str]]]:
    """``-X importtime`` of the first build: the seconds its imports take beyond what
    ``python -c pass`` imports (median), and the slowest of them by self time in the last run
    (microseconds, name)."""
    startup = {name for *_, name in _importtime("pass")}
    cumulative: list[float] = []
    rows: list[tuple[int, str]] = []
    for _ in range(runs):
        found = [row for row in _importtime(IMPORT_SNIPPETS[FIRST_BUILD]) if row[3] not in startup]
        cumulative.append(sum(total for _, total, top, _ in found if top) / 1e6)
        rows = [(own, name) for own, _, _, name in found]
    return statistics.median(cumulative), sorted(rows, reverse=True)[:12]
