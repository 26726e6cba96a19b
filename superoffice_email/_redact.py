"""Redaction, one home: which values are secrets, and the marker that replaces them.

The rule is by element (and field) name, with any prefix: ``Ticket``, ``Password``, any
``…Token`` and anything with ``Secret`` in it. The generator keeps such fields out of the
models' ``repr``; the agents, the logs and the testing kit replace their text with
:data:`REDACTED`.
"""

from __future__ import annotations

import re

#: what a secret is replaced with, everywhere
REDACTED = "***"

#: XML local names (and .NET property names) whose value is a credential
SECRET_NAME = r"(?:Ticket|Password|[\w.-]*Token|[\w.-]*Secret[\w.-]*)"
_SECRET_NAME = re.compile(rf"^{SECRET_NAME}$")


def is_secret_name(name: str) -> bool:
    """Whether an element or field of this XML name holds a credential."""
    return bool(_SECRET_NAME.match(name))


# An element whose text is a credential, with any prefix. Its text runs to the next tag (or
# the end of a truncated body), CDATA included: group 1 is the start tag, group 2 the text.
SECRET_ELEMENT = re.compile(
    rf"(<(?:[\w.-]+:)?{SECRET_NAME}(?=[\s/>])[^>]*(?<!/)>)"
    r"((?:<!\[CDATA\[.*?(?:\]\]>|$)|[^<])*)",
    re.DOTALL,
)
#: a NetServer ticket written anywhere in a text (``7T:…``, ``8A:…``)
TICKET_TEXT = re.compile(r"\b\d+[A-Z]:[A-Za-z0-9+/=._-]+")


def scrub_secret_elements(text: str) -> str:
    """``text`` (XML, perhaps truncated) with the text of every secret element redacted."""
    return SECRET_ELEMENT.sub(_redact_element, text)


def _redact_element(match: re.Match[str]) -> str:
    return match.group(1) + (REDACTED if match.group(2) else "")
