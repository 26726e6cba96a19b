"""Redaction, one home: which values are secrets, and the marker that replaces them.

The rule is by element (and field) name, with any prefix: ``Ticket``, ``Password``, any
``…Token`` and anything with ``Secret`` in it. The generator keeps such fields out of the
models' ``repr``; the agents, the logs and the testing kit replace their text with
:data:`REDACTED`. Scrubbing text (:func:`scrub_text`, which also finds a known secret in its
escaped and encoded forms), decoding bodies for it (:func:`decode_body`), URLs
(:func:`safe_url`), errors (:func:`scrub_error`), refused values (:func:`refused_value`) and
third-party loggers' records while a call runs (:func:`scrubbing_logs`) is done here and
nowhere else.
"""

from __future__ import annotations

import base64
import codecs
import contextvars
import functools
import logging
import re
from collections.abc import Callable, Iterable
from typing import TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from .errors import Error, NetServerError, ProtocolError, SoapFault

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
_MIN_BASE64_CHARS = 8  # a shorter base64 core matches by chance in any long base64 text


def scrub_text(text: str, secrets: Iterable[str | None] = (), *, tickets: bool = False) -> str:
    """``text`` with every secret element's text, every given value (and, with ``tickets``,
    anything shaped like a NetServer ticket) replaced by :data:`REDACTED`.

    A value is found in every form a message or a log can carry it in (see
    :func:`_secret_pattern`), not only as written.
    """
    text = scrub_secret_elements(text)
    values = frozenset(s for s in secrets if s and len(s.strip()) >= MIN_SECRET_CHARS)
    if values:
        text = _secret_pattern(values).sub(REDACTED, text)
    return TICKET_TEXT.sub(REDACTED, text) if tickets else text


# How one character of a secret can be written besides itself. The forms are those that
# the places a secret travels through produce: XML (entities, character references, so an
# answer echoing a password escaped), URLs (percent-encoding, ``+`` for a space), Python's
# and JSON's string escapes (``repr`` in a message, a JSON log). Each character may take any
# form, as escapers escape some characters and not others.
_NAMED_ENTITIES = {"&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos"}
_SHORT_ESCAPES = {
    "\\": "\\\\",
    "'": "\\'",
    '"': '\\"',
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "/": "\\/",
}


def _char_forms(char: str) -> str:
    code = ord(char)
    forms = [re.escape(char), f"&#0*{code};", f"&#[xX]0*(?i:{code:x});"]
    if char in _NAMED_ENTITIES:
        forms.append(f"&{_NAMED_ENTITIES[char]};")
    forms.append("".join(f"%(?i:{byte:02x})" for byte in char.encode("utf-8", "surrogatepass")))
    if char == " ":
        forms.append(r"\+")
    if char in _SHORT_ESCAPES:
        forms.append(re.escape(_SHORT_ESCAPES[char]))
    if code < 0x100:
        forms.append(rf"\\x(?i:{code:02x})")
    if code < 0x10000:
        forms.append(rf"\\u(?i:{code:04x})")
    else:  # JSON writes it as a surrogate pair
        high, low = 0xD800 + ((code - 0x10000) >> 10), 0xDC00 + ((code - 0x10000) & 0x3FF)
        forms.append(rf"\\U(?i:{code:08x})|\\u(?i:{high:04x})\\u(?i:{low:04x})")
    return "(?:" + "|".join(forms) + ")"


def _base64_cores(secret: str) -> list[str]:
    """The parts of any base64 text holding ``secret`` that depend on the secret alone.

    Encoded inside a longer value (a Basic header, a blob echoed back), the secret's bytes may
    start at any of three offsets of a 3-byte group; the characters shared with its
    neighbours differ each time and are dropped, the rest is fixed. Standard and URL-safe
    alphabets.
    """
    data = secret.encode("utf-8", "surrogatepass")
    cores = []
    for offset in range(3):
        encoded = base64.b64encode(bytes(offset) + data).decode("ascii")
        start = (0, 2, 3)[offset]  # characters that also hold the filler bytes' bits
        end = len(encoded) if (offset + len(data)) % 3 == 0 else len(encoded) - 4
        core = encoded[start:end]
        if len(core) >= _MIN_BASE64_CHARS:
            cores.append(core)
            cores.append(core.translate(str.maketrans("+/", "-_")))
    return cores


