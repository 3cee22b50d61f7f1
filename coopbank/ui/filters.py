"""The project explorer's filter widgets, read into a :class:`coopbank.projects.ProjectFilters`.

Widget keys carry the language (options are redrawn translated) and, for the
territory cascade, the enclosing unit: choosing another region resets the
province and commune.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from coopbank.investor import READY_STATUSES
from coopbank.projects import TARGET_GROUPS, ZONES, ProjectFilters
from coopbank.ui import cached, labels
from coopbank.ui.i18n import localised, place_name, translate


def unit_names(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Code → name in ``lang`` (both names, the chosen one first) of the units of ``frame``."""
    return {r.code: place_name(r.name_fr, r.name_ar, lang) for r in frame.itertuples()}


def choice(where: DeltaGenerator, label: str, names: dict[str, str], *, key: str,
           everything: str, initial: str | None = None) -> str | None:
    """A select box over ``names`` with a first "any" entry (``None``), starting on ``initial``."""
    options = [None, *names]
    return where.selectbox(label, options, format_func=lambda c: everything if c is None else names[c],
                           key=key, index=options.index(initial) if initial in names else 0)


def _territory(lang: str, prefix: str = "p") -> tuple[str | None, str | None, str | None]:
    left, middle, right = st.columns(3)
    region = choice(left, translate("Region", lang), unit_names(cached.regions(), lang), key=f"{prefix}-region-{lang}",
                     everything=translate("All Morocco", lang))
    province = commune = None
    if region:
        provinces = cached.units("province", region, with_geometry=False)
        province = choice(middle, translate("Province", lang), unit_names(provinces, lang),
                           key=f"{prefix}-province-{lang}-{region}", everything=translate("All provinces", lang))
    if province:
        communes = cached.units("commune", region, with_geometry=False)
        commune = choice(right, translate("Commune", lang),
                          unit_names(communes[communes["province_code"] == province], lang),
                          key=f"{prefix}-commune-{lang}-{province}", everything=translate("All communes", lang))
    return region, province, commune


def _labelled(frame: pd.DataFrame, lang: str) -> Callable[[str], str]:
    names = {r.code: localised(r.label_fr, r.label_ar, lang) for r in frame.itertuples()}
    return names.__getitem__


