"""Investment scenarios: share an envelope (MAD) among eligible projects by a stated rule.

Pure functions over a frame of projects; nothing here reads the database
(:mod:`planning.scenario_store` gathers the frame and keeps scenarios).

The method, as planners can check it by hand:

* **Eligible**: a funding gap (investment − secured, MAD) above zero and, when
  the frame has a ``status_code`` column, one of the chosen statuses (by
  default :data:`coopbank.investor.READY_STATUSES`: ready, seeking funding).
* **Money** is counted in whole centimes: gaps are rounded to the centime and
  the envelope is cut down to it, so an allocation never exceeds the envelope
  nor any gap, exactly.
* **Order**: each rule gives every eligible project a score, highest first;
  a missing score comes last; ties go by reference (byte order), so the same
  inputs always give the same allocation.

  - ``priority``: the commune's priority score (:mod:`planning.priority`);
  - ``jobs_per_mad``: central estimated direct jobs per MAD of gap;
  - ``custom``: Σ wₖ·xₖ / Σ wₖ over x = the priority score and jobs per MAD,
    each min–max normalised over the eligible projects (0–1; all equal → 1),
    rural (1 for a rural commune, else 0) and mountain (1 or 0); a missing
    component counts 0. The weights are non-negative, at least one positive.
  - ``equal_by_region``: see below.
* **Greedy funding** (priority, jobs_per_mad, custom): down the order, each
  project gets its whole gap while money remains; the first one the rest
  cannot cover gets what is left (partially funded), and the walk stops.
  The allocated total is therefore min(envelope, total eligible gap).
* **Equal by region**: the envelope is split equally among the regions with
  eligible projects (a leftover centime goes to the first regions by code);
  a region takes up to its remaining gap; money a region cannot use is split
  equally again among the regions still short, until the money or the gaps
  run out. Within a region, projects are funded greedily in priority order.
* **Jobs** counted for a project are its estimated ranges (low, central, high;
  direct and total) times the share of its gap covered: a project funded at
  40 % of its gap counts 40 % of its jobs (pro rata of the gap covered).
  Shares of jobs reaching rural and mountain communes use the central
  direct jobs, which are created in the project's own commune.
"""

from __future__ import annotations

import dataclasses
import logging
import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from coopbank.errors import InvalidInput
from coopbank.investor import READY_STATUSES

LOGGER = logging.getLogger(__name__)
RULES = ("priority", "jobs_per_mad", "equal_by_region", "custom")
WEIGHT_KEYS = ("priority", "jobs_per_mad", "rural", "mountain")
DEFAULT_WEIGHTS = dict.fromkeys(WEIGHT_KEYS, 1.0)
RANGE = ("low", "central", "high")
JOB_KINDS = ("direct", "total")
REQUIRED = ("reference", "gap_mad", "region_code", "commune_kind", "is_mountain", "priority_score",
            *(f"{kind}_{bound}" for kind in JOB_KINDS for bound in RANGE))
CENTS = 100


@dataclasses.dataclass(frozen=True)
class Allocation:
    """One scenario's result.

    ``projects``: every eligible project in funding order, its columns kept,
    with ``order`` (1 = funded first; under equal_by_region, by region code
    then priority), ``rule_score``, ``allocated_mad``,
    ``funded_fully``, ``share_of_gap`` (0–1) and the jobs it counts
    (``funded_direct_low`` … ``funded_total_high``). ``summary``: plain,
    JSON-ready figures (see :func:`summarise`). ``params``: what produced it
    (filled by :func:`planning.scenario_store.run_scenario`).
    """

    projects: pd.DataFrame
    summary: dict[str, Any]
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def by_region(self) -> pd.DataFrame:
        """The summary's table by region, one row per region with eligible projects."""
        return pd.DataFrame(self.summary["by_region"], columns=list(_REGION_COLUMNS))

    @property
    def funded(self) -> pd.DataFrame:
        """The projects receiving money, in funding order."""
        return self.projects[self.projects["allocated_mad"] > 0].reset_index(drop=True)


