"""The login services on the wire, sans-I/O: SoPrincipal, PartnerSystemUserService, the JWKS.

No networking code: :func:`soprincipal_call`, :func:`partner_call` and :func:`jwks_call` say
what to send (a :class:`LoginCall`), and :func:`read_soprincipal`, :func:`read_partner` and
:func:`read_jwks` say what the :class:`LoginAnswer` that came back means. The credential
objects drive them over httpx; the fake server reads and writes the same envelopes with
:func:`read_login_message` and :func:`login_envelope`, so the two sides are mirror images.

The login envelopes are written here rather than through the generated models: they have
two or three string fields each, and PartnerSystemUserService has a namespace and headers
of its own. (When the core takes ``agent="SoPrincipal"``, SoPrincipal can move to it.)

:func:`is_ticket_refused` is the one place that decides that NetServer refused a ticket.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from lxml import etree

from ._faults import soap_fault
from ._reader import parse_xml, split_envelope
from ._redact import safe_url, scrub_text
from ._wire import SOAP, content_type, service_namespace
from .errors import (
    AuthenticationError,
    HTTPStatusError,
    NetServerError,
    ProtocolError,
    SoapFault,
    UsageError,
)

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


def _netserver_error(info: etree._Element | None) -> NetServerError:
    if info is None:
        return NetServerError("NetServer reported Succeeded=false without ExceptionInfo")
    texts = _texts(info)
    return NetServerError(
        texts.get("Message") or "(no message)",
        exception_type=texts.get("ExceptionType") or None,
        friendly_text=texts.get("FriendlyText") or None,
        source=texts.get("Source") or None,
        stack_trace=texts.get("StackTrace") or None,
    )


# --- SoPrincipal ---------------------------------------------------------------------------


def soprincipal_url(base_url: str, version: str) -> str:
    """``…/Remote/ServicesNN/SoPrincipal.svc`` from the NetServer base ``…/Remote/``."""
    return f"{base_url.rstrip('/')}/{version}/SoPrincipal.svc"


def soprincipal_call(
    base_url: str,
    version: str,
    operation: str,
    fields: Sequence[tuple[str, str]],
    *,
    application_token: str | None = None,
) -> LoginCall:
    """A SoPrincipal ``Authenticate…`` call of ``version`` (SOAP 1.1, as the WSDL binds it)."""
    namespace = service_namespace(version)
    content = login_envelope(
        namespace, operation, fields, [("ApplicationToken", application_token)]
    )
    action = f"{namespace}/SoPrincipal/{operation}"
    return LoginCall(
        what=f"SoPrincipal {operation}",
        method="POST",
        url=soprincipal_url(base_url, version),
        headers={"Content-Type": content_type("1.1"), "SOAPAction": f'"{action}"'},
        content=content,
        secrets=tuple(v for _, v in [*fields, ("", application_token)] if v),
    )


def read_soprincipal(call: LoginCall, answer: LoginAnswer) -> str:
    """The ticket a SoPrincipal ``Authenticate…`` answer carries.

    A refused login (``AuthenticationSucceeded`` false) is an :class:`AuthenticationError`;
    a failed call a :class:`NetServerError`; neither quotes the call's secrets.
    """
    message = _read_envelope(call, answer)
    if message.headers.get("Succeeded", "true").lower() not in ("true", "1"):
        raise _netserver_error(message.exception_info).map_text(call.scrub)
    succeeded = message.fields.get("AuthenticationSucceeded", "false").lower() in ("true", "1")
    ticket = message.fields.get("Credentials/Ticket", "")
    if not succeeded:
        raise AuthenticationError(
            f"{call.what}: the login was refused (AuthenticationSucceeded false)"
        )
    if not ticket:
        raise ProtocolError(f"{call.what}: the login succeeded but the answer has no ticket")
    return ticket


# --- PartnerSystemUserService ------------------------------------------------------------


def partner_call(
    url: str, signed_token: str, *, application_token: str, context_identifier: str
) -> LoginCall:
    """PartnerSystemUserService ``Authenticate``, asking for a JWT."""
    content = login_envelope(
        PARTNER_NS,
        "AuthenticationRequest",
        [("SignedSystemToken", signed_token), ("ReturnTokenType", "Jwt")],
        [("ApplicationToken", application_token), ("ContextIdentifier", context_identifier)],
    )
    return LoginCall(
        what="PartnerSystemUserService Authenticate",
        method="POST",
        url=url,
        headers={"Content-Type": content_type("1.1"), "SOAPAction": f'"{PARTNER_ACTION}"'},
        content=content,
        secrets=(signed_token, signed_token.split(".")[0], application_token),
    )


def read_partner(call: LoginCall, answer: LoginAnswer) -> str:
    """The signed token (a JWT, not yet checked) of a PartnerSystemUserService answer."""
    message = _read_envelope(call, answer)
    fields = message.fields
    if fields.get("IsSuccessful", "false").lower() not in ("true", "1"):
        why = call.scrub(fields.get("ErrorMessage") or "no reason given")
        raise AuthenticationError(f"{call.what}: the system user login was refused: {why}")
    token = fields.get("Token", "")
    if not token:
        raise ProtocolError(f"{call.what}: the login succeeded but the answer has no token")
    return token


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


def _read_envelope(call: LoginCall, answer: LoginAnswer) -> LoginMessage:
    media = answer.headers.get("content-type", "").partition(";")[0].strip().lower()
    is_xml = media.endswith("xml")
    try:
        if 200 <= answer.status < 300 or is_xml:
            return read_login_message(answer.body)
    except SoapFault as fault:
        raise SoapFault(call.scrub(fault.code), call.scrub(fault.reason), None) from None
    except ProtocolError:
        if 200 <= answer.status < 300:
            raise ProtocolError(
                f"{call.what}: {safe_url(call.url)} did not answer a SOAP envelope"
            ) from None
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
