"""Random valid values of every operation of every version survive build and parse unchanged,
in both layouts and both SOAP versions, requests and responses alike; and random mutations of
the documented envelopes give a result or a library exception, never anything else."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import superoffice_email as so
from superoffice_email._schema import load
from superoffice_email._wire import SoapVersion
from superoffice_email._writer import Layout

from .conftest import documented, documented_pages
from .strategies import maybe_nil, object_for

ALL_OPERATIONS = [(v, op) for v in so.VERSIONS for op in sorted(so.models(v).OPERATIONS)]


@pytest.mark.parametrize(("version", "operation"), ALL_OPERATIONS)
@given(data=st.data())
def test_request_and_response_round_trip(version: str, operation: str, data: st.DataObject) -> None:
    schema = load(version)
    op = schema.operations[operation]
    layouts: list[Layout] = ["documented", "wire"]
    soaps: list[SoapVersion] = ["1.1", "1.2"]
    layout = data.draw(st.sampled_from(layouts), label="layout")
    soap = data.draw(st.sampled_from(soaps), label="soap")
    documented_layout = layout == "documented"

    params = data.draw(object_for(schema, op.request, documented=documented_layout))
    request = so.build_request(
        version,
        operation,
        params,
        ticket="7T:x",
        layout=layout,
        soap=soap,
    )
    parsed = so.parse_request(version, request)
    assert (parsed.operation, parsed.params, parsed.ticket) == (operation, params, "7T:x")

    value: Any = None
    if op.response is not None:
        value = data.draw(maybe_nil(schema, schema.node(op.response), 0, documented_layout))
    response = so.build_response(version, operation, value, layout=layout, soap=soap)
    result = so.parse_response(version, operation, response)
    if value is None and op.response is not None and op.response.type in schema.arrays:
        value = []  # a nil or missing array result reads as an empty list
    assert result.value == value
    assert result.succeeded is True and result.soap_version == soap


def _mutate(data: bytes, draw: Any) -> bytes:
    kind: str = draw(
        st.sampled_from(["flip", "delete", "duplicate", "insert", "truncate", "replace"])
    )
    at = draw(st.integers(0, len(data) - 1))
    end = min(len(data), at + draw(st.integers(1, 64)))
    if kind == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if kind == "delete":
        return data[:at] + data[end:]
    if kind == "duplicate":
        return data[:end] + data[at:end] + data[end:]
    if kind == "insert":
        junk: bytes = draw(
            st.sampled_from([b"<", b">", b"&", b"&amp;", b"<x>", b"</", b"\x00", b"\xff", b"]]>"])
            | st.binary(max_size=8)
        )
        return data[:at] + junk + data[at:]
    if kind == "truncate":
        return data[:at]
    text: bytes
    text = draw(st.sampled_from([b"abc", b"-1", b"99999999999", b"true", b"", b"NaN", b"x y"]))
    start = data.find(b">", at) + 1
    stop = data.find(b"<", start)
    return data[:start] + text + data[stop:] if 0 < start <= stop else data


PAGES = documented_pages()


@pytest.mark.parametrize(("version", "operation"), PAGES)
@given(data=st.data())
def test_mutated_documented_envelopes(version: str, operation: str, data: st.DataObject) -> None:
    for direction in ("request", "response"):
        mutated = documented(version, operation, direction)
        for _ in range(data.draw(st.integers(1, 4), label="mutations")):
            if mutated:
                mutated = _mutate(mutated, data.draw)
        try:
            if direction == "response":
                so.parse_response(version, operation, mutated)
            else:
                so.parse_request(version, mutated)
        except so.Error:
            pass  # any library exception is a correct answer to broken input
