"""Command line of the ETL: reference data, project imports, geocoding and demo data."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from coopbank.errors import CoopBankError, InvalidInput
from coopbank.migrate import apply_migrations


def _migrate(_: argparse.Namespace) -> int:
    applied = apply_migrations()
    print(f"migrations applied: {applied or 'none (schema up to date)'}")
    return 0


def _load(args: argparse.Namespace) -> int:
    from etl.load import load

    apply_migrations()
    report = load(force=args.force)
    _print({"loaded": report.loaded, "unchanged": report.skipped, "summary": report.summary})
    return 0


def _check(_: argparse.Namespace) -> int:
    from etl.check import run_checks

    summary = run_checks()
    _print(summary)
    return 1 if summary["failed"] else 0


def _print(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _import_projects(args: argparse.Namespace) -> int:
    from etl.project_import import import_projects

    apply_migrations()
    report = import_projects(args.file, actor=args.actor, dry_run=args.dry_run).to_dict()
    if args.report:
        args.report.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    counts = {k: report[k] for k in ("rows_read", "inserted", "updated", "unchanged", "rejected")}
    _print({"dry_run": args.dry_run, **counts, "warnings": report["warnings"],
            "rejections": report["rejections"], "reviews": len(report["reviews"])})
    return 0


def _write_template(_: argparse.Namespace) -> int:
    from etl.templates import write_templates

    for path in write_templates():
        print(path)
    return 0


def _demo_data(args: argparse.Namespace) -> int:
    from etl.demo import load_demo, remove_demo

    apply_migrations()
    if args.remove:
        _print({"demo_projects_removed": remove_demo()})
    else:
        summary = load_demo(args.n, args.seed, only_if_no_real_projects=args.if_no_real_projects)
        _print({"demo_projects_created_or_changed": summary.created, "unchanged": summary.unchanged})
    return 0


def _geocode(args: argparse.Namespace) -> int:
    from etl.geocode.cli import geocode_names_file, geocode_points_file

    run = geocode_names_file if args.command == "geocode-names" else geocode_points_file
    _print(run(args.input, args.out))
    return 0


def _new_password() -> str:
    """The new account's password: ``COOPBANK_NEW_PASSWORD`` if set, else typed twice (never echoed or logged)."""
    import getpass
    import os

    given = os.environ.get("COOPBANK_NEW_PASSWORD")  # a secret for one command: deliberately not a setting
    if given:
        return given
    first = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != first:
        raise InvalidInput("The two passwords differ")
    return first


def _create_user(args: argparse.Namespace) -> int:
    from coopbank import accounts

    apply_migrations()
    account = accounts.create_user(args.username, _new_password(), role=args.role, display_name=args.display_name,
                                   region_code=args.region, actor=accounts.BOOTSTRAP)
    _print({"created": account.username, "id": account.user_id, "role": account.role,
            "region": account.region_code})
    return 0


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
    imports = commands.add_parser("import-projects", help="import projects from a CSV or XLSX file")
    imports.add_argument("file", type=Path)
    imports.add_argument("--dry-run", action="store_true", help="check and report without storing anything")
    imports.add_argument("--report", type=Path, help="write the full JSON report to this file")
    imports.add_argument("--actor", default="cli", help="who is importing, for the audit trail")
    imports.set_defaults(func=_import_projects)
    commands.add_parser("write-template", help="write etl/templates/projects_template.csv and .xlsx").set_defaults(
        func=_write_template)
    demo = commands.add_parser("demo-data", help="generate demo projects (is_demo = true), or remove them")
    demo.add_argument("--n", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=42)
    demo.add_argument("--if-no-real-projects", action="store_true",
                      help="do nothing when the bank holds a real project")
    demo.add_argument("--remove", action="store_true", help="delete every demo project")
    demo.set_defaults(func=_demo_data)
    for name, columns in (("geocode-names", "name[, province, region]"), ("geocode-points", "lat, lon")):
        geocode = commands.add_parser(name, help=f"geocode a CSV with columns {columns}")
        geocode.add_argument("input", type=Path)
        geocode.add_argument("--out", type=Path, required=True)
        geocode.set_defaults(func=_geocode)
    create = commands.add_parser(
        "create-user", help="create the first administrator (password from COOPBANK_NEW_PASSWORD or typed twice)")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=("holder", "investor", "official", "admin"))
    create.add_argument("--display-name", required=True)
    create.add_argument("--region", default=None, help="region code of an official (none: national)")
    create.set_defaults(func=_create_user)
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
