"""XSD scalar codecs against the XML Schema lexical rules, with hand-written expectations."""

from __future__ import annotations

import datetime
import decimal
import math
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from superoffice_email._xsd import CODECS

from .strategies import SCALARS

UTC = datetime.UTC
PLUS2 = datetime.timezone(datetime.timedelta(hours=2))

ENCODED = [
    ("xs:string", "a < b & c", "a < b & c"),
    ("xs:boolean", True, "true"),
    ("xs:boolean", False, "false"),
    ("xs:int", -2147483648, "-2147483648"),
    ("xs:unsignedLong", 2**64 - 1, "18446744073709551615"),
    ("xs:decimal", decimal.Decimal("1E+3"), "1000"),
    ("xs:decimal", decimal.Decimal("-0.50"), "-0.50"),
    ("xs:double", 0.0, "0.0"),
    ("xs:double", math.inf, "INF"),
    ("xs:double", -math.inf, "-INF"),
    ("xs:double", math.nan, "NaN"),
    ("xs:dateTime", datetime.datetime(2021, 3, 25, 21, 36, 8, tzinfo=UTC), "2021-03-25T21:36:08Z"),
    ("xs:dateTime", datetime.datetime(2021, 3, 25, 21, 36, 8, 500000), "2021-03-25T21:36:08.5"),
    (
        "xs:dateTime",
        datetime.datetime(2021, 3, 25, 1, 2, 3, tzinfo=PLUS2),
        "2021-03-25T01:02:03+02:00",
    ),
    ("xs:base64Binary", b"\x00\xffhello", "AP9oZWxsbw=="),
    ("ser:duration", datetime.timedelta(days=1, hours=2, minutes=3, seconds=4.5), "P1DT2H3M4.5S"),
    ("ser:duration", datetime.timedelta(0), "PT0S"),
    ("ser:duration", -datetime.timedelta(minutes=5), "-PT5M"),
    ("ser:guid", uuid.UUID(int=1), "00000000-0000-0000-0000-000000000001"),
    ("ser:char", "A", "65"),
]


@pytest.mark.parametrize(("xsd", "value", "text"), ENCODED)
def test_encode(xsd: str, value: Any, text: str) -> None:
    assert CODECS[xsd].encode(value) == text


DECODED = [
    ("xs:boolean", " 1 ", True),
    ("xs:boolean", "false", False),
    ("xs:int", "+42", 42),
    ("xs:int", "\n 7\t", 7),
    ("xs:double", "-INF", -math.inf),
    ("xs:double", "1e3", 1000.0),
    ("xs:dateTime", "2021-03-25T21:36:08Z", datetime.datetime(2021, 3, 25, 21, 36, 8, tzinfo=UTC)),
    ("xs:dateTime", "2021-03-25T21:36:08", datetime.datetime(2021, 3, 25, 21, 36, 8)),
    # .NET writes 100 ns ticks: the seventh digit is below a microsecond
    (
        "xs:dateTime",
        "2021-03-25T21:36:08.1234567",
        datetime.datetime(2021, 3, 25, 21, 36, 8, 123456),
    ),
    ("xs:dateTime", "2021-12-31T24:00:00", datetime.datetime(2022, 1, 1)),
    ("xs:base64Binary", "AP9o\n ZWxsbw==", b"\x00\xffhello"),
    ("ser:duration", "PT1.25S", datetime.timedelta(seconds=1.25)),
    ("ser:duration", "-P2D", -datetime.timedelta(days=2)),
    (
        "ser:guid",
        "AAAAAAAA-0000-0000-0000-000000000000",
        uuid.UUID("aaaaaaaa-0000-0000-0000-000000000000"),
    ),
    ("ser:char", "97", "a"),
]


@pytest.mark.parametrize(("xsd", "text", "value"), DECODED)
def test_decode(xsd: str, text: str, value: Any) -> None:
    assert CODECS[xsd].decode(text) == value


def test_zone_as_written() -> None:
    codec = CODECS["xs:dateTime"]
    for text in ("2021-03-25T21:36:08Z", "2021-03-25T21:36:08+00:00", "2021-03-25T21:36:08"):
        assert codec.encode(codec.decode(text)) == text
    assert codec.decode("2021-03-25T21:36:08Z").tzinfo is UTC


REJECTED_TEXT = [
    ("xs:int", "abc"),
    ("xs:int", "2147483648"),
    ("xs:int", "1.0"),
    ("xs:int", "١٢"),  # Arabic-Indic digits: Python's int() takes them, XSD does not
    ("xs:unsignedByte", "-1"),
    ("xs:boolean", "yes"),
    ("xs:decimal", "1e3"),
    ("xs:double", "infinity"),
    ("xs:dateTime", "2021-02-30T00:00:00"),
    ("xs:dateTime", "25.03.2021"),
    ("xs:base64Binary", "not base64!"),
    ("ser:duration", "P1Y"),
    ("ser:duration", "P"),  # empty text is the documentation's: test_roundtrip.py
    ("ser:guid", "1234"),
    ("ser:char", "70000"),
]


