"""Testing kit: a fake NetServer over real loopback HTTP, a pytest plugin, golden envelopes.

- :class:`FakeNetServer` serves the EMail agent of every version on ``127.0.0.1``, checks
  each request as NetServer does, records it and answers with configured or documented
  values, failures, faults, HTTP statuses, delays, slow drips, redirects or connection
  resets, and counts the connections open at once (``peak_connections``).
- The pytest plugin (``superoffice_email.testing.plugin``, registered as a ``pytest11``
  entry point) gives the ``fake_netserver`` fixture.
- :func:`assert_envelope_equal` compares an envelope with a golden one, canonically or byte
  for byte, and fails with a readable diff that never shows a secret; with pytest's
  ``--superoffice-update-golden`` it creates and rewrites golden files, secrets scrubbed.
- :class:`RecordingTransport` records real exchanges as golden files, and
  :meth:`FakeNetServer.replay` answers from them. :meth:`FakeNetServer.transport` and
  :meth:`FakeNetServer.async_transport` serve in process, through ``httpx.MockTransport``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._faults import fault_envelope
from ._dispatch import Call, RecordedRequest
from ._fake_mail import FakeMail, FakeMailbox
from ._golden import assert_envelope_equal, canonical_form, redact, scrub_envelope
from ._server import FakeNetServer

if TYPE_CHECKING:
    from ._recording import RecordingTransport

__all__ = [
    "Call",
    "FakeMail",
    "FakeMailbox",
    "FakeNetServer",
    "RecordedRequest",
    "RecordingTransport",
    "assert_envelope_equal",
    "canonical_form",
    "fault_envelope",
    "redact",
    "scrub_envelope",
]


def __getattr__(name: str) -> Any:
    # imported on first use: it needs httpx, which the pytest plugin must not import
    if name == "RecordingTransport":
        from ._recording import RecordingTransport

        return RecordingTransport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
