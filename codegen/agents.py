"""Write the typed agents: one module per service version in ``superoffice_email/agents/``.

Each module holds ``EMailAgent`` and ``AsyncEMailAgent``, one thin method per operation that
builds the request object and hands it to the shared call path in ``superoffice_email.client``.
Parameters are the request class's fields in schema order, typed as the models type them.
The same operation table drives both classes; the output is deterministic.
"""

from __future__ import annotations

import re
import textwrap

from .module import ModelWriter, snake_case
from .operation_docs import OPERATION_DOCS
from .wsdl import OperationDef, ServiceSchema, WsdlError

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
    def __init__(self, schema: ServiceSchema, source: str) -> None:
        self.schema = schema
        self.source = source
        self.types = ModelWriter(schema, source)  # the models' annotations, and their imports
        self.model_names = {c.name for c in schema.classes} | {e.name for e in schema.enums}
        self.used: set[str] = set()
        self.taken = AGENT_ATTRIBUTES

    def annotation(self, text: str) -> str:
        self.used.update(n for n in _IDENTIFIER.findall(text) if n in self.model_names)
        return text

    def method(self, operation: OperationDef, is_async: bool) -> list[str]:
        name = snake_case(operation.name)
        if name in self.taken or name.startswith("_"):
            raise WsdlError(f"{operation.name}: method {name} would replace an agent attribute")
        doc = OPERATION_DOCS.get(operation.name)
        if doc is None:
            raise WsdlError(
                f"{operation.name}: no description in codegen/operation_docs.py"
            )
        params: list[tuple[str, str]] = []
        for field in operation.request.fields:
            param = snake_case(field.name)
            if param in _LOCALS or param in self.types.imports:
                raise WsdlError(f"{operation.name}: parameter {param} clashes with a local name")
            params.append((param, self.annotation(self.types.annotation(field, nillable=True))))
        returns = (
            self.annotation(self.types.annotation(operation.response, nillable=True))
            if operation.response is not None
            else "None"
        )
        self.used.add(operation.request.name)

        prefix = "async def" if is_async else "def"
        signature = "".join(f", {p}: {t} = None" for p, t in params)
        one_line = f"    {prefix} {name}(self{signature}) -> {returns}:"
        if len(one_line) <= _LINE:
            lines = [one_line]
        else:
            lines = [f"    {prefix} {name}(", "        self,"]
            lines += [f"        {p}: {t} = None," for p, t in params]
            lines.append(f"    ) -> {returns}:")

        if operation.response is None:
            tail = f"SOAP operation ``{operation.name}``; returns nothing."
        else:
            tail = (
                f"SOAP operation ``{operation.name}``; returns its ``Response`` "
                f"(``{operation.response.type}``)."
            )
        wrapped = textwrap.wrap(doc, _DOC_WIDTH, initial_indent='"""')
        lines += [f"        {line}" for line in wrapped]
        lines += ["", f"        {tail}", '        """']

        request_class = operation.request.name
        arguments = ", ".join(f"{p}={p}" for p, _ in params)
        build = f"        request = {request_class}({arguments})"
        if len(build) <= _LINE:
            lines.append(build)
        else:
            lines.append(f"        request = {request_class}(")
            lines += [f"            {p}={p}," for p, _ in params]
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
            "request object and passes it to the one call path in ``superoffice_email.client``;",
            "the descriptions come from ``codegen/operation_docs.py``.",
            '"""',
            "",
            "from __future__ import annotations",
            "",
            *[f"import {m}" for m in sorted(self.types.imports)],
            *([""] if self.types.imports else []),
            "from superoffice_email import _agent as _client",
            f"from superoffice_email.services.{version.lower()} import (",
            # all CamelCase: ruff's isort compares them case-insensitively
            *[f"    {n}," for n in sorted(self.used, key=lambda n: (n.lower(), n))],
            ")",
        ]
        return "\n".join(head + body) + "\n"


def render_agents(schema: ServiceSchema, source: str) -> str:
    """The Python source of the agent module for one service version."""
    return _AgentWriter(schema, source).render()


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


