"""Write the typed agents: one module per service version in ``superoffice_email/agents/``.

Each module holds ``EMailAgent`` and ``AsyncEMailAgent``, one thin method per operation that
builds the request object and hands it to the shared call path in
``superoffice_email._agent``.
Parameters are the request class's fields in schema order; the rules for which are required
and which go by keyword are in :data:`CALL_RULES`, which each generated module repeats. The
same operation table drives both classes; the output is deterministic.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from typing import Any

from .binding import WsdlError
from .editions import Since
from .module import ModelWriter, since_phrase, snake_case
from .operation_docs import OPERATION_DOCS
from .wsdl import OperationDef, ServiceSchema

#: the calling convention, written into every generated agent module's docstring
CALL_RULES = """\
How the methods are called:

- A parameter whose schema element is not nillable (a boolean, a number, an enumeration, a
  date) has no default: NetServer reads a missing one as false, 0 or the first value, which
  is rarely what was meant (``mark_as_read(info, ids)`` would mark the mails unread), so
  the caller must choose it. Nillable ones (texts, objects, lists) default to ``None``.
- The leading parameters that read well bare (the connection, ids, lists, texts) may be
  given by position, up to the first boolean, enumeration or flags value; those and all
  after them are keyword-only, because ``get_email_from_id(info, 42, False, SEEN, True)``
  does not say which ``True`` does what. A nillable parameter before a required one by
  position has no default either (Python puts defaults last); it may still be ``None``.