@pytest.mark.parametrize(("xsd", "text"), REJECTED_TEXT)
def test_decode_rejects(xsd: str, text: str) -> None:
    with pytest.raises(ValueError):
        CODECS[xsd].decode(text)


REJECTED_VALUES = [
    ("xs:int", True),  # a bool is an int in Python, never in XSD
    ("xs:int", 2**31),
    ("xs:int", "1"),
    ("xs:string", 5),
    ("xs:boolean", 1),
    ("xs:decimal", decimal.Decimal("NaN")),
    ("xs:dateTime", datetime.date(2021, 1, 1)),
    ("xs:base64Binary", "text"),
    ("ser:duration", datetime.timedelta(days=20_000_000)),
    ("ser:guid", "00000000-0000-0000-0000-000000000001"),
    ("ser:char", "ab"),
]


@pytest.mark.parametrize(("xsd", "value"), REJECTED_VALUES)
def test_encode_rejects(xsd: str, value: Any) -> None:
    with pytest.raises(ValueError):
        CODECS[xsd].encode(value)


@pytest.mark.parametrize("xsd", sorted(SCALARS))
def test_round_trip(xsd: str) -> None:
    codec = CODECS[xsd]

    @given(SCALARS[xsd])
    def check(value: Any) -> None:
        assert codec.decode(codec.encode(value)) == value

    check()


# the shapes the dateTime fast path (``fromisoformat``) takes: 19 or 20 characters with the
# separators in place. Real instants, digits at random (month 13, hour 24...), and either with
# one digit replaced by another character.
_DIGIT_AT = (0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18)
_REAL = st.datetimes(min_value=datetime.datetime(1, 1, 1)).map(
    lambda d: d.strftime("%Y-%m-%dT%H:%M:%S").zfill(19)
)
_DIGITS = st.lists(st.sampled_from("0123456789"), min_size=14, max_size=14).map(
    lambda d: "{}{}{}{}-{}{}-{}{}T{}{}:{}{}:{}{}".format(*d)
)


@st.composite
def _fast_shaped(draw: st.DrawFn) -> str:
    text = draw(st.one_of(_REAL, _DIGITS))
    if draw(st.booleans()):
        at = draw(st.sampled_from(_DIGIT_AT))
        text = text[:at] + draw(st.sampled_from(" +-_.:ZT\u0663")) + text[at + 1 :]
    return text + draw(st.sampled_from(["", "Z"]))


@given(_fast_shaped())
def test_datetime_fast_path_agrees_with_the_full_rules(text: str) -> None:
    # a leading space sends the same text down the full (regex) path, which strips it
    decode = CODECS["xs:dateTime"].decode

    def outcome(candidate: str) -> object:
        try:
            return decode(candidate)
        except ValueError:
            return ValueError

    assert outcome(text) == outcome(" " + text)


def test_the_scalar_table_agrees_with_the_generated_annotations() -> None:
    # the generator writes its own annotation table today; both must say the same
    from codegen.module import _SCALARS

    assert set(_SCALARS) == set(CODECS)
    for ref, (annotation, module) in _SCALARS.items():
        assert (CODECS[ref].annotation, CODECS[ref].module) == (annotation, module), ref


def test_each_scalar_example_is_of_its_python_type() -> None:
    for ref, codec in CODECS.items():
        if ref != "ser:duration":  # the documentation's empty duration is kept as text
            assert isinstance(codec.example, codec.python_type), ref
# -- hardening (issue 13): no foreign exception, no CPython message, no instant lost ---------

_DIGIT_LIMIT_MESSAGE = "set_int_max_str_digits"


@pytest.mark.parametrize(
    ("xsd", "text", "value"),
    [
        # long but valid: CPython refuses int() of more than 4,300 digits; XSD allows any
        # number of leading zeros
        ("xs:int", "0" * 5000 + "1", 1),
        ("xs:long", "-" + "0" * 5000 + "42", -42),
        ("xs:unsignedLong", "+" + "0" * 10_000 + "18446744073709551615", 2**64 - 1),
        ("ser:char", "0" * 5000 + "65", "A"),
        ("ser:duration", "P" + "0" * 5000 + "2D", datetime.timedelta(days=2)),
        ("ser:duration", "PT" + "0" * 5000 + "3H", datetime.timedelta(hours=3)),
    ],
)
def test_leading_zeros_of_any_length(xsd: str, text: str, value: Any) -> None:
    assert CODECS[xsd].decode(text) == value


