"""Case (f): a GetEMailFromId answer with a 1 GiB attachment, streamed to disk.

The response is written to a file in chunks (never held whole) and flushed to the disk, then
fresh interpreters stream it through the library, attachment bytes to a file, each reporting
the seconds, its whole peak RSS (VmHWM) and the growth over the warmed-up process; the
seconds are the median of ``RUNS`` such runs (one run of 1 GiB meets whatever the other
tenants of a shared machine do; (d)'s time is a median too), the memory the largest. Each
written file is checked against the attachment's SHA-256 and deleted before the next run.
What is timed: reading the answer from the file and writing the attachment to a file (not
its flush to the disk: ``close``, no ``fsync``). The answer's own flush is not timed: written
just before, it would otherwise go to the disk while (f) runs. Run on its own::

    .venv/bin/python -m tests.benchmarks.streaming --mb 64
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import inspect
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import superoffice_email as so

from .inputs import VERSION, wcf_email_parts, wcf_email_response
from .measure import ROOT, peak_rss, reset_peak_rss

# ======================================================================================
# ADAPTER: the streaming API case (f) expects. Issue 14 asks for attachments streamed "from
# parse_response on a file or byte stream"; the engineer who builds it adapts THIS function
# (only this one) to the real signature. Assumed until then:
#     so.parse_response(version, operation, source: BinaryIO, sink=open_sink)
# where ``open_sink(attachment)`` returns a writable binary file for one attachment's bytes.
# ======================================================================================

StreamToDisk = Callable[[BinaryIO, Path], None]


def streaming_api() -> StreamToDisk | None:
    """A function streaming a GetEMailFromId answer's attachments into a folder, or None
    while the library has no streaming API."""
    if "sink" not in inspect.signature(so.parse_response).parameters:
        return None

    def stream_to_disk(source: BinaryIO, folder: Path) -> None:
        opened: list[BinaryIO] = []

        def open_sink(attachment: object) -> BinaryIO:
            file = (folder / f"attachment-{len(opened)}.bin").open("wb")
            opened.append(file)
            return file

        parse: Callable[..., object] = so.parse_response  # typed as the API to come
        try:
            parse(VERSION, "GetEMailFromId", source, sink=open_sink)
        finally:
            for file in opened:
                file.close()

    return stream_to_disk


# ======================================================================================

SKIP = "(f) SKIP: no streaming API"
_CHUNK = 3 << 20  # a multiple of 3, so the base64 of each chunk joins without padding
RUNS = 3


@dataclass
class Streamed:
    seconds: float  # the median run's
    peak_rss: float  # the whole process's, bytes; the largest run's
    growth: float  # over the warmed-up process, bytes; the largest run's
    response: int  # bytes on disk
    runs: tuple[float, ...] = ()  # every run's seconds, in order


def write_response(path: Path, size: int) -> str:
    """Writes a GetEMailFromId answer with a ``size``-byte random attachment to ``path``,
    chunk by chunk; returns the attachment's SHA-256."""
    head, tail = wcf_email_parts(size)
    rng = random.Random(21)
    digest = hashlib.sha256()
    with path.open("wb") as out:
        out.write(head)
        left = size
        while left:
            chunk = rng.randbytes(min(_CHUNK, left))
            left -= len(chunk)
            digest.update(chunk)
            out.write(base64.b64encode(chunk))
        out.write(tail)
        out.flush()
        os.fsync(out.fileno())  # not left for the kernel to write while (f) is timed
    return digest.hexdigest()


def _child(response: str, folder: str) -> dict[str, float]:
    stream_to_disk = streaming_api()
    assert stream_to_disk is not None
    warm = Path(folder) / "warm-up"
    warm.mkdir()
    with tempfile.TemporaryFile() as small:  # imports, caches and plans are not measured
        small.write(wcf_email_response(b"warm-up"))
        small.seek(0)
        stream_to_disk(small, warm)
    reset_peak_rss()
    before = peak_rss()
    start = time.perf_counter()
    with open(response, "rb") as source:
        stream_to_disk(source, Path(folder))
    seconds = time.perf_counter() - start
    peak = peak_rss()
    return {"seconds": seconds, "peak": float(peak), "growth": float(peak - before)}


def measure(
    size: int, runs: int = RUNS, between: Callable[[], object] | None = None
) -> Streamed | None:
    """Streams a ``size``-byte attachment to disk, ``runs`` times, each in a fresh
    interpreter, calling ``between`` before each run and after the last (bench times (d)
    there, so that both are measured in the same minutes); None (and the SKIP line printed)
    while the library has no streaming API."""
    if streaming_api() is None:
        print(SKIP)
        return None
    with tempfile.TemporaryDirectory(prefix="bench-stream-") as folder:
        response = Path(folder) / "response.xml"
        expected = write_response(response, size)
        results = []
        for _ in range(runs):
            if between is not None:
                between()
            results.append(_run(response, Path(folder) / "out", expected))
        if between is not None:
            between()
        seconds = [result["seconds"] for result in results]
        return Streamed(
            statistics.median(seconds),
            max(result["peak"] for result in results),
            max(result["growth"] for result in results),
            response.stat().st_size,
            tuple(seconds),
        )


def _run(response: Path, out: Path, expected: str) -> dict[str, float]:
    """One run in a fresh interpreter, its file checked, then deleted."""
    out.mkdir()
    command = [sys.executable, "-m", "tests.benchmarks.streaming", "--child"]
    done = subprocess.run(
        [*command, str(response), str(out)], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"(f): the streaming child failed:\n{done.stderr[-3000:]}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    written = out / "attachment-0.bin"
    digest = hashlib.sha256()
    with written.open("rb") as file:
        while chunk := file.read(_CHUNK):
            digest.update(chunk)
    if digest.hexdigest() != expected:
        raise SystemExit(f"(f): the file written is not the attachment ({written})")
    shutil.rmtree(out)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.streaming")
    parser.add_argument("--mb", type=int, default=1024, help="the attachment in MiB")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs; their median is taken")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    result = measure(args.mb << 20, args.runs)
    if result is not None:
        print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