def checked_envelope(envelope_mad: Any) -> float:
    """``envelope_mad`` as a finite, non-negative number of MAD, else :class:`InvalidInput`."""
    if isinstance(envelope_mad, bool):
        raise InvalidInput("The envelope must be an amount in MAD")
    try:
        value = float(str(envelope_mad).strip().replace(" ", "")) if isinstance(envelope_mad, str) \
            else float(envelope_mad)
    except (TypeError, ValueError):
        raise InvalidInput(f"The envelope must be an amount in MAD, not {envelope_mad!r}") from None
    if not math.isfinite(value):
        raise InvalidInput("The envelope must be a finite amount in MAD")
    if value < 0:
        raise InvalidInput("The envelope cannot be negative")
    return value


def checked_weights(rule: str, weights: Mapping[str, Any] | None) -> dict[str, float] | None:
    """The weights of the ``custom`` rule (defaults: all equal), or ``None`` for the other rules.

    Raises :class:`InvalidInput` for an unknown rule, weights given to another
    rule, an unknown key, a negative or non-numeric weight, or all zero.
    """
    if rule not in RULES:
        raise InvalidInput(f"Unknown allocation rule {rule!r}: choose one of {', '.join(RULES)}")
    if rule != "custom":
        if weights:
            raise InvalidInput("Weights apply to the custom rule only")
        return None
    if not weights:
        return dict(DEFAULT_WEIGHTS)
    unknown = sorted(set(weights) - set(WEIGHT_KEYS))
    if unknown:
        raise InvalidInput(f"Unknown weight {unknown[0]!r}: choose among {', '.join(WEIGHT_KEYS)}")
    chosen: dict[str, float] = {}
    for key in WEIGHT_KEYS:
        raw = weights.get(key, 0.0)
        try:
            value = float(raw) if not isinstance(raw, bool) else math.nan
        except (TypeError, ValueError):
            value = math.nan
        if not math.isfinite(value) or value < 0:
            raise InvalidInput(f"The weight {key!r} must be a number of zero or more, not {raw!r}")
        chosen[key] = value
    if not sum(chosen.values()) > 0:
        raise InvalidInput("At least one weight must be above zero")
    return chosen


