"""What one fuzzer input runs, apart from any fuzzing engine (atheris, hypothesis, a replay).

An input is three bytes that pick what to run, then the document: byte 0 picks the entry point
(``parse_response``, ``parse_request``, ``validate_envelope`` or ``check_envelope``, one XSD
codec's decoder, ``parse_response`` streaming: from a binary stream read in chunks, base64
values to a sink, or ``parse_response`` twice, with and without reading a list's items from
the bytes (``_scan``), where any difference in what it gives is a finding), bytes 1-2 the
target, an (agent, version, edition, operation) of every agent in
``_schema.MODULES`` and every documentation edition of each (or the codec). :func:`run_one`
returns normally for a result or a ``superoffice_email.Error``; anything else escapes, and is a
finding.
"""

from __future__ import annotations

import contextlib
import functools
import io
from typing import Any, NamedTuple

import superoffice_email as so
from superoffice_email import _scan, _xsd
from superoffice_email._schema import MODULES, load
from superoffice_email.validate import check_envelope, validate_envelope

MODES = ("response", "request", "validate", "codec", "stream", "scan")


class Target(NamedTuple):
    """One operation of one agent's version as one edition describes it."""

    agent: str
    version: str
    edition: str
    operation: str


@functools.cache
def targets() -> tuple[Target, ...]:
    """Every operation of every agent, version and edition we have models for, in a stable
    order (an edition that lacks an operation lacks its target)."""
    found: list[Target] = []
    for agent, version in sorted(MODULES):
        for edition in load(version, agent).editions:
            operations = load(version, agent, edition).operations
            found += [Target(agent, version, edition, op) for op in sorted(operations)]
    return tuple(found)


@functools.cache
def codec_names() -> tuple[str, ...]:
    return tuple(sorted(_xsd.CODECS))


def prefix(mode: str, pick: int) -> bytes:
    """The three bytes that make the harness run ``mode`` on target (or codec) ``pick``."""
    return bytes([MODES.index(mode)]) + (pick % 65536).to_bytes(2, "big")


def _sink(owner: object) -> io.BytesIO:
    return io.BytesIO()


def run_one(data: bytes) -> None:
    """Run one input; a result or a library error is a correct answer."""
    if len(data) < 3:
        return
    mode = MODES[data[0] % len(MODES)]
    pick = int.from_bytes(data[1:3], "big")
    body = data[3:]
    with contextlib.suppress(so.Error):
        if mode == "codec":
            names = codec_names()
            codec = _xsd.CODECS[names[pick % len(names)]]
            with contextlib.suppress(ValueError):  # the codecs' contract: callers wrap it
                codec.decode(body.decode("utf-8", "replace"))
            return
        all_targets = targets()
        agent, version, edition, operation = all_targets[pick % len(all_targets)]
        if mode == "response":
            so.parse_response(version, operation, body, agent=agent, edition=edition)
        elif mode == "stream":
            so.parse_response(
                version, operation, io.BytesIO(body), agent=agent, edition=edition, sink=_sink
            )
        elif mode == "scan":
            scanned_as_read(version, operation, body, agent, edition)
        elif mode == "request":
            so.parse_request(version, body, agent=agent, edition=edition)
        elif agent == "EMail":
            validate_envelope(version, body)
        else:  # the schemas are the EMail agent's: judged by the namespace it names
            check_envelope(body)


def _outcome(version: str, operation: str, body: bytes, agent: str, edition: str) -> Any:
    try:
        result = so.parse_response(version, operation, body, agent=agent, edition=edition)
    except so.Error as error:
        return type(error).__name__, str(error)
    return result


def scanned_as_read(version: str, operation: str, body: bytes, agent: str, edition: str) -> None:
    """AssertionError where reading a list's items from the bytes (at any size) gives
    anything but what the general reader gives."""
    size, _scan.MIN_SIZE = _scan.MIN_SIZE, 0
    try:
        scanned = _outcome(version, operation, body, agent, edition)
        _scan.ENABLED = False
        read = _outcome(version, operation, body, agent, edition)
    finally:
        _scan.MIN_SIZE, _scan.ENABLED = size, True
    if scanned != read and repr(scanned) != repr(read):  # repr: a NaN is itself
        raise AssertionError(f"scanned: {scanned!r}\nread: {read!r}")
