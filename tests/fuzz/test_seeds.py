"""The fuzzers' seed corpus is complete and well formed, and a short fuzz run passes (atheris
itself is not needed: hypothesis mutates the seeds; ``SUPEROFFICE_EMAIL_FUZZ_EXAMPLES`` runs
more examples)."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from superoffice_email._schema import MODULES, load
from superoffice_email._xsd import CODECS
from tests.fuzz.harness import MODES, Target, run_one, targets
from tests.fuzz.seeds import CODEC_SEEDS, seed_inputs

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEEDS = dict(seed_inputs(FIXTURES, CODEC_SEEDS))
EXAMPLES = int(os.environ.get("SUPEROFFICE_EMAIL_FUZZ_EXAMPLES", "150"))


def test_every_operation_of_every_agent_version_and_edition_is_a_target() -> None:
    expected = {
        (agent, version, edition, operation)
        for agent, version in MODULES
        for edition in load(version, agent).editions
        for operation in load(version, agent, edition).operations
    }
    assert set(targets()) == expected
    assert len(targets()) == len(expected) < 65536  # two bytes pick one
    assert {t.agent for t in targets()} == {"EMail", "SoPrincipal", "Batch",
                                            "PartnerSystemUserService"}
    # every edition has its own targets: Services88's 2021-03 lacks the Graph operations
    assert Target("EMail", "Services88", "2026-07", "GetEMailAsEmlStream") in targets()
    assert Target("EMail", "Services88", "2021-03", "GetEMailAsEmlStream") not in targets()


def test_every_documented_envelope_and_codec_value_is_a_seed() -> None:
    documented = [
        p for p in FIXTURES.rglob("*.xml") if p.name.endswith(("request.xml", "response.xml"))
    ]
    bodies = {seed[3:] for seed in SEEDS.values()}
    assert all(path.read_bytes() in bodies for path in documented)
    assert {"ser:duration", "ser:guid", "xs:decimal"} <= set(CODEC_SEEDS) <= set(CODECS)
    assert all(seed[0] < len(MODES) for seed in SEEDS.values())
    # the documented empty durations are filled with real values too
    assert any("-duration-" in name for name in SEEDS)


def test_every_target_is_seeded() -> None:
    picked = {int.from_bytes(seed[1:3], "big") for seed in SEEDS.values() if seed[0] < 3}
    assert picked == set(range(len(targets())))


def test_a_documented_soprincipal_page_seeds_its_own_target() -> None:
    page = FIXTURES / "docs" / "Services86" / "SoPrincipal"
    data = next(page.glob("*.response.xml")).read_bytes()
    name = next(n for n, seed in SEEDS.items() if seed[3:] == data and "validate" not in n)
    pick = int.from_bytes(SEEDS[name][1:3], "big")
    assert targets()[pick][:3] == ("SoPrincipal", "Services86", "2021-03")


def test_every_seed_gives_a_result_or_a_library_error() -> None:
    for seed in SEEDS.values():
        run_one(seed)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    seed=st.sampled_from(sorted(SEEDS)),
    cut=st.integers(0, 2**16),
    insert=st.binary(max_size=64),
    delete=st.integers(0, 64),
)
def test_mutated_seeds_give_a_result_or_a_library_error(
    seed: str, cut: int, insert: bytes, delete: int
) -> None:
    data = SEEDS[seed]
    at = 3 + cut % max(1, len(data) - 2)
    run_one(data[:at] + insert + data[at + delete :])
