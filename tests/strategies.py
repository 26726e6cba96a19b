"""Hypothesis strategies for valid values of any element of any version, from its plans."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

import attrs
from hypothesis import strategies as st

from superoffice_email._schema import Kind, Node, Schema

# text XML 1.0 can carry (no C0 controls but tab/newline/CR, no surrogates, no U+FFFE/FFFF)
XML_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=["Cs"],
        blacklist_characters=[chr(c) for c in range(0x20) if c not in (9, 10, 13)]
        + ["\ufffe", "\uffff"],
    ),
    max_size=20,
)
ZONES = st.one_of(
    st.none(),
    st.just(datetime.UTC),
    st.integers(-14 * 60, 14 * 60).map(lambda m: datetime.timezone(datetime.timedelta(minutes=m))),
)


def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "xs:string": XML_TEXT,
    "xs:anyURI": st.from_regex(r"[a-z]{1,8}:[a-z0-9/]{0,12}", fullmatch=True),
    "xs:boolean": st.booleans(),
    "xs:byte": _integers(-(2**7), 2**7 - 1),
    "xs:short": _integers(-(2**15), 2**15 - 1),
    "xs:int": _integers(-(2**31), 2**31 - 1),
    "xs:long": _integers(-(2**63), 2**63 - 1),
    "xs:unsignedByte": _integers(0, 2**8 - 1),
    "xs:unsignedShort": _integers(0, 2**16 - 1),
    "xs:unsignedInt": _integers(0, 2**32 - 1),
    "xs:unsignedLong": _integers(0, 2**64 - 1),
    "xs:decimal": st.decimals(allow_nan=False, allow_infinity=False, places=4).map(decimal.Decimal),
    "xs:double": st.floats(allow_nan=False),
    "xs:float": st.floats(allow_nan=False, width=32),
    "xs:dateTime": st.builds(
        lambda naive, zone: naive.replace(tzinfo=zone),
        st.datetimes(
            min_value=datetime.datetime(1, 1, 1), max_value=datetime.datetime(9999, 12, 31)
        ),
        ZONES,
    ),
    "xs:base64Binary": st.binary(max_size=64),
    "ser:duration": st.timedeltas(
        min_value=-datetime.timedelta(days=10_000_000),
        max_value=datetime.timedelta(days=10_000_000),
    ),
    "ser:guid": st.uuids(),
    "ser:char": st.characters(max_codepoint=0xFFFF),
}


def value_for(
    schema: Schema, node: Node, depth: int = 0, documented: bool = False
) -> st.SearchStrategy[Any]:
    """Any valid value of the element (not None: the caller decides about absence).

    ``documented``: values the documented layout can write, where every ``None`` is
    ``xsi:nil`` and so is only allowed on nillable elements.
    """
    kind = node.kind
    if kind is Kind.SCALAR:
        return SCALARS[node.type_ref]
    if kind is Kind.ENUM:
        return st.sampled_from(list(node.python_type))
    if kind is Kind.FLAGS:
        members = list(node.python_type)
        return st.sets(st.sampled_from(members)).map(
            lambda chosen: _combine(node.python_type, chosen)
        )
    if kind is Kind.ARRAY:
        assert node.item is not None
        # items are never None: the models say list[T], and the reader leaves a nil one out
        item = value_for(schema, node.item, depth + 1, documented)
        return st.lists(item, max_size=0 if depth > 3 else 3)
    if kind is Kind.DICT:
        assert node.key is not None and node.value is not None
        value = maybe_nil(schema, node.value, depth + 1, documented)
        return st.dictionaries(XML_TEXT, value, max_size=2)
    return object_for(schema, node.python_type, depth + 1, documented)


def maybe_nil(
    schema: Schema, node: Node, depth: int, documented: bool = False
) -> st.SearchStrategy[Any]:
    value = value_for(schema, node, depth, documented)
    return st.one_of(st.none(), value) if node.nillable else value


def object_for(
    schema: Schema, cls: type, depth: int = 0, documented: bool = False
) -> st.SearchStrategy[Any]:
    """Instances of a model class; deeper than a few levels, optional fields are left out.

    None only where the field's default is None (a nillable element, or a request's list
    parameter); a list field of a model is a list, and anything else a value.
    """
    fields = schema.class_plan(cls).fields
    defaults = {f.name: f.default for f in attrs.fields(cls)}
    strategies: dict[str, st.SearchStrategy[Any]] = {}
    for field in fields:
        may_be_none = defaults[field.attr] is None
        if depth > 4 and may_be_none:
            strategies[field.attr] = st.none()
        elif depth > 4 and field.kind is Kind.ARRAY:
            strategies[field.attr] = st.just([])
        elif may_be_none:
            strategies[field.attr] = st.one_of(
                st.none(), _deferred(schema, field, depth, documented)
            )
        else:
            strategies[field.attr] = _deferred(schema, field, depth, documented)
    return st.builds(cls, **strategies)


def _deferred(schema: Schema, node: Node, depth: int, documented: bool) -> st.SearchStrategy[Any]:
    # deferred: model types are recursive (SelectableMDOListItem, SoExceptionInfo)
    return st.deferred(lambda: value_for(schema, node, depth, documented))


def _combine(flags: Any, chosen: set[Any]) -> Any:
    value = flags(0)
    for member in chosen:
        value |= member
    return value
