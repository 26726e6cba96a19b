"""Testing kit: a fake NetServer over real loopback HTTP, a pytest plugin, golden envelopes.

- :class:`FakeNetServer` serves the EMail agent of every version on ``127.0.0.1``, checks
  each request as NetServer does, records it and answers with configured or documented
  values, failures, faults, HTTP statuses, delays, slow drips, redirects or connection
  resets, and counts the connections open at once (``peak_connections``).
- The pytest plugin (``superoffice_email.testing.plugin``, registered as a ``pytest11``
  entry point) gives the ``fake_netserver`` fixture.
- :func:`assert_envelope_equal` compares an envelope with a golden one, canonically or byte
  for byte, and fails with a readable diff that never shows a secret.
"""

from __future__ import annotations

from .._faults import fault_envelope
from ._fake_mail import FakeMail, FakeMailbox
from ._golden import assert_envelope_equal, canonical_form, redact
from ._server import FakeNetServer, RecordedRequest

__all__ = [
    "FakeMail",
    "FakeMailbox",
    "FakeNetServer",
    "RecordedRequest",
    "assert_envelope_equal",
    "canonical_form",
    "fault_envelope",
    "redact",
]
