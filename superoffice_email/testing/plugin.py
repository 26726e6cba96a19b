"""pytest plugin: the ``fake_netserver`` fixture.

Registered as the ``pytest11`` entry point ``superoffice_email``, so installing the package
is enough. pytest imports this module in every run, so it stays light: the core (lxml) and
the standard library's HTTP server, never httpx; no server starts until a test asks.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._server import FakeNetServer


@pytest.fixture
def fake_netserver() -> Iterator[FakeNetServer]:
    """A running :class:`~superoffice_email.testing.FakeNetServer`, stopped after the test.

    It accepts any ticket; set ``fake_netserver.ticket`` (or ``application_token``,
    ``accept_documented``) in the test to change that.
    """
    with FakeNetServer() as server:
        yield server
