"""Regenerate the package's generated modules from the WSDLs.

python -m codegen                      # every version, from fixtures/ into superoffice_email/
python -m codegen --check              # exit 1 if a committed module differs
python -m codegen --fixtures DIR --package DIR   # WSDLs from elsewhere, output elsewhere
python -m codegen some.wsdl -o out.py  # the models of one WSDL, anywhere
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import FIXTURES, PACKAGE, generate_all, generate_one


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen")
    parser.add_argument("wsdl", nargs="?", type=Path, help="one WSDL (default: all of --fixtures)")
    parser.add_argument("-o", "--output", type=Path, help="where to write the one module")
    parser.add_argument("--fixtures", type=Path, default=FIXTURES, help="the WSDLs' folder")
    parser.add_argument("--package", type=Path, default=PACKAGE, help="the package to write into")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    if args.wsdl is not None:
        text = generate_one(args.wsdl)
        if args.output is None:
            sys.stdout.write(text)
        else:
            args.output.write_text(text, encoding="utf-8")
        return 0
    outputs = generate_all(args.fixtures, args.package)
    stale = [path for path, text in outputs.items() if not _same(path, text)]
    if args.check:
        for path in stale:
            print(f"out of date: {path}")
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(outputs[path], encoding="utf-8")
        print(f"wrote {path}")
    return 0


def _same(path: Path, text: str) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == text


if __name__ == "__main__":
    sys.exit(main())
