"""The XML Schemas of a WSDL, alone, in one document the validator reads at run time."""

from __future__ import annotations

import copy

from lxml import etree

from superoffice_email._wire import ARRAYS_NS, SERIALIZATION_NS, XS_NS

from .wsdl import OTHER_PREFIXES


def schema_bundle(root: etree._Element) -> str:
    """Every ``xs:schema`` of a parsed WSDL in one ``<schemas>`` document.

    Shipped with the package so that validation (the fake server, the CLI) works without the
    repository's fixtures. The WSDL's tree is left as it was.
    """
    # a copy of the whole document: a copied subtree would lose the prefixes it inherits
    schemas = copy.deepcopy(root).findall(f".//{{{XS_NS}}}schema")
    service_ns = root.get("targetNamespace", "")
    prefixes = {XS_NS: "xs", service_ns: "tns", ARRAYS_NS: "arr", SERIALIZATION_NS: "ser"}
    present = {s.get("targetNamespace") for s in schemas}
    prefixes.update({ns: p for ns, p in OTHER_PREFIXES.items() if ns in present})
    # QName-valued attributes (type="q12:EMailAccount") lose their prefix declarations when
    # lxml copies a subtree; rewrite them to prefixes declared once on each schema
    for schema in schemas:
        for node in schema.iter(f"{{{XS_NS}}}*"):
            for attribute in ("type", "base", "ref", "itemType"):
                value = node.get(attribute)
                if value is not None:
                    prefix, _, local = value.rpartition(":")
                    node.set(attribute, f"{prefixes[node.nsmap[prefix or None]]}:{local}")
    bundle = etree.Element("schemas")
    bundle.text = "\n"
    nsmap = {p: ns for ns, p in prefixes.items()}
    for schema in schemas:
        attributes = {str(k): str(v) for k, v in schema.attrib.items()}
        copied = etree.SubElement(bundle, schema.tag, attributes, nsmap=nsmap)
        copied.text, copied.tail = schema.text, "\n"
        copied.extend(copy.deepcopy(child) for child in schema)
    return etree.tostring(bundle, encoding="unicode") + "\n"
