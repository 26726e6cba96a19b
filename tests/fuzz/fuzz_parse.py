"""Coverage-guided fuzzing of the parser with atheris (opt-in, not part of the test run).

    pip install atheris
    python -m tests.fuzz.fuzz_parse -max_total_time=600      # libFuzzer flags pass through

Seeds are the documented envelopes in fixtures/docs (written to a scratch corpus folder).
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

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "docs"
# (version, operation) the first input byte picks: every documented response page
TARGETS = sorted((p.parent.name, p.name.split(".")[0]) for p in FIXTURES.glob("*/*.response.xml"))


def test_one_input(data: bytes) -> None:
    if not data:
        return
    version, operation = TARGETS[data[0] % len(TARGETS)]
    body = data[1:]
    with contextlib.suppress(so.Error):  # a library exception is a correct answer
        so.parse_response(version, operation, body)
    with contextlib.suppress(so.Error):
        so.parse_request(version, body)


def main() -> None:
    corpus = Path(tempfile.mkdtemp(prefix="superoffice-email-fuzz-"))
    for index, (version, operation) in enumerate(TARGETS):
        for direction in ("request", "response"):
            seed = (FIXTURES / version / f"{operation}.{direction}.xml").read_bytes()
            (corpus / f"{index}-{direction}").write_bytes(bytes([index]) + seed)
    atheris.Setup([sys.argv[0], str(corpus), *sys.argv[1:]], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
