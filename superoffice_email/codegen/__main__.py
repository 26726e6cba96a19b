"""Generate ``superoffice_email/services/servicesNN.py`` from the WSDLs in ``fixtures/``.

python -m superoffice_email.codegen            # every version, from a checkout
python -m superoffice_email.codegen --check    # exit 1 if a committed module differs
python -m superoffice_email.codegen some.wsdl -o out.py   # one WSDL, anywhere
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import generate_all, generate_one


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m superoffice_email.codegen")
    parser.add_argument("wsdl", nargs="?", type=Path, help="one WSDL (default: all in fixtures/)")
    parser.add_argument("-o", "--output", type=Path, help="where to write the one module")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    if args.wsdl is not None:
        text = generate_one(args.wsdl)
        if args.output is None:
            sys.stdout.write(text)
        else:
            args.output.write_text(text, encoding="utf-8")
        return 0
    outputs = generate_all()
    stale = [path for path, text in outputs.items() if not _same(path, text)]
    if args.check:
        for path in stale:
            print(f"out of date: {path}")
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0


def _same(path: Path, text: str) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == text


if __name__ == "__main__":
    sys.exit(main())
