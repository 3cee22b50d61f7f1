"""The investor view's domain: which projects, in which order, and the session's shortlist.

Reads go through :func:`coopbank.projects.list_projects` and
:func:`~coopbank.projects.project_page`, so only PUBLIC
fields are ever seen (never a contact). Amounts are Moroccan dirhams (MAD).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Mapping
from typing import Any

import pandas as pd

from coopbank import projects
from coopbank.errors import InvalidInput
from coopbank.exports import to_csv
from coopbank.projects import ProjectFilters

LOGGER = logging.getLogger(__name__)
SORTS = ("gap", "jobs_per_million")
READY_STATUSES = ("ready", "seeking_funding")
# The public columns of a shortlist export, in order.
EXPORT_COLUMNS = (
    "reference", "title_fr", "title_ar", "cooperative_name", "sector_code", "sector_fr", "sector_ar",
    "status_code", "status_fr", "status_ar", "commune_code", "commune_fr", "commune_ar",
    "province_code", "province_fr", "province_ar", "region_code", "region_fr", "region_ar",
    "investment_mad", "funding_secured_mad", "gap_mad", "jobs_direct", "jobs_per_million_mad", "is_demo",
)
Shortlist = dict[str, dict[str, Any]]


def zoned(filters: ProjectFilters, *, rural_only: bool = False, mountain_only: bool = False) -> ProjectFilters:
    """``filters`` with the zone of the toggles: 'mountain', else 'rural', else any.

    With both toggles on the zone is 'mountain' and :func:`commune_kind`
    adds 'rural' (project_filtered has a single zone).
    """
    zone = "mountain" if mountain_only else "rural" if rural_only else None
    return dataclasses.replace(filters, zone=zone)


def commune_kind(*, rural_only: bool = False, mountain_only: bool = False) -> str | None:
    """The commune kind the list query must add to :func:`zoned`: 'rural' when both toggles are on."""
    return "rural" if rural_only and mountain_only else None


def rank_projects(frame: pd.DataFrame, *, sort: str) -> pd.DataFrame:
    """Rows of :func:`~coopbank.projects.list_projects` with ``gap_mad`` and ``jobs_per_million_mad``, sorted.

    The reference semantics of the investor order, which ``queries/projects/list.sql``
    implements for paging (and the tests hold it to): ``gap_mad`` is the funding gap,
    investment needed − secured (missing secured counts as 0), in MAD;
    ``jobs_per_million_mad`` is direct jobs per million MAD of investment. Both
    are NaN without an investment (or, for the ratio, a zero one). ``sort`` is
    'gap' (largest gap first) or 'jobs_per_million' (most jobs per million
    first); rows missing the key come last, ties by reference. The index is
    reset; ``attrs`` are kept.
    """
    if sort not in SORTS:
        raise InvalidInput(f"Unknown sort {sort!r}: choose one of {', '.join(SORTS)}")
    investment = pd.to_numeric(frame["investment_mad"], errors="coerce").astype(float)
    secured = pd.to_numeric(frame["funding_secured_mad"], errors="coerce").astype(float).fillna(0.0)
    jobs = pd.to_numeric(frame["jobs_direct"], errors="coerce").astype(float)
    ranked = frame.assign(gap_mad=investment - secured,
                          jobs_per_million_mad=(jobs / investment.where(investment > 0)) * 1e6)
    key = "gap_mad" if sort == "gap" else "jobs_per_million_mad"
    ranked = ranked.sort_values("reference", kind="stable")
    ranked = ranked.sort_values(key, ascending=False, na_position="last", kind="stable").reset_index(drop=True)
    ranked.attrs = dict(frame.attrs)
    return ranked


def _checked(sort: str) -> str:
    if sort not in SORTS:
        raise InvalidInput(f"Unknown sort {sort!r}: choose one of {', '.join(SORTS)}")
    return sort


def find_projects(filters: ProjectFilters, *, rural_only: bool = False, mountain_only: bool = False,
                  sort: str = "gap") -> pd.DataFrame:
    """Every public project matching ``filters`` and the zone toggles (up to ``max_rows``), in ``sort`` order.

    Filtered and ranked in SQL, as :func:`rank_projects` would rank them.
    """
    frame = projects.list_projects(zoned(filters, rural_only=rural_only, mountain_only=mountain_only),
                                   sort=_checked(sort),
                                   commune_kind=commune_kind(rural_only=rural_only, mountain_only=mountain_only))
    LOGGER.debug("investor view: %d projects, sorted by %s", len(frame), sort)
    return frame


def find_page(filters: ProjectFilters, *, rural_only: bool = False, mountain_only: bool = False,
              sort: str = "gap", number: int = 1, size: int = 100) -> projects.ProjectPage:
    """Page ``number`` of :func:`find_projects`'s list, fetched alone, with the total count.

    The ranking happens in SQL so that consecutive pages continue one order.
    """
    page = projects.project_page(zoned(filters, rural_only=rural_only, mountain_only=mountain_only),
                                 number=number, size=size, sort=_checked(sort),
                                 commune_kind=commune_kind(rural_only=rural_only, mountain_only=mountain_only))
    LOGGER.debug("investor view: page %d of %d projects, sorted by %s", page.number, page.total, sort)
    return page


def add_to_shortlist(shortlist: Mapping[str, dict[str, Any]], row: Mapping[str, Any]) -> Shortlist:
    """A new shortlist with the public ``row`` (a ranked project) added, or kept in place if already there."""
    reference = str(row["reference"])
    added = dict(shortlist)
    added.setdefault(reference, dict(row))
    return added


def remove_from_shortlist(shortlist: Mapping[str, dict[str, Any]], reference: str) -> Shortlist:
    """A new shortlist without ``reference`` (unchanged when it was not there)."""
    return {ref: row for ref, row in shortlist.items() if ref != reference}


def shortlist_frame(shortlist: Mapping[str, dict[str, Any]]) -> pd.DataFrame:
    """The shortlisted projects in the order they were added, with the columns of :data:`EXPORT_COLUMNS`."""
    frame = pd.DataFrame(list(shortlist.values()))
    return frame.reindex(columns=list(EXPORT_COLUMNS)).reset_index(drop=True)


def shortlist_csv(shortlist: Mapping[str, dict[str, Any]]) -> bytes:
    """The shortlist as a CSV file (public columns only, formula-looking cells neutralised)."""
    return to_csv(shortlist_frame(shortlist))
