"""Write one Python module per service version from the generator's description.

The output is deterministic: classes, enums and tables are sorted by name (bases before the
classes that extend them), so regenerating from the same WSDL gives the same bytes.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping

from superoffice_email._model import XmlElement
from superoffice_email._redact import is_secret_name

from .binding import WsdlError
from .editions import LIVE, Since
from .wsdl import OTHER_PREFIXES, ClassDef, ElementDef, EnumDef, ServiceSchema

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

#: the .NET default of each scalar type, as Python source: what the deserializer gives an
#: element of a value type that is left out
_DEFAULTS: dict[str, str] = {
    **{ref: "0" for ref, (python, _) in _SCALARS.items() if python == "int"},
    "xs:float": "0.0",
    "xs:double": "0.0",
    "xs:decimal": "decimal.Decimal(0)",
    "xs:boolean": "False",
    "xs:dateTime": "datetime.datetime.min",
    "ser:duration": "datetime.timedelta(0)",
    "ser:guid": "uuid.UUID(int=0)",
    "ser:char": "'\\x00'",
    "xs:string": "''",
    "xs:anyURI": "''",
    "xs:QName": "''",
    "xs:base64Binary": "b''",
}


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
    def __init__(
        self,
        schema: ServiceSchema,
        source: str,
        since: Since | None = None,
        descriptions: Mapping[str, str] | None = None,
    ) -> None:
        self.schema = schema
        self.descriptions = descriptions or {}
        self.source = source
        self.since = since or Since((LIVE,), {})
        self.enums = {e.name: e for e in schema.enums}
        self.classes = {c.name: c for c in schema.classes}
        self.arrays = {a.name: a for a in schema.arrays}
        self.dictionaries = {d.name: d for d in schema.dictionaries}
        self.imports: set[str] = set()
        self.model_prefixes = ("tns", *OTHER_PREFIXES.values())

    def annotation(self, element: ElementDef | XmlElement, *, nillable: bool = False) -> str:
        ref = element.type
        if ref in _SCALARS:
            text, module = _SCALARS[ref]
            if module:
                self.imports.add(module)
        elif ref in self.arrays:
            # items are never None: the reader leaves a nil item out and reports it
            text = f"list[{self.annotation(self.arrays[ref].item)}]"
        elif ref in self.dictionaries:
            value = self.dictionaries[ref].value
            text = f"dict[str, {self.annotation(value, nillable=value.nillable)}]"
        elif ref.partition(":")[0] in self.model_prefixes and (
            ref.partition(":")[2] in self.enums or ref.partition(":")[2] in self.classes
        ):
            text = ref.partition(":")[2]
        else:
            raise WsdlError(f"{self.schema.version}: unknown type {ref}")
        return f"{text} | None" if nillable else text

    def field(self, element: ElementDef, taken: set[str], owner: str, parameter: bool) -> str:
        """One attrs field. A nillable element may be None (the default); an array is a list
        (default ``[]``; a request wrapper's, a parameter, may also be None: nil on the
        wire); any other element defaults to what NetServer's .NET deserializer gives one
        left out (:meth:`dotnet_default`)."""
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
        since = self.since.of("field", f"{owner}.{element.name}")
        options.append(f"since={since!r}")
        is_array = element.type in self.arrays
        annotation = self.annotation(element, nillable=element.nillable and not is_array)
        if is_array and parameter:
            annotation += " | None"
        elif is_array:
            options.append("array=True")
        elif not element.nillable:
            options.append(self.dotnet_default(element.type))
        arguments = ", ".join([repr(element.name), repr(element.type), *options])
        allows = ", nillable" if element.nillable else ""
        doc = f"``{element.name}`` (``{element.type}``{allows}); {since_phrase(since)}."
        return f'    {name}: {annotation} = xml_field({arguments})\n    """{doc}"""'

    def dotnet_default(self, ref: str) -> str:
        """``default=...`` (or ``struct=True``): the value .NET's deserializer gives a missing
        element of type ``ref``: 0, false, the enumeration's first value (the zero one in
        NetServer's enumerations), no flags, ``DateTime.MinValue``, a zero ``TimeSpan``, a
        struct of defaults."""
        if ref in _DEFAULTS:
            text = _DEFAULTS[ref]
            if text.startswith(("datetime.", "decimal.", "uuid.")):
                self.imports.add(text.partition(".")[0])
            return f"default={text}"
        # enumerations, flags and structs by their value: the classes are made on first use
        local = ref.partition(":")[2]
        if local in self.enums:
            enum = self.enums[local]
            return "default=0" if enum.is_list else f"default={enum.values[0]!r}"
        if local in self.classes:
            return "struct=True"
        raise WsdlError(f"{self.schema.version}: no .NET default for {ref}")

    def enum(self, enum: EnumDef) -> list[str]:
        kind = "flags (an ``xs:list`` of tokens)" if enum.is_list else "an enumeration"
        since = self.since.of("type", enum.name)
        lines = [
            f"class {enum.name}({'XmlFlags' if enum.is_list else 'XmlEnum'}):",
            f'    """``{enum.name}``: {kind}; {since_phrase(since)}."""',
            "",
            f"    __xml_since__ = {since!r}",
        ]
        later = {v: self.since.of("value", f"{enum.name}.{v}") for v in enum.values}
        later = {v: edition for v, edition in later.items() if edition != since}
        if later:  # values added after the type: an older edition did not have them
            lines.append(f"    __xml_value_since__ = {later!r}")
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

    def klass(self, cls: ClassDef, taken: set[str], operation: str = "") -> list[str]:
        base = f"({cls.base})" if cls.base else ""
        if operation:
            doc = f"The request wrapper element ``{cls.xml_name}``"
            since, owner = self.since.of("op", operation), f"{operation}()"
        else:
            doc = f"``{cls.name}`` (extends ``{cls.base}``)" if cls.base else f"``{cls.name}``"
            since, owner = self.since.of("type", cls.name), cls.name
        doc += f"; {since_phrase(since)}."
        lines = ["@model(kw_only=True)", f"class {cls.name}{base}:", f'    """{doc}"""', ""]
        lines.append(f"    __xml_since__ = {since!r}")
        if cls.prefix != "tns":  # its elements are in that namespace, not the service's
            lines.append(f"    __xml_prefix__ = {cls.prefix!r}")
        if cls.fields:
            lines.append("")
        lines += [self.field(f, taken, owner, bool(operation)) for f in cls.fields]
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
            body += ["", "", *self.klass(request, set(), operation.name)]

        body += ["", "", "ARRAYS: dict[str, Array] = {"]
        for array in sorted(schema.arrays, key=lambda a: a.name):
            body.append(f"    {array.name!r}: Array({self.element(array.item)}),")
        body += ["}", "", "DICTIONARIES: dict[str, Dictionary] = {"]
        for dictionary in sorted(schema.dictionaries, key=lambda d: d.name):
            key, value = self.element(dictionary.key), self.element(dictionary.value)
            pair = dictionary.pair
            body.append(f"    {dictionary.name!r}: Dictionary({pair!r}, {key}, {value}),")
        body += ["}", "", "OPERATIONS: dict[str, Operation] = {"]
        for operation in schema.operations:
            response = self.element(operation.response) if operation.response else "None"
            options = ""  # only what differs from NetServer's usual shape
            if operation.request.xml_name != operation.name:
                options += f", request_wrapper={operation.request.xml_name!r}"
            if operation.response_wrapper != f"{operation.name}Response":
                options += f", response_wrapper={operation.response_wrapper!r}"
            if not operation.wrapped:
                options += ", wrapped=False"
            options += f", since={self.since.of('op', operation.name)!r}"
            if self.descriptions.get(operation.name):
                options += f", doc={self.descriptions[operation.name]!r}"
            body.append(
                f"    {operation.name!r}: Operation("
                f"{operation.name!r}, {operation.request.name}, {response}{options}),"
            )
        body += ["}", ""]
        for title, headers in (
            ("REQUEST_HEADERS", schema.request_headers),
            ("RESPONSE_HEADERS", schema.response_headers),
        ):
            body.append(f"{title}: tuple[XmlElement, ...] = (")
            body += [f"    {self.element(h)}," for h in headers]
            body.append(")")
        body += [
            "",
            "#: every enum and class above by name; a class is made an attrs class on first use",
            "#: (``lazy_models``: creating them all would cost more than a call needs)",
            "TYPES: Mapping[str, type] = lazy_models(globals(), (",
            *[f"    {name!r}," for name in sorted([*self.enums, *self.classes])],
            "))",
        ]

        model_names = ["Array", "Dictionary", "Operation", "XmlElement", "lazy_models", "xml_field"]
        # the enums' bases: to a type checker the enums they are made into, at run time
        # declarations (an enum class costs as much to create as an attrs class)
        enum_bases = [
            base
            for base, used in (
                ("XmlEnum", any(not e.is_list for e in schema.enums)),
                ("XmlFlags", any(e.is_list for e in schema.enums)),
            )
            if used
        ]
        head = [
            f'"""{_title(schema)}: models generated from ``{self.source}``.',
            "",
            "Generated by ``python -m codegen``; do not edit by hand.",
            "",
            "Fields: a nillable element is ``T | None`` (default None); an array is ``list[T]``",
            "(default ``[]``; a request wrapper's may also be None, nil on the wire); any other",
            "element is ``T`` and defaults to what NetServer's .NET deserializer gives one left",
            "out (0, false, the enumeration's first value, no flags, ``datetime.min`` for",
            "DateTime.MinValue, a zero timedelta). An answer that lacks such an element reads as",
            "that default, and its path is listed in ``Result.defaulted``.",
            '"""',
            "",
            "from __future__ import annotations",
            "",
            *[f"import {m}" for m in sorted(self.imports)],
            "from collections.abc import Mapping",
            "from typing import TYPE_CHECKING",
            "",
            "from superoffice_email._model import (",
            *[f"    {name}," for name in sorted(model_names, key=_isort_key)],
            ")",
            "",
            "if TYPE_CHECKING:  # each class is what lazy_models (at the end) makes it when used",
            "    from attrs import define as model",
            *(
                ["", f"    from superoffice_email._model import {', '.join(enum_bases)}"]
                if enum_bases
                else []
            ),
            "else:",
            *[
                f"    from superoffice_email._model import Declared{b[3:]} as {b}"
                for b in enum_bases
            ],
            "    from superoffice_email._model import model",
            "",
            f"AGENT = {schema.agent!r}",
            f"VERSION = {schema.version!r}",
            f"NAMESPACE = {schema.namespace!r}",
            "#: the editions whose WSDLs this module was compared with, oldest first; every name",
            "#: is stamped (``since``) with the first that has it",
            f"EDITIONS: tuple[str, ...] = {self.since.editions!r}",
            f"SOAP_ACTION_PREFIX = {schema.soap_action_prefix!r}",
            "#: type-reference prefix: (the documentation's prefix, namespace)",
            "PREFIXES: dict[str, tuple[str, str]] = {",
            *[f"    {ref!r}: ({doc!r}, {ns!r})," for ref, doc, ns in schema.prefixes],
            "}",
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


