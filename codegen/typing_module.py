"""Write ``superoffice_email/_versions.py``: typing per service version, for mypy only.

``EMailAgent(url, version="Services86")`` should be typed as that version's agent, and
``models("Services86")`` as that version's models. Python cannot name a module as a type, so
each version's models get a ``ModuleType`` subclass listing its classes (for mypy only);
the agents get overloads of ``__new__`` on ``Literal`` versions, in a base class the public
agents inherit. ``operations("Services86")`` is typed as a class listing each operation as a
``TypedOperation[Request, Response]``, so ``ops.GetEMailFromId.parse_response(data)`` is a
``Result`` of the type the agent's method returns (one attribute per operation: cheaper for
mypy than an overload per operation on ``parse_response``). Everything is under
``TYPE_CHECKING``: at run time the module holds the ``Version`` literal and two empty
classes, so importing it costs nothing.
"""

from __future__ import annotations

import re

from .agents import _AgentWriter
from .wsdl import ServiceSchema

_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")

_NEW = (
    "        def __new__(\n"
    "            cls,\n"
    "            url: str,\n"
    "            *,\n"
    "            {version}\n"
    "            client: {client} | None = None,\n"
    "            **options: Unpack[AgentOptions],\n"
    "        ) -> {returns}: ...\n"
)


def _overloads(schemas: list[ServiceSchema], name: str, client: str) -> list[str]:
    lines = [f"    class {name}Typing:", f'        """``{name}(url, version=...)``, typed."""', ""]
    for schema in schemas:
        alias = f"_a{schema.version[-2:]}"
        literal = f'version: Literal["{schema.version}"],'
        lines += ["        @overload", _NEW.format(version=literal, client=client,
                                               returns=f"{alias}.{name}").rstrip("\n")]
    newest = f"_a{schema.version[-2:]}.{name}"
    # no version, or one only known at run time: typed as the newest, as before (it overlaps
    # the literal ones by design: a str may hold any of them)
    fallback = _NEW.format(version="version: str = ...,", client=client, returns=newest)
    lines += ["        @overload", fallback.rstrip("\n")]
    lines += [
        _NEW.format(version="version: str = ...,", client=client, returns="Any").rstrip("\n"),
    ]
    return lines


def _qualified(annotation: str, alias: str, model_names: set[str]) -> str:
    """``list[EMailFolder | None]`` -> ``list[_m88.EMailFolder | None]``."""
    return _IDENTIFIER.sub(lambda m: f"{alias}.{m[0]}" if m[0] in model_names else m[0], annotation)


def _operation_classes(schemas: list[ServiceSchema]) -> tuple[list[str], set[str]]:
    """Each version's ``ServicesNNOperations`` class, and the modules their types need."""
    lines: list[str] = []
    modules: set[str] = set()
    for schema in schemas:
        alias = f"_m{schema.version[-2:]}"
        # the agents' own rule for a result's type, so the two never disagree
        writer = _AgentWriter(schema, "", None, {}, {})
        lines += [
            "",
            f"    class {schema.version}Operations(_Operations):",
            f'        """What ``operations("{schema.version}")`` holds: each operation, typed."""',
            "",
        ]
        for operation in sorted(schema.operations, key=lambda o: o.name):
            returns = _qualified(writer.returns(operation), alias, writer.model_names)
            request = f"{alias}.{operation.request.name}"
            lines.append(f"        {operation.name}: _Op[{request}, {returns}]")
        modules |= writer.types.imports
    return lines, modules


def render_versions(schemas: list[ServiceSchema]) -> str:
    """The source of ``_versions.py`` for the EMail agent's versions (oldest first)."""
    versions = ", ".join(f'"{s.version}"' for s in schemas)
    lines = [
        "# mypy: disable-error-code=\"overload-overlap\"",
        "# (the last overloads take any str, which may hold any version: overlap by design)",
        '"""Typing per service version, for mypy only; generated, do not edit by hand.',
        "",
        "Regenerate with ``python -m codegen``. ``Version`` names the EMail agent's versions.",
        "``EMailAgentTyping`` and ``AsyncEMailAgentTyping`` overload ``__new__`` on them, so",
        'that ``EMailAgent(url, version="Services86")`` is typed as Services86\'s agent (a',
        "method that version lacks is a type error); the public agents inherit them and keep",
        "their own ``__new__`` out of mypy's sight. ``models`` is overloaded likewise, each",
        "version's models described as a module type that lists its classes, and",
        "``operations`` each version's operations as ``TypedOperation[Request, Response]``",
        "attributes. At run time the module holds ``Version`` and two empty classes.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING, Any, Literal",
        "",
        f"Version = Literal[{versions}]",
        "",
        "if TYPE_CHECKING:",
    ]
    operation_lines, stdlib = _operation_classes(schemas)
    lines += [f"    import {m}" for m in sorted(stdlib)]
    lines += [
        "    from collections.abc import Mapping",
        "    from types import ModuleType",
        "    from typing import Unpack, overload",
        "",
        "    import httpx",
        "",
        "    from ._agent import AgentOptions",
        "    from ._model import Operation as _Operation",
        "    from ._operations import Operations as _Operations",
        "    from ._operations import TypedOperation as _Op",
        "    from ._operations import UntypedOperations as _UntypedOperations",
    ]
    # in the order ruff's isort keeps them
    modules = [(s.version.lower(), s.version[-2:]) for s in schemas]
    lines += [f"    from .agents import {module} as _a{number}" for module, number in modules]
    lines += [f"    from .services import {module} as _m{number}" for module, number in modules]
    for schema in schemas:
        number = schema.version[-2:]
        lines += [
            "",
            f"    class {schema.version}Models(ModuleType):",
            f'        """What ``models("{schema.version}")`` holds: its classes and tables."""',
            "",
            "        VERSION: str",
            "        NAMESPACE: str",
            "        OPERATIONS: dict[str, _Operation]",
            "        TYPES: Mapping[str, type]",
        ]
        names = sorted([*(c.name for c in schema.classes), *(e.name for e in schema.enums)])
        names += sorted(o.request.name for o in schema.operations)
        lines += [f"        {n}: type[_m{number}.{n}]" for n in names]
    lines.append("")
    for schema in schemas:
        lines += [
            "    @overload",
            f'    def models(version: Literal["{schema.version}"], agent: Literal["EMail"] = ...)'
            f" -> {schema.version}Models: ...",
        ]
    lines += [
        "    @overload",
        "    def models(version: str, agent: str = ...) -> ModuleType: ...",
        "    def models(version: str, agent: str = ...) -> Any: ...",
        "",
    ]
    lines += operation_lines
    lines.append("")
    for schema in schemas:
        lines += [
            "    @overload",
            f'    def operations(version: Literal["{schema.version}"], '
            'agent: Literal["EMail"] = ..., '
            f"edition: str | None = ...) -> {schema.version}Operations: ...",
        ]
    lines += [
        "    @overload",
        "    def operations(version: str, agent: str = ..., edition: str | None = ...)"
        " -> _UntypedOperations: ...",
        "    def operations(version: str, agent: str = ..., edition: str | None = ...) -> Any: ...",
        "",
    ]
    lines += _overloads(schemas, "EMailAgent", "httpx.Client")
    lines.append("")
    lines += _overloads(schemas, "AsyncEMailAgent", "httpx.AsyncClient")
    lines += [
        "",
        "else:",
        "",
        "    class EMailAgentTyping:",
        '        """Typing only (see the module docstring)."""',
        "",
        "    class AsyncEMailAgentTyping:",
        '        """Typing only (see the module docstring)."""',
        "",
    ]
    return "\n".join(lines)
