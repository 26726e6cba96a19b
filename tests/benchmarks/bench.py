"""The opt-in performance benchmark: ours vs hand-written lxml vs zeep vs xsdata, one run.

Run from the repository root::

    .venv/bin/python -m tests.benchmarks.bench           # the full run (several minutes)
    .venv/bin/python -m tests.benchmarks.bench --quick   # small inputs, few repeats: a smoke run
    .venv/bin/python -m tests.benchmarks.bench --attachment-mb 100  # (d) with 100 MiB
    .venv/bin/python -m tests.benchmarks.bench --no-peers  # without xsdata (no generation)

Cases (issues 12 and 14): (a) build RefreshFolder (documented layout, and the SOAP 1.1 wire
layout); (b) build SendEMails with 20 emails of 3 recipients and a 100 KB attachment each;
(c) parse and map a WCF-style GetEMailEnvelopes response of 5,000 envelopes; (d) parse a
GetEMailFromId response with a 20 MiB attachment (time and peak memory); (e) import times,
in fresh interpreters; (f) stream a 1 GiB attachment to disk (``streaming``); (g)
``validate_envelope`` on 8,000, 50,000 and 100,000 invalid Body children (``validating``);
(h) peak memory for 20 MiB answers of other shapes (issue 13: ``hostile``).
xsdata's bindings are generated from the live WSDL at the start of the run (``peers``).

Times are medians of repeated ``time.perf_counter`` runs, interleaved across the
implementations of a case (see :func:`~.measure.compare`); each run makes enough calls to
last ``MIN_RUN`` seconds, garbage collected before it and with GC enabled during it. Memory,
each in a fresh interpreter that has loaded its input and warmed up on a small one (the input
bytes are not counted): the ``tracemalloc`` peak of one call (Python allocations only) and
the growth of the process's peak RSS, VmHWM (which also sees libxml2's tree). Every target is
printed with PASS or MISS (SKIP when its case cannot run); for every MISS, ours is profiled
with cProfile. Nothing here is collected by pytest (no ``test_`` names);
``tests/test_benchmark_smoke.py`` checks that the functions agree on small inputs.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import math
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from . import hostile, streaming, validating
from .baselines import read_stream
from .cases import Run, run_attachment, run_builds, run_envelopes
from .inputs import FULL, QUICK, Sizes, ours_stream
from .measure import (
    FIRST_BUILD,
    IMPORT_SNIPPETS,
    MEMORY_CASES,
    compare,
    import_times,
    importtime_report,
    measure_memory,
    memory_child,
)
from .peers import Peer, xsdata_peer
from .report import TIME_HEADER, Target, Times, machine, mib, ms, print_table, profile

# (g)'s counts of invalid Body children; the target is on the last
VALIDATE_COUNTS = (8_000, 50_000, 100_000)
VALIDATE_COUNTS_QUICK = (500, 2_000)
STREAM_MIB, STREAM_MIB_QUICK = 1024, 16


def run_memory(run: Run, quick: bool) -> None:
    rows: list[tuple[str, ...]] = []
    limits = {"c": 3.0, "d": 1.5}  # ours' peak RSS growth over the response
    with tempfile.TemporaryDirectory() as folder:
        for case, (_, functions) in MEMORY_CASES.items():
            path = str(Path(folder) / f"{case}.xml")
            if case != "b":  # (b) builds its input in the child
                Path(path).write_bytes(run.inputs[case])
            size = len(run.inputs[case])
            for impl in functions:
                peak = measure_memory(case, impl, "tracemalloc", path, quick)
                rss = measure_memory(case, impl, "rss", path, quick)
                rows.append(
                    (
                        f"({case})",
                        impl,
                        mib(size),
                        mib(peak),
                        f"{peak / size:.2f}x",
                        mib(rss),
                        f"{rss / size:.2f}x",
                    )
                )
                if case in limits and impl == "ours":
                    name = f"({case}): ours, peak RSS growth / response size"
                    run.targets.append(Target(name, rss / size, limits[case], True))
    header = ("case", "impl", "message", "tracemalloc", "x message", "peak RSS growth", "x")
    print_table(header, rows)


def run_hostile(run: Run, quick: bool) -> None:
    """(h), issue 13: peak RSS growth while parsing answers of any shape, each in a fresh
    interpreter (``hostile``), against the answer's size."""
    size = (4 if quick else 20) << 20
    for sink in (False, True):
        for shape in (*hostile.SHAPES, *hostile.REFUSED):  # REFUSED: bounded while refused
            label = f"{shape}, with a sink" if sink else shape
            length, growth, refused = hostile.measure_all(shape, size, sink)
            label += " (refused)" if refused else ""
            print(f"(h) {label}: answer {mib(length)}, peak RSS growth {mib(growth)}")
            name = f"(h) {label}: ours, peak RSS growth / answer size"
            run.targets.append(Target(name, growth / length, hostile.LIMIT, True))


def run_imports(run: Run) -> None:
    """(e): import times in fresh interpreters, cached bytecode (the fastest of the runs)."""
    imports, median, cpu = import_times(run.sizes.imports)
    cumulative, slowest = importtime_report(run.sizes.imports)
    for name in IMPORT_SNIPPETS:
        note = f"median {ms(median[name])}"
        if name == FIRST_BUILD:
            note += f"; -X importtime: {ms(cumulative)}; `python -c pass`: {ms(imports['pass'])}"
        run.times.append(Times(f"(e) {name}", imports[name], note=note))
    first = imports[FIRST_BUILD] * 1000
    note = (
        f"fastest of {run.sizes.imports}; median {ms(median[FIRST_BUILD])}; "
        f"CPU {ms(cpu[FIRST_BUILD])}"
    )
    run.targets.append(Target(f"(e) {FIRST_BUILD}", first, 100, True, " ms", note=note))
    run.slowest_imports = slowest


