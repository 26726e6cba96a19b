"""The fuzzers' seed corpus is complete and well formed (atheris itself is not needed)."""

from __future__ import annotations

from pathlib import Path

from superoffice_email import VERSIONS
from superoffice_email._schema import load
from superoffice_email._xsd import CODECS
from tests.fuzz.seeds import CODEC_SEEDS, MODES, seed_inputs, targets

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def test_every_operation_of_every_version_is_a_target() -> None:
    assert len(targets()) == sum(len(load(v).operations) for v in VERSIONS)


def test_every_documented_envelope_and_codec_value_is_a_seed() -> None:
    seeds = dict(seed_inputs(FIXTURES, CODEC_SEEDS))
    documented = [
        p for p in FIXTURES.rglob("*.xml") if p.name.endswith(("request.xml", "response.xml"))
    ]
    bodies = {seed[3:] for seed in seeds.values()}
    assert all(path.read_bytes() in bodies for path in documented)
    assert {"ser:duration", "ser:guid", "xs:decimal"} <= set(CODEC_SEEDS) <= set(CODECS)
    assert all(seed[0] < len(MODES) for seed in seeds.values())
    # the documented empty durations are filled with real values too
    assert any("-duration-" in name for name in seeds)
