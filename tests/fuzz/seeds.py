"""The fuzzers' seed corpus: documented envelopes, generated ones, and hand-picked values.

Importable without atheris, so the test run checks that every seed is well formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from superoffice_email import VERSIONS, example_envelope
from superoffice_email._schema import load
from superoffice_email._xsd import CODECS

MODES = ("response", "request", "validate", "codec")

# values at and past the edges of the types no documented page fills (duration, guid,
# decimal) and of those that have tripped the codecs before
CODEC_SEEDS: dict[str, tuple[str, ...]] = {
    "ser:duration": (
        "PT0S",
        "P1DT2H3M4.5S",
        "-P10675199DT2H48M5.4775807S",
        "P10675199DT2H48M5.4775808S",
        "P1000000000D",
        "PT100000000000H",
        "-PT0.0000001S",
        "P1Y",
        "PT",
        "P",
        "",
    ),
    "ser:guid": (
        "00000000-0000-0000-0000-000000000000",
        "01234567-89ab-cdef-0123-456789ABCDEF",
        "{01234567-89ab-cdef-0123-456789abcdef}",
        "0123456789abcdef0123456789abcdef",
        "-",
    ),
    "xs:decimal": (
        "0",
        "-12345.678900",
        "+.5",
        "1E5",
        "79228162514264337593543950335",
        "1" * 5000,
        "0" * 5000 + "1",
        "NaN",
        "-0.0",
    ),
    "xs:dateTime": (
        "2021-03-25T13:43:21",
        "2021-03-25T13:43:21.1234567+01:19",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.9999999-14:00",
        "2021-02-29T00:00:00",
        "24:00:00",
    ),
    "xs:double": ("INF", "-INF", "NaN", "1e400", "-0", "1.7976931348623157E308"),
    "xs:int": ("2147483648", "-2147483648", "0" * 5000 + "7", "+1"),
    "xs:long": ("9223372036854775808", "-9223372036854775808"),
    "xs:base64Binary": ("", "QUJD", "QUJ", "Q U J D", "====", "QUJD\n" * 100),
    "xs:boolean": ("true", "1", "TRUE", " false "),
    "ser:char": ("65", "0", "1114112", "55296"),
}

_EMPTY_DURATION = re.compile(rb'(xsi:type="[^"]*:duration"\s*>)\s*(</)')


def targets() -> list[tuple[str, str]]:
    """Every (version, operation) the library has a model for, in a stable order."""
    return [(v, op) for v in VERSIONS for op in sorted(load(v).operations)]


def codec_names() -> list[str]:
    return sorted(CODECS)


def _prefix(mode: str, pick: int) -> bytes:
    return bytes([MODES.index(mode)]) + (pick % 65536).to_bytes(2, "big")


def _documented(fixtures: Path) -> Iterator[tuple[str, str, str, bytes]]:
    """(version, operation, direction, bytes) of every documented envelope under fixtures."""
    for path in sorted(fixtures.rglob("*.xml")):
        match = re.fullmatch(r"(\w+)\.(request|response)\.xml", path.name)
        version = next((p for p in reversed(path.parts) if re.fullmatch(r"Services\d+", p)), None)
        if match and version:
            yield version, match[1], match[2], path.read_bytes()


def seed_inputs(
    fixtures: Path, codec_seeds: dict[str, tuple[str, ...]]
) -> Iterator[tuple[str, bytes]]:
    """(file name, fuzzer input) for the seed corpus."""
    index = {t: i for i, t in enumerate(targets())}
    first = {v: min(i for (w, _), i in index.items() if w == v) for v in VERSIONS}
    for count, (version, operation, direction, data) in enumerate(_documented(fixtures)):
        # an operation the models lack (another agent, a newer edition) still seeds its version
        pick = index.get((version, operation), first.get(version, 0))
        yield f"doc-{count}-{direction}", _prefix(direction, pick) + data
        yield f"doc-{count}-validate", _prefix("validate", pick) + data
        for n, value in enumerate(CODEC_SEEDS["ser:duration"]):
            filled = _EMPTY_DURATION.sub(rb"\g<1>" + value.encode() + rb"\2", data)
            if filled != data:
                yield f"doc-{count}-duration-{n}", _prefix(direction, pick) + filled
    # every operation of the newest version in the wire layout (SOAP 1.1, no indentation),
    # and its documented examples' empty durations filled (pages exist for only a few)
    for (version, operation), pick in index.items():
        if version == VERSIONS[-1]:
            for direction in ("request", "response"):
                data = example_envelope(version, operation, direction, layout="wire", soap="1.1")
                yield f"wire-{operation}-{direction}", _prefix(direction, pick) + data
                data = example_envelope(version, operation, direction)
                for n, value in enumerate(CODEC_SEEDS["ser:duration"]):
                    filled = _EMPTY_DURATION.sub(rb"\g<1>" + value.encode() + rb"\2", data)
                    if filled != data:
                        yield f"example-{operation}-duration-{n}", _prefix(direction, pick) + filled
    names = codec_names()
    for codec, values in codec_seeds.items():
        for n, value in enumerate(values):
            yield (
                f"codec-{codec.replace(':', '_')}-{n}",
                (_prefix("codec", names.index(codec)) + value.encode()),
            )


EXTRA_SEEDS = CODEC_SEEDS
