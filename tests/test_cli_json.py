"""JSON out is JSON in: what ``call`` prints is what ``--param`` takes, value for value."""

from __future__ import annotations

import datetime
import decimal
import json
import math
import uuid
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import superoffice_email as so
from superoffice_email._cli._json import from_json, to_json, xml_fields
from superoffice_email._schema import load

from .strategies import maybe_nil, object_for

M = so.models("Services88")
UTC = datetime.UTC
PLUS_ONE = datetime.timezone(datetime.timedelta(hours=1))
GUID = "0f8fad5b-d9cb-469f-a165-70867728950e"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def _parseable(envelope: bytes) -> bytes:
    """The documented example with a duration in the empty ser:duration elements the
    documentation writes (not a valid duration, so the parser refuses them)."""
    root = etree.fromstring(envelope)
    for element in root.iter():
        if (element.get(XSI_TYPE) or "").endswith(":duration") and not element.text:
            element.text = "P1DT2H3M4.5S"
    return etree.tostring(root)


@pytest.mark.parametrize("version", so.VERSIONS)
def test_every_example_response_round_trips(version: str) -> None:
    m = so.models(version)
    checked = 0
    for name, operation in sorted(m.OPERATIONS.items()):
        if operation.response is None:
            continue
        envelope = _parseable(so.example_envelope(version, name, direction="response"))
        value = so.parse_response(version, name, envelope).value
        ref = operation.response.type
        printed = json.dumps(to_json(m, ref, value, secrets=True), allow_nan=False)
        back = from_json(m, ref, json.loads(printed), name)
        assert back == value, name
        # and prints the same again: no zone or precision changed on the way
        assert json.dumps(to_json(m, ref, back, secrets=True), allow_nan=False) == printed, name
        checked += 1
    assert checked == sum(op.response is not None for op in m.OPERATIONS.values()) > 30


@pytest.mark.parametrize(
    "ref, value, data",
    [
        ("xs:dateTime", datetime.datetime(2021, 3, 25, 21, 36, 8, tzinfo=UTC), "2021-03-25T21:36:08Z"),  # noqa: E501
        ("xs:dateTime", datetime.datetime(2026, 11, 20, 9, 30, tzinfo=PLUS_ONE), "2026-11-20T09:30:00+01:00"),  # noqa: E501
        ("xs:dateTime", datetime.datetime(2021, 3, 25, 21, 36, 8, 500000), "2021-03-25T21:36:08.5"),
        ("ser:duration", datetime.timedelta(days=1, hours=2, minutes=30), "P1DT2H30M"),
        ("ser:duration", datetime.timedelta(0), "PT0S"),
        ("ser:duration", -datetime.timedelta(seconds=1.5), "-PT1.5S"),
        ("xs:base64Binary", b"\x00\xffhi", "AP9oaQ=="),
        ("xs:decimal", decimal.Decimal("12.50"), "12.50"),
        ("ser:guid", uuid.UUID(GUID), GUID),
        ("ser:char", "A", "A"),
        ("xs:double", 1.5, 1.5),
        ("xs:double", math.inf, "INF"),
        ("xs:int", 7, 7),
        ("xs:boolean", True, True),
        ("xs:string", "null", "null"),
        ("tns:EMailPriority", M.EMailPriority.HIGH, "High"),
        ("tns:EMailFlags", M.EMailFlags.SEEN | M.EMailFlags.DRAFT, ["Seen", "Draft"]),
        ("tns:EMailFlags", M.EMailFlags(0), []),
        ("tns:StringDictionary", {"a": "b", "c": None}, {"a": "b", "c": None}),
        ("arr:ArrayOfint", [1, 2], [1, 2]),
        # what the schema does not allow nil has a value (.NET's default), lists are lists
        (
            "tns:EMailAddress",
            M.EMailAddress(name="A", email_id=3),
            {
                "contact_id": 0, "person_id": 0, "associate_id": 0, "name": "A",
                "duplicate_person_ids": [], "email_id": 3,
            },
        ),
    ],
)  # fmt: skip
def test_each_kind_of_value(ref: str, value: Any, data: Any) -> None:
    assert to_json(M, ref, value) == data
    assert from_json(M, ref, data, "x") == value


def test_values_json_has_no_literal_for() -> None:
    assert to_json(M, "xs:double", math.nan) == "NaN"
    assert math.isnan(from_json(M, "xs:double", "NaN", "x"))
    assert from_json(M, "xs:decimal", 12.5, "x") == decimal.Decimal("12.5")
    assert (
        from_json(M, "tns:EMailFlags", "Seen Draft", "x") == M.EMailFlags.SEEN | M.EMailFlags.DRAFT
    )


def test_a_token_a_newer_server_knows_prints_as_received() -> None:
    value = so.XmlText("Urgent")
    assert to_json(M, "tns:EMailPriority", value) == "Urgent"


@pytest.mark.parametrize(
    "ref, data, message",
    [
        ("xs:dateTime", "2021-03-25 21:36:08", "x: '2021-03-25 21:36:08' is not an xs:dateTime"),
        ("ser:duration", "1 day", "x: '1 day' is not a ser:duration"),
        ("xs:base64Binary", "!!", "x: not valid xs:base64Binary"),
        ("tns:EMailPriority", "HIGH", 'x: "HIGH" is not a EMailPriority; one of: NoPriority, '),
        ("tns:EMailAddress", {"Name": "Ann"}, "the XML name 'Name' is 'name' here"),
        ("arr:ArrayOfint", [1, "2"], 'x[1]: expected an integer (xs:int), got "2"'),
        ("xs:short", 40000, "x: 40000 is outside xs:short"),
        ("ser:char", "AB", "x: 'AB' is not one UTF-16 character"),
    ],
)
def test_bad_values_name_where_and_what(ref: str, data: Any, message: str) -> None:
    with pytest.raises(so.UsageError) as raised:
        from_json(M, ref, data, "x")
    assert message in str(raised.value)


def test_secrets_are_left_out_by_default() -> None:
    info = M.EMailConnectionInfo(user_name="ann", password="hunter2")
    shown = {"user_name": "ann", "use_ssl": False, "use_graph_api": False}
    assert to_json(M, "tns:EMailConnectionInfo", info) == shown
    shown = to_json(M, "tns:EMailConnectionInfo", info, secrets=True)
    assert shown == {"user_name": "ann", "password": "hunter2", "use_ssl": False,
                     "use_graph_api": False}  # fmt: skip


V88_SCHEMA = load("Services88")


@pytest.mark.parametrize("operation", sorted(M.OPERATIONS))
@given(data=st.data())
def test_any_value_round_trips(operation: str, data: st.DataObject) -> None:
    """Random requests and responses of every Services88 operation, through JSON text."""
    op = V88_SCHEMA.operations[operation]
    params = data.draw(object_for(V88_SCHEMA, op.request))
    for name, xml in xml_fields(op.request).items():
        value = getattr(params, name)
        printed = json.dumps(to_json(M, xml.type, value, secrets=True), allow_nan=False)
        assert from_json(M, xml.type, json.loads(printed), name) == value
    if op.response is not None:
        value = data.draw(maybe_nil(V88_SCHEMA, V88_SCHEMA.node(op.response), 0))
        printed = json.dumps(to_json(M, op.response.type, value, secrets=True), allow_nan=False)
        assert from_json(M, op.response.type, json.loads(printed), "Response") == value
