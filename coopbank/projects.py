"""The project bank as the pages use it: public reads of projects, and the geocode review queue.

Thin functions over the queries in ``queries/projects/``. Reads return PUBLIC
fields only: nothing here ever reads ``project_contact``. Amounts are in
Moroccan dirhams (MAD); points are EPSG:4326 degrees.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

import pandas as pd

from coopbank import db
from coopbank.access import Actor, require_governs, require_role
from coopbank.errors import InvalidInput
from coopbank.settings import get_settings

LOGGER = logging.getLogger(__name__)
ZONES = ("rural", "urban", "mountain")
TARGET_GROUPS = ("women", "youth")
# Orders of a project list (queries/projects/list.sql): by place, largest funding gap, most jobs per million MAD.
SORTS = ("place", "gap", "jobs_per_million")
_NUMERIC = ("investment_mad", "funding_secured_mad", "jobs_direct", "jobs_women", "jobs_youth", "members_total")


@dataclasses.dataclass(frozen=True)
class ProjectFilters:
    """What the explorer asks for; ``None`` or empty means "any".

    ``sector_codes`` match a project's sector or sub-sector; ``investment_min``
    and ``investment_max`` are inclusive bounds in MAD, and ``gap_min`` /
    ``gap_max`` bound the funding gap (needed − secured, MAD); ``zone`` is one of
    :data:`ZONES` (the commune's kind, or its terrain); ``target_group`` is one
    of :data:`TARGET_GROUPS` (jobs for that group, or the group named among the
    project's targets); ``text`` is searched, case-insensitively, in the
    reference, both titles and the cooperative's name.
    """

    region_code: str | None = None
    province_code: str | None = None
    commune_code: str | None = None
    sector_codes: tuple[str, ...] = ()
    status_codes: tuple[str, ...] = ()
    investment_min: float | None = None
    investment_max: float | None = None
    gap_min: float | None = None
    gap_max: float | None = None
    zone: str | None = None
    target_group: str | None = None
    text: str | None = None
    include_demo: bool = True

    def __post_init__(self) -> None:
        if self.zone is not None and self.zone not in ZONES:
            raise InvalidInput(f"Unknown zone {self.zone!r}: choose one of {', '.join(ZONES)}")
        if self.target_group is not None and self.target_group not in TARGET_GROUPS:
            raise InvalidInput(f"Unknown target group {self.target_group!r}: choose one of {', '.join(TARGET_GROUPS)}")
        for what, low, high in (("investment", self.investment_min, self.investment_max),
                                ("funding gap", self.gap_min, self.gap_max)):
            bounds = [b for b in (low, high) if b is not None]
            if any(b < 0 for b in bounds):
                raise InvalidInput(f"{what.capitalize()} bounds cannot be negative")
            if len(bounds) == 2 and bounds[0] > bounds[1]:
                raise InvalidInput(f"The minimum {what} is above the maximum")

    def params(self) -> dict[str, Any]:
        """The bound parameters of ``project_filtered`` (``projects/list`` and the aggregates)."""
        text = (self.text or "").strip()
        escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return {
            "region_code": self.region_code or None,
            "province_code": self.province_code or None,
            "commune_code": self.commune_code or None,
            "sector_codes": list(self.sector_codes) or None,
            "status_codes": list(self.status_codes) or None,
            "investment_min": self.investment_min,
            "investment_max": self.investment_max,
            "gap_min": self.gap_min,
            "gap_max": self.gap_max,
            "zone": self.zone,
            "target_group": self.target_group,
            "pattern": f"%{escaped}%" if text else None,
            "include_demo": self.include_demo,
        }


def _frame(result: db.Result) -> pd.DataFrame:
    frame = pd.DataFrame(result.rows, columns=result.columns)
    frame.attrs["truncated"] = result.truncated
    return frame


def _listed(filters: ProjectFilters, *, sort: str, commune_kind: str | None, limit: int | None,
            offset: int, cap: int | None) -> pd.DataFrame:
    """Run ``projects/list`` (the one list query) and type its columns; ``attrs["total"]`` is the match count."""
    if sort not in SORTS:
        raise InvalidInput(f"Unknown sort {sort!r}: choose one of {', '.join(SORTS)}")
    if commune_kind not in (None, "rural", "urban"):
        raise InvalidInput(f"Unknown commune kind {commune_kind!r}")
    params = {**filters.params(), "sort": sort, "commune_kind": commune_kind, "page_limit": limit,
              "page_offset": offset}
    frame = _frame(db.run("projects/list", params, limit=cap))
    frame.attrs["total"] = int(frame["total_count"].iloc[0]) if len(frame) else 0
    frame = frame.drop(columns=["total_count"]).assign(**{
        c: pd.to_numeric(frame[c], errors="coerce").astype(float)
        for c in (*_NUMERIC, "gap_mad", "jobs_per_million_mad")})
    return frame


def list_projects(filters: ProjectFilters, *, limit: int | None = None, sort: str = "place",
                  commune_kind: str | None = None) -> pd.DataFrame:
    """Every project matching ``filters`` (up to a cap), public fields only, in ``sort`` order.

    One row per project: reference, both titles, cooperative name, sector,
    sub-sector and status (code and FR/AR labels), commune, province and region
    (code and FR/AR names), ``commune_kind`` ('rural'/'urban'), ``is_mountain``,
    amounts in MAD, ``gap_mad`` and ``jobs_per_million_mad`` (see
    :data:`SORTS`), jobs, members, target groups, submission date, ``is_demo``
    and the point (``lat``/``lon``, degrees). ``commune_kind`` keeps only
    projects in rural or urban communes, on top of ``filters``. At most
    ``limit`` rows (default: the ``max_rows`` setting): exports and map
    markers use this; a page of a table uses :func:`project_page`.
    ``frame.attrs["truncated"]`` says whether more matched and
    ``frame.attrs["total"]`` how many did (counted before the cap).
    """
    cap = limit if limit is not None else get_settings().max_rows
    # LIMIT cap + 1 in SQL: the server stops there, and the runner still sees that more matched.
    frame = _listed(filters, sort=sort, commune_kind=commune_kind, limit=cap + 1, offset=0, cap=cap)
    return frame


@dataclasses.dataclass(frozen=True)
class ProjectPage:
    """One page of a project list: its rows, which page it is and how many projects matched in all."""

    rows: pd.DataFrame
    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages the matches fill (at least 1, so an empty result is "page 1 of 1")."""
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        """The 1-based position of the page's first row among all matches (0 when nothing matched)."""
        return (self.number - 1) * self.size + 1 if self.total else 0

    @property
    def last(self) -> int:
        """The 1-based position of the page's last row among all matches."""
        return self.first + len(self.rows) - 1 if self.total else 0


def project_page(filters: ProjectFilters, *, number: int = 1, size: int = 100, sort: str = "place",
                 commune_kind: str | None = None) -> ProjectPage:
    """Page ``number`` (from 1) of ``size`` rows of :func:`list_projects`'s list, with the total count.

    Only that page travels from the database (LIMIT/OFFSET), so a page of a
    100,000-project bank costs the same as a page of a small one. A page past
    the end (the bank shrank since the page was chosen) gives the last page.
    """
    if size < 1 or number < 1:
        raise InvalidInput("Pages are numbered from 1 and hold at least one row")

    def fetch(page: int) -> pd.DataFrame:
        return _listed(filters, sort=sort, commune_kind=commune_kind, limit=size, offset=(page - 1) * size,
                       cap=size)

    rows = fetch(number)
    if rows.empty and number > 1:
        total = fetch(1).attrs["total"]
        number = max(1, -(-total // size))
        rows = fetch(number)
    return ProjectPage(rows=rows, number=number, size=size, total=int(rows.attrs["total"]))


def metrics_by_territory(filters: ProjectFilters, *, level: str, by_sector: bool = False) -> pd.DataFrame:
    """Project count, money (MAD: needed, secured, gap) and expected jobs per unit of ``level``.

    ``level`` is 'region', 'province' or 'commune'; with ``by_sector`` there is
    one row per unit and sector. Units without a matching project are absent.
    """
    if level not in ("region", "province", "commune"):
        raise InvalidInput(f"Unknown level {level!r}")
    result = db.run("projects/metrics_by_territory", {**filters.params(), "level": level, "by_sector": by_sector})
    return _frame(result)


def with_project_metrics(units: pd.DataFrame, filters: ProjectFilters, *, level: str) -> pd.DataFrame:
    """``units`` (from :func:`coopbank.territory.units`) with the filtered projects' figures per unit.

    Adds projects, investment_mad, secured_mad, gap_mad, jobs_direct (0 where a
    unit has no project), expected jobs per 1,000 inhabitants and projects per
    10,000 rural inhabitants (NaN where a unit has no rural population).
    """
    metrics = metrics_by_territory(filters, level=level).drop(columns=["sector_code"])
    merged = units.merge(metrics, on="code", how="left")
    counts = ["projects", "investment_mad", "secured_mad", "gap_mad", "jobs_direct", "jobs_women", "jobs_youth"]
    merged[counts] = merged[counts].fillna(0).astype(float)
    rural = merged["population_2024"] * merged["rural_share"]
    merged["project_jobs_per_1000"] = 1000 * merged["jobs_direct"] / merged["population_2024"]
    merged["projects_per_10k_rural"] = (10_000 * merged["projects"] / rural).where(rural > 0)
    return merged


def project_sheet(reference: str) -> dict[str, Any] | None:
    """The public sheet of one project, or ``None`` when no project has ``reference``.

    Holds the fields of :func:`list_projects` plus description, standing, ODCO
    registration, funding sources, members by group, needs, geocoding method
    and confidence; ``lat``/``lon`` (degrees) with ``point_source`` 'project',
    'commune' (its label point) or 'province', or ``None`` each; and
    ``history``, the status changes oldest first (``changed_at``, codes and
    FR/AR labels of ``from``/``to``). Never a contact.
    """
    rows = db.run("projects/sheet", {"reference": reference}).rows
    if not rows:
        return None
    sheet = dict(rows[0])
    project_id = sheet.pop("id")
    sheet["history"] = db.run("projects/status_history", {"project_id": project_id}).rows
    return sheet


def sectors() -> pd.DataFrame:
    """Active sectors and sub-sectors: code, parent_code (``None`` for a sector), FR/AR/EN labels."""
    return _frame(db.run("projects/vocabulary_sectors"))


def statuses() -> pd.DataFrame:
    """The project statuses in workflow order: code and FR/AR/EN labels."""
    return _frame(db.run("projects/vocabulary_statuses"))


def data_version() -> str:
    """A stamp of the project tables that changes with every write (a cache key for page data)."""
    row = db.run("projects/data_version").rows[0]
    return f"{row['projects']}:{row['last_change']}:{row['last_audit']}"


def stored_projects() -> int:
    """How many projects the bank holds, real and demo (to tell an empty bank from filters matching nothing)."""
    row = db.run("projects/count_projects").rows[0]
    return int(row["real"]) + int(row["demo"])


def has_demo_projects() -> bool:
    """Whether any stored project is generated demo data."""
    return bool(db.run("projects/has_demo").rows[0]["has_demo"])


def pending_reviews(actor: Actor) -> pd.DataFrame:
    """Geocoding questions waiting for an official, oldest first: those of the regions ``actor`` governs.

    Officials and admins only (:class:`~coopbank.errors.PermissionDenied`
    otherwise); a regional official sees the reviews of projects in their
    region, a national official or an admin every review. One row per
    review: review_id, created_at, ``query`` (what the file said, a dict such
    as commune and province names), the project's reference, titles, region
    and is_demo, and ``candidates``: a list of dicts (commune_code, score,
    name_fr, name_ar, province_code, province_fr, province_ar), best score first.
    """
    require_role(actor, "official", "admin")
    national = actor.role == "admin" or actor.region_code is None
    return _frame(db.run("projects/pending_reviews", {"national": national, "region_code": actor.region_code}))


def _close_review(review_id: int, commune_code: str | None, *, actor: Actor) -> None:
    """Resolve (with ``commune_code``) or dismiss (``None``) a pending review, in one transaction.

    Only an official governing the project's region (or a national official,
    or an administrator) may: :class:`PermissionDenied` otherwise.
    """
    require_role(actor, "official", "admin")
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        rows = db.run("projects/review_for_update", {"review_id": review_id}, conn=conn).rows
        if not rows:
            raise InvalidInput("This geocode review does not exist")
        review = rows[0]
        require_governs(actor, db.run("accounts/review_project_region", {"review_id": review_id},
                                      conn=conn).rows[0]["region_code"])
        if review["state"] != "pending":
            raise InvalidInput("This geocode review was already settled")
        if commune_code is not None and commune_code not in review["candidate_codes"]:
            raise InvalidInput("The chosen commune is not one of the review's candidates")
        db.run("projects/close_review", {"review_id": review_id, "commune_code": commune_code,
                                         "state": "dismissed" if commune_code is None else "resolved"}, conn=conn)
        if commune_code is not None and review["project_id"] is not None:
            db.run("projects/place_project_manually",
                   {"project_id": review["project_id"], "commune_code": commune_code}, conn=conn)
    LOGGER.info("geocode review %s %s by %s", review_id, "dismissed" if commune_code is None else "resolved",
                actor.audit_name)


def resolve_review(review_id: int, commune_code: str, *, actor: Actor) -> None:
    """Settle a pending review with one of its candidate communes, as ``actor``.

    In one transaction the review becomes 'resolved' (who and when recorded)
    and its project moves to that commune, its province and region, with
    geocode method 'manual' and confidence 1.0. Raises :class:`InvalidInput`
    for an unknown or already settled review, or a commune not among the
    candidates, and :class:`PermissionDenied` unless ``actor`` governs the
    project's region.
    """
    _close_review(review_id, commune_code, actor=actor)


def dismiss_review(review_id: int, *, actor: Actor) -> None:
    """Set a pending review aside ('dismissed', who and when recorded); the project is unchanged.

    The same rights as :func:`resolve_review`.
    """
    _close_review(review_id, None, actor=actor)
