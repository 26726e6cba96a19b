"""The fuzzers' seed corpus: documented envelopes, generated ones, and hand-picked values.

Importable without atheris, so the test run checks that every seed is well formed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from superoffice_email import example_envelope
from tests.benchmarks.inputs import wcf_envelopes_response
from tests.fuzz.harness import MODES, Target, codec_names, prefix, targets

__all__ = ["CODEC_SEEDS", "EXTRA_SEEDS", "MODES", "codec_names", "seed_inputs", "targets"]

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
#: the edition of the pages under ``fixtures/docs`` (later editions' under ``editions/``)
_FIRST_PAGES = "2021-03"


def _documented(fixtures: Path) -> Iterator[tuple[Target, str, bytes]]:
    """(target, direction, bytes) of every documented envelope under fixtures: the agent is
    the page's folder (``SoPrincipal/``, else EMail), the edition the ``editions/`` folder it
    is under (else the first pages')."""
    for path in sorted(fixtures.rglob("*.xml")):
        match = re.fullmatch(r"(\w+)\.(request|response)\.xml", path.name)
        version = next((p for p in reversed(path.parts) if re.fullmatch(r"Services\d+", p)), None)
        if not match or not version:
            continue
        parts = path.relative_to(fixtures).parts
        edition = parts[1] if parts[0] == "editions" else _FIRST_PAGES
        agent = path.parent.name if path.parent.name != version else "EMail"
        yield Target(agent, version, edition, match[1]), match[2], path.read_bytes()


def _filled(data: bytes) -> Iterator[tuple[int, bytes]]:
    """``data`` with its empty durations filled, once per duration seed (none if it has none)."""
    for n, value in enumerate(CODEC_SEEDS["ser:duration"]):
        filled = _EMPTY_DURATION.sub(rb"\g<1>" + value.encode() + rb"\2", data)
        if filled != data:
            yield n, filled


def seed_inputs(
    fixtures: Path, codec_seeds: dict[str, tuple[str, ...]]
) -> Iterator[tuple[str, bytes]]:
    """(file name, fuzzer input) for the seed corpus."""
    index = {t: i for i, t in enumerate(targets())}
    first = {(t.agent, t.version): index[t] for t in reversed(targets())}
    for count, (target, direction, data) in enumerate(_documented(fixtures)):
        # a page whose operation the models lack (kept back, renamed) still seeds its version
        pick = index.get(target, first.get((target.agent, target.version), 0))
        yield f"doc-{count}-{direction}", prefix(direction, pick) + data
        yield f"doc-{count}-validate", prefix("validate", pick) + data
        if direction == "response":  # the streaming reader, attachments to a sink
            yield f"doc-{count}-stream", prefix("stream", pick) + data
            yield f"doc-{count}-scan", prefix("scan", pick) + data
        for n, filled in _filled(data):
            yield f"doc-{count}-duration-{n}", prefix(direction, pick) + filled
    # every operation of every agent, version and edition in the wire layout (SOAP 1.1, no
    # indentation), and in the documented one with its empty durations filled (few pages
    # fill them): the versions and editions without pages are seeded too
    for target, pick in index.items():
        agent, version, edition, operation = target
        name = f"{agent}-{version or 'none'}-{edition}-{operation}"
        for direction in ("request", "response"):
            data = example_envelope(
                version, operation, direction, layout="wire", soap="1.1", agent=agent,
                edition=edition,
            )
            yield f"wire-{name}-{direction}", prefix(direction, pick) + data
            if direction == "response":
                yield f"wire-{name}-scan", prefix("scan", pick) + data
            data = example_envelope(version, operation, direction, agent=agent, edition=edition)
            for n, filled in _filled(data):
                yield f"example-{name}-{direction}-duration-{n}", prefix(direction, pick) + filled
    # a list answer as NetServer writes it (WCF: nils, a declaration on each list of ints)
    envelopes = index[Target("EMail", "Services88", "2026-07", "GetEMailEnvelopes")]
    yield "wcf-envelopes-scan", prefix("scan", envelopes) + wcf_envelopes_response(3)
    names = codec_names()
    for codec, values in codec_seeds.items():
        for n, value in enumerate(values):
            yield (
                f"codec-{codec.replace(':', '_')}-{n}",
                (prefix("codec", names.index(codec)) + value.encode()),
            )


EXTRA_SEEDS = CODEC_SEEDS