@pytest.mark.parametrize(
    ("xsd", "text", "message"),
    [
        ("xs:int", "9" * 5000, "is outside xs:int (-2147483648 to 2147483647)"),
        (
            "xs:unsignedLong",
            "1" + "0" * 20,
            "is outside xs:unsignedLong (0 to 18446744073709551615)",
        ),
        ("xs:byte", "-" + "1" * 4400, "is outside xs:byte (-128 to 127)"),
        ("ser:char", "7" * 5000, "is not a ser:char"),
        # a .NET TimeSpan holds 10675199 days; Python's timedelta overflows at 999999999
        ("ser:duration", "P1000000000D", "is outside ser:duration"),
        ("ser:duration", "PT100000000000H", "is outside ser:duration"),
        ("ser:duration", "PT" + "9" * 5000 + "S", "is outside ser:duration"),
        ("ser:duration", "P10675200D", "is outside ser:duration"),
        ("xs:dateTime", "1" * 5000 + "-01-01T00:00:00", "year out of range"),
    ],
)
def test_out_of_range_names_the_range(xsd: str, text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        CODECS[xsd].decode(text)
    assert message in str(caught.value)
    assert _DIGIT_LIMIT_MESSAGE not in str(caught.value)
    assert len(str(caught.value)) < 300  # the value is quoted shortened, not 5,000 digits


def test_duration_at_the_timespan_limit() -> None:
    # TimeSpan.MaxValue, 10675199.02:48:05.4775807, as .NET writes it (ticks cut to micro)
    limit = datetime.timedelta(days=10675199, hours=2, minutes=48, seconds=5, microseconds=477580)
    assert CODECS["ser:duration"].decode("P10675199DT2H48M5.4775807S") == limit
    assert CODECS["ser:duration"].decode("-P10675199DT2H48M5.4775807S") == -limit


@pytest.mark.parametrize("value", [10**400, -(10**400)], ids=["10**400", "-10**400"])
def test_double_too_large_for_a_float(value: int) -> None:
    with pytest.raises(ValueError, match="too large for an xs:double"):
        CODECS["xs:double"].encode(value)


# XSD 1.1 part 2, 3.3.7.2: timezoneFrag ::= 'Z' | ('+' | '-') (('0' digit | '1' [0-3]) ':'
# minuteFrag | '14:00'): minutes at most, and at most 14 hours
_SECONDS_OFFSETS = [
    datetime.timedelta(hours=1, minutes=19, seconds=32),  # Europe/Amsterdam before 1937
    -datetime.timedelta(seconds=30),
    datetime.timedelta(minutes=1, microseconds=1),
]


@pytest.mark.parametrize("offset", _SECONDS_OFFSETS, ids=str)
def test_offset_with_seconds_is_refused_not_rounded(offset: datetime.timedelta) -> None:
    value = datetime.datetime(1930, 5, 1, 12, 0, tzinfo=datetime.timezone(offset))
    with pytest.raises(ValueError) as caught:
        CODECS["xs:dateTime"].encode(value)
    assert "value.astimezone(datetime.UTC)" in str(caught.value)
    # what the message suggests is exact
    fixed = value.astimezone(datetime.UTC)
    assert CODECS["xs:dateTime"].decode(CODECS["xs:dateTime"].encode(fixed)) == value


@pytest.mark.parametrize("hours", [15, -15, 23])
def test_offset_beyond_14_hours_is_refused(hours: int) -> None:
    value = datetime.datetime(2021, 5, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=hours)))
    with pytest.raises(ValueError, match="14:00"):
        CODECS["xs:dateTime"].encode(value)


@pytest.mark.parametrize(
    "text",
    [
        "1930-05-01T12:00:00+01:19:32",
        "1930-05-01T12:00:00-00:00:30",
        "2021-05-01T00:00:00+14:01",
        "2021-05-01T00:00:00+15:00",
        "2021-05-01T00:00:00+99:00",
        "2021-05-01T00:00:00+01:60",
        "2021-05-01T00:00:00+0100",
    ],
)
def test_offsets_outside_the_lexical_space_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="is not an xs:dateTime"):
        CODECS["xs:dateTime"].decode(text)


@pytest.mark.parametrize("text", ["+14:00", "-14:00", "+13:59", "-00:00", "+05:45"])
def test_offsets_inside_the_lexical_space(text: str) -> None:
    value = CODECS["xs:dateTime"].decode("2021-05-01T00:00:00" + text)
    sign = -1 if text[0] == "-" else 1
    expected = sign * datetime.timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))
    assert value.utcoffset() == expected
