"""Command line of the ETL: ``python -m etl migrate | load | check``."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence

from coopbank.errors import CoopBankError
from coopbank.migrate import apply_migrations


def _migrate(_: argparse.Namespace) -> int:
    applied = apply_migrations()
    print(f"migrations applied: {applied or 'none (schema up to date)'}")
    return 0


def _load(args: argparse.Namespace) -> int:
    from etl.load import load

    apply_migrations()
    report = load(force=args.force)
    print(json.dumps({"loaded": report.loaded, "unchanged": report.skipped, "summary": report.summary},
                     indent=2, ensure_ascii=False, default=str))
    return 0


def _check(_: argparse.Namespace) -> int:
    from etl.check import run_checks

    summary = run_checks()
    print(json.dumps(summary, indent=2, ensure_ascii=False, default=str))
    return 1 if summary["failed"] else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("migrate", help="apply pending schema migrations").set_defaults(func=_migrate)
    load = commands.add_parser("load", help="load the reference geodata (skips unchanged steps)")
    load.add_argument("--force", action="store_true", help="reload every step even if unchanged")
    load.set_defaults(func=_load)
    commands.add_parser("check", help="print the data checks as JSON; exit 1 if one fails").set_defaults(
        func=_check
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args))
    except CoopBankError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
