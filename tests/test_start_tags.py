"""``_bounded.StartTags``: a start tag of more than ``MAX_ATTRIBUTES`` attributes is refused
before the parser is fed it, however the answer is cut into chunks, and nothing else is.

The expectation is the documents' construction: each start tag is written with a known number
of attributes, among values holding ``>``, ``=`` and the other quote, text holding ``=``,
``>`` and quotes, and comments, CDATA sections and PIs holding ``<``, ``=`` and quotes."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import superoffice_email as so
from superoffice_email._bounded import MAX_ATTRIBUTES, StartTags

VALUES = ['"1"', "'1'", '"a>b"', "'x=\"y\"'", '"=\'="', "'>'", '""']
OTHERS = [
    "</t>",
    "text = > ' \" == x",
    "<!-- <x a='1' b=\"2\"> = ' -->",
    "<![CDATA[ <x a='1'> == ' \" > ]]>",
    "<?pi a='1' = ' ?>",
    "&lt;a href=&quot;x&quot;&gt; = = =",
]


@st.composite
def documents(draw: st.DrawFn) -> tuple[bytes, int | None, int]:
    """A document, where its first start tag of too many attributes begins (None: none), and
    how many attributes its tags have."""
    parts: list[str] = ["<root>"]
    first: int | None = None
    total = 0
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(OTHERS)))
            continue
        count = draw(st.sampled_from([0, 1, 3, MAX_ATTRIBUTES, MAX_ATTRIBUTES + 1, 3000]))
        value = draw(st.sampled_from(VALUES))
        space = draw(st.sampled_from([" ", "\n ", "  "]))
        attributes = "".join(
            f"{space}a{n}{draw(st.sampled_from(['=', ' = ']))}{value}" for n in range(count)
        )
        total += count
        if count > MAX_ATTRIBUTES and first is None:
            first = len("".join(parts).encode())
        parts.append(f"<t{attributes}{draw(st.sampled_from(['>', '/>', ' >']))}")
    parts.append("</root>")
    return "".join(parts).encode(), first, total


def _check(data: bytes, cuts: list[int], counted: list[int] | None = None) -> int | None:
    """Where the guard refused the document fed in chunks at ``cuts`` (None: it did not);
    ``counted`` gets what it said each chunk holds."""
    tags = StartTags()
    bounds = [0, *sorted({c % (len(data) + 1) for c in cuts}), len(data)]
    try:
        for start, end in itertools.pairwise(bounds):
            found = tags.check(data[start:end])
            if counted is not None:
                counted.append(found)
    except so.ProtocolError as error:
        text = str(error)
        return int(text.split("start tag at byte ")[1].split()[0])
    return None


@settings(max_examples=300, deadline=None)
@given(documents(), st.lists(st.integers(0, 1 << 20), max_size=12))
def test_a_tag_of_too_many_attributes_is_refused_in_any_chunks(
    document: tuple[bytes, int | None, int], cuts: list[int]
) -> None:
    data, first, total = document
    counted: list[int] = []
    assert _check(data, cuts, counted) == first
    if first is None:  # the pruner's budget: never fewer than the attributes fed
        assert sum(counted) >= total


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 1 << 20), max_size=40))
def test_a_tag_cut_a_byte_at_a_time_is_still_counted(cuts: list[int]) -> None:
    tag = "<t" + "".join(f" a{n}='>'" for n in range(MAX_ATTRIBUTES + 1)) + "/>"
    data = f"<root>{tag}</root>".encode()
    assert _check(data, cuts) == len(b"<root>")
    assert _check(data, list(range(len(data)))) == len(b"<root>")


def test_the_documents_are_what_they_say() -> None:
    # the construction is XML whose tags hold the attributes counted (lxml's own reading)
    tag = "<t" + "".join(f' a{n}="a>b"' for n in range(5)) + "/>"
    root = etree.fromstring(f"<root>{OTHERS[2]}{OTHERS[3]}{tag}{OTHERS[1]}</root>".encode())
    assert [len(e.attrib) for e in root.iter("t")] == [5]


def test_text_of_many_equals_and_quotes_is_no_tag() -> None:
    # an HTML body escaped in a Subject: 200,000 = and quotes, no raw <
    body = "&lt;a href=&quot;x&quot; title='y'&gt;=" * 20_000
    data = f"<root><Subject>{body}</Subject></root>".encode()
    assert _check(data, [5, 70_000, 131_072]) is None
