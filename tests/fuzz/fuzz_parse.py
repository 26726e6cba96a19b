"""Coverage-guided fuzzing of the parsers with atheris (opt-in, not part of the test run).

    pip install atheris
    python -m tests.fuzz.fuzz_parse -max_total_time=1200 corpus/    # libFuzzer flags pass through

What an input runs is :func:`tests.fuzz.harness.run_one`: ``parse_response``,
``parse_request`` or the envelope check on any operation of every agent (EMail, SoPrincipal,
Batch, PartnerSystemUserService), version and documentation edition, or one XSD codec's
decoder (which reaches the duration, guid and decimal codecs that no documented page fills).
Every input must give a result or a ``superoffice_email.Error``; anything else (a raw lxml or
Python exception, a hang, a crash) is a finding, and libFuzzer stops with the input saved
(``finding-<sha1>`` in the current folder for a Python exception).

The seed corpus (written into the first corpus folder given, or a scratch folder) is every
documented envelope under ``fixtures/`` (set ``SUPEROFFICE_EMAIL_FIXTURES`` to read another
checkout's fixtures), every operation's example envelopes in the wire layout, and
:data:`EXTRA_SEEDS`. ``python -m tests.fuzz.fuzz_parse --replay FILE...`` runs saved inputs
without fuzzing (a finding's reproducer).
"""

from __future__ import annotations

import hashlib
import importlib
import os
import pkgutil
import sys
import tempfile
from pathlib import Path

import atheris

#: what no input reaches (the command line, the mailbox, the network edges and the Online
#: login's optional crypto): not imported, so no extra needs installing to fuzz
_NOT_PARSING = (
    "superoffice_email._cli",
    "superoffice_email.mailbox",
    "superoffice_email.testing",
    "superoffice_email._online",
    "superoffice_email.__main__",
)

with atheris.instrument_imports():  # the library is imported first here, so it is instrumented
    import superoffice_email
    from tests.fuzz.harness import run_one, targets
    from tests.fuzz.seeds import EXTRA_SEEDS, seed_inputs

    # the readers, the stream parser and the per-version models are imported on first use
    # (import time); imported here, they are instrumented too, or the fuzzer is blind to them
    for _module in pkgutil.walk_packages(superoffice_email.__path__, "superoffice_email."):
        if not _module.name.startswith(_NOT_PARSING):
            importlib.import_module(_module.name)

FIXTURES = Path(
    os.environ.get("SUPEROFFICE_EMAIL_FIXTURES", Path(__file__).parents[2] / "fixtures")
)


def _run_saving_findings(data: bytes) -> None:
    try:
        run_one(data)
    except BaseException:
        # this atheris build does not always write libFuzzer's crash- file for a Python
        # exception: keep the input for --replay
        Path(f"finding-{hashlib.sha1(data).hexdigest()}").write_bytes(data)
        raise


def main() -> None:
    if sys.argv[1:2] == ["--replay"]:
        for name in sys.argv[2:]:
            run_one(Path(name).read_bytes())
        return
    targets()  # built once, before the clock starts
    folders = [a for a in sys.argv[1:] if not a.startswith("-")]
    corpus = Path(folders[0]) if folders else Path(tempfile.mkdtemp(prefix="so-email-fuzz-"))
    corpus.mkdir(parents=True, exist_ok=True)
    for name, seed in seed_inputs(FIXTURES, EXTRA_SEEDS):
        (corpus / name).write_bytes(seed)
    flags = [a for a in sys.argv[1:] if a.startswith("-")]
    atheris.Setup([sys.argv[0], str(corpus), *folders[1:], *flags], _run_saving_findings)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
