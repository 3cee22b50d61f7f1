"""``python -m planning models-fit``: the communes where a project model fits best, as CSV or JSON.

Errors (an unknown model, a ``--top`` below 1, a database that cannot be
reached) print one line on stderr and exit with code 2.
"""

from __future__ import annotations

import argparse
from typing import Any

import pandas as pd

from coopbank.ui.i18n import LANGUAGES, localised
from planning import model_fit
from planning.cli_output import print_table


def register(subparsers: Any) -> None:
    """Add the ``models-fit`` subcommand to the ``python -m planning`` parser."""
    command = subparsers.add_parser(
        "models-fit", help="print the communes where a project model fits, with each factor's contribution",
        description="Rank communes by suitability for a project model (planning/data/model_fit.toml).",
    )
    command.add_argument("--model", required=True, metavar="MODEL_CODE", help="code of the project model")
    command.add_argument("--top", type=int, default=20, metavar="N", help="only the N first communes (20)")
    command.add_argument("--format", choices=("csv", "json"), default="csv")
    command.add_argument("--lang", choices=list(LANGUAGES), default="fr", help="language of the names and reasons")
    command.set_defaults(run=run)


def ranking(args: argparse.Namespace) -> pd.DataFrame:
    """The table the command prints (``attrs`` as :func:`planning.model_fit.fit_communes` sets them)."""
    communes = model_fit.fit_communes(args.model, top=args.top)
    contributions = [model_fit.contribution_column(k) for k in model_fit.FACTORS]
    table = pd.DataFrame({
        "rank": communes["rank"], "code": communes["code"],
        "name": [localised(fr, ar, args.lang) for fr, ar in zip(communes["name_fr"], communes["name_ar"], strict=True)],
        "province_code": communes["province_code"], "region_code": communes["region_code"],
        "score": communes["score"].round(4),
        **{c: communes[c].round(4) for c in contributions},
        "sector_density": communes["sector_density"].round(3), "sector_level": communes["sector_level"],
        "priority": communes["priority"].round(4),
        "nearby_model": communes["nearby_model"].astype(int), "nearby_similar": communes["nearby_similar"].astype(int),
        "reasons": [model_fit.reason_text(r, args.lang) for r in communes["reasons"]],
    })
    table.attrs = dict(communes.attrs)
    return table


def run(args: argparse.Namespace) -> int:
    """Print the ranking to stdout (bad input raises, for ``python -m planning`` to report)."""
    table = ranking(args)
    attrs = table.attrs
    print_table(table, args.format, {
        "model": args.model, "method_version": model_fit.VERSION, "weights": dict(model_fit.CONFIG.weights),
        "communes_ranked": attrs.get("communes_ranked"), "model_link": attrs.get("model_link"),
        "includes_demo": attrs.get("includes_demo")})
    return 0
