"""Write one Python module per service version from the generator's description.

The output is deterministic: classes, enums and tables are sorted by name (bases before the
classes that extend them), so regenerating from the same WSDL gives the same bytes.
"""

from __future__ import annotations

import keyword
import re

from superoffice_email._model import XmlElement
from superoffice_email._redact import is_secret_name

from .wsdl import ClassDef, ElementDef, EnumDef, ServiceSchema, WsdlError

_SCALARS: dict[str, tuple[str, str | None]] = {
    # type reference: (Python annotation, module to import for it)
    "xs:string": ("str", None),
    "xs:anyURI": ("str", None),
    "xs:QName": ("str", None),
    "xs:boolean": ("bool", None),
    "xs:byte": ("int", None),
    "xs:short": ("int", None),
    "xs:int": ("int", None),
    "xs:long": ("int", None),
    "xs:unsignedByte": ("int", None),
    "xs:unsignedShort": ("int", None),
    "xs:unsignedInt": ("int", None),
    "xs:unsignedLong": ("int", None),
    "xs:decimal": ("decimal.Decimal", "decimal"),
    "xs:float": ("float", None),
    "xs:double": ("float", None),
    "xs:dateTime": ("datetime.datetime", "datetime"),
    "xs:base64Binary": ("bytes", None),
    "ser:duration": ("datetime.timedelta", "datetime"),
    "ser:guid": ("uuid.UUID", "uuid"),
    "ser:char": ("str", None),
}

#: element names whose values are credentials: kept out of repr


def snake_case(name: str) -> str:
    """``HTMLBody`` -> ``html_body``, ``EMailSOInfo`` -> ``email_so_info``, ``From`` -> ``from_``.

    Keywords get a trailing underscore.
    """
    words = re.sub(r"EMail", "Email", name)
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", words).lower()
    return words + "_" if keyword.iskeyword(words) or keyword.issoftkeyword(words) else words


def constant_case(value: str) -> str:
    """``NoPriority`` -> ``NO_PRIORITY``; a leading digit gets an underscore."""
    name = re.sub(r"[^0-9A-Za-z]+", "_", snake_case(value).rstrip("_")).upper()
    return "_" + name if name[:1].isdigit() else name


