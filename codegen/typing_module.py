"""Write ``superoffice_email/_versions.py``: typing per service version, for mypy only.

``EMailAgent(url, version="Services86")`` should be typed as that version's agent, and
``models("Services86")`` as that version's models. Python cannot name a module as a type, so
each version's models get a ``ModuleType`` subclass listing its classes (for mypy only);
the agents get overloads of ``__new__`` on ``Literal`` versions, in a base class the public
agents inherit. Everything is under ``TYPE_CHECKING``: at run time the module holds the
``Version`` literal and two empty classes, so importing it costs nothing.
"""

from __future__ import annotations

from .wsdl import ServiceSchema

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
        "version's models described as a module type that lists its classes. At run time",
        "the module holds ``Version`` and two empty classes.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "from typing import TYPE_CHECKING, Any, Literal",
        "",
        f"Version = Literal[{versions}]",
        "",
        "if TYPE_CHECKING:",
        "    from collections.abc import Mapping",
        "    from types import ModuleType",
        "    from typing import Unpack, overload",
        "",
        "    import httpx",
        "",
        "    from ._agent import AgentOptions",
        "    from ._model import Operation as _Operation",
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
