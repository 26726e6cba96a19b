"""Coverage-guided fuzzing of the parser with atheris (opt-in, not part of the test run).

    pip install atheris
    python -m tests.fuzz.fuzz_parse -max_total_time=600      # libFuzzer flags pass through

Seeds are the documented examples of every operation of every agent, version and edition
(``example_envelope``; written to a scratch corpus folder), each behind the two bytes that
pick its target.
Every input must give a result or a ``superoffice_email.Error``; anything else (a raw lxml
or Python exception, a hang, a crash) is a finding, and libFuzzer stops with the input saved.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import superoffice_email as so
    from superoffice_email._schema import MODULES, load

# (agent, version, edition, operation) the first two input bytes pick: every operation
TARGETS = [
    (agent, version, edition, operation)
    for agent, version in sorted(MODULES)
    for edition in load(version, agent).editions
    for operation in sorted(load(version, agent, edition).operations)
]


def test_one_input(data: bytes) -> None:
    if len(data) < 2:
        return
    agent, version, edition, operation = TARGETS[int.from_bytes(data[:2]) % len(TARGETS)]
    body = data[2:]
    with contextlib.suppress(so.Error):  # a library exception is a correct answer
        so.parse_response(version, operation, body, agent=agent, edition=edition)
    with contextlib.suppress(so.Error):
        so.parse_request(version, body, agent=agent, edition=edition)


def main() -> None:
    corpus = Path(tempfile.mkdtemp(prefix="superoffice-email-fuzz-"))
    for index, (agent, version, edition, operation) in enumerate(TARGETS):
        for direction in ("request", "response"):
            seed = so.example_envelope(version, operation, direction, agent=agent, edition=edition)
            (corpus / f"{index}-{direction}").write_bytes(index.to_bytes(2) + seed)
    atheris.Setup([sys.argv[0], str(corpus), *sys.argv[1:]], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