- Results are never ``None`` where the schema does not allow nil, and a list result is a
  ``list`` (``[]`` for a nil or missing array)."""

_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
_LINE = 100
_DOC_WIDTH = 80  # docstring text, after the indentation
# names the method bodies use for themselves
_LOCALS = frozenset({"self", "request", "response"})


#: public attributes and options of the hand-written agent bases (``superoffice_email``'s
#: ``EMailAgent`` and ``AsyncEMailAgent``): an operation method must not replace one. A test
#: checks that no generated method shadows anything the bases define.
AGENT_ATTRIBUTES = frozenset(
    {
        "aclose",
        "application_token",
        "call",
        "client",
        "close",
        "closed",
        "credentials",
        "deadline",
        "layout",
        "max_response_bytes",
        "soap",
        "ticket",
        "time_zone",
        "timeout",
        "url",
        "version",
    }
)


class _AgentWriter:
    def __init__(
        self,
        schema: ServiceSchema,
        source: str,
        since: Since | None,
        descriptions: Mapping[str, str],
        pages: Mapping[str, Any],
    ) -> None:
        self.schema = schema
        self.descriptions = descriptions
        self.pages = pages
        self.source = source
        self.types = ModelWriter(schema, source, since)
        self.since = self.types.since  # the models' annotations, and their imports
        self.model_names = {c.name for c in schema.classes} | {e.name for e in schema.enums}
        self.used: set[str] = set()
        self.taken = AGENT_ATTRIBUTES

    def annotation(self, text: str) -> str:
        self.used.update(n for n in _IDENTIFIER.findall(text) if n in self.model_names)
        return text

    def positional_count(self, operation: OperationDef) -> int:
        """How many leading parameters may be given by position (see the module docstring).

        The leading run of parameters that read well bare (a connection, an id, a list of
        ids, a text), up to the first boolean, enumeration or flags value.
        """
        count = 0
        for field in operation.request.fields:
            local = field.type.partition(":")[2]
            if field.type == "xs:boolean" or local in self.types.enums:
                break
            count += 1
        return count

    def returns(self, operation: OperationDef) -> str:
        """The return annotation: never None where the schema does not allow nil, and a
        list for an array (the reader gives ``[]`` for a nil or missing one)."""
        response = operation.response
        if response is None:
            return "None"
        if not operation.wrapped:
            return self.annotation(self.types.annotation(response))
        is_array = response.type in self.types.arrays
        text = self.types.annotation(response, nillable=response.nillable and not is_array)
        return self.annotation(text)

    def page_sections(self, operation: OperationDef, params: list[str]) -> list[str]:
        """``Args:`` and ``Returns:`` from the operation's documentation page, where it says
        something (the page names parameters in camelCase, the methods in snake_case)."""
        page = self.pages.get(operation.name, {})
        said = {k.lower(): v for k, v in page.get("parameters", {}).items() if v}
        lines: list[str] = []
        fields = {snake_case(f.name): f.name.lower() for f in operation.request.fields}
        described = [(p, said[fields[p]]) for p in params if fields[p] in said]
        if described:
            lines += ["", "        Args:"]
            for param, text in described:
                wrapped = textwrap.wrap(
                    _sentence(text),
                    _DOC_WIDTH,
                    initial_indent=f"    {param}: ",
                    subsequent_indent="        ",
                )
                lines += [f"        {line}" for line in wrapped]
        if page.get("returns"):
            returned = _sentence(page["returns"])
            wrapped = textwrap.wrap(returned, _DOC_WIDTH, initial_indent="Returns: ")
            lines += ["", *[f"        {line}" for line in wrapped]]
        return lines

    def method(self, operation: OperationDef, is_async: bool) -> list[str]:
        name = snake_case(operation.name)
        if name in self.taken or name.startswith("_"):
            raise WsdlError(f"{operation.name}: method {name} would replace an agent attribute")
        doc = OPERATION_DOCS.get(operation.name) or self.descriptions.get(operation.name)
        if not doc:
            raise WsdlError(
                f"{operation.name}: no description in codegen/operation_docs.py, nor in the "
                "REST twin's (fixtures/descriptions.json)"
            )
        params: list[tuple[str, str, bool]] = []  # (name, annotation, required)
        for field in operation.request.fields:
            param = snake_case(field.name)
            if param in _LOCALS or param in self.types.imports:
                raise WsdlError(f"{operation.name}: parameter {param} clashes with a local name")
            # what the schema allows nil may be left out; anything else the caller must give
            annotation = self.annotation(self.types.annotation(field, nillable=field.nillable))
            params.append((param, annotation, not field.nillable))
        positional = self.positional_count(operation)
        # Python puts defaults last: a positional one before a required one has none (it may
        # still be None, where the schema allows nil)
        last_required = max((i for i in range(positional) if params[i][2]), default=-1)
        params = [(p, t, req or i < last_required) for i, (p, t, req) in enumerate(params)]
        returns = self.returns(operation)

        prefix = "async def" if is_async else "def"
        items = [
            f"{p}: {t}" if required else f"{p}: {t} = None" for p, t, required in params
        ]
        if positional < len(items):
            items.insert(positional, "*")
        one_line = f"    {prefix} {name}({', '.join(['self', *items])}) -> {returns}:"
        if len(one_line) <= _LINE:
            lines = [one_line]
        else:
            lines = [f"    {prefix} {name}(", "        self,"]
            lines += [f"        {item}," for item in items]
            lines.append(f"    ) -> {returns}:")

        if operation.response is None:
            tail = f"SOAP operation ``{operation.name}``; returns nothing"
        else:
            tail = (
                f"SOAP operation ``{operation.name}``; returns its ``Response`` "
                f"(``{operation.response.type}``)"
            )
        tail += f"; {since_phrase(self.since.of('op', operation.name))}."
        wrapped = textwrap.wrap(doc, _DOC_WIDTH, initial_indent='"""')
        lines += [f"        {line}" for line in wrapped]
        lines += self.page_sections(operation, [p for p, _, _ in params])
        lines += ["", *[f"        {t}" for t in textwrap.wrap(tail, _DOC_WIDTH)], '        """']

        request_class = operation.request.name
        arguments = ", ".join(f"{p}={p}" for p, _, _ in params)
        build = f"        request = _models.{request_class}({arguments})"
        if len(build) <= _LINE:
            lines.append(build)
        else:
            lines.append(f"        request = _models.{request_class}(")
            lines += [f"            {p}={p}," for p, _, _ in params]
            lines.append("        )")
        wait = "await " if is_async else ""
        call = f'{wait}self._call("{operation.name}", request)'
        if operation.response is None:
            lines.append(f"        {call}")
        else:
            lines += [f"        response: {returns} = {call}", "        return response"]
        return lines

    def agent_class(self, is_async: bool) -> list[str]:
        version = self.schema.version
        name = "AsyncEMailAgent" if is_async else "EMailAgent"
        over = "httpx.AsyncClient" if is_async else "httpx.Client"
        lines = [
            f"class {name}(_client.{name}):",
            f'    """The {version} EMail agent over ``{over}``: one typed method per operation.',
            "",
            f'    Create it with ``superoffice_email.{name}(url, version="{version}", ...)``.',
            '    """',
            "",
            f'    version = "{version}"',
        ]
        for operation in sorted(self.schema.operations, key=lambda o: o.name):
            lines += ["", *self.method(operation, is_async)]
        return lines

    def render(self) -> str:
        version = self.schema.version
        body = ["", "", *self.agent_class(False), "", "", *self.agent_class(True)]
        head = [
            f'"""{version} EMail agent: typed methods generated from ``{self.source}``.',
            "",
            "Generated by ``python -m codegen``; do not edit by hand. Each method builds its",
            "request object and passes it to the one call path in",
            "``superoffice_email._agent``; the descriptions come from",
            "``codegen/operation_docs.py`` and the documentation pages.",
            "",
            *CALL_RULES.splitlines(),
            '"""',
            "",
            "from __future__ import annotations",
            "",
            *[f"import {m}" for m in sorted(self.types.imports)],
            *(["from typing import TYPE_CHECKING"] if self.used else []),
            *([""] if self.types.imports or self.used else []),
            "from superoffice_email import _agent as _client",
            f"from superoffice_email.services import {version.lower()} as _models",
        ]
        if self.used:  # the annotations' classes; a request's is made when its method runs
            head += [
                "",
                "if TYPE_CHECKING:",
                f"    from superoffice_email.services.{version.lower()} import (",
                # all CamelCase: ruff's isort compares them case-insensitively
                *[f"        {n}," for n in sorted(self.used, key=lambda n: (n.lower(), n))],
                "    )",
            ]
        return "\n".join(head + body) + "\n"


