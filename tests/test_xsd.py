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
    ("ser:duration", ""),
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
    from superoffice_email.codegen.module import _SCALARS

    assert set(_SCALARS) == set(CODECS)
    for ref, (annotation, module) in _SCALARS.items():
        assert (CODECS[ref].annotation, CODECS[ref].module) == (annotation, module), ref


def test_each_scalar_example_is_of_its_python_type() -> None:
    for ref, codec in CODECS.items():
        if ref != "ser:duration":  # the documentation's empty duration is kept as text
            assert isinstance(codec.example, codec.python_type), ref
