"""Reporting: the machine, units, tables, and targets with PASS/MISS."""

from __future__ import annotations

import cProfile
import math
import os
import platform
import pstats
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import zeep
from lxml import etree

# --- reporting ----------------------------------------------------------------------------


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    lxml_version = ".".join(map(str, etree.LXML_VERSION))
    libxml2 = ".".join(map(str, etree.LIBXML_VERSION))
    compiled = ".".join(map(str, etree.LIBXML_COMPILED_VERSION))
    return [
        f"CPU: {cpu}; cores: {os.cpu_count()} (usable: {usable})",
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"lxml {lxml_version}, libxml2 {libxml2} (compiled against {compiled}), "
        f"zeep {zeep.__version__}",
    ]


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    value = seconds * 1000
    return f"{value:.3g} ms" if value < 1000 else f"{value:,.0f} ms"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None else f"{a / b:.2f}x"


def mib(value: float) -> str:
    return f"{value / 2**20:.1f} MiB"


def print_table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, tuple("-" * w for w in widths), *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@dataclass
class Times:
    case: str
    ours: float | None
    hand: float | None = None
    zeep: float | None = None
    note: str = ""
    xsdata: float | None = None

    def cells(self) -> tuple[str, ...]:
        return (
            self.case,
            ms(self.ours),
            ms(self.hand),
            ms(self.zeep),
            ms(self.xsdata),
            ratio(self.ours, self.hand),
            ratio(self.zeep, self.ours),
            ratio(self.xsdata, self.ours),
            self.note,
        )


TIME_HEADER = (
    "case",
    "ours",
    "hand-written",
    "zeep",
    "xsdata",
    "ours/hand",
    "zeep/ours",
    "xsdata/ours",
    "note",
)


@dataclass
class Target:
    """One target of issues 12 and 14; ``value`` None is a case that could not run (SKIP)."""

    name: str
    value: float | None
    limit: float
    at_most: bool  # value <= limit passes; else value >= limit passes
    unit: str = "x"
    profile: Callable[[], object] | None = None  # ours, to profile on a MISS
    calls: int = 1  # calls per profile
    note: str = ""  # why it was skipped, or what the figure is made of

    @property
    def passed(self) -> bool:
        if self.value is None:
            return True  # nothing to profile
        return self.value <= self.limit if self.at_most else self.value >= self.limit

    def line(self) -> str:
        sign = "<=" if self.at_most else ">="
        target = f"target {sign} {self.limit:g}{self.unit}"
        note = f"; {self.note}" if self.note else ""
        if self.value is None:
            return f"SKIP  {self.name} ({target}{note})"
        verdict = "PASS" if self.passed else "MISS"
        value = "cut off" if math.isinf(self.value) else f"{self.value:.2f}{self.unit}"
        return f"{verdict}  {self.name}: {value} ({target}{note})"


def ratio_target(
    name: str,
    numerator: float | None,
    denominator: float | None,
    limit: float,
    at_most: bool,
    fn: Callable[[], object] | None = None,
    calls: int = 1,
) -> Target:
    """A ratio of two medians as a target; SKIP when a side was not measured."""
    value = None if numerator is None or not denominator else numerator / denominator
    note = "" if value is not None else "not measured in this run"
    return Target(name, value, limit, at_most, profile=fn, calls=calls, note=note)


def profile(fn: Callable[[], object], calls: int, limit: int = 15) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        fn()
    profiler.disable()
    pstats.Stats(profiler).strip_dirs().sort_stats("tottime").print_stats(limit)