def render_agents(
    schema: ServiceSchema,
    source: str,
    since: Since | None = None,
    descriptions: Mapping[str, str] | None = None,
    pages: Mapping[str, Any] | None = None,
) -> str:
    """The Python source of the agent module for one service version.

    ``descriptions``: operation name to text, for operations ``operation_docs.py`` lacks;
    ``pages``: operation name to its page's ``parameters`` and ``returns`` texts.
    """
    return _AgentWriter(schema, source, since, descriptions or {}, pages or {}).render()


def _sentence(text: str) -> str:
    """The page's text, ending as a sentence, with nothing a docstring would have to escape."""
    text = " ".join(text.replace("\\", "/").replace('"', "'").split())
    return text if text.endswith((".", "!", "?")) else text + "."


def render_package(versions: list[str]) -> str:
    """``agents/__init__.py``: what the package is, and the newest version's classes for typing."""
    latest = versions[-1].lower()
    return (
        '"""Generated agents, one module per service version; do not edit by hand.\n\n'
        "Regenerate with ``python -m codegen``. The public agents import\n"
        "the one module a version needs; ``Latest*`` name the newest version's classes, which\n"
        'the public constructors are typed as.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "from typing import TYPE_CHECKING\n\n"
        "if TYPE_CHECKING:\n"
        f"    from .{latest} import AsyncEMailAgent as LatestAsyncEMailAgent\n"
        f"    from .{latest} import EMailAgent as LatestEMailAgent\n\n"
        '__all__ = ["LatestAsyncEMailAgent", "LatestEMailAgent"]\n'
    )


