"""JSON out is JSON in: model values as JSON and back, with the same names and values both ways.

Every conversion is directed by the XSD type reference the generated models declare
(``xs:int``, ``tns:EMailEntity``, ``arr:ArrayOfint``...), read from the public models module
(``superoffice_email.models(version)``: ``TYPES``, ``ARRAYS``, ``DICTIONARIES``) and the attrs
field metadata, so a value prints exactly as ``--param`` takes it back:

- fields by their Python (snake_case) names; ``None`` fields are left out, and missing fields
  read as ``None``;
- enumerations as their XML token (``"Seen"``), flags as a list of tokens (``["Seen"]``);
- dateTime, base64Binary, decimal, ser:duration and ser:guid as strings in their XSD lexical
  form, which is ISO 8601 for dates (``2021-03-25T21:36:08Z``, the zone as received) and
  durations (``P1DT2H``); ser:char as a one-character string; non-finite doubles as
  ``"NaN"``, ``"INF"``, ``"-INF"`` (JSON has no literal for them).

Secret fields (passwords, tickets) are left out unless asked for.
"""

from __future__ import annotations

import decimal
import enum
import json
import math
from types import ModuleType
from typing import Any

import attrs

from .. import XmlText

# private runtime imports, two: the XSD codecs' lexical forms are what --param accepts, and
# the one redaction rule says which fields' values an error must not quote
from .._redact import is_secret_name, refused_value
from .._xsd import CODECS
from ..errors import UsageError

_STRINGS = frozenset({"xs:string", "xs:anyURI", "xs:QName"})
_INTEGERS = frozenset(ref for ref, codec in CODECS.items() if codec.python_type is int)
_DOUBLES = frozenset({"xs:double", "xs:float"})
# written as their codec's text: JSON has no type for them
_AS_TEXT = frozenset({"xs:decimal", "xs:dateTime", "xs:base64Binary", "ser:duration", "ser:guid"})


def shape(module: ModuleType, ref: str) -> tuple[str, Any]:
    """What a type reference is: ("scalar", codec), ("array", item element),
    ("dict", dictionary), ("enum" | "flags" | "class", the model class)."""
    if ref in CODECS:
        return "scalar", CODECS[ref]
    if ref in module.ARRAYS:
        return "array", module.ARRAYS[ref].item
    if ref in module.DICTIONARIES:
        return "dict", module.DICTIONARIES[ref]
    cls = module.TYPES[ref.partition(":")[2]]
    if issubclass(cls, enum.Flag):
        return "flags", cls
    if issubclass(cls, enum.Enum):
        return "enum", cls
    return "class", cls


def xml_fields(cls: type) -> dict[str, Any]:
    """A model class's fields: Python name -> its XML declaration (name, type, nillable)."""
    return {f.name: f.metadata["xml"] for f in attrs.fields(cls) if "xml" in f.metadata}


def _secret_fields(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in attrs.fields(cls) if f.metadata.get("secret"))


def flag_tokens(cls: type[enum.Flag]) -> dict[enum.Flag, str]:
    """Each single flag and its XML token, in declaration order."""
    return dict(zip(cls, cls.__xml_tokens__, strict=True))  # type: ignore[attr-defined]


def to_json(module: ModuleType, ref: str, value: Any, *, secrets: bool = False) -> Any:
    """``value`` of XSD type ``ref`` as JSON-ready data (secret fields left out by default)."""
    if value is None:
        return None
    if isinstance(value, XmlText):
        return str(value)  # a token a newer server knows, as received
    kind, info = shape(module, ref)
    if kind == "scalar":
        if ref in _AS_TEXT:
            return info.encode(value)
        if ref in _DOUBLES and not math.isfinite(value):
            return info.encode(value)
        return value
    if kind == "enum":
        return value.value
    if kind == "flags":
        return [token for member, token in flag_tokens(info).items() if member in value]
    if kind == "array":
        return [to_json(module, info.type, item, secrets=secrets) for item in value]
    if kind == "dict":
        return {
            str(key): to_json(module, info.value.type, item, secrets=secrets)
            for key, item in value.items()
        }
    cls = type(value)
    hidden = frozenset() if secrets else _secret_fields(cls)
    out = {}
    for name, xml in xml_fields(cls).items():
        item = getattr(value, name)
        if item is not None and name not in hidden:
            out[name] = to_json(module, xml.type, item, secrets=secrets)
    return out


def from_json(module: ModuleType, ref: str, data: Any, where: str, secret: bool = False) -> Any:
    """JSON data as a value of XSD type ``ref``; ``where`` names it in errors (``--param x``).

    The errors for a ``secret`` field (a password, a token) name the type given, not the value.
    """
    if data is None:
        return None
    kind, info = shape(module, ref)
    if kind == "scalar":
        return _scalar(ref, info, data, where, secret)
    if kind == "enum":
        by_token = {member.value: member for member in info}
        if isinstance(data, str) and data in by_token:
            return by_token[data]
        raise UsageError(
            f"{where}: {_show(data)} is not a {info.__name__}; one of: {_list(by_token)}"
        )
    if kind == "flags":
        return _flags(info, data, where)
    if kind == "array":
        if not isinstance(data, list):
            raise UsageError(f"{where}: expected a JSON array ({ref}), got {_show(data)}")
        return [from_json(module, info.type, item, f"{where}[{i}]") for i, item in enumerate(data)]
    if kind == "dict":
        if not isinstance(data, dict):
            raise UsageError(f"{where}: expected a JSON object ({ref}), got {_show(data)}")
        return {
            from_json(module, info.key.type, key, f"{where} key"): from_json(
                module, info.value.type, item, f"{where}.{key}"
            )
            for key, item in data.items()
        }
    if not isinstance(data, dict):
        raise UsageError(f"{where}: expected a JSON object ({ref}), got {_show(data)}")
    fields = xml_fields(info)
    values = {}
    for name, item in data.items():
        if name not in fields:
            raise UsageError(f"{where}: {unknown_field(info.__name__, fields, name)}")
        secret = is_secret_name(fields[name].name)
        values[name] = from_json(module, fields[name].type, item, f"{where}.{name}", secret)
    return info(**values)


