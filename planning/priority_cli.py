"""``python -m planning priority``: the priority ranking with each factor's contribution, as CSV or JSON.

Errors (an unknown indicator, a negative weight, a database that cannot be
reached) print one line on stderr and exit with code 2.
"""

from __future__ import annotations

import argparse
import math
from typing import Any

import pandas as pd

from coopbank.errors import InvalidInput
from coopbank.ui.i18n import LANGUAGES, localised
from planning import priority
from planning.cli_output import print_table


def register(subparsers: Any) -> None:
    """Add the ``priority`` subcommand to the ``python -m planning`` parser."""
    command = subparsers.add_parser(
        "priority", help="print the territorial priority ranking with each factor's contribution",
        description="Rank communes, provinces or regions by the priority index (planning/data/priority.toml).",
    )
    command.add_argument("--level", choices=priority.LEVELS, default="commune")
    command.add_argument("--preset", choices=list(priority.PRESETS), default=priority.DEFAULT_PRESET)
    command.add_argument("--weight", action="append", default=[], metavar="KEY=VALUE",
                         help=f"override one weight of the preset (keys: {', '.join(priority.INDICATORS)})")
    command.add_argument("--top", type=int, default=None, metavar="N", help="only the N first units")
    command.add_argument("--format", choices=("csv", "json"), default="csv")
    command.add_argument("--lang", choices=list(LANGUAGES), default="fr", help="language of the names")
    command.set_defaults(run=run)


def parse_weights(items: list[str]) -> dict[str, float]:
    """``["jobs=2", "rural=0"]`` → ``{"jobs": 2.0, "rural": 0.0}``; refuses anything else."""
    weights: dict[str, float] = {}
    for item in items:
        key, sep, value = item.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not sep or not key.strip() or math.isnan(number):
            raise InvalidInput(f"A weight is written KEY=VALUE with a number, not {item!r}")
        weights[key.strip()] = number
    return weights


def ranking(args: argparse.Namespace) -> tuple[pd.DataFrame, dict[str, float], bool]:
    """The table the command prints, the weights used and whether demo projects counted."""
    if args.top is not None and args.top < 1:
        raise InvalidInput(f"--top must be 1 or more, not {args.top}")
    weights = priority.weights_for(parse_weights(args.weight), preset=args.preset)
    units = priority.rolled_up(args.level, weights)
    if args.top is not None:
        units = units.head(args.top)
    contributions = [priority.contribution_column(k) for k in priority.INDICATORS]
    table = pd.DataFrame({
        "rank": units["rank"], "code": units["code"],
        "name": [localised(fr, ar, args.lang) for fr, ar in zip(units["name_fr"], units["name_ar"], strict=True)],
        "score": units["score"].round(4),
        **{c: units[c].round(4) for c in contributions},
        "demo": units["has_demo"],
    })
    return table, weights, bool(units.attrs.get("includes_demo"))


def run(args: argparse.Namespace) -> int:
    """Print the ranking to stdout (bad input raises, for ``python -m planning`` to report)."""
    table, weights, includes_demo = ranking(args)
    print_table(table, args.format, {"level": args.level, "preset": args.preset, "weights": weights,
                                     "method_version": priority.VERSION, "includes_demo": includes_demo})
    return 0
