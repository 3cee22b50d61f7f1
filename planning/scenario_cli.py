"""``python -m planning scenario``: allocate an envelope (MAD) by a rule; print the summary or the allocation.

``--format json`` prints the summary (money, projects funded, job ranges,
rural and mountain shares, by region, the demo flag and the versions used);
``--format csv`` one row per eligible project in funding order. ``--save NAME
--actor NAME`` also keeps the scenario. Bad input (an envelope that is not a
non-negative amount, an unknown rule or preset, bad weights, a taken name)
prints one line on stderr and exits with code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coopbank.errors import InvalidInput
from coopbank.exports import to_csv
from planning import priority, scenario_store
from planning.priority_cli import parse_weights
from planning.scenario import RULES, WEIGHT_KEYS, Allocation

# The per-project columns of --format csv, in order.
CSV_COLUMNS = (
    "order", "reference", "title_fr", "title_ar", "status_code", "sector_code", "region_code", "province_code",
    "commune_code", "commune_kind", "is_mountain", "priority_score", "gap_mad", "rule_score", "allocated_mad",
    "funded_fully", "share_of_gap", "funded_direct_low", "funded_direct_central", "funded_direct_high",
    "funded_total_low", "funded_total_central", "funded_total_high", "is_demo",
)


def register(subparsers: Any) -> None:
    """Add the ``scenario`` subcommand to the ``python -m planning`` parser."""
    command = subparsers.add_parser(
        "scenario", help="allocate an investment envelope among eligible projects by a rule",
        description="Share an envelope (MAD) among ready projects up to their funding gap (planning/scenario.py).",
    )
    # Checked by the domain, not argparse, so that a bad value gets one clear line.
    command.add_argument("--envelope", required=True, metavar="MAD", help="the envelope in MAD")
    command.add_argument("--rule", default="priority", metavar="{" + ",".join(RULES) + "}")
    command.add_argument("--weight", action="append", default=[], metavar="KEY=VALUE",
                         help=f"a weight of the custom rule (keys: {', '.join(WEIGHT_KEYS)})")
    command.add_argument("--preset", default=None, metavar="{" + ",".join(priority.PRESETS) + "}",
                         help=f"the commune priority preset (default {priority.DEFAULT_PRESET})")
    command.add_argument("--region", default=None, metavar="CODE", help="only this region's projects")
    command.add_argument("--format", choices=("json", "csv"), default="json")
    command.add_argument("--save", default=None, metavar="NAME", help="keep the scenario under this name")
    command.add_argument("--actor", default=None, metavar="NAME", help="who saves it (required with --save)")
    command.set_defaults(run=run)


def scenario(args: argparse.Namespace) -> tuple[Allocation, int | None]:
    """Run (and with ``--save``, keep) the scenario the arguments describe; the saved id or ``None``."""
    if args.save is not None and not (args.actor or "").strip():
        raise InvalidInput("--save needs --actor: every saved scenario records who saved it")
    params = scenario_store.ScenarioParams(
        envelope_mad=args.envelope, rule=args.rule, weights=parse_weights(args.weight) or None,
        region_code=args.region, preset=args.preset)
    allocation = scenario_store.run_scenario(params)
    saved = scenario_store.save_scenario(args.save, allocation, actor=args.actor) if args.save is not None else None
    return allocation, saved


def whole_jobs(value: object, *, jobs: bool = False) -> object:
    """``value`` with every job figure (under a key naming jobs) rounded to whole jobs: estimates are ranges,
    and decimals of a job would be false precision."""
    if isinstance(value, dict):
        return {k: v if k == "shares" else whole_jobs(v, jobs=jobs or "jobs" in str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [whole_jobs(v, jobs=jobs) for v in value]
    if jobs and isinstance(value, float) and value == value:
        return round(value)
    return value


def run(args: argparse.Namespace) -> int:
    """Print the summary (json) or the allocation (csv) to stdout.

    Bad input raises, for ``python -m planning`` to report in one line with exit code 2.
    """
    allocation, saved = scenario(args)
    if args.format == "csv":
        table = allocation.projects.reindex(columns=list(CSV_COLUMNS))
        sys.stdout.write(to_csv(table).decode("utf-8-sig"))
    else:
        document = whole_jobs({**allocation.summary, "params": allocation.params, "saved_id": saved})
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    return 0
