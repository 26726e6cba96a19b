"""Codecs for the XSD scalar types the EMail agent uses: XML text <-> Python value, one table.

Every ``decode`` takes the element's text ("" for an empty element) and returns the value or
raises ``ValueError`` saying what was wrong; every ``encode`` checks the Python type and range
and returns the text. Callers add the element path to the message.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import math
import re
import uuid
from collections.abc import Callable
from typing import Any

import attrs

from .errors import UsageError


class XmlText(str):
    """Text kept exactly as written, for a value the models cannot represent.

    The parser returns it for an enumeration token the models do not know (a newer server);
    the builders write it back unchanged, so a value read can always be sent again.
    """

    __slots__ = ()

    def __new__(cls, text: str = "") -> XmlText:
        if not isinstance(text, str):  # str() of anything would pass, and lose what it was
            raise UsageError(f"XmlText holds text as written, not {type(text).__name__}")
        return super().__new__(cls, text)

    def __repr__(self) -> str:
        return f"XmlText({str.__repr__(self)})"


@attrs.frozen
class Codec:
    """Everything about one XSD scalar type, keyed by its reference in :data:`CODECS`."""

    python_type: type | tuple[type, ...]
    encode: Callable[[Any], str]
    decode: Callable[[str], Any]
    annotation: str  # what the generated models write for it: "int", "datetime.datetime"
    #: the value SuperOffice's documentation shows for it (dateTime: per version, see _examples)
    example: Any

    @property
    def module(self) -> str | None:
        """The module a generated file imports for :attr:`annotation` (None: a builtin)."""
        return self.annotation.rpartition(".")[0] or None


_INTEGER = re.compile(r"[+-]?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)", re.ASCII)
_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?INF|NaN", re.ASCII)
_DATETIME = re.compile(
    r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"(Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))?",  # timezoneFrag, see _encode_datetime
    re.ASCII,
)
_DURATION = re.compile(
    r"(-)?P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+)(?:\.([0-9]*))?S)?)?", re.ASCII
)
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# characters XML 1.0 cannot carry, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = " \t\r\n"
#: more significant digits than any integer a codec here accepts (xs:unsignedLong has 20)
_SIGNIFICANT_DIGITS = 40
_CLAMPED: int = 10**_SIGNIFICANT_DIGITS
_QUOTED_CHARS = 60  # of a value quoted in a message


def _quote(text: str) -> str:
    """``repr(text)`` for a message; a long text keeps its start and says how long it was."""
    if len(text) <= _QUOTED_CHARS:
        return repr(text)
    return f"{text[:_QUOTED_CHARS]!r}... ({len(text)} characters)"


def _to_int(token: str) -> int:
    """``int()`` of a token that matched ``_INTEGER``, with any number of leading zeros.

    XSD allows leading zeros of any length, while CPython refuses ``int()`` of more than 4,300
    digits. Past ``_SIGNIFICANT_DIGITS`` the value is clamped there: beyond every range here,
    so the caller's range check refuses it, and with no huge conversion done.
    """
    sign = -1 if token[:1] == "-" else 1
    digits = token.lstrip("+-").lstrip("0")
    if len(digits) > _SIGNIFICANT_DIGITS:
        return sign * _CLAMPED
    return sign * int(digits or "0")


def _show_int(value: int) -> str:
    # str() of an int over 4,300 digits raises; such a value is only ever out of range
    return str(value) if value.bit_length() <= 256 else f"an int of {value.bit_length()} bits"


def _expect(value: Any, python_type: type | tuple[type, ...], what: str) -> None:
    # bool is an int in Python; an int field given True is a mistake, not 1
    if not isinstance(value, python_type) or (isinstance(value, bool) and python_type is not bool):
        raise ValueError(f"expected {what}, got {type(value).__name__} {value!r}")


def _encode_string(value: Any) -> str:
    # characters XML cannot carry are refused by lxml when the text is set (the writer then
    # names them with unwritable_text); checking here too would scan every string twice
    if type(value) is not str:
        _expect(value, str, "str")
    return str(value)


def unwritable_text(text: str) -> str | None:
    """What makes ``text`` impossible to write in XML, or None."""
    bad = _NOT_XML.search(text)
    if bad:
        return f"character {bad.group()!r} at {bad.start()} cannot be written in XML"
    return None


def _decode_string(text: str) -> str:
    return text


def _encode_boolean(value: Any) -> str:
    _expect(value, bool, "bool")
    return "true" if value else "false"


def _decode_boolean(text: str) -> bool:
    token = text.strip(_WHITESPACE)
    if token in ("true", "1"):
        return True
    if token in ("false", "0"):
        return False
    raise ValueError(f"{_quote(text)} is not an xs:boolean (true, false, 1 or 0)")


def _integer(xsd: str, low: int, high: int) -> Codec:
    def encode(value: Any) -> str:
        _expect(value, int, "int")
        if not low <= value <= high:
            raise ValueError(f"{_show_int(value)} is outside {xsd} ({low} to {high})")
        return str(int(value))

    def decode(text: str) -> int:
        if len(text) < 20 and text.isdigit() and text.isascii():  # the usual case, no regex
            value = int(text)
            if value <= high:
                return value
        token = text.strip(_WHITESPACE)
        if not _INTEGER.fullmatch(token):
            raise ValueError(f"{_quote(text)} is not an {xsd}")
        value = _to_int(token)
        if not low <= value <= high:
            shown = str(value) if len(token) <= _QUOTED_CHARS else _quote(token)
            raise ValueError(f"{shown} is outside {xsd} ({low} to {high})")
        return value

    return Codec(int, encode, decode, "int", 0)


def _encode_decimal(value: Any) -> str:
    _expect(value, (decimal.Decimal, int), "Decimal")
    number = decimal.Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value} cannot be written as an xs:decimal")
    return format(number, "f")


def _decode_decimal(text: str) -> decimal.Decimal:
    token = text.strip(_WHITESPACE)
    if not _DECIMAL.fullmatch(token):
        raise ValueError(f"{_quote(text)} is not an xs:decimal")
    return decimal.Decimal(token)


def _encode_double(value: Any) -> str:
    _expect(value, (float, int), "float")
    try:
        number = float(value)
    except OverflowError:  # an int past 1.8e308
        raise ValueError(
            f"{_show_int(value)} is too large for an xs:double (at most about 1.8e308)"
        ) from None
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "INF" if number > 0 else "-INF"
    return repr(number)


def _decode_double(text: str) -> float:
    token = text.strip(_WHITESPACE)
    if not _DOUBLE.fullmatch(token):
        raise ValueError(f"{_quote(text)} is not an xs:double")
    return float(token.replace("INF", "inf"))


_UTC_OFFSET_ZERO = datetime.timezone(datetime.timedelta(0), "+00:00")


_MINUTE = datetime.timedelta(minutes=1)
_MAX_OFFSET = datetime.timedelta(hours=14)


def _encode_datetime(value: Any) -> str:
    """The xs:dateTime text of ``value``; its UTC offset must be whole minutes, at most 14 h.

    XSD 1.1 part 2, 3.3.7 (dateTime) takes its zone from the ``timezoneFrag`` production::

        timezoneFrag ::= 'Z' | ('+' | '-') (('0' digit | '1' [0-3]) ':' minuteFrag | '14:00')

    so an offset with seconds (``+01:19:32``, Amsterdam's until 1937; ``-00:00:30``) has no
    lexical form: written to the minute it would read back as another instant. Such a value
    is refused; the same instant in UTC can always be written.
    """
    _expect(value, datetime.datetime, "datetime")
    text = f"{value.year:04d}-{value:%m-%dT%H:%M:%S}"
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset is None:
        return text
    if value.tzinfo is datetime.UTC:
        return text + "Z"  # "Z" as written; "+00:00" comes back as a named zone
    if offset % _MINUTE or abs(offset) > _MAX_OFFSET:
        # "-00:00:30" as ISO 8601 writes it (a timedelta's own str is "-1 day, 23:59:30")
        shown = str(datetime.timezone(offset)).removeprefix("UTC")
        raise ValueError(
            f"{value.isoformat()} cannot be written as an xs:dateTime: its UTC offset {shown} "
            "is not whole minutes within 14:00, the only offsets XSD has; give "
            "value.astimezone(datetime.UTC), the same instant"
        )
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _decode_datetime(text: str) -> datetime.datetime:
    """An aware datetime where the text has a zone (``Z`` -> UTC), naive where it has none.

    Fractions finer than a microsecond (.NET writes 100 ns ticks) are truncated.
    """
    # the shapes .NET writes most, without the regex ("Z" comes back as datetime.UTC)
    if (
        len(text) in (19, 20)
        and text[4] + text[7] + text[10] + text[13] + text[16] == "--T::"
        and text.isascii()
        and (len(text) == 19 or text[19] == "Z")
    ):
        try:
            return datetime.datetime.fromisoformat(text)
        except ValueError:
            pass  # the full rules below say what is wrong
    match = _DATETIME.fullmatch(text.strip(_WHITESPACE))
    if not match:
        raise ValueError(f"{_quote(text)} is not an xs:dateTime")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    if len(year) > 5 or (len(year) == 5 and year[0] != "-"):  # int() of it could be huge
        raise ValueError(
            f"{_quote(text)} is not a valid xs:dateTime: year out of range (1 to 9999)"
        )
    tz: datetime.tzinfo | None = None
    if zone == "Z":
        tz = datetime.UTC
    elif zone == "+00:00":
        tz = _UTC_OFFSET_ZERO
    elif zone:
        sign = -1 if zone[0] == "-" else 1
        delta = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        tz = datetime.timezone(sign * delta)
    micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
    try:
        if hour == "24" and minute == "00" and second == "00" and not micro:
            base = datetime.datetime(int(year), int(month), int(day), tzinfo=tz)
            return base + datetime.timedelta(days=1)
        return datetime.datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), micro, tz
        )
    except (ValueError, OverflowError) as error:
        raise ValueError(f"{_quote(text)} is not a valid xs:dateTime: {error}") from None


def _encode_base64(value: Any) -> str:
    _expect(value, (bytes, bytearray, memoryview), "bytes")
    return base64.b64encode(value).decode("ascii")


def _decode_base64(text: str) -> bytes:
    try:
        return binascii.a2b_base64(text, strict_mode=True)
    except binascii.Error:
        pass
    compact = "".join(text.split())  # line breaks are allowed in xs:base64Binary
    try:
        return binascii.a2b_base64(compact, strict_mode=True)
    except binascii.Error as error:
        raise ValueError(f"not valid xs:base64Binary ({error})") from None


# .NET TimeSpan's range, as the ser:duration facets state it
_DURATION_LIMIT = datetime.timedelta(
    days=10675199, hours=2, minutes=48, seconds=5, microseconds=477580
)


def _encode_duration(value: Any) -> str:
    _expect(value, datetime.timedelta, "timedelta")
    if abs(value) > _DURATION_LIMIT:
        raise ValueError(f"{value} is outside ser:duration (a .NET TimeSpan)")
    sign = "-" if value < datetime.timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}P"
    if value.days:
        text += f"{value.days}D"
    time = ""
    if hours:
        time += f"{hours}H"
    if minutes:
        time += f"{minutes}M"
    if seconds or value.microseconds or not (value.days or time):
        fraction = f".{value.microseconds:06d}".rstrip("0") if value.microseconds else ""
        time += f"{seconds}{fraction}S"
    return text + ("T" + time if time else "")


def _decode_duration(text: str) -> datetime.timedelta | XmlText:
    """A ``ser:duration`` as a timedelta; empty text as ``XmlText`` of that text.

    The documentation writes every duration empty, which the schema does not allow and which
    means no length of time. Reading it as ``timedelta(0)`` would write back ``PT0S``; an
    error would make the documented examples unreadable. ``XmlText("")``, the value
    ``example_envelope`` itself writes, is written back unchanged by the builders, so the
    documented envelope round-trips byte for byte, and a caller can still tell it from a
    real duration.
    """
    token = text.strip(_WHITESPACE)
    if not token:
        return XmlText(text)
    match = _DURATION.fullmatch(token)
    if not match or token.endswith(("P", "T")):
        raise ValueError(f"{_quote(text)} is not a ser:duration")
    negative, days, hours, minutes, seconds, fraction = match.groups()
    try:
        value = datetime.timedelta(
            days=_to_int(days or "0"),
            hours=_to_int(hours or "0"),
            minutes=_to_int(minutes or "0"),
            seconds=_to_int(seconds or "0"),
            microseconds=int(((fraction or "") + "000000")[:6]),
        )
    except OverflowError:  # past timedelta's 999999999 days, so past a TimeSpan's too
        value = None
    if value is None or value > _DURATION_LIMIT:
        raise ValueError(
            f"{_quote(text)} is outside ser:duration (a .NET TimeSpan: at most "
            f"{_DURATION_LIMIT} either way)"
        )
    return -value if negative else value


def _encode_guid(value: Any) -> str:
    _expect(value, uuid.UUID, "uuid.UUID")
    return str(value)


def _decode_guid(text: str) -> uuid.UUID:
    token = text.strip(_WHITESPACE)
    if not _GUID.fullmatch(token):
        raise ValueError(f"{_quote(text)} is not a ser:guid")
    return uuid.UUID(token)


def _encode_char(value: Any) -> str:
    # .NET writes a char as its UTF-16 code unit number
    _expect(value, str, "a one-character str")
    if len(value) != 1 or ord(value) > 0xFFFF:
        raise ValueError(f"{_quote(value)} is not one UTF-16 character")
    return str(ord(value))


def _decode_char(text: str) -> str:
    token = text.strip(_WHITESPACE)
    code = _to_int(token) if _INTEGER.fullmatch(token) else -1
    if not 0 <= code <= 0xFFFF:
        raise ValueError(f"{_quote(text)} is not a ser:char (a UTF-16 code unit number)")
    return chr(code)


def _encode_token(value: Any) -> str:
    return _encode_string(value).strip(_WHITESPACE)


def _decode_token(text: str) -> str:
    return text.strip(_WHITESPACE)


#: the XSD scalars, by type reference: codec, Python type, annotation and documented example
CODECS: dict[str, Codec] = {
    "xs:string": Codec(str, _encode_string, _decode_string, "str", ""),
    "xs:anyURI": Codec(str, _encode_token, _decode_token, "str", ""),
    "xs:QName": Codec(str, _encode_token, _decode_token, "str", ""),
    "xs:boolean": Codec(bool, _encode_boolean, _decode_boolean, "bool", False),
    "xs:byte": _integer("xs:byte", -(2**7), 2**7 - 1),
    "xs:short": _integer("xs:short", -(2**15), 2**15 - 1),
    "xs:int": _integer("xs:int", -(2**31), 2**31 - 1),
    "xs:long": _integer("xs:long", -(2**63), 2**63 - 1),
    "xs:unsignedByte": _integer("xs:unsignedByte", 0, 2**8 - 1),
    "xs:unsignedShort": _integer("xs:unsignedShort", 0, 2**16 - 1),
    "xs:unsignedInt": _integer("xs:unsignedInt", 0, 2**32 - 1),
    "xs:unsignedLong": _integer("xs:unsignedLong", 0, 2**64 - 1),
    "xs:decimal": Codec(
        decimal.Decimal, _encode_decimal, _decode_decimal, "decimal.Decimal", decimal.Decimal(0)
    ),
    "xs:double": Codec(float, _encode_double, _decode_double, "float", 0.0),
    "xs:float": Codec(float, _encode_double, _decode_double, "float", 0.0),
    "xs:dateTime": Codec(
        datetime.datetime,
        _encode_datetime,
        _decode_datetime,
        "datetime.datetime",
        datetime.datetime(2021, 3, 25, 21, 36, 8, tzinfo=datetime.UTC),
    ),
    "xs:base64Binary": Codec(bytes, _encode_base64, _decode_base64, "bytes", b""),
    # the documentation writes an empty, schema-invalid duration
    "ser:duration": Codec(
        datetime.timedelta, _encode_duration, _decode_duration, "datetime.timedelta", XmlText("")
    ),
    "ser:guid": Codec(uuid.UUID, _encode_guid, _decode_guid, "uuid.UUID", uuid.UUID(int=0)),
    "ser:char": Codec(str, _encode_char, _decode_char, "str", "\x00"),
}