def _numeric(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def eligible(projects: pd.DataFrame, *, statuses: Sequence[str] | None = READY_STATUSES) -> pd.DataFrame:
    """The projects a scenario may fund: gap above zero (and, with a ``status_code`` column, in ``statuses``)."""
    missing = [c for c in REQUIRED if c not in projects.columns]
    if missing:
        raise InvalidInput(f"The projects lack the columns {', '.join(missing)}")
    gap = _numeric(projects, "gap_mad")
    keep = gap.round(2) > 0
    if statuses is not None and "status_code" in projects.columns:
        keep &= projects["status_code"].isin(list(statuses))
    chosen = projects[keep].copy()
    chosen["gap_mad"] = gap[keep].round(2)
    return chosen.reset_index(drop=True)


def _normalised(values: pd.Series) -> pd.Series:
    """Min–max to 0–1 (all equal → 1); missing stays missing."""
    low, high = values.min(), values.max()
    if pd.isna(low):
        return values
    if high == low:
        return values.where(values.isna(), 1.0)
    return (values - low) / (high - low)


def rule_scores(frame: pd.DataFrame, rule: str, weights: Mapping[str, float] | None) -> pd.Series:
    """Each eligible project's score under ``rule`` (higher is funded first; NaN last)."""
    priority = _numeric(frame, "priority_score")
    jobs_per_mad = _numeric(frame, "direct_central") / frame["gap_mad"]
    if rule in ("priority", "equal_by_region"):
        return priority
    if rule == "jobs_per_mad":
        return jobs_per_mad
    chosen = weights or DEFAULT_WEIGHTS
    parts = {
        "priority": _normalised(priority),
        "jobs_per_mad": _normalised(jobs_per_mad),
        "rural": (frame["commune_kind"] == "rural").astype(float),
        "mountain": frame["is_mountain"].fillna(False).astype(bool).astype(float),
    }
    total = sum(chosen.values())
    return sum(chosen[k] * parts[k].fillna(0.0) for k in WEIGHT_KEYS) / total


def _ordered(frame: pd.DataFrame, scores: pd.Series) -> pd.DataFrame:
    ranked = frame.assign(rule_score=scores.to_numpy())
    ranked = ranked.sort_values("reference", key=lambda s: s.astype(str).map(str.encode), kind="stable")
    return ranked.sort_values("rule_score", ascending=False, na_position="last", kind="stable")


def _greedy(gaps: Sequence[int], money: int) -> list[int]:
    """Centimes for each gap in order: whole gaps while money lasts, then what is left."""
    given = []
    for gap in gaps:
        take = min(gap, money)
        given.append(take)
        money -= take
    return given


def region_budgets(region_gaps: Mapping[str, int], money: int) -> dict[str, int]:
    """Centimes per region: equal shares, a region's unusable part shared again among the others.

    ``region_gaps`` maps each region with eligible projects to its total gap
    (centimes). Every round splits what is left equally among the regions
    still short (a leftover centime to the first by code), each taking at
    most what it still lacks; it ends when the money or the gaps run out.
    """
    budgets = dict.fromkeys(region_gaps, 0)
    while money > 0:
        short = sorted(r for r in region_gaps if region_gaps[r] > budgets[r])
        if not short:
            break
        share, extra = divmod(money, len(short))
        for i, region in enumerate(short):
            take = min(share + (1 if i < extra else 0), region_gaps[region] - budgets[region])
            budgets[region] += take
            money -= take
    return budgets


def allocate(projects: pd.DataFrame, *, envelope_mad: Any, rule: str, weights: Mapping[str, Any] | None = None,
             statuses: Sequence[str] | None = READY_STATUSES) -> Allocation:
    """Share ``envelope_mad`` (MAD) among the eligible ``projects`` by ``rule`` (see the module docstring).

    ``projects`` needs the columns of :data:`REQUIRED`: reference, gap_mad
    (MAD), region_code, commune_kind ('rural'/'urban'), is_mountain,
    priority_score (0–1, from the commune) and the estimated job ranges
    direct_low/central/high and total_low/central/high; other columns are
    kept (is_demo, when there, marks the summary). ``weights`` is for the
    ``custom`` rule only (keys of :data:`WEIGHT_KEYS`). Raises
    :class:`InvalidInput` for a bad envelope, rule or weights.
    """
    envelope = checked_envelope(envelope_mad)
    chosen_weights = checked_weights(rule, weights)
    frame = eligible(projects, statuses=statuses)
    ordered = _ordered(frame, rule_scores(frame, rule, chosen_weights))
    gaps = [round(g * CENTS) for g in ordered["gap_mad"]]
    money = math.floor(round(envelope * CENTS, 6))
    if rule == "equal_by_region":
        ordered = ordered.sort_values("region_code", key=lambda s: s.astype(str), kind="stable")
        regions = ordered["region_code"].astype(str).tolist()
        gaps = [round(g * CENTS) for g in ordered["gap_mad"]]
        region_gaps: dict[str, int] = {}
        for region, gap in zip(regions, gaps, strict=True):
            region_gaps[region] = region_gaps.get(region, 0) + gap
        budgets = region_budgets(region_gaps, money)
        given: list[int] = []
        for region in region_gaps:  # in code order, as the frame now is
            given += _greedy([g for g, r in zip(gaps, regions, strict=True) if r == region], budgets[region])
    else:
        given = _greedy(gaps, money)
    result = ordered.reset_index(drop=True).assign(
        order=range(1, len(ordered) + 1),
        allocated_mad=[c / CENTS for c in given],
        funded_fully=[c == g and g > 0 for c, g in zip(given, gaps, strict=True)],
        share_of_gap=[c / g if g else 0.0 for c, g in zip(given, gaps, strict=True)],
    )
    for kind in JOB_KINDS:
        for bound in RANGE:
            result[f"funded_{kind}_{bound}"] = _numeric(result, f"{kind}_{bound}").fillna(0.0) * result["share_of_gap"]
    summary = summarise(result, envelope_mad=envelope, rule=rule, weights=chosen_weights,
                        allocated_cents=sum(given))
    LOGGER.debug("scenario %s: %s of %s MAD to %d projects", rule, summary["allocated_mad"], envelope,
                 summary["projects_funded"])
    return Allocation(projects=result, summary=summary)


_REGION_COLUMNS = ("region_code", "eligible_projects", "eligible_gap_mad", "projects_funded", "allocated_mad",
                   *(f"{kind}_jobs_{bound}" for kind in JOB_KINDS for bound in RANGE))


def _jobs(frame: pd.DataFrame) -> dict[str, dict[str, float]]:
    return {kind: {bound: float(frame[f"funded_{kind}_{bound}"].sum()) for bound in RANGE}
            for kind in JOB_KINDS}


def _share(part: float, whole: float) -> float | None:
    return round(part / whole, 6) if whole > 0 else None


def _by_region(result: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for region, group in result.groupby(result["region_code"].astype(str), sort=True):
        jobs = _jobs(group)
        rows.append({
            "region_code": region, "eligible_projects": len(group),
            "eligible_gap_mad": round(float(group["gap_mad"].sum()), 2),
            "projects_funded": int((group["allocated_mad"] > 0).sum()),
            "allocated_mad": round(float(group["allocated_mad"].sum()), 2),
            **{f"{kind}_jobs_{bound}": jobs[kind][bound] for kind in JOB_KINDS for bound in RANGE},
        })
    return rows


def summarise(result: pd.DataFrame, *, envelope_mad: float, rule: str, weights: Mapping[str, float] | None,
              allocated_cents: int) -> dict[str, Any]:
    """The scenario's figures as plain JSON-ready values.

    Money in MAD (envelope, allocated, unallocated, eligible gap); counts of
    eligible and funded projects (fully, partially); ``jobs``: direct and total
    ranges {low, central, high}; ``shares``: of money and of central direct
    jobs reaching rural and mountain communes (0–1, ``None`` when nothing is
    allocated); ``by_region``; ``includes_demo`` (a funded project is demo data).
    """
    funded = result[result["allocated_mad"] > 0]
    rural = funded["commune_kind"] == "rural"
    mountain = funded["is_mountain"].fillna(False).astype(bool)
    money = float(funded["allocated_mad"].sum())
    jobs = float(funded["funded_direct_central"].sum())
    allocated = allocated_cents / CENTS
    demo = funded["is_demo"].fillna(False).astype(bool) if "is_demo" in funded.columns else pd.Series(dtype=bool)
    return {
        "rule": rule,
        "weights": dict(weights) if weights else None,
        "envelope_mad": round(envelope_mad, 2),
        "allocated_mad": allocated,
        "unallocated_mad": round(envelope_mad - allocated, 2),
        "eligible_projects": len(result),
        "eligible_gap_mad": round(float(result["gap_mad"].sum()), 2),
        "projects_funded": len(funded),
        "projects_funded_fully": int(funded["funded_fully"].sum()),
        "projects_funded_partially": int((~funded["funded_fully"]).sum()),
        "jobs": _jobs(funded),
        "shares": {
            "rural_money": _share(float(funded.loc[rural, "allocated_mad"].sum()), money),
            "mountain_money": _share(float(funded.loc[mountain, "allocated_mad"].sum()), money),
            "rural_jobs": _share(float(funded.loc[rural, "funded_direct_central"].sum()), jobs),
            "mountain_jobs": _share(float(funded.loc[mountain, "funded_direct_central"].sum()), jobs),
        },
        "by_region": _by_region(result),
        "includes_demo": bool(demo.any()),
        "demo_projects_funded": int(demo.sum()),
    }


def by_unit(allocation: Allocation, level: str) -> pd.DataFrame:
    """Money (MAD) and projects funded per region, province or commune (``code``), for a map of the allocation."""
    if level not in ("region", "province", "commune"):
        raise InvalidInput(f"Unknown level {level!r}")
    funded = allocation.funded
    grouped = funded.groupby(funded[f"{level}_code"].astype(str))
    return pd.DataFrame({"allocated_mad": grouped["allocated_mad"].sum(),
                         "projects_funded": grouped["reference"].count()}).rename_axis("code").reset_index()
