"""Every operation of every version: requests built from random valid values validate against
the version's XML Schema (lxml.etree.XMLSchema on the WSDL's types), and parse back unchanged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import superoffice_email as so
from superoffice_email._schema import load
from superoffice_email.validate import validate_envelope

from .strategies import object_for

ALL_OPERATIONS = [(v, op) for v in so.VERSIONS for op in sorted(so.models(v).OPERATIONS)]


@pytest.mark.parametrize(("version", "operation"), ALL_OPERATIONS)
@given(data=st.data())
def test_wire_request_validates_and_round_trips(
    version: str, operation: str, data: st.DataObject
) -> None:
    schema = load(version)
    soap = data.draw(st.sampled_from(["1.1", "1.2"]))
    params = data.draw(object_for(schema, schema.operations[operation].request))
    envelope = so.build_request(
        version,
        operation,
        params,
        ticket="7T:abc",
        application_token="token",
        layout="wire",
        soap=soap,  # type: ignore[arg-type]
    )
    assert validate_envelope(version, envelope) == []
    parsed = so.parse_request(version, envelope)
    assert parsed.operation == operation
    assert parsed.params == params
    assert parsed.ticket == "7T:abc"
    assert parsed.soap_version == soap
