"""Every exception the library raises, in one hierarchy rooted at :class:`Error`.

Who was wrong is in the type::

    Error
    ├── UsageError (also ValueError)    the caller's arguments or values
    │   ├── UnknownVersionError (also LookupError)    no models for that version
    │   ├── UnknownOperationError (also LookupError)  the version has no such operation
    │   ├── BuildError                   a value cannot be written; names the element path
    │   ├── PrivateKeyError              an application key that cannot be used (never its numbers)
    │   └── MissingExtraError (also ImportError)  an optional extra is not installed
    ├── ProtocolError                    what the peer sent is not the expected envelope
    │   ├── XmlSyntaxError               not well-formed XML
    │   ├── ForbiddenXmlError            a DTD or entity declaration
    │   └── DecodeError                  text that does not fit its XSD type
    ├── SoapFault                        the server answered with a SOAP Fault
    │   └── UnsupportedOperationError (also HTTPStatusError)  the server lacks the operation
    ├── NetServerError                   NetServer said Succeeded=false (ExceptionInfo chain)
    ├── HTTPStatusError                  a non-success HTTP status without a fault (.headers,
    │                                    .retry_after)
    ├── TransportError                   the exchange did not complete (reset connection...)
    │   ├── TransportTimeout (also TimeoutError)  a wait or the call's deadline ran out
    │   ├── ConnectError                 no connection: refused, unresolvable, TLS failed
    │   │   └── ConnectTimeout (also TransportTimeout)  connecting took too long
    │   └── ResponseTooLargeError        the answer is over max_response_bytes
    ├── AuthenticationError              a login was refused or its token cannot be trusted
    │   ├── TokenValidationError         a signed token failed validation (the reason only)
    │   └── TicketExpiredError (also NetServerError)  NetServer refused the ticket
    └── MailboxError                     a mailbox file operation failed

No message ever contains a ticket, an application token or a password.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any


class Error(Exception):
    """Base of every exception raised by ``superoffice_email``."""


class UsageError(Error, ValueError):
    """The caller asked for something that cannot be done (unknown version, bad value...)."""


class UnknownVersionError(UsageError, LookupError):
    """No models for this service version."""


class UnknownOperationError(UsageError, LookupError):
    """The service version has no such operation."""


def short_path(parts: Sequence[str]) -> str:
    """An element path for a message; a very deep one keeps its ends and says what it left out."""
    if len(parts) <= 16:
        return "/".join(parts)
    return "/".join([*parts[:6], f"...({len(parts) - 14} more)...", *parts[-8:]])


def shown(value: object) -> str:
    """``repr(value)`` for a message about a wrong argument, shortened, and never failing:
    ``repr`` of an int over 4,300 digits raises, so such an int is named by its size."""
    if isinstance(value, int) and value.bit_length() > 1000:
        return f"an int of {value.bit_length()} bits"
    try:
        text = repr(value)
    except ValueError:  # such an int inside a container
        return f"a {type(value).__name__}"
    return text if len(text) <= 80 else f"{text[:80]}... ({len(text)} characters)"


class BuildError(UsageError):
    """A value cannot be written: wrong Python type, out of range, or forbidden by the schema.

    ``path`` names the element, from the operation down (``RefreshFolder/ConnectionInfo/UseSSL``).
    """

    def __init__(self, reason: str, path: Sequence[str] = ()) -> None:
        self.reason = reason
        self.path = list(path)
        super().__init__(reason)

    def __str__(self) -> str:
        where = short_path(self.path)
        return f"{where}: {self.reason}" if where else self.reason


class ProtocolError(Error):
    """What the peer sent is not the envelope expected here.

    ``path`` is the element path where it went wrong, when there is one.
    """

    def __init__(self, reason: str, path: str | None = None) -> None:
        self.reason = reason
        self.path = path
        super().__init__(f"{path}: {reason}" if path else reason)


class XmlSyntaxError(ProtocolError):
    """The body is not well-formed XML."""


class ForbiddenXmlError(ProtocolError):
    """The document uses a DTD or entities, which the parser never resolves."""


class DecodeError(ProtocolError):
    """Element text that does not fit its XSD type, or an element where it cannot be."""


class SoapFault(Error):
    """A SOAP 1.1 or 1.2 Fault.

    ``code`` is the fault code (``soap:Server``, ``s:Receiver``...), ``reason`` the text,
    ``detail`` the detail element's text content, if any.
    """

    def __init__(self, code: str, reason: str, detail: str | None = None) -> None:
        self.code = code
        self.reason = reason
        self.detail = detail
        super().__init__(f"SOAP fault {code}: {reason}")


class NetServerError(Error):
    """The call reached NetServer and failed: ``Succeeded`` false and an ``ExceptionInfo``.

    The stack trace is kept in ``stack_trace`` and left out of the message. ``operation`` is
    the operation that failed, when an agent made the call (None when parsed from bytes).
    """

    operation: str | None = None

    def __init__(
        self,
        message: str,
        *,
        exception_type: str | None = None,
        friendly_text: str | None = None,
        source: str | None = None,
        stack_trace: str | None = None,
        parameters: Mapping[str, object] | None = None,
        inner: NetServerError | None = None,
    ) -> None:
        self.message = message
        self.exception_type = exception_type
        self.friendly_text = friendly_text
        self.source = source
        self.stack_trace = stack_trace
        self.parameters = dict(parameters or {})
        self.inner = inner
        text = f"{exception_type}: {message}" if exception_type else message
        super().__init__(text)

    def map_text(self, change: Callable[[str], str]) -> NetServerError:
        """The same error with ``change`` applied to each of its texts, inner errors too."""

        def text(value: Any) -> Any:
            return change(value) if isinstance(value, str) else value

        changed = NetServerError(
            change(self.message),
            **{name: text(getattr(self, name)) for name in DETAIL_FIELDS},
            parameters={key: text(value) for key, value in self.parameters.items()},
            inner=self.inner.map_text(change) if self.inner is not None else None,
        )
        changed.operation = self.operation
        return changed


#: the texts a NetServerError carries besides its message, named as in ``SoExceptionInfo``
DETAIL_FIELDS = ("exception_type", "friendly_text", "source", "stack_trace")


class HTTPStatusError(Error):
    """A non-success HTTP status that carried no SOAP fault.

    ``headers`` are the answer's headers (names in lower case; cookies and credentials left
    out, values scrubbed of the call's secrets); ``retry_after`` is the wait in seconds its
    ``Retry-After`` asks for (a delay or an HTTP date, never negative), or None.
    """

    def __init__(
        self,
        status_code: int,
        excerpt: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status_code = status_code
        self.excerpt = excerpt
        self.headers: dict[str, str] = dict(headers or {})
        self.retry_after = retry_after_seconds(self.headers.get("retry-after"))
        super().__init__(f"HTTP {status_code}: {excerpt}")


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (RFC 9110 10.2.3): delay-seconds or an
    HTTP-date (``now``: the time to count from, ``time.time()`` by default); None if absent
    or unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(min(int(value[:12]), 10**9))  # a huge delay is "not soon", not an error
    import email.utils  # here: it pulls in socket and calendar (8 ms), and dates are rare

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:  # RFC 9110: HTTP dates are UTC; "-0000" parses as naive
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class TransportError(Error):
    """The exchange did not complete: timeout, refused or reset connection, too large a body.

    ``maybe_sent`` is False only when the request certainly never left (no connection, no
    free pooled connection): such a call can be repeated whatever the operation does.
    """

    def __init__(self, message: str, *, maybe_sent: bool = True) -> None:
        self.maybe_sent = maybe_sent
        super().__init__(message)


class TransportTimeout(TransportError, TimeoutError):
    """A wait ran out (pool, connect, read, write) or the call's ``deadline`` passed."""


