"""``python -m reports``: write a territorial report (PDF, Excel, CSV, GeoJSON or GeoPackage) to a file.

``python -m reports region 05 --lang ar --format pdf --out report.pdf`` (also
``national`` and ``province CODE``). Prints what it wrote: path, bytes, data
version. Bad input ends with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from coopbank.errors import CoopBankError, InvalidInput
from coopbank.ui.i18n import LANGUAGES
from planning import priority
from reports import content, export, layers


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit code 2, like the domain's errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The parser: the territory, then language, format, output file, priority preset and GeoJSON layer."""
    parser = _Parser(prog="python -m reports", description=__doc__.splitlines()[0])
    parser.add_argument("level", choices=content.LEVELS, help="the territory's level")
    parser.add_argument("code", nargs="?", help="the region or province code (HCP), none for national")
    parser.add_argument("--lang", default="fr", help=f"one of {', '.join(LANGUAGES)}")
    parser.add_argument("--format", dest="fmt", required=True, help=f"one of {', '.join(export.FORMATS)}")
    parser.add_argument("--out", required=True, type=Path, help="the file to write")
    parser.add_argument("--preset", default=priority.DEFAULT_PRESET,
                        help=f"the priority index preset, one of {', '.join(priority.PRESETS)}")
    parser.add_argument("--layer", default="communes", help=f"the GeoJSON layer, one of {', '.join(layers.LAYERS)}")
    return parser


def run(args: argparse.Namespace) -> int:
    """Check the options, build the file and write it; return the exit code."""
    export.check_options(args.fmt, args.layer)
    if args.lang not in LANGUAGES:
        raise InvalidInput(f"Unknown language {args.lang!r}: choose one of {', '.join(LANGUAGES)}")
    if args.level != "national" and not args.code:
        raise InvalidInput(f"A {args.level} report needs the {args.level}'s code")
    where = content.scope(args.level, args.code)
    data = content.gather(where, args.lang, preset=args.preset)
    built = export.render(data, args.fmt, layer=args.layer)
    try:
        args.out.write_bytes(built.data)
    except OSError as error:
        raise InvalidInput(f"Cannot write {args.out}: {error.strerror}") from error
    print(f"{args.out}\t{len(built.data)} bytes\tdata version {data.data_version}\t"
          f"job model version {data.job_model_version}\tgenerated at {data.generated_at.isoformat()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return run(args)
    except CoopBankError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
