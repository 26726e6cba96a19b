"""(h), issue 13: peak memory while parsing answers of any shape, against their size.

Each shape is an answer a server (or an attacker in its place) could send within
``max_response_bytes``: many small items in a list at depth, many elements the models do not
know, one huge string, many small nested objects. Each is built and parsed in a fresh
interpreter that has warmed up on a small answer of the same shape; what is measured is the
growth of the peak RSS (VmHWM, which sees libxml2's memory too) over what the process held
with the answer's bytes already in memory, divided by the answer's size. The target is 4x.

    .venv/bin/python -m tests.benchmarks.hostile [MiB]   # every shape, 20 MiB by default
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

NS = "http://www.superoffice.net/ws/crm/NetServer/Services88"
ARR = "http://schemas.microsoft.com/2003/10/Serialization/Arrays"
S11 = "http://schemas.xmlsoap.org/soap/envelope/"
ROOT = Path(__file__).resolve().parents[2]
LIMIT = 4.0  # issue 13: peak memory at most 4x the answer


def _answer(operation: str, response: bytes) -> bytes:
    head = (
        f'<s:Envelope xmlns:s="{S11}"><s:Header><Succeeded xmlns="{NS}">true</Succeeded>'
        f'</s:Header><s:Body><{operation}Response xmlns="{NS}" xmlns:a="{ARR}">'
    )
    tail = f"</{operation}Response></s:Body></s:Envelope>"
    return head.encode() + response + tail.encode()


def _repeat(unit: bytes, size: int) -> bytes:
    return unit * max(1, size // len(unit))


def ints_at_depth(size: int) -> bytes:
    """``<a:int>1</a:int>`` in an array field of a class in a list in the Response."""
    ints = _repeat(b"<a:int>1</a:int>", size)
    address = b"<EMailAddress><Address>x@example.com</Address><DuplicatePersonIds>"
    tail = b"</DuplicatePersonIds></EMailAddress></To></Response>"
    return _answer("GetEMailFromId", b"<Response><To>" + address + ints + tail)


def unknown_elements(size: int) -> bytes:
    """Empty elements no model knows, in the Response (a newer server's, or an attack)."""
    return _answer(
        "GetEMailFromId", b"<Response>" + _repeat(b"<Unknown/>", size) + b"</Response>"
    )


def huge_string(size: int) -> bytes:
    """One string field of the answer's whole size."""
    return _answer(
        "GetEMailFromId", b"<Response><Subject>" + b"x" * size + b"</Subject></Response>"
    )


def nested_objects(size: int) -> bytes:
    """Many small objects: envelopes, each with a sender and a recipient, in a list (their
    values take about 3.3x the answer: a model object is some 130 bytes before its fields);
    past 8 MiB of objects the reader refuses such an answer (``_bounded.OBJECT_RATIO``)."""
    item = (
        b"<EMailEnvelope><From><Address>anna.berg@example.com</Address></From>"
        b"<To><EMailAddress><Address>ola.nordmann@example.com</Address></EMailAddress></To>"
        b"<Subject>Re: the figures for the second quarter</Subject></EMailEnvelope>"
    )
    return _answer("GetEMailEnvelopes", b"<Response>" + _repeat(item, size) + b"</Response>")


def empty_items(size: int) -> bytes:
    """Items with no fields: 17 bytes of answer make an object of some 200 bytes, so the
    reader refuses the answer once its values outgrow it (NetServer writes every field)."""
    return _answer(
        "GetEMailEnvelopes", b"<Response>" + _repeat(b"<EMailEnvelope/>", size) + b"</Response>"
    )


def comments_in_a_string(size: int) -> bytes:
    """One string field whose text is split by comments (read as the text between them)."""
    text = _repeat(b"ab<!--c-->", size)
    return _answer("GetEMailFromId", b"<Response><Subject>" + text + b"</Subject></Response>")


def pis_in_a_string(size: int) -> bytes:
    """One string field of a list item whose text is split by processing instructions: read by
    the pull parser, which reports each PI (its marker is one)."""
    text = _repeat(b"ab<?p c?>", size)
    item = b"<EMailEnvelope><Subject>" + text + b"</Subject></EMailEnvelope>"
    return _answer("GetEMailEnvelopes", b"<Response>" + item + b"</Response>")


def elements_in_a_string(size: int) -> bytes:
    """One string field holding elements: refused, after the whole answer is parsed."""
    inside = _repeat(b"<b/>", size)
    return _answer("GetEMailFromId", b"<Response><Subject>" + inside + b"</Subject></Response>")


def _attributes(count: int) -> bytes:
    return b" ".join(b'a%d="1"' % n for n in range(count))


def attributes_in_unknown_elements(size: int) -> bytes:
    """Elements of 100 attributes each inside an element no model knows, read by the pull
    parser (which keeps attributes in the tree): libxml2 spends some 250 bytes on each, so
    the pruner counts them (their ``=``) with the elements (30x the answer when it did not)."""
    unknown = _repeat(b"<x " + _attributes(100) + b"/>", size)
    head = b"<Response><EMailEnvelope><Unknown>"
    return _answer("GetEMailEnvelopes", head + unknown + b"</Unknown></EMailEnvelope></Response>")


def attributes_on_one_element(size: int) -> bytes:
    """One element with an attribute for each 12 bytes: refused before it is parsed."""
    return _answer(
        "GetEMailFromId",
        b"<Response><Unknown " + _attributes(max(1, size // 12)) + b"/></Response>",
    )


SHAPES: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "ints at depth": ("GetEMailFromId", ints_at_depth),
    "unknown elements": ("GetEMailFromId", unknown_elements),
    "huge string": ("GetEMailFromId", huge_string),
    "nested objects": ("GetEMailEnvelopes", nested_objects),
    "comments in a string": ("GetEMailFromId", comments_in_a_string),
    "PIs in a string": ("GetEMailEnvelopes", pis_in_a_string),
    "attributes in unknown elements": ("GetEMailEnvelopes", attributes_in_unknown_elements),
}
#: shapes whose values would outgrow the answer: refused (ProtocolError), memory still bounded
REFUSED: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "empty items": ("GetEMailEnvelopes", empty_items),
    "elements in a string": ("GetEMailFromId", elements_in_a_string),
    "attributes on one element": ("GetEMailFromId", attributes_on_one_element),
}

CHILD = """
import io, json, re, sys
from pathlib import Path
import superoffice_email as so
from tests.benchmarks.hostile import REFUSED, SHAPES

def peak():
    return int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]) * 1024

operation, build = {**SHAPES, **REFUSED}[sys.argv[1]]
# with a sink (the streaming parser) or without (the pull parser)
options = {"sink": lambda owner: io.BytesIO()} if sys.argv[3] == "sink" else {}
try:  # imports, plans, caches
    so.parse_response("Services88", operation, build(200), **options)
except so.ProtocolError:
    pass  # a shape refused however small
data = build(int(sys.argv[2]))
Path("/proc/self/clear_refs").write_text("5")
before = peak()
try:
    result = so.parse_response("Services88", operation, data, **options)
    refused = None
except so.ProtocolError as error:
    refused = type(error).__name__
print(json.dumps({"size": len(data), "growth": peak() - before, "refused": refused}))
"""


def measure(shape: str, size: int, sink: bool = False) -> tuple[int, int]:
    """(the answer's size, the peak RSS growth while parsing it), in a fresh interpreter;
    ``sink``: through ``parse_response(..., sink=)``'s streaming parser."""
    size, growth, _ = measure_all(shape, size, sink)
    return size, growth


def measure_all(shape: str, size: int, sink: bool = False) -> tuple[int, int, bool]:
    """:func:`measure`, and whether the reader refused the answer (its objects' budget)."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, shape, str(size), "sink" if sink else "-"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return found["size"], found["growth"], found["refused"] is not None


def main(argv: list[str]) -> int:
    mib = int(argv[0]) if argv else 20
    for sink in (False, True):
        for shape in (*SHAPES, *REFUSED):
            size, growth, refused = measure_all(shape, mib << 20, sink)
            print(
                f"{shape + (' (sink)' if sink else ''):25s} {size / 2**20:7.1f} MiB  "
                f"growth {growth / 2**20:7.1f} MiB  {growth / size:5.2f}x"
                + ("  (refused)" if refused else "")
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
