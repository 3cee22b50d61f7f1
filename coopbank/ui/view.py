"""The map's view (territory, level, indicator, layers, project filters) kept in the URL query parameters.

A link to ``/map?region=05&province=05.061&level=commune&indicator=gap_mad&sector=argan,pam&zone=mountain``
reopens the same view. Unknown or malformed values fall back to the defaults,
one parameter at a time, so a half-broken link still opens what it can.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Mapping

import streamlit as st

from coopbank.projects import TARGET_GROUPS, ZONES, ProjectFilters
from coopbank.territory import INDICATORS, LEVELS, PROJECT_INDICATORS
from coopbank.ui.maps import HEAT_WEIGHTS

_FLAGS = {"1": True, "0": False}


@dataclasses.dataclass
class View:
    """What the map shows; :meth:`save` writes it back to the URL."""

    region: str | None = None
    province: str | None = None
    level: str = "region"
    indicator: str = "population_2024"
    rural: bool = False
    mountain: bool = False
    markers: bool = False
    heat: str | None = None
    sectors: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    zone: str | None = None
    group: str | None = None
    investment_min: float | None = None
    investment_max: float | None = None

    def filters(self) -> ProjectFilters:
        """The project filters of this view (its territory, sectors, statuses, zone, group, investment)."""
        return ProjectFilters(region_code=self.region, province_code=self.province, sector_codes=self.sectors,
                              status_codes=self.statuses, zone=self.zone, target_group=self.group,
                              investment_min=self.investment_min, investment_max=self.investment_max)

    def save(self, **changes: object) -> None:
        """Apply ``changes`` and mirror the view in the URL; empty filters leave the URL."""
        for name, value in changes.items():
            setattr(self, name, value)
        params: dict[str, str | None] = {
            "region": self.region, "province": self.province, "level": self.level, "indicator": self.indicator,
            "rural": _flag(self.rural), "mountain": _flag(self.mountain), "markers": _flag(self.markers),
            "heat": self.heat or "", "sector": ",".join(self.sectors) or None,
            "status": ",".join(self.statuses) or None, "zone": self.zone, "group": self.group,
            "inv_min": _amount(self.investment_min), "inv_max": _amount(self.investment_max),
        }
        for key, value in params.items():
            if value is None:
                if key in st.query_params:
                    del st.query_params[key]
            elif st.query_params.get(key) != value:
                st.query_params[key] = value


def _flag(on: bool) -> str:
    return "1" if on else "0"


def _amount(value: float | None) -> str | None:
    return None if value is None else f"{value:.0f}"


def _read_amount(text: str | None) -> float | None:
    """A non-negative amount in MAD, or ``None`` for anything else."""
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) and value >= 0 else None


def _read_codes(text: str | None, known: Collection[str]) -> tuple[str, ...]:
    """The known codes of a comma-separated list, in order, without repeats."""
    return tuple(dict.fromkeys(c for c in (text or "").split(",") if c in known))


def view_state(*, region_codes: Collection[str], provinces: Mapping[str, str] | None = None,
               sector_codes: Collection[str] = (), status_codes: Collection[str] = ()) -> View:
    """Read the view from the URL, keeping only values that exist.

    ``provinces`` maps each province code to its region's code: a province is
    kept only inside the region of the link. Sector and status codes not in
    ``sector_codes`` / ``status_codes`` are dropped; an investment range whose
    minimum is above its maximum is dropped whole.
    """
    query = st.query_params
    view = View()
    if query.get("region") in region_codes:
        view.region = query["region"]
        if view.region and (provinces or {}).get(query.get("province", "")) == view.region:
            view.province = query["province"]
    if query.get("level") in LEVELS:
        view.level = query["level"]
    if query.get("indicator") in INDICATORS or query.get("indicator") in PROJECT_INDICATORS:
        view.indicator = query["indicator"]
    view.rural = _FLAGS.get(query.get("rural", ""), False)
    view.mountain = _FLAGS.get(query.get("mountain", ""), False)
    view.markers = _FLAGS.get(query.get("markers", ""), False)
    view.heat = query.get("heat") if query.get("heat") in HEAT_WEIGHTS else None
    view.sectors = _read_codes(query.get("sector"), sector_codes)
    view.statuses = _read_codes(query.get("status"), status_codes)
    view.zone = query.get("zone") if query.get("zone") in ZONES else None
    view.group = query.get("group") if query.get("group") in TARGET_GROUPS else None
    low, high = _read_amount(query.get("inv_min")), _read_amount(query.get("inv_max"))
    if low is None or high is None or low <= high:
        view.investment_min, view.investment_max = low, high
    return view