def unknown_field(owner: str, fields: dict[str, Any], name: str) -> str:
    """The message for a field ``owner`` lacks, with the valid names (and the one meant, if
    ``name`` is an XML name)."""
    meant = [python for python, xml in fields.items() if xml.name == name]
    hint = f" (the XML name {name!r} is {meant[0]!r} here)" if meant else ""
    return f"{owner} has no field {name!r}{hint}; its fields: {_list(fields) or '(none)'}"


def _scalar(ref: str, codec: Any, data: Any, where: str, secret: bool = False) -> Any:
    try:
        if ref in _STRINGS or ref == "ser:char":
            if isinstance(data, str):
                codec.encode(data)  # a char must be one UTF-16 unit
                return data
        elif ref == "xs:boolean":
            if isinstance(data, bool):
                return data
        elif ref in _INTEGERS:
            if isinstance(data, int) and not isinstance(data, bool):
                codec.encode(data)  # the type's range
                return data
        elif ref in _DOUBLES:
            if isinstance(data, int | float) and not isinstance(data, bool):
                return float(data)
            if data in ("NaN", "INF", "-INF"):
                return codec.decode(data)
        elif ref == "xs:decimal" and isinstance(data, int | float) and not isinstance(data, bool):
            return decimal.Decimal(repr(data))
        elif isinstance(data, str):
            return codec.decode(data)
    except ValueError as error:
        reason = refused_value(ref, data) if secret else str(error)
    else:
        reason = (
            f"expected {_EXPECTED.get(ref, 'a string')} ({ref}), got "
            + (f"a JSON {type(data).__name__} (a secret: not shown)" if secret else _show(data))
        )
    raise UsageError(f"{where}: {reason}")


_EXPECTED = {
    **{ref: "a JSON string" for ref in _STRINGS},
    **{ref: "an integer" for ref in _INTEGERS},
    **{ref: "a number" for ref in _DOUBLES},
    "xs:boolean": "true or false",
    "ser:char": "a one-character string",
    "xs:decimal": "a decimal number or its text",
    "xs:dateTime": "an ISO 8601 date and time (2024-01-31T09:30:00+01:00)",
    "xs:base64Binary": "base64 text",
    "ser:duration": "an ISO 8601 duration (P1DT2H30M)",
    "ser:guid": "a GUID (8-4-4-4-12 hex digits)",
}


def _flags(cls: type[enum.Flag], data: Any, where: str) -> enum.Flag:
    # a list of tokens, as printed; the XML form (space-separated text) is taken too
    tokens = data.split() if isinstance(data, str) else data
    if not isinstance(tokens, list):
        raise UsageError(f"{where}: expected a list of {cls.__name__} tokens, got {_show(data)}")
    by_token = {token: member for member, token in flag_tokens(cls).items()}
    value = cls(0)
    for token in tokens:
        if not isinstance(token, str) or token not in by_token:
            raise UsageError(
                f"{where}: {_show(token)} is not a {cls.__name__}; one of: {_list(by_token)}"
            )
        value |= by_token[token]
    return value


def _show(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _list(names: Any) -> str:
    return ", ".join(str(name) for name in names)


# types whose JSON form is a string: --param takes them bare too
_TEXT_SCALARS = _STRINGS | _AS_TEXT | {"ser:char"}


def parse_params(module: ModuleType, operation: str, pairs: list[str]) -> dict[str, Any]:
    """``--param NAME=VALUE`` pairs as the request's field values.

    VALUE is JSON. Where the JSON form is a string (text, dates, enumerations...) it may be
    written bare (``subject=Hello``); a flags field takes a bare token or the XML
    space-separated form; objects and arrays must be JSON.
    """
    fields = xml_fields(module.OPERATIONS[operation].request)
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE")
        where = f"--param {name}"
        if name not in fields:
            raise UsageError(f"{where}: {unknown_field(operation, fields, name)}")
        if name in params:
            raise UsageError(f"{where}: given twice")
        ref = fields[name].type
        kind = shape(module, ref)[0]
        if kind == "enum" or (kind == "scalar" and ref in _TEXT_SCALARS):
            quoted = raw.startswith('"') or raw == "null"
            data = _json(raw, where, f"a JSON string or bare text ({ref})") if quoted else raw
        elif kind in ("class", "array", "dict"):
            data = _json(raw, where, f"a {ref} is given as a JSON {_FORM[kind]}")
        else:  # numbers, booleans, flags: bare text goes to the checks, which say what it is
            try:
                data = json.loads(raw)
            except json.JSONDecodeError:
                data = raw
        params[name] = from_json(module, ref, data, where, is_secret_name(fields[name].name))
    return params


_FORM = {"class": "object", "array": "array", "dict": "object"}


def _json(raw: str, where: str, expected: str) -> Any:
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:  # raised below: error.doc, perhaps a password, stays out
        reason = f"not JSON ({error.msg} at character {error.pos + 1}); {expected}"
    raise UsageError(f"{where}: {reason}")
