"""The login services on the wire, sans-I/O: SoPrincipal, PartnerSystemUserService, the JWKS.

No networking code: :func:`soprincipal_call`, :func:`partner_call` and :func:`jwks_call` say
what to send (a :class:`LoginCall`), and :func:`read_soprincipal`, :func:`read_partner` and
:func:`read_jwks` say what the :class:`LoginAnswer` that came back means. The credential
objects drive them over httpx; the fake server reads and writes the same envelopes with
:func:`read_login_message` and :func:`login_envelope`, so the two sides are mirror images.

The client's envelopes go through the core with ``agent="SoPrincipal"`` and
``agent="PartnerSystemUserService"`` (``build_request`` / ``parse_response`` and the generated
models); :func:`login_envelope` and :func:`read_login_message`, small and model-free, are what
the fake server answers and reads with, so the two sides are not the same code.

:func:`is_ticket_refused` is the one place that decides that NetServer refused a ticket.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from lxml import etree

from ._envelope import split_envelope
from ._faults import soap_fault
from ._reader import parse_response
from ._redact import safe_url, scrub_text
from ._schema import load
from ._wire import SOAP, soap_headers
from ._writer import build_request
from ._xml import parse_xml
from .errors import (
    AuthenticationError,
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    SoapFault,
    UsageError,
)

SOPRINCIPAL = "SoPrincipal"
PARTNER = "PartnerSystemUserService"
#: PartnerSystemUserService's own namespace (not NetServer's)
PARTNER_NS = "http://www.superoffice.com/superid/partnersystemuser/0.1"
PARTNER_ACTION = f"{PARTNER_NS}/IPartnerSystemUserService/Authenticate"
#: the versions whose SoPrincipal has ``AuthenticateWithAccessToken`` (the WSDLs: 86 on)
ACCESS_TOKEN_VERSIONS = ("Services86", "Services87", "Services88")

# How NetServer says a ticket is bad. No captured answer is public; its own pipeline throws
# SoSessionException("Failed to validate tokens: ...") and a documented failure reads
# "SoSessionException: Authentication failed!" (netserver-in-use.md, section 1.1).
_REFUSED_TYPES = ("SoSessionException", "SoCredentialsExpiredException")
_REFUSED_TEXTS = ("failed to validate tokens", "authentication failed")


@attrs.frozen
class LoginCall:
    """One HTTP request of a login: what to send, and the secrets it carries (for scrubbing)."""

    what: str  # for messages: "SoPrincipal AuthenticateUsernamePassword"
    method: str
    url: str
    headers: Mapping[str, str]
    content: bytes = attrs.field(default=b"", repr=False)
    secrets: tuple[str, ...] = attrs.field(default=(), repr=False)
    #: the SOAP call's version, operation and agent, to read its answer with the core
    version: str = ""
    operation: str = ""
    agent: str = ""

    def scrub(self, text: str) -> str:
        """``text`` with this call's secrets (and anything shaped like a ticket) redacted."""
        return scrub_text(text, self.secrets, tickets=True)


@attrs.frozen
class LoginAnswer:
    """What came back: status, headers (lower-case names) and body."""

    status: int
    headers: Mapping[str, str]
    body: bytes = attrs.field(repr=False)


# --- envelopes, both ways ------------------------------------------------------------------


def login_envelope(
    namespace: str,
    wrapper: str,
    fields: Sequence[tuple[str, str | None]],
    headers: Sequence[tuple[str, str | None]] = (),
) -> bytes:
    """A SOAP 1.1 envelope: ``headers`` in the Header, ``fields`` in ``wrapper`` in the Body.

    A field name ``"A/B"`` nests ``B`` in ``A``; a None value leaves the element out.
    """
    env = f"{{{SOAP['1.1'].envelope_ns}}}"
    # the service namespace declared once, on the Envelope, as prefix "ns"
    nsmap = {"s": SOAP["1.1"].envelope_ns, "ns": namespace}
    root = etree.Element(f"{env}Envelope", nsmap=nsmap)
    present = [(name, value) for name, value in headers if value is not None]
    if present:
        header = etree.SubElement(root, f"{env}Header")
        for name, text in present:
            etree.SubElement(header, f"{{{namespace}}}{name}").text = text
    body = etree.SubElement(root, f"{env}Body")
    payload = etree.SubElement(body, f"{{{namespace}}}{wrapper}")
    for name, value in fields:
        if value is None:
            continue
        parent: etree._Element = payload
        *outer, last = name.split("/")
        for step in outer:
            tag = f"{{{namespace}}}{step}"
            found = parent.find(tag)
            parent = found if found is not None else etree.SubElement(parent, tag)
        etree.SubElement(parent, f"{{{namespace}}}{last}").text = value
    return etree.tostring(root, encoding="utf-8", xml_declaration=False)


