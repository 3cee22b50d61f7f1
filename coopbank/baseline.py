"""HCP's 2024 mapping of economic establishments as a baseline beside the project bank.

Source: HCP, cartographie des établissements économiques 2024 (farms are not
counted). Counts are establishments; ``jobs`` are permanent jobs; rates are
per 1,000 inhabitants of the unit's 2024 legal population.
"""

from __future__ import annotations

import pandas as pd

from coopbank import db
from coopbank.errors import InvalidInput

SECTORS = ("industry", "construction", "commerce", "services")
COUNTS = (*SECTORS, "businesses", "jobs")
SOURCE = "HCP, cartographie des établissements économiques 2024"


def establishments_baseline(level: str, *, region_code: str | None = None) -> pd.DataFrame:
    """Businesses by sector and permanent jobs per region, or per province of ``region_code``.

    One row per unit: code, name_fr, name_ar, population_2024, the counts of
    :data:`COUNTS` and, for each, ``<count>_per_1000`` (per 1,000 inhabitants,
    NaN for an empty unit). ``level`` is 'region' or 'province'.
    """
    if level not in ("region", "province"):
        raise InvalidInput(f"Unknown level {level!r}: choose region or province")
    result = db.run("territory/establishments_baseline", {"level": level, "region_code": region_code})
    frame = pd.DataFrame(result.rows, columns=result.columns)
    numeric = ["population_2024", *COUNTS]
    frame[numeric] = frame[numeric].apply(pd.to_numeric, errors="coerce").astype(float)
    population = frame["population_2024"].where(frame["population_2024"] > 0)
    for column in COUNTS:
        frame[f"{column}_per_1000"] = 1000.0 * frame[column] / population
    return frame
