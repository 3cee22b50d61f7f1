"""The map's view (region, level, indicator, layers) kept in the URL query parameters.

A link to ``/map?region=05&level=commune&indicator=density`` reopens the same
view; unknown or malformed values fall back to the defaults.
"""

from __future__ import annotations

import dataclasses

import streamlit as st

from coopbank.territory import INDICATORS, LEVELS, PROJECT_INDICATORS

_FLAGS = {"1": True, "0": False}


@dataclasses.dataclass
class View:
    """What the map shows; :meth:`save` writes it back to the URL."""

    region: str | None = None
    level: str = "region"
    indicator: str = "population_2024"
    rural: bool = False
    mountain: bool = False
    markers: bool = False
    heat: str | None = None

    def save(self, **changes: object) -> None:
        for name, value in changes.items():
            setattr(self, name, value)
        params = {"level": self.level, "indicator": self.indicator,
                  "rural": "1" if self.rural else "0", "mountain": "1" if self.mountain else "0",
                  "markers": "1" if self.markers else "0", "heat": self.heat or ""}
        if self.region:
            params["region"] = self.region
        elif "region" in st.query_params:
            del st.query_params["region"]
        for key, value in params.items():
            if st.query_params.get(key) != value:
                st.query_params[key] = value


def view_state(*, region_codes: list[str]) -> View:
    """Read the view from the URL, keeping only values that exist."""
    query = st.query_params
    view = View()
    if query.get("region") in region_codes:
        view.region = query["region"]
    if query.get("level") in LEVELS:
        view.level = query["level"]
    if query.get("indicator") in INDICATORS or query.get("indicator") in PROJECT_INDICATORS:
        view.indicator = query["indicator"]
    view.rural = _FLAGS.get(query.get("rural", ""), False)
    view.mountain = _FLAGS.get(query.get("mountain", ""), False)
    view.markers = _FLAGS.get(query.get("markers", ""), False)
    view.heat = query.get("heat") if query.get("heat") in ("projects", "investment_mad", "jobs_direct") else None
    return view