_CDATA_BOUNDARY = r"(?:<!\[CDATA\[|\]\]>)*"  # text of an element, however CDATA-wrapped


@functools.lru_cache(maxsize=64)
def _secret_pattern(secrets: frozenset[str]) -> re.Pattern[str]:
    """One pattern for every form of every secret: literal, escaped, encoded, base64.

    Base64 is included because tickets, tokens and Basic credentials travel base64-encoded;
    the cores (see :func:`_base64_cores`) are long enough not to match by chance. A CDATA
    boundary between two characters (``hun<![CDATA[ter2]]>``: XML reads it as one text) is
    included. Not included: hashes, encryption, and a secret split by other markup.
    """
    alternatives = []
    firsts = {"&", "%", "\\", "+"}  # where an escaped or encoded first character starts
    for secret in sorted(secrets, key=lambda s: (-len(s), s)):  # longest first: a secret
        # containing another is replaced whole
        alternatives.append(_CDATA_BOUNDARY.join(_char_forms(char) for char in secret))
        cores = _base64_cores(secret)
        alternatives.extend(re.escape(core) for core in cores)
        firsts.update(text[0] for text in (secret, *cores))
    # the look-ahead lets the engine skip to candidate characters (about 3x faster)
    first = "".join(sorted(re.escape(char) for char in firsts))
    return re.compile(f"(?=[{first}])(?:{'|'.join(alternatives)})")


_XML_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']""")
_CHARSET = re.compile(r"charset\s*=\s*\"?([\w.:-]+)", re.IGNORECASE)


def decode_body(body: bytes, content_type: str = "") -> str:
    """A body as text in its own encoding, so that secrets can be found in it.

    The byte order mark wins, then the XML declaration, then the ``charset`` the headers
    declare (a server that sends UTF-16 XML often declares nothing or ``utf-8``), else UTF-8;
    undecodable bytes become U+FFFD.
    """
    for bom, name in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return _decoded(body, name)
    head = body[:4]
    # no mark: the first character, "<", tells the width and order (XML 1.0, appendix F)
    if head == b"<\0\0\0":
        return _decoded(body, "utf-32-le")
    if head == b"\0\0\0<":
        return _decoded(body, "utf-32-be")
    if len(head) == 4 and head[1] == head[3] == 0 and head[0] and head[2]:  # UTF-16, no mark
        return _decoded(body, "utf-16-le")
    if len(head) == 4 and head[0] == head[2] == 0 and head[1] and head[3]:
        return _decoded(body, "utf-16-be")
    declared = _XML_DECLARED.match(body[:200])
    if declared:
        return _decoded(body, declared.group(1).decode("ascii"))
    charset = _CHARSET.search(content_type)
    return _decoded(body, charset.group(1) if charset else "utf-8")


def _decoded(body: bytes, encoding: str) -> str:
    try:
        return body.decode(encoding, "replace")
    except LookupError:  # an encoding Python does not know
        return body.decode("utf-8", "replace")


_USERINFO = re.compile(r"(?<=//)[^/?#@\s]*@")


def safe_url(url: str) -> str:
    """The URL without its user name, password or query values, for reprs and messages.

    Query parameters keep their names (which say what the URL is) and lose their values
    (which may be a ticket or a token); the fragment goes too.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return "(unparsable URL)"
    netloc = parts.netloc
    if "@" in netloc:
        netloc = f"{REDACTED}@{netloc.rpartition('@')[2]}"
    query = "&".join(
        f"{name}={REDACTED}" for name, _ in parse_qsl(parts.query, keep_blank_values=True)
    )
    if parts.query and not query:
        query = REDACTED
    fragment = REDACTED if parts.fragment else ""
    return urlunsplit(parts._replace(netloc=netloc, query=query, fragment=fragment))


def url_secrets(url: str) -> tuple[str, ...]:
    """The password in a URL's user information, if any (an agent's URL has no query): as
    written and percent-decoded, the form httpx sends in the Basic header and a server echoes."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return ()
    return tuple(dict.fromkeys((password, unquote(password)))) if password else ()


