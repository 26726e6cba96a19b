"""Redaction, one home: which values are secrets, and the marker that replaces them.

The rule is by element (and field) name, with any prefix: ``Ticket``, ``Password``, any
``…Token`` and anything with ``Secret`` in it. The generator keeps such fields out of the
models' ``repr``; the agents, the logs and the testing kit replace their text with
:data:`REDACTED`. Scrubbing text (:func:`scrub_text`), URLs (:func:`safe_url`) and errors
(:func:`scrub_error`) is done here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import urlsplit, urlunsplit

from .errors import Error, NetServerError, SoapFault

E = TypeVar("E", bound=Error)

#: what a secret is replaced with, everywhere
REDACTED = "***"

#: XML local names (and .NET property names) whose value is a credential
SECRET_NAME = r"(?:Ticket|Password|[\w.-]*Token|[\w.-]*Secret[\w.-]*)"
_SECRET_NAME = re.compile(rf"^{SECRET_NAME}$")


def is_secret_name(name: str) -> bool:
    """Whether an element or field of this XML name holds a credential."""
    return bool(_SECRET_NAME.match(name))


# An element whose text is a credential, with any prefix. Its text runs to the next tag (or
# the end of a truncated body), CDATA included: group 1 is the start tag, group 2 the text.
# The start tag stops at the next "<": a page of unclosed "<Token " costs linear time.
SECRET_ELEMENT = re.compile(
    rf"(<(?:[\w.-]+:)?{SECRET_NAME}(?=[\s/>])[^<>]*(?<!/)>)"
    r"((?:<!\[CDATA\[.*?(?:\]\]>|$)|[^<])*)",
    re.DOTALL,
)
#: a NetServer ticket written anywhere in a text (``7T:…``, ``8A:…``)
TICKET_TEXT = re.compile(r"\b\d+[A-Z]:[A-Za-z0-9+/=._-]+")


def scrub_secret_elements(text: str) -> str:
    """``text`` (XML, perhaps truncated) with the text of every secret element redacted."""
    return SECRET_ELEMENT.sub(_redact_element, text)


def _redact_element(match: re.Match[str]) -> str:
    return match.group(1) + (REDACTED if match.group(2) else "")


#: HTTP headers whose values are credentials (recorded or logged as :data:`REDACTED`)
SECRET_HTTP_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})
MIN_SECRET_CHARS = 4  # shorter literal values would shred the text and hide nothing useful


def scrub_text(text: str, secrets: Iterable[str | None] = (), *, tickets: bool = False) -> str:
    """``text`` with every secret element's text, every given value (and, with ``tickets``,
    anything shaped like a NetServer ticket) replaced by :data:`REDACTED`."""
    text = scrub_secret_elements(text)
    # longest first: a secret containing another is replaced whole
    for secret in sorted({s for s in secrets if s}, key=lambda s: (-len(s), s)):
        if len(secret.strip()) >= MIN_SECRET_CHARS:
            text = text.replace(secret, REDACTED)
    return TICKET_TEXT.sub(REDACTED, text) if tickets else text


def safe_url(url: str) -> str:
    """The URL without any user name or password in it, for reprs and messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparsable URL)"
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{REDACTED}@{host}"))


def scrub_error(error: E, scrub: Callable[[str], str]) -> E:
    """The same server error (fault or NetServer failure) with ``scrub`` applied to its text."""
    if isinstance(error, NetServerError):
        return error.map_text(scrub)  # type: ignore[return-value]
    if isinstance(error, SoapFault):
        detail = scrub(error.detail) if error.detail is not None else None
        return SoapFault(scrub(error.code), scrub(error.reason), detail)  # type: ignore[return-value]
    return error
