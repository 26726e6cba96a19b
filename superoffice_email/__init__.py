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

# not typing.TYPE_CHECKING: importing typing is most of what this module would cost
# (type checkers take any TYPE_CHECKING as true)
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from ._agent import AgentOptions, AsyncEMailAgent, EMailAgent
    from ._credentials import AccessToken, Credentials, SystemUser, Ticket, UsernamePassword
    from ._discover import adiscover, discover
    from ._examples import example_envelope
    from ._observe import CallEvent, HistoryEntry
    from ._online import SiteInfo, from_id_token_claims
    from ._pool_guard import guard_pools
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

# Every public name is imported on first use (PEP 562): ``import superoffice_email`` costs
# next to nothing, and a call pays only for what it needs (the builders never import the
# reader, the examples, httpx or the login). The module each name lives in:
_HOMES: dict[str, str] = {
    **dict.fromkeys(("build_request", "build_response"), "._writer"),
    **dict.fromkeys(("ParsedRequest", "Result", "parse_request", "parse_response"), "._reader"),
    "example_envelope": "._examples",
    **dict.fromkeys(("CallEvent", "HistoryEntry"), "._observe"),
    "Retry": "._retry",
    "LATEST_VERSION": "._schema",
    "XmlText": "._xsd",
    "VERSIONS": ".services",
    **dict.fromkeys(
        (
            "AuthenticationError",
            "BuildError",
            "ConnectError",
            "ConnectTimeout",
            "DecodeError",
            "Error",
            "ForbiddenXmlError",
            "HTTPStatusError",
            "NetServerError",
            "ProtocolError",
            "ResponseTooLargeError",
            "SoapFault",
            "TicketExpiredError",
            "TokenValidationError",
            "TransportError",
            "TransportTimeout",
            "UnknownOperationError",
            "UnknownVersionError",
            "UnsupportedOperationError",
            "UsageError",
            "XmlSyntaxError",
        ),
        ".errors",
    ),
    # the client and the login pull in httpx
    **dict.fromkeys(("EMailAgent", "AsyncEMailAgent", "AgentOptions"), "._agent"),
    **dict.fromkeys(
        ("AccessToken", "Credentials", "SystemUser", "Ticket", "UsernamePassword"),
        "._credentials",
    ),
    **dict.fromkeys(("discover", "adiscover"), "._discover"),
    **dict.fromkeys(("from_id_token_claims", "SiteInfo"), "._online"),
    "guard_pools": "._pool_guard",
    "TypedOperation": "._operations",
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


if not TYPE_CHECKING:  # hidden from type checkers, which see the imports above instead

    def __getattr__(name: str) -> Any:
        if name == "__version__":
            # importing importlib.metadata costs about 20 ms, so only when someone asks
            from importlib.metadata import version

            value = version("superoffice_email")
        elif name in _HOMES:
            # __import__, not importlib.import_module: `python -X importtime` shows it
            value = getattr(__import__(_HOMES[name][1:], globals(), None, [name], 1), name)
        else:
            raise AttributeError(f"module 'superoffice_email' has no attribute {name!r}")
        globals()[name] = value  # the next look-up is a plain one
        return value


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
