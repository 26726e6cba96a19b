"""superoffice_email: the SuperOffice NetServer EMail agent SOAP API, for every service version.

The core builds and parses envelopes and contains no networking code at all
(:func:`build_request`, :func:`build_response`, :func:`example_envelope`,
:func:`parse_response`, :func:`parse_request`); the agents (:class:`EMailAgent`,
:class:`AsyncEMailAgent`) drive it over httpx. Each version's models live in
``superoffice_email.services.servicesNN`` and are imported on first use; :func:`models`
returns one.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._examples import example_envelope
from ._observe import CallEvent, HistoryEntry
from ._reader import ParsedRequest, Result, parse_request, parse_response
from ._retry import Retry
from ._schema import LATEST_VERSION
from ._writer import build_request, build_response
from ._xsd import XmlText
from .errors import (
    AuthenticationError,
    BuildError,
    ConnectError,
    ConnectTimeout,
    DecodeError,
    Error,
    ForbiddenXmlError,
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    ResponseTooLargeError,
    SoapFault,
    TicketExpiredError,
    TokenValidationError,
    TransportError,
    TransportTimeout,
    UnknownOperationError,
    UnknownVersionError,
    UnsupportedOperationError,
    UsageError,
    XmlSyntaxError,
)
from .services import VERSIONS

if TYPE_CHECKING:
    from ._agent import AgentOptions, AsyncEMailAgent, EMailAgent
    from ._credentials import AccessToken, Credentials, SystemUser, Ticket, UsernamePassword
    from ._discover import adiscover, discover
    from ._online import SiteInfo, from_id_token_claims
    from ._pool_guard import guard_pools

# the login's names, imported on first use (they pull in httpx)
_LOGIN = {
    "AccessToken": "._credentials",
    "Credentials": "._credentials",
    "SystemUser": "._credentials",
    "Ticket": "._credentials",
    "UsernamePassword": "._credentials",
    "discover": "._discover",
    "adiscover": "._discover",
    "from_id_token_claims": "._online",
    "SiteInfo": "._online",
}

#: the installed distribution's version (written once, in pyproject.toml); read on first use
__version__: str


if TYPE_CHECKING:  # typed per version: models("Services86") as Services86's models
    from ._operations import TypedOperation
    from ._versions import models, operations
else:

    def operations(version: str, agent: str = "EMail", edition: str | None = None) -> Any:
        """A version's operations as typed attributes: ``operations("Services88")
        .GetEMailFromId.parse_response(data)`` is a ``Result[EMailEntity | None]``."""
        from ._operations import operations

        return operations(version, agent, edition)

    def models(version: str, agent: str = "EMail") -> ModuleType:
        """The generated models module of a version (``models("Services86").EMailEntity``);
        ``agent`` another agent's (``models("Services88", "SoPrincipal")``)."""
        from ._schema import load

        return load(version, agent).module


def __dir__() -> list[str]:
    """The public API only (``dir(superoffice_email)``), not the imports it is made of."""
    return sorted({*__all__, "__version__"})


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # importing importlib.metadata costs about 20 ms, so only when someone asks
        from importlib.metadata import version

        globals()[name] = value = version("superoffice_email")
        return value
    # the client pulls in httpx; importing the core alone should not pay for it
    if name in ("EMailAgent", "AsyncEMailAgent", "AgentOptions"):
        from . import _agent

        return getattr(_agent, name)
    if name in _LOGIN:
        import importlib

        return getattr(importlib.import_module(_LOGIN[name], __name__), name)
    if name == "TypedOperation":  # imported with operations() (1 ms saved at import)
        from ._operations import TypedOperation

        return TypedOperation
    if name == "guard_pools":
        from ._pool_guard import guard_pools

        return guard_pools
    raise AttributeError(f"module 'superoffice_email' has no attribute {name!r}")


__all__ = [
    "LATEST_VERSION",
    "VERSIONS",
    "AccessToken",
    "AgentOptions",
    "AsyncEMailAgent",
    "AuthenticationError",
    "BuildError",
    "CallEvent",
    "ConnectError",
    "ConnectTimeout",
    "Credentials",
    "DecodeError",
    "EMailAgent",
    "Error",
    "ForbiddenXmlError",
    "HTTPStatusError",
    "HistoryEntry",
    "NetServerError",
    "ParsedRequest",
    "ProtocolError",
    "ResponseTooLargeError",
    "Result",
    "Retry",
    "SiteInfo",
    "SoapFault",
    "SystemUser",
    "Ticket",
    "TicketExpiredError",
    "TokenValidationError",
    "TransportError",
    "TransportTimeout",
    "TypedOperation",
    "UnknownOperationError",
    "UnknownVersionError",
    "UnsupportedOperationError",
    "UsageError",
    "UsernamePassword",
    "XmlSyntaxError",
    "XmlText",
    "adiscover",
    "build_request",
    "build_response",
    "discover",
    "example_envelope",
    "from_id_token_claims",
    "guard_pools",
    "models",
    "operations",
    "parse_request",
    "parse_response",
]