def sectors_and_statuses(sector_box: DeltaGenerator, status_box: DeltaGenerator, lang: str, *, key: str,
                         status_label: str = "Status", sectors_by_default: tuple[str, ...] = (),
                         statuses_by_default: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Draw the sector and status choices (empty = all), starting on the defaults; return the chosen codes."""
    sectors = cached.sectors()
    top = sectors[sectors["parent_code"].isna()]
    statuses = cached.statuses()
    sector_codes = sector_box.multiselect(translate("Sector", lang), list(top["code"]),
                                          default=[c for c in sectors_by_default if c in set(top["code"])],
                                          format_func=_labelled(top, lang), key=f"{key}-sectors-{lang}",
                                          placeholder=translate("All sectors", lang))
    known = set(statuses["code"])
    status_codes = status_box.multiselect(translate(status_label, lang), list(statuses["code"]),
                                          default=[c for c in statuses_by_default if c in known],
                                          format_func=_labelled(statuses, lang), key=f"{key}-statuses-{lang}",
                                          placeholder=translate("All statuses", lang))
    return sector_codes, status_codes


def zone_and_group(zone_box: DeltaGenerator, group_box: DeltaGenerator, lang: str, *, key: str,
                   zone: str | None = None, group: str | None = None) -> tuple[str | None, str | None]:
    """Draw the zone (rural, urban, mountain) and target group (women, youth) choices; ``None`` = any.

    ``zone`` and ``group`` are the choices to start on.
    """
    zone_names = labels.zones(lang)
    zone = choice(zone_box, translate("Zone", lang), {z: zone_names[z] for z in ZONES}, key=f"{key}-zone-{lang}",
                   everything=translate("All zones", lang), initial=zone)
    group_names = labels.target_groups(lang)
    group = choice(group_box, translate("Target group", lang), {g: group_names[g] for g in TARGET_GROUPS},
                    key=f"{key}-group-{lang}", everything=translate("Everyone", lang), initial=group)
    return zone, group


def investment_range(low_box: DeltaGenerator, high_box: DeltaGenerator, lang: str, *, key: str,
                     low: float | None = None, high: float | None = None) -> tuple[float | None, float | None]:
    """Draw the "investment from / up to" inputs (MAD, empty = no bound), starting on ``low`` and ``high``."""
    return (
        low_box.number_input(translate("Investment from (MAD)", lang), min_value=0.0, value=low, step=10_000.0,
                             format="%.0f", key=f"{key}-investment-min"),
        high_box.number_input(translate("Investment up to (MAD)", lang), min_value=0.0, value=high,
                              step=10_000.0, format="%.0f", key=f"{key}-investment-max"),
    )


def project_filters(lang: str) -> ProjectFilters:
    """Draw the filters (territory, sector, status, investment, zone, target group, text); return them.

    Raises :class:`coopbank.errors.InvalidInput` when the investment bounds
    contradict each other.
    """
    region, province, commune = _territory(lang)
    left, right = st.columns(2)
    sector_codes, status_codes = sectors_and_statuses(left, right, lang, key="p")
    low, high, zone_col, group_col = st.columns(4)
    investment_min, investment_max = investment_range(low, high, lang, key="p")
    zone, group = zone_and_group(zone_col, group_col, lang, key="p")
    text_col, demo_col = st.columns([3, 1])
    text = text_col.text_input(translate("Search", lang), key="p-text",
                               placeholder=translate("Reference, title or cooperative", lang))
    include_demo = demo_col.toggle(translate("Include demo projects", lang), value=True, key="p-demo")
    return ProjectFilters(
        region_code=region, province_code=province, commune_code=commune,
        sector_codes=tuple(sector_codes), status_codes=tuple(status_codes),
        investment_min=investment_min, investment_max=investment_max, zone=zone, target_group=group,
        text=text or None, include_demo=include_demo,
    )


def investor_filters(lang: str) -> tuple[ProjectFilters, bool, bool]:
    """Draw the investor view's filters; return them with the "rural only" and "mountain only" toggles.

    Territory, sector, readiness (statuses, by default ready and seeking
    funding) and ticket size: investment needed and funding gap ranges, MAD.
    Raises :class:`coopbank.errors.InvalidInput` when bounds contradict each other.
    """
    region, province, commune = _territory(lang, prefix="inv")
    rural_col, mountain_col = st.columns(2)
    rural_only = rural_col.toggle(translate("Rural communes only", lang), key="inv-rural")
    mountain_only = mountain_col.toggle(translate("Mountain communes only", lang), key="inv-mountain")
    left, right = st.columns(2)
    sector_codes, status_codes = sectors_and_statuses(left, right, lang, key="inv", status_label="Readiness",
                                                      statuses_by_default=READY_STATUSES)
    low, high, gap_low, gap_high = st.columns(4)
    investment_min, investment_max = investment_range(low, high, lang, key="inv")
    gap_min, gap_max = (where.number_input(translate(label, lang), min_value=0.0, value=None, step=10_000.0,
                                           format="%.0f", key=f"inv-{name}")
                        for where, name, label in ((gap_low, "gap-min", "Funding gap from (MAD)"),
                                                   (gap_high, "gap-max", "Funding gap up to (MAD)")))
    filters = ProjectFilters(
        region_code=region, province_code=province, commune_code=commune, sector_codes=tuple(sector_codes),
        status_codes=tuple(status_codes), investment_min=investment_min, investment_max=investment_max,
        gap_min=gap_min, gap_max=gap_max,
    )
    return filters, rural_only, mountain_only