class ConnectError(TransportError):
    """No connection could be made: refused, unresolvable host, failed TLS handshake."""

    def __init__(self, message: str, *, maybe_sent: bool = False) -> None:
        super().__init__(message, maybe_sent=maybe_sent)


class ConnectTimeout(ConnectError, TransportTimeout):
    """Connecting took longer than the connect timeout (or the deadline)."""


class ResponseTooLargeError(TransportError):
    """The answer is larger than ``max_response_bytes``; reading it stopped."""


class MissingExtraError(UsageError, ImportError):
    """An optional dependency is not installed; the message names the extra that brings it."""


class PrivateKeyError(UsageError):
    """A private key cannot be read: not PEM nor RSA XML, not RSA, a missing or bad element.

    The message names what is wrong and never quotes key material.
    """


class AuthenticationError(Error):
    """Logging in failed, or a credential was refused."""


class TokenValidationError(AuthenticationError):
    """A signed token (a system user JWT) was refused: ``reason`` says why (bad signature,
    wrong issuer, expired, no ticket claim...). Never carries the token's text."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(f"token refused: {reason}")


class TicketExpiredError(AuthenticationError, NetServerError):
    """NetServer refused the call's ticket (invalid or expired), and the agent could not log
    in again: its credentials cannot (a plain ticket), or the new ticket was refused too.
    Carries NetServer's ``ExceptionInfo`` like any :class:`NetServerError`."""


