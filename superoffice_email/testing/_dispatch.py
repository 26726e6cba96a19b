"""What the fake server runs for a request: the tables other modules register into.

The HTTP side (a socket server, or an in-process httpx transport) hands every request to
:func:`route` as an :class:`HttpRequest` and sends back the :class:`Reply` it gets. Routing
goes through three open tables, so a new agent, a login endpoint or a stateful fake plugs in
with one registration call and no edit here:

- :data:`SERVICES`: agent name (``EMail``, ``SoPrincipal``) to a :data:`Service`, which
  answers ``POST /<tenant>/Remote/ServicesNN/<Agent>.svc``;
- :data:`PATHS`: an exact path outside the tenant's agents (``/Login/Services/...``) to an
  :data:`Endpoint`; ``{tenant}`` and ``{version}`` in it stand for the server's tenant and
  a service version (``/{tenant}/api``, ``/{tenant}/Remote/{version}/EMail.svc`` for what
  is not a POST, such as ``?wsdl``);
- :data:`DEFAULT_ANSWERS`: ``(agent, operation)`` to an :data:`OperationHandler` that
  answers when a test configured nothing (the documented example otherwise). Each server
  also has its own table of the same kind, :meth:`FakeNetServer.handle`, that wins over it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from .. import VERSIONS
from ..errors import UsageError

if TYPE_CHECKING:
    from .._reader import ParsedRequest
    from ._server import FakeNetServer

__all__ = [
    "DEFAULT_ANSWERS",
    "DROP",
    "PATHS",
    "SERVICES",
    "Call",
    "Drip",
    "Endpoint",
    "HttpRequest",
    "OperationHandler",
    "RecordedRequest",
    "Reply",
    "Service",
    "register_default",
    "register_path",
    "register_service",
    "route",
    "split_target",
    "text_reply",
]


@attrs.frozen
class HttpRequest:
    """One HTTP request, as the protocol side sees it, whatever carried it."""

    method: str
    #: the path in origin form (an absolute-form target is reduced to its path), no query
    path: str
    query: str = ""
    #: header names in lower case
    headers: Mapping[str, str] = attrs.field(factory=dict)
    body: bytes = attrs.field(default=b"", repr=False)


@attrs.frozen
class Drip:
    """Send a body ``chunk`` bytes at a time, ``interval`` seconds apart (``headers``: the
    status line and headers too)."""

    chunk: int
    interval: float
    headers: bool = False


@attrs.frozen
class Reply:
    """The bytes to send: status, body, headers; ``reset``: cut the body and reset."""

    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    reset: bool = False
    drip: Drip | None = None


#: close the connection without answering
DROP = Reply(0)


@attrs.frozen
class RecordedRequest:
    """One request the server received on an endpoint, whether it accepted it or not.

    ``headers`` are the HTTP headers (lower-case names); ``error`` is why the server refused
    the request (a fault, a 415, a wrong ticket), None when it answered normally. ``params``
    is the typed request object, None when the body could not be read. The ticket, the
    application token and the raw body stay out of ``repr``.
    """

    version: str
    operation: str | None
    params: Any
    soap_version: str
    headers: Mapping[str, str]
    time_zone: Any = None
    error: str | None = None
    application_token: str | None = attrs.field(default=None, repr=False)
    ticket: str | None = attrs.field(default=None, repr=False)
    body: bytes = attrs.field(default=b"", repr=False)
    agent: str = "EMail"


@attrs.frozen
class Call:
    """One accepted call of an operation, as an :data:`OperationHandler` gets it."""

    server: FakeNetServer
    version: str
    agent: str
    operation: str
    request: ParsedRequest
    headers: Mapping[str, str]


#: answers the requests to one agent's endpoint: (server, version, request) -> reply
Service: TypeAlias = Callable[["FakeNetServer", str, HttpRequest], Reply]
#: answers the requests to one exact path: (server, request) -> reply
Endpoint: TypeAlias = Callable[["FakeNetServer", HttpRequest], Reply]
#: the typed ``Response`` value of one call; may raise ``NetServerError`` or ``SoapFault``
OperationHandler: TypeAlias = Callable[[Call], Any]

SERVICES: dict[str, Service] = {}
PATHS: dict[str, Endpoint] = {}
DEFAULT_ANSWERS: dict[tuple[str, str], OperationHandler] = {}


def register_service(agent: str, service: Service) -> None:
    """Serve ``/<tenant>/Remote/ServicesNN/<agent>.svc`` with ``service``."""
    if not agent.isidentifier():
        raise UsageError(f"agent must be a name such as 'EMail', not {agent!r}")
    SERVICES[agent] = service


def register_path(path: str, endpoint: Endpoint) -> None:
    """Serve the exact ``path`` (``/Login/Services/PartnerSystemUserService.svc``), or every
    path it stands for with ``{tenant}`` and ``{version}`` (``/{tenant}/api``)."""
    if not path.startswith("/"):
        raise UsageError(f"path must start with '/', not {path!r}")
    PATHS[path] = endpoint


def register_default(agent: str, operation: str, handler: OperationHandler) -> None:
    """Answer ``operation`` of ``agent`` with ``handler`` when a test configured nothing."""
    DEFAULT_ANSWERS[agent, operation] = handler


def text_reply(status: int, text: str, *headers: tuple[str, str]) -> Reply:
    return Reply(status, text.encode("utf-8"), "text/plain; charset=utf-8", headers)


def route(server: FakeNetServer, request: HttpRequest) -> Reply:
    """The reply to one request: by agent endpoint, path, or a 404."""
    found = _agent_endpoint(server.tenant, request.path)
    if found is not None and request.method == "POST":
        version, agent = found
        return SERVICES[agent](server, version, request)
    endpoint = PATHS.get(request.path) or PATHS.get(_template(server.tenant, request.path))
    if endpoint is not None:
        return endpoint(server, request)
    if found is not None:
        return text_reply(405, "use POST\n", ("Allow", "POST"))
    agents = "|".join(sorted(SERVICES))
    return text_reply(
        404,
        f"nothing at {request.path!r}: the endpoints are /{server.tenant}/Remote/ServicesNN/"
        f"{{{agents}}}.svc for {', '.join(VERSIONS)}\n",
    )


def _template(tenant: str, path: str) -> str:
    """``path`` with its tenant and service version as ``{tenant}`` and ``{version}``."""
    head, sep, rest = path.partition(f"/{tenant}/")
    if head or not sep:
        return path
    if rest.startswith("Remote/"):
        version, slash, tail = rest[len("Remote/") :].partition("/")
        if version in VERSIONS:
            return f"/{{tenant}}/Remote/{{version}}{slash}{tail}"
    return f"/{{tenant}}/{rest}"


def _agent_endpoint(tenant: str, path: str) -> tuple[str, str] | None:
    """``(version, agent)`` for ``/<tenant>/Remote/ServicesNN/<Agent>.svc``, else None."""
    prefix, _, rest = path.partition(f"/{tenant}/Remote/")
    version, _, tail = rest.partition("/")
    agent, dot, extension = tail.partition(".")
    if prefix or version not in VERSIONS or (dot, extension) != (".", "svc"):
        return None
    return (version, agent) if agent in SERVICES else None


def split_target(target: str) -> tuple[str, str]:
    """``(path, query)`` of a request target in origin form (``/t/Remote/...``) or absolute
    form (``http://host:port/t/Remote/...``, which HTTP/1.1 servers must accept: RFC 9112
    3.2.2; NuSOAP and clients behind a proxy write it)."""
    scheme, sep, rest = target.partition("://")
    if sep and scheme.lower() in ("http", "https") and "/" not in scheme:
        end = min((i for i in (rest.find("/"), rest.find("?")) if i >= 0), default=len(rest))
        target = rest[end:] if rest[end:].startswith("/") else "/" + rest[end:]
    path, _, query = target.partition("?")
    return path, query