def since_phrase(edition: str) -> str:
    """How a docstring says where a name first appeared."""
    if edition == LIVE:
        return "as installations serve it"
    return f"first in the {edition} edition"


def _title(schema: ServiceSchema) -> str:
    """``Services86 EMail agent``; ``PartnerSystemUserService`` for a service without a version."""
    return f"{schema.version} {schema.agent} agent" if schema.version else schema.agent


def _isort_key(name: str) -> tuple[bool, str]:
    return (name[:1].islower(), name)  # classes before functions, as isort orders them


def render_module(
    schema: ServiceSchema,
    source: str,
    since: Since | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> str:
    """The Python source of the generated module for one service version.

    ``descriptions``: what each operation does (``Operation.doc``), by operation name.
    """
    return ModelWriter(schema, source, since, descriptions).render()


def render_registry(modules: Mapping[tuple[str, str], str]) -> str:
    """``services/__init__.py``: which models modules there are, by agent and version."""
    email = ", ".join(repr(version) for agent, version in modules if agent == "EMail")
    lines = [
        '"""Generated models, one module per agent and service version; do not edit by hand.',
        "",
        "Regenerate with ``python -m codegen``. Modules are imported on first use",
        "(``superoffice_email._schema.load``), never all at once. Each states its ``AGENT``,",
        "``VERSION``, ``NAMESPACE``, ``SOAP_ACTION_PREFIX``, ``PREFIXES`` and headers.",
        '"""',
        "",
        "#: the EMail agent's versions",
        f"VERSIONS: tuple[str, ...] = ({email},)",
        "",
        "#: (agent, version) -> the module in this package; version \"\" for a service outside",
        "#: NetServer's versions (PartnerSystemUserService)",
        "MODULES: dict[tuple[str, str], str] = {",
    ]
    for (agent, version), name in modules.items():
        lines.append(f"    ({agent!r}, {version!r}): {name!r},")
    return "\n".join([*lines, "}", ""])