__all__ = [
    "AuthenticationError",
    "BuildError",
    "ConnectError",
    "ConnectTimeout",
    "DecodeError",
    "Error",
    "ForbiddenXmlError",
    "HTTPStatusError",
    "MissingExtraError",
    "NetServerError",
    "PrivateKeyError",
    "ProtocolError",
    "ResponseTooLargeError",
    "SoapFault",
    "TicketExpiredError",
    "TokenValidationError",
    "TransportError",
    "TransportTimeout",
    "UnknownOperationError",
    "UnknownVersionError",
    "UsageError",
    "XmlSyntaxError",
]


class MailboxError(Error):
    """A mailbox file operation failed: a directory that cannot be written, a sync state that
    belongs to another account or folder, a journal that is not ours.

    The message names the directory, the file name and, for a sync, the account, folder and
    mail id; never a password.
    """


__all__ += ["MailboxError"]


class UnsupportedOperationError(SoapFault, HTTPStatusError):
    """The server does not have the operation: an older NetServer than the models.

    WCF answers an action it does not know with a SOAP fault whose code is
    ``ActionNotSupported`` ("ContractFilter mismatch at the EndpointDispatcher"), or a site
    answers HTTP 404 or 500 naming the action. The error is both a :class:`SoapFault` and an
    :class:`HTTPStatusError`, so code that catches either of those, as it did before this
    class existed, still catches it: ``code``, ``reason`` and ``detail`` hold the fault (empty
    for the HTTP form), ``status_code`` and ``excerpt`` the HTTP answer. ``operation``,
    ``version`` and ``agent`` name what was called, and ``since`` the first edition of the
    documentation whose WSDL has it (``"2026-07"``; ``""`` where unknown).
    """

    def __init__(
        self,
        operation: str,
        *,
        version: str,
        agent: str = "EMail",
        since: str = "",
        status_code: int,
        code: str = "",
        reason: str = "",
        detail: str | None = None,
        excerpt: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.operation = operation
        self.version = version
        self.agent = agent
        self.since = since
        self.code, self.reason, self.detail = code, reason, detail
        self.status_code, self.excerpt = status_code, excerpt
        self.headers: dict[str, str] = dict(headers or {})
        self.retry_after = retry_after_seconds(self.headers.get("retry-after"))
        what = " ".join(p for p in (version, agent, operation) if p)
        when = f"; first in the {since} edition of {version or agent}" if since else ""
        answer = f"SOAP fault {code}" if code else f"HTTP {status_code}"
        Error.__init__(self, f"the server does not have {what} ({answer}){when}")


__all__ += ["UnsupportedOperationError"]
