"""The readers specialised per shape (``_readshapes``) read every answer as the general reader
does: the same values, the same elements skipped and defaulted, the same error, word for word.

The general reader (``_readvalues``' loop over an element's children, checked against the
documented envelopes elsewhere) is the expectation: each answer is read once with shapes
compiled and once with none (``MAX_SHAPES = 0``). The answers are the wire-layout examples of
operations of several agents and versions, and a GetEMailEnvelopes answer of many items (the
shape met again and again, lists mapped while parsed, in several chunks), each also mutated at
random: attributes (``xsi:nil`` in its forms, others), comments, elements removed, doubled,
swapped, unknown ones added, texts no codec accepts.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from typing import Any

import pytest
from lxml import etree

import superoffice_email as so
from superoffice_email import _readshapes, _readvalues, _scan
from superoffice_email._schema import MODULES, load

XSI = "http://www.w3.org/2001/XMLSchema-instance"
TEXTS = (
    "x",
    "-5",
    "\u0661\u0662",
    "99999999999",
    " 12 ",
    "",
    "1_0",
    "+7",
    "0012",
    "true",
    "2024-01-01T00:00:00Z",
    "2024-13-01T00:00:00",
    "Seen Answered",
    "Normal",
    "AAEC",
)
TARGETS = [
    ("EMail", "Services88", "GetEMailEnvelopes"),
    ("EMail", "Services88", "GetEMailFromId"),
    ("EMail", "Services88", "GetEMailAccount"),
    ("EMail", "Services88", "GetFolderList"),
    ("EMail", "Services88", "GetReadySyncEmailAccounts"),
    ("EMail", "Services86", "GetEMailEnvelopes"),
    ("EMail", "Services86", "GetEMailFromId"),
    ("EMail", "Services88", "GetEmailAppointment"),
]


def outcome(agent: str, version: str, operation: str, data: bytes) -> tuple[Any, ...]:
    """What reading ``data`` gives, in a form two readings can be compared by."""
    _readvalues.readers.cache_clear()  # shapes compiled afresh (or not at all)
    try:
        result = so.parse_response(version, operation, data, agent=agent)
    except so.Error as error:
        return ("error", type(error).__name__, str(error))
    return ("ok", repr(result.value), list(result.skipped), list(result.defaulted))


def both(agent: str, version: str, operation: str, data: bytes) -> tuple[Any, Any]:
    fast = outcome(agent, version, operation, data)
    general = _general(agent, version, operation, data)
    return fast, general


def _general(agent: str, version: str, operation: str, data: bytes) -> tuple[Any, ...]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_readshapes, "MAX_SHAPES", 0)
        return outcome(agent, version, operation, data)


def mutate(root: etree._Element, rng: random.Random) -> None:
    """One random change below the SOAP Body."""
    body = root[-1]
    elements = [e for e in body.iter() if isinstance(e.tag, str) and e is not body]
    if len(elements) < 2:
        return
    element = rng.choice(elements[1:])  # not the operation's wrapper
    parent = element.getparent()
    assert parent is not None
    how = rng.randrange(12)
    if how == 0:
        element.set(f"{{{XSI}}}nil", rng.choice(["true", "1", " true ", "false"]))
    elif how == 1:
        element.set("other", "value")
    elif how == 2:
        element.insert(0, etree.Comment("c"))
    elif how == 3:
        parent.remove(element)
    elif how == 4:
        element.addnext(copy.deepcopy(element))
    elif how == 5:
        following = element.getnext()
        if following is not None:
            parent.remove(following)
            element.addprevious(following)
    elif how == 6:
        unknown = etree.Element(element.tag.rpartition("}")[0] + "}Unknown")
        unknown.text = "1"
        element.addnext(unknown)
    elif how in (7, 8):
        if not len(element):
            element.text = rng.choice(TEXTS)
    elif how == 9:
        etree.SubElement(element, element.tag.rpartition("}")[0] + "}Child").text = "1"
    elif how == 10:
        element.text = None
    else:
        element.set(f"{{{XSI}}}nil", "true")
        if not len(element) and not element.text:
            element.text = "5"  # nil with content


def mutated(data: bytes, seed: int, count: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for _ in range(count):
        root = etree.fromstring(data)
        for _ in range(rng.randint(1, 3)):
            mutate(root, rng)
        yield etree.tostring(root)


@pytest.mark.parametrize(("agent", "version", "operation"), TARGETS)
def test_examples_and_their_mutations_read_alike(agent: str, version: str, operation: str) -> None:
    data = so.example_envelope(
        version, operation, "response", layout="wire", soap="1.1", agent=agent
    )
    fast, general = both(agent, version, operation, data)
    assert fast == general
    assert fast[0] == "ok"  # the example itself reads
    kinds: set[str] = set()
    for n, changed in enumerate(mutated(data, len(operation), 150)):
        fast, general = both(agent, version, operation, changed)
        assert fast == general, f"mutation {n}: {changed.decode()[:3000]}"
        kinds.add(fast[0] if fast[0] == "error" else "skipped" if fast[2] else "ok")
    assert kinds == {"ok", "error", "skipped"}  # the mutations reach each way out


def many_envelopes(count: int) -> bytes:
    """A GetEMailEnvelopes answer of ``count`` items, as a NetServer writes it (every field)."""
    one = etree.fromstring(
        so.example_envelope(
            "Services88", "GetEMailEnvelopes", "response", layout="wire", soap="1.1"
        )
    )
    response = next(e for e in one.iter() if isinstance(e.tag, str) and e.tag.endswith("}Response"))
    item = response[0]
    for n in range(1, count):
        extra = copy.deepcopy(item)
        server_id = next(e for e in extra if e.tag.endswith("}ServerId"))
        server_id.text = str(n)
        response.append(extra)
    return etree.tostring(one)


def test_many_items_and_their_mutations_read_alike() -> None:
    data = many_envelopes(400)  # several chunks of the parser: lists mapped as they end
    assert len(data) > 3 * 65536
    fast, general = both("EMail", "Services88", "GetEMailEnvelopes", data)
    assert fast == general and fast[0] == "ok"
    for n, changed in enumerate(mutated(data, 7, 40)):
        fast, general = both("EMail", "Services88", "GetEMailEnvelopes", changed)
        assert fast == general, f"mutation {n}"


def test_every_agent_reads_its_examples_alike() -> None:
    # one answer of each operation of each agent and version (the latest edition)
    for agent, version in sorted(MODULES):
        for operation in sorted(load(version, agent).operations):
            data = so.example_envelope(
                version, operation, "response", layout="wire", soap="1.1", agent=agent
            )
            fast, general = both(agent, version, operation, data)
            assert fast == general, (agent, version, operation)


def test_shapes_per_class_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # an answer whose items each have another shape compiles at most MAX_SHAPES readers for
    # the class; the rest are read by the general reader, alike
    root = etree.fromstring(many_envelopes(30))
    response = next(
        e for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("}Response")
    )
    for n, item in enumerate(response):
        for k in range(n):
            etree.SubElement(item, f"{{urn:x}}Extra{k}")
    data = etree.tostring(root)
    compiled: list[object] = []
    real = _readshapes.compile_shape

    def counting(*args: Any) -> Any:
        compiled.append(args[0])
        return real(*args)

    monkeypatch.setattr(_readvalues, "compile_shape", counting)
    fast, general = both("EMail", "Services88", "GetEMailEnvelopes", data)
    assert fast == general and fast[0] == "ok"
    envelopes = [c for c in compiled if getattr(c, "__name__", "") == "EMailEnvelope"]
    assert len(envelopes) == _readshapes.MAX_SHAPES


def test_the_usual_answer_needs_no_general_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    # every object of a NetServer's answer is read by its shape's reader, none given up
    outcomes: list[object] = []
    real = _readshapes.compile_shape

    def watched(*args: Any) -> Any:
        read = real(*args)
        assert read is not None

        def counted(*call: Any) -> Any:
            value = read(*call)
            outcomes.append(value)
            return value

        return counted

    monkeypatch.setattr(_readvalues, "compile_shape", watched)
    monkeypatch.setattr(_scan, "ENABLED", False)  # its items read from bytes (test_scan)
    fast, general = both("EMail", "Services88", "GetEMailEnvelopes", many_envelopes(50))
    assert fast == general
    assert len(outcomes) >= 50
    assert not any(v is _readshapes.BAIL or v is _readshapes.MISMATCH for v in outcomes)


def test_objects_are_stored_into_only_where_init_would_do_no_more() -> None:
    # a model's __init__ only stores its arguments: the readers store them themselves; any
    # class whose __init__ does more (frozen, a validator or converter, a hook) is called
    import attrs

    from superoffice_email.services import services88

    @attrs.define
    class Plain:
        a: int = 0

    @attrs.frozen
    class Frozen:
        a: int = 0

    @attrs.define
    class Validated:
        a: int = attrs.field(default=0, validator=attrs.validators.instance_of(int))

    @attrs.define
    class Converted:
        a: int = attrs.field(default=0, converter=int)

    @attrs.define
    class Hooked:
        a: int = 0

        def __attrs_post_init__(self) -> None:
            self.a += 1

    class NotAttrs:
        pass

    assert _readshapes._plain(services88.EMailAddress)
    assert _readshapes._plain(Plain)
    for cls in (Frozen, Validated, Converted, Hooked, NotAttrs):
        assert not _readshapes._plain(cls), cls