def run_streaming(run: Run, d: Times, size: int) -> None:
    """(f) against (d): peak RSS, and throughput as a share of (d)'s, (d) timed again as in
    its row (interleaved with the hand-written reader) before, between and after (f)'s runs:
    this shared machine is faster or slower by the minute ((d) from 140 to 190 MiB/s within
    an hour)."""
    rss_name = f"(f) {mib(size)} attachment to disk: peak RSS"
    speed_name = "(f) throughput / (d)'s"
    email = run.inputs["d"]
    d_now: list[float] = []

    def time_d() -> None:
        fns: dict[str, Callable[[], object]] = {
            "ours": lambda: ours_stream(email),
            "hand": lambda: read_stream(email),
        }
        d_now.append(compare(fns, 5)["ours"])

    result = streaming.measure(size, between=time_d)
    if result is None:
        run.targets.append(Target(rss_name, None, 150, True, " MB", note=streaming.SKIP))
        run.targets.append(Target(speed_name, None, 0.8, False, note=streaming.SKIP))
        return
    assert d.ours is not None
    mine, theirs = size / result.seconds, run.sizes.big / statistics.median(d_now)
    print(
        f"(f) {mib(size)} attachment streamed to disk: {result.seconds:.2f} s "
        f"(median of {', '.join(f'{s:.2f}' for s in result.runs)}) "
        f"({mine / 2**20:.0f} MiB/s; (d) between its runs: {theirs / 2**20:.0f} MiB/s, in "
        f"the table: {run.sizes.big / d.ours / 2**20:.0f} MiB/s), peak RSS "
        f"{result.peak_rss / 1e6:.0f} MB (growth {mib(result.growth)}), "
        f"response {mib(result.response)}"
    )
    run.targets.append(Target(rss_name, result.peak_rss / 1e6, 150, True, " MB"))
    run.targets.append(Target(speed_name, mine / theirs, 0.8, False))


def run_validate(run: Run, counts: tuple[int, ...]) -> None:
    """(g): one fresh interpreter per count, cut off at ``validating.CAP`` seconds."""
    for count in counts:
        seconds, problems = validating.measure(count)
        shown = f">{validating.CAP:g} s" if seconds is None else ms(seconds)
        print(
            f"(g) validate_envelope, {count:,} invalid Body children: {shown}, "
            f"{problems:,} problems reported"
        )
        if count == counts[-1]:
            value = math.inf if seconds is None else seconds
            note = f">{validating.CAP:g} s: cut off" if seconds is None else ""
            name = f"(g) validate {count:,} invalid Body children"
            run.targets.append(Target(name, value, 2, True, " s", note=note))


@contextlib.contextmanager
def _peer(enabled: bool) -> Iterator[Peer | None]:
    if not enabled:
        yield None
        return
    with xsdata_peer() as peer:
        yield peer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench")
    parser.add_argument("--quick", action="store_true", help="small inputs, few repeats")
    parser.add_argument("--no-profile", action="store_true", help="do not profile the misses")
    parser.add_argument("--no-peers", action="store_true", help="without xsdata")
    parser.add_argument(
        "--attachment-mb",
        type=int,
        metavar="MB",
        help="(d)'s attachment in MiB (default 20; 100 for the hardening target)",
    )
    parser.add_argument(
        "--stream-mb", type=int, metavar="MB", help="(f)'s attachment in MiB (default 1024)"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        case, impl, mode, path = args.child
        print(json.dumps(memory_child(case, impl, mode, path, quick=args.quick)))
        return 0
    sizes: Sizes = QUICK if args.quick else FULL
    if args.attachment_mb:
        sizes = dataclasses.replace(sizes, big=args.attachment_mb << 20)
    stream_mib = args.stream_mb or (STREAM_MIB_QUICK if args.quick else STREAM_MIB)
    print(
        "superoffice_email benchmark"
        + (" --quick: small inputs, NOT the targets' sizes" if args.quick else "")
    )
    for line in machine():
        print("  " + line)
    print(
        f"  medians of {sizes.repeat} interleaved runs ((c), zeep and xsdata among them: "
        f"{sizes.repeat_slow}); GC on"
    )
    with _peer(not args.no_peers) as peer:
        if peer is not None:
            print(f"  xsdata bindings generated from the live WSDL in {peer.seconds:.1f} s")
        print()
        run = Run(sizes, peer)
        run_builds(run)
        run_envelopes(run)
        d = run_attachment(run)
    run_imports(run)
    print_table(TIME_HEADER, [t.cells() for t in run.times])
    print("\nmemory of one call, each in a fresh interpreter (input bytes not counted):")
    run_memory(run, args.quick)
    print()
    run_hostile(run, args.quick)
    print()
    run_streaming(run, d, stream_mib << 20)
    run_validate(run, VALIDATE_COUNTS_QUICK if args.quick else VALIDATE_COUNTS)

    print("\ntargets:")
    for target in run.targets:
        print(target.line())
    if run.checks:
        print("\nthe peers do the same work (a FAIL is left out of the times):")
        for check in run.checks:
            print(check)
    print(f"\nslowest modules under {FIRST_BUILD} (-X importtime, self time):")
    for micros, name in run.slowest_imports:
        print(f"  {micros / 1000:8.2f} ms  {name}")

    if args.no_profile:
        return 0
    profiled: set[int] = set()
    for target in run.targets:
        if target.passed or target.profile is None or id(target.profile) in profiled:
            continue
        profiled.add(id(target.profile))
        print(f"\n=== cProfile of ours, by own time, {target.calls} call(s), for: {target.name}")
        profile(target.profile, target.calls)
    return 0


if __name__ == "__main__":
    sys.exit(main())
