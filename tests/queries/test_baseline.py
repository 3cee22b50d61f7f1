"""HCP's establishments baseline equals the published 2024 figures."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from coopbank import settings
from coopbank.baseline import establishments_baseline
from coopbank.errors import InvalidInput

FIELDS = {"businesses": "establishments_business", "jobs": "establishments_jobs", "industry": "sector_industry",
          "construction": "sector_construction", "commerce": "sector_commerce", "services": "sector_services"}


def _published(level: str) -> dict[str, dict[str, str]]:
    path = Path(settings.get_settings().geodata_dir) / "hcp" / "establishments.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle) if row["level"] == level}


def test_regions_equal_the_published_rows(loaded_db):
    frame = establishments_baseline("region").set_index("code")
    published = _published("region")
    assert list(frame.index) == sorted(published)
    for code in ("05", "08"):
        assert {k: frame.at[code, k] for k in FIELDS} == {k: float(published[code][v]) for k, v in FIELDS.items()}
    row = frame.loc["05"]
    assert row["jobs_per_1000"] == pytest.approx(1000 * row["jobs"] / row["population_2024"])
    assert row["services_per_1000"] == pytest.approx(1000 * row["services"] / row["population_2024"])


def test_provinces_of_a_region(loaded_db):
    frame = establishments_baseline("province", region_code="05").set_index("code")
    published = {c: r for c, r in _published("province").items() if c.startswith("05.")}
    assert set(frame.index) == set(published)
    for code, row in published.items():
        assert frame.at[code, "commerce"] == float(row["sector_commerce"])


def test_unknown_level_is_refused(loaded_db):
    with pytest.raises(InvalidInput):
        establishments_baseline("commune")