class ModelWriter:
    def __init__(self, schema: ServiceSchema, source: str) -> None:
        self.schema = schema
        self.source = source
        self.enums = {e.name: e for e in schema.enums}
        self.classes = {c.name: c for c in schema.classes}
        self.arrays = {a.name: a for a in schema.arrays}
        self.dictionaries = {d.name: d for d in schema.dictionaries}
        self.imports: set[str] = set()

    def annotation(self, element: ElementDef | XmlElement, *, nillable: bool = False) -> str:
        ref = element.type
        if ref in _SCALARS:
            text, module = _SCALARS[ref]
            if module:
                self.imports.add(module)
        elif ref in self.arrays:
            item = self.arrays[ref].item
            text = f"list[{self.annotation(item, nillable=item.nillable)}]"
        elif ref in self.dictionaries:
            value = self.dictionaries[ref].value
            text = f"dict[str, {self.annotation(value, nillable=value.nillable)}]"
        elif ref.startswith("tns:") and (ref[4:] in self.enums or ref[4:] in self.classes):
            text = ref[4:]
        else:
            raise WsdlError(f"{self.schema.version}: unknown type {ref}")
        return f"{text} | None" if nillable else text

    def field(self, element: ElementDef, taken: set[str]) -> str:
        name = snake_case(element.name)
        if name in taken:
            raise WsdlError(f"{self.schema.version}: two elements map to the field {name}")
        taken.add(name)
        options = []
        if element.nillable:
            options.append("nillable=True")
        if element.min_occurs > 0:
            options.append("required=True")
        if is_secret_name(element.name):
            options.append("secret=True")
        arguments = ", ".join([repr(element.name), repr(element.type), *options])
        annotation = self.annotation(element, nillable=True)
        return f"    {name}: {annotation} = xml_field({arguments})"

    def enum(self, enum: EnumDef) -> list[str]:
        kind = "flags (an ``xs:list`` of tokens)" if enum.is_list else "an enumeration"
        lines = [
            f"class {enum.name}({'XmlFlags' if enum.is_list else 'XmlEnum'}):",
            f'    """``{enum.name}``: {kind}."""',
            "",
        ]
        members: set[str] = set()
        for position, value in enumerate(enum.values):
            member = constant_case(value)
            if member in members:
                raise WsdlError(f"{enum.name}: two values map to the member {member}")
            members.add(member)
            literal = str(1 << position) if enum.is_list else repr(value)
            lines.append(f"    {member} = {literal}")
        if enum.is_list:
            tokens = ", ".join(repr(v) for v in enum.values)
            lines.append(f"    __xml_tokens__ = ({tokens},)")
        return lines

    def klass(self, cls: ClassDef, taken: set[str]) -> list[str]:
        base = f"({cls.base})" if cls.base else ""
        if cls.xml_name != cls.name:
            doc = f"The request wrapper element ``{cls.xml_name}``."
        elif cls.base:
            doc = f"``{cls.name}`` (extends ``{cls.base}``)."
        else:
            doc = f"``{cls.name}``."
        lines = ["@attrs.define(kw_only=True)", f"class {cls.name}{base}:", f'    """{doc}"""']
        if cls.fields:
            lines.append("")
        lines += [self.field(f, taken) for f in cls.fields]
        return lines

    def class_order(self) -> list[ClassDef]:
        ordered: list[ClassDef] = []
        done: set[str] = set()

        def visit(cls: ClassDef) -> None:
            if cls.name in done:
                return
            if cls.base:
                visit(self.classes[cls.base])
            done.add(cls.name)
            ordered.append(cls)

        for name in sorted(self.classes):
            visit(self.classes[name])
        return ordered

    def fields_of(self, cls: ClassDef) -> set[str]:
        taken: set[str] = set()
        while cls.base:
            cls = self.classes[cls.base]
            taken |= {snake_case(f.name) for f in cls.fields}
        return taken

    def render(self) -> str:
        schema = self.schema
        body: list[str] = []
        for enum in sorted(schema.enums, key=lambda e: e.name):
            body += ["", "", *self.enum(enum)]
        for cls in self.class_order():
            body += ["", "", *self.klass(cls, self.fields_of(cls))]
        for operation in schema.operations:
            request = operation.request
            if request.name in self.classes:
                raise WsdlError(f"{request.name}: clashes with a complex type")
            body += ["", "", *self.klass(request, set())]

        body += ["", "", "ARRAYS: dict[str, Array] = {"]
        for array in sorted(schema.arrays, key=lambda a: a.name):
            body.append(f"    {array.name!r}: Array({self.element(array.item)}),")
        body += ["}", "", "DICTIONARIES: dict[str, Dictionary] = {"]
        for dictionary in sorted(schema.dictionaries, key=lambda d: d.name):
            key, value = self.element(dictionary.key), self.element(dictionary.value)
            pair = dictionary.pair
            body.append(f"    {dictionary.name!r}: Dictionary({pair!r}, {key}, {value}),")
        body += ["}", "", "TYPES: dict[str, type] = {"]
        for name in sorted([*self.enums, *self.classes]):
            body.append(f"    {name!r}: {name},")
        body += ["}", "", "OPERATIONS: dict[str, Operation] = {"]
        for operation in schema.operations:
            response = self.element(operation.response) if operation.response else "None"
            body.append(
                f"    {operation.name!r}: Operation("
                f"{operation.name!r}, {operation.request.name}, {response}),"
            )
        body += ["}", ""]
        for title, headers in (
            ("REQUEST_HEADERS", schema.request_headers),
            ("RESPONSE_HEADERS", schema.response_headers),
        ):
            body.append(f"{title}: tuple[XmlElement, ...] = (")
            body += [f"    {self.element(h)}," for h in headers]
            body.append(")")

        model_names = ["Array", "Dictionary", "Operation", "XmlElement", "xml_field"]
        if any(e.is_list for e in schema.enums):
            model_names.append("XmlFlags")
        if any(not e.is_list for e in schema.enums):
            model_names.append("XmlEnum")
        head = [
            f'"""{schema.version} EMail agent: models generated from ``{self.source}``.',
            "",
            "Generated by ``python -m codegen``; do not edit by hand.",
            '"""',
            "",
            "from __future__ import annotations",
            "",
            *[f"import {m}" for m in sorted(self.imports)],
            *([""] if self.imports else []),
            "import attrs",
            "",
            "from superoffice_email._model import (",
            *[f"    {name}," for name in sorted(model_names, key=_isort_key)],
            ")",
            "",
            f"VERSION = {schema.version!r}",
            f"NAMESPACE = {schema.namespace!r}",
        ]
        return "\n".join(head + body) + "\n"

    def element(self, element: ElementDef) -> str:
        self.annotation(element)  # fails early on an unknown type
        options = ""
        if element.nillable:
            options += ", nillable=True"
        if element.min_occurs > 0:
            options += ", required=True"
        return f"XmlElement({element.name!r}, {element.type!r}{options})"


def _isort_key(name: str) -> tuple[bool, str]:
    return (name[:1].islower(), name)  # classes before functions, as isort orders them


def render_module(schema: ServiceSchema, source: str) -> str:
    """The Python source of the generated module for one service version."""
    return ModelWriter(schema, source).render()
