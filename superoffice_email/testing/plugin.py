"""pytest plugin: the ``fake_netserver`` fixture and the golden-file option.

Registered as the ``pytest11`` entry point ``superoffice_email``, so installing the package
is enough. pytest imports this module in every run, so it stays light: the core (lxml) and
the standard library's HTTP server, never httpx; no server starts until a test asks.

``--superoffice-update-golden``: :func:`~superoffice_email.testing.assert_envelope_equal`
creates missing golden files and rewrites stale ones (secrets scrubbed) instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._golden import UPDATE_OPTION, set_update
from ._server import FakeNetServer


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("superoffice_email").addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="create missing and rewrite differing golden envelope files (secrets scrubbed)",
    )


def pytest_configure(config: pytest.Config) -> None:
    set_update(bool(config.getoption(UPDATE_OPTION)))


@pytest.fixture
def fake_netserver() -> Iterator[FakeNetServer]:
    """A running :class:`~superoffice_email.testing.FakeNetServer`, stopped after the test.

    It accepts any ticket; set ``fake_netserver.ticket`` (or ``application_token``,
    ``accept_documented``) in the test to change that.
    """
    with FakeNetServer() as server:
        yield server
