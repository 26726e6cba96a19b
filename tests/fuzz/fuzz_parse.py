"""Coverage-guided fuzzing of the parsers with atheris (opt-in, not part of the test run).

    pip install atheris
    python -m tests.fuzz.fuzz_parse -max_total_time=2100 corpus/    # libFuzzer flags pass through

An input is three bytes that pick what to run, then the document: byte 0 picks the entry
point (``parse_response``, ``parse_request``, ``validate_envelope``, or one XSD codec's
decoder, which reaches the duration, guid and decimal codecs that no documented page fills),
bytes 1-2 pick the (version, operation) or the codec. Every input must give a result or a
``superoffice_email.Error``; anything else (a raw lxml or Python exception, a hang, a crash)
is a finding, and libFuzzer stops with the input saved.

The seed corpus (written into the first corpus folder given, or a scratch folder) is every
documented envelope under ``fixtures/`` (every version, agent and edition; set
``SUPEROFFICE_EMAIL_FIXTURES`` to read another checkout's fixtures) plus :data:`EXTRA_SEEDS`.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():  # the library is imported first here, so it is instrumented
    import superoffice_email as so
    from superoffice_email import _xsd
    from superoffice_email.validate import validate_envelope
    from tests.fuzz.seeds import EXTRA_SEEDS, MODES, codec_names, seed_inputs, targets

FIXTURES = Path(
    os.environ.get("SUPEROFFICE_EMAIL_FIXTURES", Path(__file__).parents[2] / "fixtures")
)
TARGETS = targets()
CODECS = codec_names()


def test_one_input(data: bytes) -> None:
    if len(data) < 3:
        return
    mode = MODES[data[0] % len(MODES)]
    pick = int.from_bytes(data[1:3], "big")
    body = data[3:]
    with contextlib.suppress(so.Error):  # a library exception is a correct answer
        if mode == "codec":
            codec = _xsd.CODECS[CODECS[pick % len(CODECS)]]
            with contextlib.suppress(ValueError):  # the codecs' contract: callers wrap it
                codec.decode(body.decode("utf-8", "replace"))
            return
        version, operation = TARGETS[pick % len(TARGETS)]
        if mode == "response":
            so.parse_response(version, operation, body)
        elif mode == "request":
            so.parse_request(version, body)
        else:
            validate_envelope(version, body)


def main() -> None:
    folders = [a for a in sys.argv[1:] if not a.startswith("-")]
    corpus = Path(folders[0]) if folders else Path(tempfile.mkdtemp(prefix="so-email-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    for name, seed in seed_inputs(FIXTURES, EXTRA_SEEDS):
        (corpus / name).write_bytes(seed)
    flags = [a for a in sys.argv[1:] if a.startswith("-")]
    atheris.Setup([sys.argv[0], str(corpus), *folders[1:], *flags], test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
