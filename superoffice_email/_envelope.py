"""An envelope taken apart and its structure judged: the one place that knows where SOAP
puts headers and the Body (used by the parser, ``validate`` and the fake server)."""

from __future__ import annotations

import attrs
from lxml import etree

from ._wire import SOAP_BY_ENVELOPE_NS, Soap
from ._xml import element_path
from .errors import ProtocolError


@attrs.frozen(eq=False)
class EnvelopeParts:
    """An envelope taken apart: the one place that knows where headers and the Body sit."""

    soap: Soap
    #: header elements in either placement: inside a SOAP ``Header``, or directly in the
    #: ``Envelope`` (the documented placement), in document order
    headers: list[etree._Element]
    #: those of ``headers`` directly in the ``Envelope``
    loose: list[etree._Element]
    bodies: list[etree._Element]  # one in a valid envelope
    #: what breaks SOAP's envelope structure, in document order: (reason, element). The
    #: parser refuses the first; ``validate`` reports them all. Empty for a sound envelope.
    problems: list[tuple[str, etree._Element]] = attrs.field(factory=list)

    @property
    def payload(self) -> etree._Element | None:
        """The first element in the (first) Body: the operation's wrapper, or a Fault."""
        body = self.bodies[0] if self.bodies else None
        return None if body is None else next((c for c in body if isinstance(c.tag, str)), None)


def split_envelope(root: etree._Element) -> EnvelopeParts:
    """Take an envelope apart and judge its structure (see ``EnvelopeParts.problems``).

    Anything but a SOAP 1.1 or 1.2 ``Envelope`` is a ProtocolError at once. The structure
    SOAP requires: at most one Header, before exactly one Body, both in the Envelope's own
    SOAP namespace (a SOAP 1.2 Body in a 1.1 Envelope is another version's element, not a
    Body); the Body holds one element, which is not itself an Envelope.
    """
    namespace = etree.QName(root).namespace
    soap = SOAP_BY_ENVELOPE_NS.get(namespace or "")
    if etree.QName(root).localname != "Envelope" or soap is None:
        raise ProtocolError(
            f"not a SOAP envelope: the document element is {root.tag!r}", element_path(root)
        )
    header_tag, body_tag = f"{{{namespace}}}Header", f"{{{namespace}}}Body"
    parts = EnvelopeParts(soap, [], [], [])
    problems = parts.problems
    header_seen = False
    for child in root:
        if not isinstance(child.tag, str):
            continue
        child_ns = etree.QName(child).namespace
        if child.tag == header_tag:
            if header_seen:
                problems.append(("the envelope has two Header elements", child))
            elif parts.bodies:
                problems.append(("the Header comes after the Body", child))
            header_seen = True
            parts.headers.extend(c for c in child if isinstance(c.tag, str))
        elif child.tag == body_tag:
            if parts.bodies:
                problems.append(("the envelope has two Body elements", child))
            parts.bodies.append(child)
        elif child_ns in SOAP_BY_ENVELOPE_NS:
            other = SOAP_BY_ENVELOPE_NS[child_ns].version
            name = etree.QName(child).localname
            if other != soap.version:
                reason = f"a SOAP {other} {name} in a SOAP {soap.version} Envelope"
            else:
                reason = f"SOAP has no {name} element in the Envelope"
            problems.append((reason, child))
        else:
            parts.headers.append(child)
            parts.loose.append(child)
    if not parts.bodies:
        problems.append(("the envelope has no Body", root))
    else:
        _judge_body(parts.bodies[0], problems)
    return parts


def _judge_body(body: etree._Element, problems: list[tuple[str, etree._Element]]) -> None:
    elements = [c for c in body if isinstance(c.tag, str)]
    if not elements:
        problems.append(("the Body is empty", body))
        return
    payload = elements[0]
    name = etree.QName(payload)
    if name.localname == "Envelope" and name.namespace in SOAP_BY_ENVELOPE_NS:
        problems.append(("an Envelope nested in the Body", payload))
    if len(elements) > 1:
        problems.append(
            (f"the Body holds {len(elements)} elements; a message has exactly one", elements[1])
        )
