"""Safe XML in, element paths out: the parser settings every reader of untrusted XML uses.

Documents with a DTD are refused before libxml2 sees them; entities are never resolved and
the network never touched. Paths name elements in errors and in ``skipped``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypedDict

from lxml import etree

from .errors import ForbiddenXmlError, UsageError, XmlSyntaxError, short_path

_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*)*", re.S)


class ParserOptions(TypedDict):
    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    dtd_validation: bool
    huge_tree: bool
    remove_blank_text: bool


#: how every parser of an answer is made (lxml's ``XMLParser``, ``XMLPullParser``, a target's
#: parser). huge_tree: a 100 MB attachment is one text node; safe as entities stay unresolved
PARSER_OPTIONS: ParserOptions = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": True,
    "remove_blank_text": False,
}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**PARSER_OPTIONS)


def document_bytes(data: bytes | bytearray | memoryview | str) -> bytes:
    """A document as the bytes libxml2 is given, its DTD refused before libxml2 sees it."""
    if isinstance(data, str):
        text = data
        # lxml refuses str with an encoding declaration: re-encode and declare what it is
        try:
            data = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1).encode("utf-8")
        except UnicodeEncodeError:
            lone = re.search("[\ud800-\udfff]", text)
            at = lone.start() if lone else 0
            raise XmlSyntaxError(
                f"not well-formed XML: character {text[at]!r} at position {at} is a lone "
                "surrogate, which no XML document can hold"
            ) from None
    elif isinstance(data, bytearray | memoryview):
        data = bytes(data)
    elif not isinstance(data, bytes):
        raise UsageError(f"data must be bytes or str (an XML document), not {type(data).__name__}")
    refuse_doctype(data)
    return data


def refuse_doctype(data: bytes) -> None:
    """ForbiddenXmlError where the document (or its first bytes) declares a DTD."""
    prolog_end = _PROLOG.match(data)
    rest = data[prolog_end.end() if prolog_end else 0 :]
    if rest[:9].upper() == b"<!DOCTYPE":
        raise ForbiddenXmlError("the document has a DTD (<!DOCTYPE>); DTDs are never loaded")


def parse_xml(data: bytes | bytearray | memoryview | str) -> etree._Element:
    """The document element, refusing DTDs and entity declarations before libxml2 sees them."""
    data = document_bytes(data)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise XmlSyntaxError(f"not well-formed XML: {error}") from None
    return checked_root(root)


def checked_root(root: etree._Element | None) -> etree._Element:
    """The document element of a parsed document, which must have one and no DTD."""
    if root is None:
        raise XmlSyntaxError("empty document")
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise ForbiddenXmlError("the document has a DTD; DTDs are never loaded")
    return root


def element_path(
    element: etree._Element, dropped: Mapping[etree._Element, int] | None = None
) -> str:
    """``Envelope/Body/GetEMailFromIdResponse/Response/Attachments/EMailAttachment[2]/Stream``.

    With ``dropped`` (list element -> how many of its items were mapped and dropped from it
    while it was parsed, nil ones too), those items still count in the positions, as in the
    whole document."""
    parts = []
    current: etree._Element | None = element
    while current is not None:
        name = localname(current)
        parent = current.getparent()
        if parent is not None:
            same = [c for c in parent if c.tag == current.tag]
            before = dropped.get(parent, 0) if dropped else 0  # all of this tag
            if len(same) + before > 1:
                name += f"[{same.index(current) + 1 + before}]"
        parts.append(name)
        current = parent
    return short_path(parts[::-1])


def shape_path(element: etree._Element) -> str:
    """``Envelope/Body/GetEMailEnvelopesResponse/Response/EMailEnvelope/Unknown``: the path
    without positions, the same for every item of a list (and cheap to compute)."""
    parts = []
    current: etree._Element | None = element
    while current is not None:
        parts.append(localname(current))
        current = current.getparent()
    return "/".join(parts[::-1])


def localname(element: etree._Element) -> str:
    """An element's name without its namespace (also for the odd names a document that
    turns out not well-formed shows while it is parsed, where ``etree.QName`` raises)."""
    tag = element.tag
    if not isinstance(tag, str):
        return "#comment" if tag is etree.Comment else "#pi"
    return tag.rpartition("}")[2]