@attrs.frozen
class LoginMessage:
    """An envelope read back: the Body's wrapper, its texts by path, the headers' texts."""

    wrapper: str
    fields: Mapping[str, str] = attrs.field(repr=False)
    headers: Mapping[str, str] = attrs.field(repr=False)
    exception_info: etree._Element | None = None


def _texts(element: etree._Element, prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        path = prefix + etree.QName(child).localname
        if len(child):
            found.update(_texts(child, path + "/"))
        else:
            found[path] = (child.text or "").strip()
    return found


def read_login_message(body: bytes) -> LoginMessage:
    """Read a login envelope (SOAP 1.1 or 1.2, any prefixes); a Fault is a :class:`SoapFault`."""
    parts = split_envelope(parse_xml(body))
    payload = parts.payload
    if payload is None:
        raise ProtocolError("the envelope's Body is empty")
    name = etree.QName(payload)
    if name.namespace == parts.soap.envelope_ns and name.localname == "Fault":
        raise soap_fault(payload, parts.soap.envelope_ns)
    headers: dict[str, str] = {}
    info = None
    for element in parts.headers:
        local = etree.QName(element).localname
        if local == "ExceptionInfo":
            info = element
        elif local == "Credentials":
            headers.update(_texts(element, "Credentials/"))
        else:
            headers[local] = (element.text or "").strip()
    return LoginMessage(name.localname, _texts(payload), headers, info)


# --- SoPrincipal ---------------------------------------------------------------------------


def soprincipal_url(base_url: str, version: str) -> str:
    """``…/Remote/ServicesNN/SoPrincipal.svc`` from the NetServer base ``…/Remote/``."""
    return f"{base_url.rstrip('/')}/{version}/SoPrincipal.svc"


def soprincipal_call(
    base_url: str,
    version: str,
    operation: str,
    fields: Mapping[str, str],
    *,
    application_token: str | None = None,
) -> LoginCall:
    """A SoPrincipal ``Authenticate…`` call of ``version`` (SOAP 1.1, as the WSDL binds it);
    ``fields`` are the request's (``user_name=``, ``password=``; ``access_token=``)."""
    content = build_request(
        version,
        operation,
        agent=SOPRINCIPAL,
        application_token=application_token,
        layout="wire",
        soap="1.1",
        **fields,
    )
    return LoginCall(
        what=f"SoPrincipal {operation}",
        method="POST",
        url=soprincipal_url(base_url, version),
        headers=soap_headers("1.1", load(version, SOPRINCIPAL).operation_plan(operation).action),
        content=content,
        secrets=tuple(v for v in [*fields.values(), application_token] if v),
        version=version,
        operation=operation,
        agent=SOPRINCIPAL,
    )


def read_soprincipal(call: LoginCall, answer: LoginAnswer) -> str:
    """The ticket a SoPrincipal ``Authenticate…`` answer carries.

    A refused login (``AuthenticationSucceeded`` false) is an :class:`AuthenticationError`;
    a failed call a :class:`NetServerError`; neither quotes the call's secrets.
    """
    value = _read_value(call, answer)
    if not value.authentication_succeeded:
        raise AuthenticationError(
            f"{call.what}: the login was refused (AuthenticationSucceeded false)"
        )
    ticket = value.credentials.ticket if value.credentials is not None else None
    if not ticket:
        raise ProtocolError(f"{call.what}: the login succeeded but the answer has no ticket")
    return str(ticket)


# --- PartnerSystemUserService ------------------------------------------------------------


def partner_call(
    url: str, signed_token: str, *, application_token: str, context_identifier: str
) -> LoginCall:
    """PartnerSystemUserService ``Authenticate``, asking for a JWT."""
    token_type: Any = load("", PARTNER).types["TokenType"]
    content = build_request(
        "",
        "Authenticate",
        agent=PARTNER,
        signed_system_token=signed_token,
        return_token_type=token_type.JWT,
        application_token=application_token,
        context_identifier=context_identifier,
        layout="wire",
        soap="1.1",
    )
    return LoginCall(
        what="PartnerSystemUserService Authenticate",
        method="POST",
        url=url,
        headers=soap_headers("1.1", load("", PARTNER).operation_plan("Authenticate").action),
        content=content,
        secrets=(signed_token, signed_token.split(".")[0], application_token),
        version="",
        operation="Authenticate",
        agent=PARTNER,
    )


def read_partner(call: LoginCall, answer: LoginAnswer) -> str:
    """The signed token (a JWT, not yet checked) of a PartnerSystemUserService answer."""
    value = _read_value(call, answer)
    if not value.is_successful:
        why = call.scrub(value.error_message or "no reason given")
        raise AuthenticationError(f"{call.what}: the system user login was refused: {why}")
    if not value.token:
        raise ProtocolError(f"{call.what}: the login succeeded but the answer has no token")
    return str(value.token)


# --- JWKS ----------------------------------------------------------------------------------


def jwks_call(url: str) -> LoginCall:
    return LoginCall("JWKS", "GET", url, {"Accept": "application/json"})


def read_jwks(call: LoginCall, answer: LoginAnswer) -> dict[str, Any]:
    if answer.status != 200:
        raise HTTPStatusError(answer.status, f"{call.what} at {safe_url(call.url)}")
    try:
        jwks = json.loads(answer.body)
    except ValueError:
        jwks = None
    if not isinstance(jwks, dict) or not isinstance(jwks.get("keys"), list):
        raise ProtocolError(f"{call.what}: {safe_url(call.url)} did not answer a JSON Web Key Set")
    return jwks


# --- shared --------------------------------------------------------------------------------


def _read_value(call: LoginCall, answer: LoginAnswer) -> Any:
    """The typed ``Response`` of a login call's answer, or the error it means (scrubbed)."""
    media = answer.headers.get("content-type", "").partition(";")[0].strip().lower()
    ok = 200 <= answer.status < 300
    if ok or media.endswith("xml"):
        failure: Exception | None = None
        try:
            result = parse_response(call.version, call.operation, answer.body, agent=call.agent)
            result.raise_for_error()
            return result.value
        except SoapFault as fault:
            failure = SoapFault(call.scrub(fault.code), call.scrub(fault.reason), None)
        except NetServerError as error:
            failure = error.map_text(call.scrub)
        except ProtocolError:
            if ok:
                failure = ProtocolError(
                    f"{call.what}: {safe_url(call.url)} did not answer the expected envelope"
                )
        if failure is not None:
            raise failure  # outside the handler: no chain to the unscrubbed original
    raise HTTPStatusError(answer.status, f"{call.what} at {safe_url(call.url)}")


def is_ticket_refused(error: BaseException) -> bool:
    """Whether a failed call means that NetServer refused the ticket (invalid or expired).

    Our rule, as no captured answer is public: a :class:`NetServerError` whose
    ``ExceptionType`` is (or ends in) ``SoSessionException`` or
    ``SoCredentialsExpiredException``, or whose message starts "Failed to validate tokens" or
    "Authentication failed"; a :class:`SoapFault` whose reason starts with those texts (a
    NetServer with ``WrapExceptions`` off answers with WCF faults).
    """
    if isinstance(error, NetServerError):
        kind = (error.exception_type or "").rpartition(".")[2]
        text = error.message
    elif isinstance(error, SoapFault):
        kind, text = "", error.reason
    else:
        return False
    return kind in _REFUSED_TYPES or text.strip().lower().startswith(_REFUSED_TEXTS)


def check_access_token_version(version: str) -> None:
    if version not in ACCESS_TOKEN_VERSIONS:
        raise UsageError(
            f"AccessToken: {version}'s SoPrincipal has no AuthenticateWithAccessToken; "
            f"it needs {', '.join(ACCESS_TOKEN_VERSIONS)}"
        )
