"""Synthetic demo projects, labelled as demo everywhere and kept apart from real records.

There is no open list of real cooperative projects, so the dashboard can be
shown with generated ones: ``python -m etl demo-data --n 2000 --seed 42``.
Projects land in every region, more often in rural communes, with sectors
weighted by the new cooperatives per sector that ODCO reported in the press
(``../shared/coops/odco_aggregate_figures_press.csv``). Every demo project has
``is_demo = true``, a reference starting ``DEMO-`` and a title starting
``[DÉMO]`` / ``[تجريبي]``. ``python -m etl demo-data --remove`` deletes them.
"""

from __future__ import annotations

import csv
import dataclasses
import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

from coopbank import db
from coopbank.errors import DataMissing, InvalidInput
from coopbank.settings import get_settings

LOGGER = logging.getLogger(__name__)
ACTOR = "demo-data"
# ODCO press sector names → taxonomy codes; sectors the press does not name get FLOOR_WEIGHT.
PRESS_SECTORS = {"agriculture": "agriculture", "artisanat": "artisanat", "denrées alimentaires": "agroalimentaire",
                 "habitat": "habitat", "argan": "argan", "pêche": "peche"}
FLOOR_WEIGHT = 10.0
STATUS_WEIGHTS = {"idea": 25, "under_study": 20, "ready": 20, "seeking_funding": 20, "funded": 6,
                  "in_progress": 5, "completed": 2, "rejected": 1, "withdrawn": 1}
RURAL_WEIGHT = 4.0  # a rural inhabitant weighs this many urban ones when placing projects
COST_PER_JOB_MAD = 60_000


@dataclasses.dataclass(frozen=True)
class DemoSummary:
    created: int
    unchanged: int


def sector_weights(press_csv: Path, sector_codes: list[str]) -> dict[str, float]:
    """Weights per top-level sector from ODCO's new cooperatives per sector (press figures)."""
    weights = dict.fromkeys(sector_codes, FLOOR_WEIGHT)
    with press_csv.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = PRESS_SECTORS.get(row["region_or_sector"])
            if row["scope"] == "sector" and row["metric"] == "new_cooperatives_in_year" and code in weights:
                weights[code] = max(float(row["value"]), FLOOR_WEIGHT)
    return weights


def generate(n: int, seed: int, *, communes: list[dict[str, Any]], sectors: list[dict[str, Any]],
             weights: dict[str, float]) -> list[dict[str, Any]]:
    """``n`` demo projects (upsert parameters), reproducible for a given ``seed``."""
    rng = np.random.default_rng(seed)
    population = np.array([max(c["population_2024"], 1) for c in communes], dtype=float)
    rural = np.array([c["kind"] == "rural" for c in communes])
    place_weight = np.sqrt(population) * np.where(rural, RURAL_WEIGHT, 1.0)
    places = list(rng.choice(len(communes), size=n, p=place_weight / place_weight.sum()))
    by_region: dict[str, list[int]] = {}
    for i, c in enumerate(communes):
        by_region.setdefault(c["region_code"], []).append(i)
    for slot, region in enumerate(sorted(by_region)[: n]):  # every region holds at least one project
        places[slot] = int(rng.choice(by_region[region]))
    top = [s for s in sectors if s["parent_code"] is None]
    sector_p = np.array([weights[s["code"]] for s in top])
    subs = {s["code"]: [x for x in sectors if x["parent_code"] == s["code"]] for s in top}
    statuses = list(STATUS_WEIGHTS)
    status_p = np.array(list(STATUS_WEIGHTS.values()), dtype=float)
    rows = []
    for i, place in enumerate(places):
        commune = communes[place]
        sector = top[int(rng.choice(len(top), p=sector_p / sector_p.sum()))]
        sub = subs[sector["code"]][int(rng.integers(len(subs[sector["code"]])))] if subs[sector["code"]] else None
        investment = float(np.clip(rng.lognormal(np.log(350_000), 0.8), 30_000, 20_000_000))
        jobs = max(1, round(investment / COST_PER_JOB_MAD * rng.uniform(0.5, 1.5)))
        members = max(7, jobs + int(rng.integers(0, 15)))
        label = sub or sector
        rows.append({
            "reference": f"DEMO-{seed}-{i + 1:05d}",
            "title_fr": f"[DÉMO] {label['label_fr']} — {commune['name_fr']}",
            "title_ar": f"[تجريبي] {label['label_ar']} — {commune['name_ar']}",
            "description": "Projet fictif généré pour la démonstration / مشروع وهمي للعرض التجريبي",
            "cooperative_name": f"Coopérative démo {i + 1}",
            "cooperative_status": str(rng.choice(["existing", "to_create", "union"], p=[0.6, 0.35, 0.05])),
            "odco_registration": None,
            "sector_code": sector["code"], "sub_sector_code": sub["code"] if sub else None,
            "status_code": str(rng.choice(statuses, p=status_p / status_p.sum())),
            "investment_mad": Decimal(round(investment, -3)).quantize(Decimal("0.01")),
            "funding_secured_mad": Decimal(round(investment * float(rng.beta(1.2, 3.0)), -3)).quantize(
                Decimal("0.01")),
            "jobs_direct": jobs, "jobs_women": int(rng.binomial(jobs, 0.45)),
            "jobs_youth": int(rng.binomial(jobs, 0.4)),
            "members_total": members, "members_women": int(rng.binomial(members, 0.4)),
            "members_youth": int(rng.binomial(members, 0.3)),
            "training_needs": None, "partnership_sought": None,
            "commune_code": commune["code"], "province_code": commune["province_code"],
            "region_code": commune["region_code"], "lon": commune["lon"], "lat": commune["lat"],
            "geocode_method": "commune_code", "geocode_confidence": 1.0, "submitted_on": None, "is_demo": True,
        })
    return rows


def load_demo(n: int, seed: int, *, only_if_no_real_projects: bool = False) -> DemoSummary:
    """Store ``n`` demo projects (idempotent for the same seed) in one transaction."""
    if n < 1 or n > 200_000:
        raise InvalidInput("--n must be between 1 and 200,000")
    press_csv = get_settings().geodata_dir.parent / "coops" / "odco_aggregate_figures_press.csv"
    if not press_csv.is_file():
        raise DataMissing(f"{press_csv} is missing: the demo sector weights come from it")
    with db.connect() as conn:
        counts = db.run("projects/count_projects", conn=conn).rows[0]
        if only_if_no_real_projects and counts["real"]:
            LOGGER.info("the bank holds %d real projects: no demo data loaded", counts["real"])
            return DemoSummary(0, 0)
        db.act_as(ACTOR, conn=conn)
        communes = db.run("projects/demo_communes", conn=conn, limit=10_000).rows
        sectors = db.run("projects/vocabulary_sectors", conn=conn).rows
        weights = sector_weights(press_csv, [s["code"] for s in sectors if s["parent_code"] is None])
        created = unchanged = 0
        for row in generate(n, seed, communes=communes, sectors=sectors, weights=weights):
            if db.run("projects/upsert_project", row, conn=conn).rows:
                created += 1
            else:
                unchanged += 1
    return DemoSummary(created, unchanged)


def remove_demo() -> int:
    """Delete every demo project; return how many."""
    with db.connect() as conn:
        db.act_as(ACTOR, conn=conn)
        return int(db.run("projects/delete_demo", conn=conn).rows[0]["deleted"])
