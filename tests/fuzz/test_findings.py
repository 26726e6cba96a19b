"""The fuzzers' findings, each kept as a regression test: a foreign exception that escaped a
public function, and the input that showed it."""

from __future__ import annotations

import io
from typing import Any

import pytest

import superoffice_email as so

#: a namespace URI that libxml2 parses but lxml's tree builder refuses (found by atheris
#: through parse_response's streaming path, which builds the tree from parser events)
BAD_URI = b"http://www[.superoffice.net/ws/crm/NetServer/Services88"


def _sink(owner: object) -> io.BytesIO:
    return io.BytesIO()


@pytest.mark.parametrize(
    "how",
    [{}, {"sink": _sink}, {"stream": True}, {"stream": True, "sink": _sink}],
    ids=["bytes", "sink", "stream", "stream-sink"],
)
def test_an_invalid_namespace_uri_is_a_syntax_error_on_every_path(how: dict[str, Any]) -> None:
    answer = so.example_envelope("Services88", "GetAttachment", "response", layout="wire")
    bad = answer.replace(BAD_URI.replace(b"[", b""), BAD_URI, 1)
    assert bad != answer
    data: Any = io.BytesIO(bad) if how.get("stream") else bad
    with pytest.raises(so.XmlSyntaxError, match=r"not a valid URI|Invalid namespace URI"):
        so.parse_response("Services88", "GetAttachment", data, sink=how.get("sink"))


@pytest.mark.parametrize("operation", ["GetEMailEnvelopes", "FindAddress", "GetNewMail"])
def test_an_undeclared_prefix_in_a_list_answer_is_a_syntax_error(operation: str) -> None:
    # a list answer is read item by item while iterparse goes on, and libxml2 names an
    # undeclared prefix only at the end: an item's path was asked of lxml's QName first,
    # which refuses the tag 'NetServerServices882:int' with a ValueError (found by atheris)
    answer = so.example_envelope("Services88", operation, "response")
    bad = answer.replace(b"xmlns:NetServerServices882=", b"xmlns:Gone=", 1)
    assert bad != answer
    with pytest.raises(so.XmlSyntaxError, match=r"NetServerServices882 on .* is not defined"):
        so.parse_response("Services88", operation, bad)