def refused_value(type_ref: str, value: object) -> str:
    """Why a secret field's value cannot be written, naming its type only: a password given
    as bytes or a ticket as an int must not show up in the error (nor in its chain)."""
    if isinstance(value, str):
        return f"this {type_ref} text cannot be written in XML (a secret: not shown)"
    return f"a {type(value).__name__} cannot be written as {type_ref} (a secret: not shown)"


def scrub_error(error: E, scrub: Callable[[str], str]) -> E:
    """A copy of an error made from an answer (fault, NetServer failure, protocol error) with
    ``scrub`` applied to its text. The copy is new: raised outside an ``except`` block, it has
    no ``__context__`` or ``__cause__`` holding the original."""
    copy: Error
    if isinstance(error, NetServerError):
        copy = error.map_text(scrub)
    elif isinstance(error, SoapFault):
        detail = scrub(error.detail) if error.detail is not None else None
        copy = SoapFault(scrub(error.code), scrub(error.reason), detail)
    elif isinstance(error, ProtocolError):
        path = scrub(error.path) if error.path is not None else None
        copy = type(error)(scrub(error.reason), path)
    else:
        copy = type(error)(*(scrub(a) if isinstance(a, str) else a for a in error.args))
    return copy  # type: ignore[return-value]


# --- third-party loggers ---------------------------------------------------------------
# httpx logs each request's URL at INFO (user information included), httpcore its
# connection events and response headers at DEBUG. While a call runs, their records go
# through the call's scrubbing; a record logged outside any call passes unchanged.

#: the loggers filtered: httpx logs on "httpx", httpcore on children of "httpcore"
THIRD_PARTY_LOGGERS = (
    "httpx",
    "httpcore",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
_call_scrub: contextvars.ContextVar[Callable[[str], str] | None] = contextvars.ContextVar(
    "superoffice_email_call_scrub", default=None
)


class ThirdPartyLogScrubber(logging.Filter):
    """Scrubs the running call's secrets and any URL's user information from a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        scrub = _call_scrub.get()
        if scrub is None:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a bad format is the logging module's to report, not ours
            return True
        scrubbed = _USERINFO.sub(f"{REDACTED}@", scrub(message))
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        return True


_FILTER = ThirdPartyLogScrubber()


def install_log_filter() -> None:
    """Put the scrubbing filter on the httpx and httpcore loggers (again: no change)."""
    names = set(THIRD_PARTY_LOGGERS) | {
        name for name in logging.Logger.manager.loggerDict if name.startswith("httpcore.")
    }
    for name in sorted(names):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)


def remove_log_filter() -> None:
    """Take the scrubbing filter off every logger it was put on."""
    for name in [*logging.Logger.manager.loggerDict, *THIRD_PARTY_LOGGERS]:
        logging.getLogger(name).removeFilter(_FILTER)


class scrubbing_logs:  # lower case: used as a context manager, like contextlib's
    """While the ``with`` (or ``async with``) block runs, third-party records are scrubbed
    with ``scrub``. Entering installs the filter if it is not there."""

    def __init__(self, scrub: Callable[[str], str]) -> None:
        self._scrub = scrub
        self._token: contextvars.Token[Callable[[str], str] | None] | None = None

    def __enter__(self) -> None:
        if _FILTER not in logging.getLogger("httpx").filters:
            install_log_filter()
        self._token = _call_scrub.set(self._scrub)

    def __exit__(self, *exc_info: object) -> None:
        if self._token is not None:
            _call_scrub.reset(self._token)
            self._token = None

    async def __aenter__(self) -> None:
        self.__enter__()

    async def __aexit__(self, *exc_info: object) -> None:
        self.__exit__()
