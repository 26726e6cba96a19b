"""Golden-file assertions: compare an envelope with a stored one, canonically or byte for byte.

The canonical comparison ignores what XML itself says is not content: the XML declaration,
namespace prefixes (also inside ``xsi:type`` values and fault codes), where namespaces are
declared, attribute order, comments, and whitespace-only text: between elements, and inside
an element that holds nothing else (the documentation writes empty elements over two lines).
Text with anything but whitespace in it is compared exactly. Failure messages never show a
ticket, an application token or a password.

The golden workflow: with pytest's ``--superoffice-update-golden`` (the plugin's option),
a golden file that is missing is created, and one that differs is rewritten, from the actual
envelope with its secrets scrubbed; without it, both fail, naming the option. A golden file
holds no secrets then, so the actual envelope's secrets are scrubbed before it is compared
with a golden that holds none (a golden with secret values in it is compared as it is).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import TypeAlias

from lxml import etree

from .._redact import scrub_text
from .._wire import (
    ARRAYS_NS,
    SERIALIZATION_NS,
    SERVICE_NS_PREFIX,
    SOAP11_ENV_NS,
    SOAP12_ENV_NS,
    XS_NS,
    XSI_NS,
    XSI_TYPE,
)
from .._xml import parse_xml
from ..errors import UsageError

Golden: TypeAlias = bytes | str | os.PathLike[str]

#: the pytest option that creates and rewrites golden files
UPDATE_OPTION = "--superoffice-update-golden"
_update = False


def set_update(update: bool) -> None:
    """Create and rewrite golden files from now on (the plugin calls this for the option)."""
    global _update
    _update = update


def scrub_envelope(data: bytes) -> bytes:
    """The envelope with the text of every secret element, and anything shaped like a ticket,
    replaced by ``***``; all else, layout included, byte for byte."""
    text = data.decode("utf-8", "surrogateescape")
    return scrub_text(text, tickets=True).encode("utf-8", "surrogateescape")


def _is_path(source: Golden) -> bool:
    if isinstance(source, bytes):
        return False
    return not (isinstance(source, str) and source.lstrip("\ufeff \t\r\n").startswith("<"))

#: readable prefixes for the namespaces every envelope uses; any other gets n0, n1...
_KNOWN_PREFIXES = {
    SOAP11_ENV_NS: "soap11",
    SOAP12_ENV_NS: "soap12",
    XSI_NS: "xsi",
    XS_NS: "xsd",
    ARRAYS_NS: "arr",
    SERIALIZATION_NS: "ser",
}
#: elements whose text is a QName (fault codes), so their prefix is rewritten too
_QNAME_TEXT_TAGS = {"faultcode", f"{{{SOAP12_ENV_NS}}}Value"}


def redact(text: str, secrets: tuple[str | None, ...] = ()) -> str:
    """``text`` with tickets, application tokens, passwords and the given values hidden."""
    return scrub_text(text, secrets, tickets=True)


def _read(source: Golden, what: str) -> bytes:
    """The bytes of an envelope given as bytes, as XML text, or as a path to a file."""
    if isinstance(source, bytes):
        return source
    if isinstance(source, str) and not _is_path(source):
        return source.encode("utf-8", "surrogatepass")  # a lone surrogate: not well-formed
    path = Path(source)
    try:
        return path.read_bytes()
    except (OSError, ValueError) as error:  # ValueError: a NUL or a lone surrogate in it
        raise AssertionError(f"cannot read the {what} envelope {str(path)!r}: {error}") from None


class _Normalizer:
    """Copies a tree with one fixed prefix per namespace and no whitespace-only text."""

    def __init__(self) -> None:
        self.prefixes: dict[str, str] = {}
        self.others = 0

    def prefix(self, namespace: str) -> str:
        if namespace not in self.prefixes:
            name = _KNOWN_PREFIXES.get(namespace)
            if name is None and namespace.startswith(SERVICE_NS_PREFIX):
                name = "tns" if "tns" not in self.prefixes.values() else None
            if name is None:
                name, self.others = f"n{self.others}", self.others + 1
            self.prefixes[namespace] = name
        return self.prefixes[namespace]

    def qname(self, value: str, scope: etree._Element) -> str:
        """A QName value (``EMail:EMailEntity``) rewritten with the normalized prefix."""
        prefix, _, local = value.strip().rpartition(":")
        namespace = scope.nsmap.get(prefix or None)
        if namespace is None:
            return value  # not a QName in scope: compare it as written
        return f"{self.prefix(namespace)}:{local}"

    def copy(self, element: etree._Element) -> etree._Element:
        result = self._copy(element)
        # every namespace declared once, on the root, in prefix order: readable and stable
        nsmap = {p: ns for ns, p in sorted(self.prefixes.items(), key=lambda item: item[1])}
        root = etree.Element(result.tag, nsmap=nsmap)
        root.attrib.update(result.attrib)
        root.text = result.text
        root.extend(list(result))
        return root

    def _copy(self, element: etree._Element) -> etree._Element:
        namespace = etree.QName(element).namespace
        if namespace:
            self.prefix(namespace)
        copy = etree.Element(element.tag)
        for key, value in sorted(element.attrib.items()):
            attr_ns = etree.QName(key).namespace
            if attr_ns:
                self.prefix(attr_ns)
            copy.set(key, self.qname(str(value), element) if key == XSI_TYPE else value)
        text = _content(element.text)
        if text is not None and element.tag in _QNAME_TEXT_TAGS:
            text = self.qname(text, element)
        copy.text = text
        for child in element:
            if isinstance(child.tag, str):  # comments and processing instructions are dropped
                copy.append(self._copy(child))
                copy[-1].tail = _content(child.tail)
        return copy


def _content(text: str | None) -> str | None:
    """Text as written, or None when it is only whitespace (layout, not content)."""
    return None if text is None or text.strip() == "" else text


def _normalized(data: bytes) -> etree._Element:
    return _Normalizer().copy(parse_xml(data))


def canonical_form(data: bytes) -> str:
    """The C14N 2.0 form of an envelope after the normalization this module describes."""
    return str(etree.canonicalize(_normalized(data)))


def _pretty(root: etree._Element) -> str:
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="unicode")


def _report(headline: str, golden: str, actual: str, *, visible_whitespace: bool) -> str:
    """The failure message: ``golden`` and ``actual`` are redacted before anything is shown."""
    golden, actual = redact(golden), redact(actual)
    if golden == actual:
        return f"{headline}, but only inside redacted values (tickets, tokens, passwords)"
    golden_lines, actual_lines = golden.splitlines(keepends=True), actual.splitlines(keepends=True)
    if visible_whitespace:
        headline += "; " + _first_difference(actual, golden)
        golden_lines = [repr(line) + "\n" for line in golden_lines]
        actual_lines = [repr(line) + "\n" for line in actual_lines]
    lines = difflib.unified_diff(golden_lines, actual_lines, fromfile="golden", tofile="actual")
    return headline + "\n" + "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _first_difference(actual: str, golden: str) -> str:
    index = next(
        (i for i, (a, g) in enumerate(zip(actual, golden, strict=False)) if a != g),
        min(len(actual), len(golden)),
    )
    line = actual.count("\n", 0, index) + 1
    start = max(0, index - 20)
    return (
        f"first difference at character {index} (line {line}): "
        f"actual {actual[start : index + 20]!r}, golden {golden[start : index + 20]!r}"
    )


def assert_envelope_equal(actual: Golden, golden: Golden, *, exact: bool = False) -> None:
    """Fail with a readable unified diff unless ``actual`` matches the ``golden`` envelope.

    Both may be bytes, XML text or a path; a golden envelope may be a request or a response,
    in either layout. By default the two are compared in canonical form (see the module
    docstring: prefixes, declarations and whitespace-only text do not count); ``exact=True``
    compares bytes and shows each line's ``repr`` so that whitespace is visible. Tickets,
    application tokens and passwords are redacted from the message.

    With pytest's ``--superoffice-update-golden``, a golden *file* that is missing or
    differs is written from ``actual``, secrets scrubbed, and the assertion passes.
    """
    __tracebackhide__ = True  # pytest: show the caller's line, not this one
    for what, source in (("actual", actual), ("golden", golden)):
        if not isinstance(source, bytes | str | os.PathLike):
            raise UsageError(
                f"{what} must be bytes, XML text or a path, not {type(source).__name__}"
            )
    actual_bytes = _read(actual, "actual")
    if _is_path(golden):
        path = Path(golden)  # type: ignore[arg-type]
        if not path.exists():
            if _update:
                _write(path, actual_bytes)
                return
            raise AssertionError(
                f"the golden file {str(path)!r} does not exist; run pytest with "
                f"{UPDATE_OPTION} to create it from this envelope (secrets scrubbed)"
            )
    golden_bytes = _read(golden, "golden")
    if scrub_envelope(golden_bytes) == golden_bytes:
        actual_bytes = scrub_envelope(actual_bytes)  # a scrubbed golden: compare scrubbed
    try:
        _compare(actual_bytes, golden_bytes, exact=exact)
    except AssertionError as failure:
        if not _is_path(golden):
            raise
        if _update:
            _write(Path(golden), actual_bytes)  # type: ignore[arg-type]
            return
        raise AssertionError(
            f"{failure}\n(golden file {str(golden)!r}; if the change is intended, run pytest "
            f"with {UPDATE_OPTION} to rewrite it)"
        ) from None


def _write(path: Path, actual: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(scrub_envelope(actual))


def _compare(actual_bytes: bytes, golden_bytes: bytes, *, exact: bool) -> None:
    __tracebackhide__ = True
    if exact:
        if actual_bytes == golden_bytes:
            return
        raise AssertionError(
            _report(
                f"envelopes differ byte for byte ({len(actual_bytes)} bytes, golden "
                f"{len(golden_bytes)})",
                golden_bytes.decode("utf-8", "backslashreplace"),
                actual_bytes.decode("utf-8", "backslashreplace"),
                visible_whitespace=True,
            )
        )
    actual_tree, golden_tree = _normalized(actual_bytes), _normalized(golden_bytes)
    if etree.canonicalize(actual_tree) == etree.canonicalize(golden_tree):
        return
    raise AssertionError(
        _report(
            "envelopes differ in canonical form (prefixes and layout whitespace ignored)",
            _pretty(golden_tree),
            _pretty(actual_tree),
            visible_whitespace=False,
        )
    )
