"""The model generator: WSDL in, one Python module per service version out.

It runs from a checkout (the WSDLs live in ``fixtures/``); the generated modules are
committed in ``superoffice_email/services/`` and a test regenerates them to find no difference.
"""

from __future__ import annotations

from pathlib import Path

from .module import render_module
from .wsdl import ServiceSchema, WsdlError, read_wsdl

__all__ = ["ServiceSchema", "WsdlError", "generate_all", "generate_one", "read_wsdl", "sources"]

PACKAGE = Path(__file__).resolve().parent.parent
REPOSITORY = PACKAGE.parent
FIXTURES = REPOSITORY / "fixtures"


def sources(fixtures: Path = FIXTURES) -> dict[str, Path]:
    """Each version's WSDL: from ``wsdl/`` where there is one, else from ``wsdl-live/``."""
    chosen: dict[str, Path] = {}
    for folder in ("wsdl-live", "wsdl"):  # the later folder wins
        for path in sorted((fixtures / folder).glob("Services*-EMail.wsdl")):
            chosen[path.name.split("-")[0]] = path
    return dict(sorted(chosen.items()))


def generate_one(path: Path) -> str:
    inside = path.is_relative_to(REPOSITORY)
    source = path.relative_to(REPOSITORY).as_posix() if inside else path.name
    return render_module(read_wsdl(path), source)


def generate_all(fixtures: Path = FIXTURES) -> dict[Path, str]:
    """Every version's module text, keyed by where it belongs in the package."""
    found = sources(fixtures)
    if not found:
        raise WsdlError(f"no WSDLs under {fixtures}: run from a checkout")
    outputs = {
        PACKAGE / "services" / f"{version.lower()}.py": generate_one(path.resolve())
        for version, path in found.items()
    }
    versions = ", ".join(repr(v) for v in found)
    outputs[PACKAGE / "services" / "__init__.py"] = (
        '"""Generated models, one module per service version; do not edit by hand.\n\n'
        "Regenerate with ``python -m superoffice_email.codegen``. Modules are imported on\n"
        'first use (``superoffice_email._schema.load``), never all at once.\n"""\n\n'
        f"VERSIONS: tuple[str, ...] = ({versions},)\n"
    )
    return outputs
