"""Validation time against the number of invalid elements: linear, not quadratic.

``python -m tests.benchmarks.bench_validate`` validates envelopes with 12,500 to 100,000
invalid items in one list (each is an element where the schema wants text), and with as
many stray elements in the Body, and prints seconds per size and per 1,000 elements. The
whole envelope is parsed, judged and validated, as ``superoffice-email validate`` does.
"""

from __future__ import annotations

import argparse
import time

from superoffice_email.validate import check_envelope, xml_schema

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"


def invalid_items(count: int) -> bytes:
    items = f'<string xmlns="{ARR}"><x/></string>' * count
    return (
        f'<s:Envelope xmlns:s="{SOAP11}"><s:Body><RefreshFolder xmlns="{NS}"><ConnectionInfo/>'
        f"<Folders>{items}</Folders></RefreshFolder></s:Body></s:Envelope>"
    ).encode()


def stray_body_elements(count: int) -> bytes:
    stray = f'<Bogus xmlns="{NS}"/>' * count
    return (
        f'<s:Envelope xmlns:s="{SOAP11}"><s:Body><RefreshFolder xmlns="{NS}"/>{stray}'
        "</s:Body></s:Envelope>"
    ).encode()


def seconds(data: bytes, repeat: int) -> tuple[float, float]:
    """The best (wall, CPU) seconds: CPU time shows the work when other processes load the
    machine, wall time what a user waits."""
    best = (float("inf"), float("inf"))
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        report = check_envelope(data)
        best = min(best, (time.perf_counter() - start, time.process_time() - cpu))
        assert not report.valid
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument("--max", type=int, default=100_000, help="the largest size")
    args = parser.parse_args(argv)
    xml_schema("Services88")  # compiled once, outside the timing
    sizes = [args.max // 8, args.max // 4, args.max // 2, args.max]
    cases = (("invalid list items", invalid_items), ("stray Body elements", stray_body_elements))
    for name, build in cases:
        for size in sizes:
            data = build(size)
            took, cpu = seconds(data, args.repeat)
            print(
                f"{name:20} {size:>7,} ({len(data) / 1e6:5.1f} MB): {took:6.3f} s "
                f"(CPU {cpu:6.3f} s), {took / size * 1000 * 1000:6.2f} ms per 1,000"
            )


if __name__ == "__main__":
    main()
