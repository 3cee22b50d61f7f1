"""Job-creation estimates: a project's direct, indirect and induced jobs from its investment, as ranges.

Pure functions over a :class:`JobModel`, the coefficients of one stored version
(seeded from ``planning/data/job_model.toml``, stored by
:mod:`planning.job_model_store`); nothing here reads the database. Money is in
MAD, jobs are full-time equivalents kept unrounded; :func:`range_text` rounds
them for display, always as a range.

Direct jobs = investment / (cost per direct job of the sector × zone factors):
the sector's HIGH cost gives the LOW jobs. Indirect and induced jobs are the
direct jobs times the multipliers (jobs per direct job), low with low.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import numpy as np
import pandas as pd

from coopbank.errors import InvalidInput

ZONES = ("rural", "urban", "mountain")
BOUNDS = ("low", "central", "high")
KINDS = ("direct", "indirect", "induced", "total")
MULTIPLIERS = ("indirect", "induced")
FALLBACK_SECTOR = "autres"  # the cost used for a sector the model does not list
# The columns of a project frame an estimate reads (as coopbank.projects.list_projects names them).
INPUT_COLUMNS = ("investment_mad", "sector_code", "commune_kind", "is_mountain", "jobs_direct")
ESTIMATE_COLUMNS = [f"{kind}_{bound}" for kind in KINDS for bound in BOUNDS]
CHECKS = ("below", "within", "above")
LEVELS = ("region", "province", "commune")


@dataclasses.dataclass(frozen=True)
class JobModel:
    """One version of the coefficients: who saved it, when, why, and its content (the TOML's shape)."""

    version: int
    created_at: datetime | None
    created_by: str
    note: str
    content: Mapping[str, Any]

    def sector_costs(self, sector_code: str) -> tuple[float, float, float] | None:
        """MAD per direct job (low, central, high) of a top-level sector, :data:`FALLBACK_SECTOR`'s if unlisted."""
        sectors = self.content["sectors"]
        entry = sectors.get(sector_code) or sectors.get(FALLBACK_SECTOR)
        return None if entry is None else (float(entry["low"]), float(entry["central"]), float(entry["high"]))

    def zone_factor(self, *, rural: bool | None, mountain: bool | None) -> float:
        """The factor on cost per job: the rural or urban one (1 when unknown), times the mountain one."""
        zones = self.content["zones"]
        factor = 1.0 if rural is None else float(zones["rural" if rural else "urban"]["factor"])
        return factor * (float(zones["mountain"]["factor"]) if mountain else 1.0)

    def cost_per_job(self, sector_code: str, zone: str | None = None) -> tuple[float, float, float]:
        """MAD per direct job (low, central, high) in ``sector_code`` and one of :data:`ZONES` (or none)."""
        if zone is not None and zone not in ZONES:
            raise InvalidInput(f"Unknown zone {zone!r}: choose one of {', '.join(ZONES)}")
        costs = self.sector_costs(sector_code)
        if costs is None:
            raise InvalidInput(f"The job model has no cost per job for sector {sector_code!r}")
        factor = float(self.content["zones"][zone]["factor"]) if zone else 1.0
        low, central, high = (cost * factor for cost in costs)
        return low, central, high

    def multiplier(self, kind: str) -> tuple[float, float, float]:
        """Jobs per direct job (low, central, high) of ``kind``, 'indirect' or 'induced'."""
        entry = self.content["multipliers"][kind]
        return float(entry["low"]), float(entry["central"]), float(entry["high"])

    @property
    def flag_factors(self) -> tuple[float, float]:
        """(below, above): a declaration under direct_low × below or over direct_high × above is flagged."""
        flag = self.content["flag"]
        return float(flag["below_factor"]), float(flag["above_factor"])


@dataclasses.dataclass(frozen=True)
class JobRange:
    """Estimated jobs of one project (unrounded), and the model version that produced them."""

    direct_low: float
    direct_central: float
    direct_high: float
    indirect_low: float
    indirect_central: float
    indirect_high: float
    induced_low: float
    induced_central: float
    induced_high: float
    total_low: float
    total_central: float
    total_high: float
    model_version: int


def estimate_projects(frame: pd.DataFrame, model: JobModel) -> pd.DataFrame:
    """``frame`` (from :func:`coopbank.projects.list_projects`) with each project's estimated jobs.

    Reads ``investment_mad`` (MAD), ``sector_code`` (top level), ``commune_kind``
    ('rural'/'urban'/None), ``is_mountain`` and ``jobs_direct`` (declared); adds
    :data:`ESTIMATE_COLUMNS` (NaN where the investment is missing or negative:
    no estimate, never a made-up number), ``declared_check`` ('below', 'above',
    'within', or None when nothing is declared or estimated) and ``model_version``.
    """
    investment = pd.to_numeric(frame["investment_mad"], errors="coerce").astype(float)
    values = investment.where(investment >= 0).to_numpy()
    costs = np.array([model.sector_costs(str(code)) or (np.nan,) * 3 for code in frame["sector_code"]],
                     dtype=float).reshape(len(frame), 3)
    factors = np.array([model.zone_factor(rural=kind == "rural" if kind in ("rural", "urban") else None,
                                          mountain=bool(mountain) if pd.notna(mountain) else False)
                        for kind, mountain in zip(frame["commune_kind"], frame["is_mountain"], strict=True)],
                       dtype=float)
    added: dict[str, np.ndarray] = {}
    for position, bound in enumerate(BOUNDS):
        direct = values / (costs[:, 2 - position] * factors)  # the high cost gives the low jobs
        added[f"direct_{bound}"] = direct
        for kind in MULTIPLIERS:
            added[f"{kind}_{bound}"] = direct * model.multiplier(kind)[position]
        added[f"total_{bound}"] = direct + sum(added[f"{kind}_{bound}"] for kind in MULTIPLIERS)
    out = frame.drop(columns=[c for c in ESTIMATE_COLUMNS if c in frame], errors="ignore").assign(
        **{c: added[c] for c in ESTIMATE_COLUMNS})
    below, above = model.flag_factors
    declared = pd.to_numeric(out["jobs_direct"], errors="coerce").astype(float)
    check = np.select([declared < out["direct_low"] * below, declared > out["direct_high"] * above],
                      ["below", "above"], "within").astype(object)
    check[(declared.isna() | out["direct_low"].isna()).to_numpy()] = None
    out["declared_check"] = pd.Series(check, index=out.index, dtype=object)
    out["model_version"] = model.version
    return out


def estimate(investment_mad: float | None, sector_code: str, *, rural: bool | None, mountain: bool | None,
             model: JobModel) -> JobRange | None:
    """One project's jobs from its investment (MAD) in a top-level sector; ``None`` without an investment.

    ``rural`` is True (rural commune), False (urban) or None (not known: no
    rural/urban factor); ``mountain`` applies the mountain factor.
    """
    row = pd.DataFrame([{"investment_mad": investment_mad, "sector_code": sector_code, "jobs_direct": None,
                         "commune_kind": None if rural is None else ("rural" if rural else "urban"),
                         "is_mountain": bool(mountain)}])
    found = estimate_projects(row, model).iloc[0]
    if pd.isna(found["direct_central"]):
        return None
    return JobRange(**{c: float(found[c]) for c in ESTIMATE_COLUMNS}, model_version=model.version)


def territory_estimates(frame: pd.DataFrame, model: JobModel, level: str) -> pd.DataFrame:
    """Estimated jobs summed per unit of ``level`` over ``frame``'s projects (lows, centrals, highs apart).

    One row per unit (``code``): ``projects``, ``without_estimate`` (projects
    with no investment, left out of the sums), ``demo_projects``,
    ``jobs_declared`` and the sums of :data:`ESTIMATE_COLUMNS`, with
    ``model_version``. Projects without a code at that level are left out.
    """
    if level not in LEVELS:
        raise InvalidInput(f"Unknown level {level!r}: choose one of {', '.join(LEVELS)}")
    estimated = estimate_projects(frame, model).assign(
        without_estimate=lambda f: f["direct_central"].isna().astype(int),
        demo_projects=lambda f: f["is_demo"].fillna(False).astype(int) if "is_demo" in f else 0,
        jobs_declared=lambda f: pd.to_numeric(f["jobs_direct"], errors="coerce"))
    grouped = estimated.groupby(f"{level}_code")
    sums = grouped[["without_estimate", "demo_projects", "jobs_declared", *ESTIMATE_COLUMNS]].sum(min_count=0)
    sums.insert(0, "projects", grouped.size())
    sums = sums.rename_axis("code").reset_index()
    sums["model_version"] = model.version
    return sums


def rounded(value: float) -> tuple[float, int]:
    """A job count rounded to what the model can tell, and its decimals to show.

    One decimal under 10 (none when it is whole), whole numbers under 100, two
    significant figures from 100 (1,234 → 1,200).
    """
    if value < 10:
        tenth = round(value, 1)
        return tenth, 0 if tenth.is_integer() else 1
    if value < 100:
        return float(round(value)), 0
    digits = int(math.floor(math.log10(value))) - 1
    return float(round(value, -digits)), 0


def range_text(low: float | None, central: float | None, high: float | None, *, lang: str,
               central_label: str) -> str:
    """A range for display, e.g. '12–19 (central 15)', rounded by :func:`rounded`; '–' when missing."""
    from coopbank.ui.i18n import number  # formatting only; planning stays free of Streamlit

    if any(v is None or v != v for v in (low, central, high)):
        return "–"
    shown = [number(*rounded(float(v))[:1], lang, decimals=rounded(float(v))[1])  # type: ignore[arg-type]
             for v in (low, central, high)]
    span = shown[0] if shown[0] == shown[2] else f"{shown[0]}–{shown[2]}"
    return f"{span} ({central_label} {shown[1]})"


def validate(content: Mapping[str, Any], sector_codes: Iterable[str]) -> None:
    """Raise :class:`InvalidInput` naming the first faulty sector, zone, multiplier or source of ``content``.

    Every code of ``sector_codes`` needs low ≤ central ≤ high, all positive (MAD
    per job) and a basis; zone factors are positive; multipliers are ≥ 0 and
    ordered; flag factors are positive; every source a figure cites exists.
    """
    for part in ("sectors", "zones", "multipliers", "flag", "sources"):
        if not isinstance(content.get(part), Mapping):
            raise InvalidInput(f"The job model lacks its [{part}] table")
    sources = content["sources"]
    for code, source in sources.items():
        if not isinstance(source, Mapping) or not str(source.get("title", "")).strip():
            raise InvalidInput(f"Source {code!r}: a title is required")

    def ordered(where: str, entry: Any, *, positive: bool) -> None:
        if not isinstance(entry, Mapping):
            raise InvalidInput(f"{where}: low, central and high are required")
        found = [_number(entry.get(bound)) for bound in BOUNDS]
        values = [v for v in found if v is not None]
        if len(values) < len(BOUNDS):
            raise InvalidInput(f"{where}: low, central and high must all be numbers")
        if any(v <= 0 if positive else v < 0 for v in values):
            raise InvalidInput(f"{where}: values must be {'above 0' if positive else '0 or more'}")
        if not values[0] <= values[1] <= values[2]:
            raise InvalidInput(f"{where}: low ≤ central ≤ high is required (got {values[0]}, {values[1]}, "
                               f"{values[2]})")

    def cited(where: str, entry: Mapping[str, Any]) -> None:
        if not str(entry.get("basis", "")).strip():
            raise InvalidInput(f"{where}: a basis is required (its source, or 'illustrative assumption, editable')")
        unknown = [s for s in entry.get("sources", []) if s not in sources]
        if unknown:
            raise InvalidInput(f"{where}: unknown source {', '.join(map(repr, unknown))}")

    for code in sector_codes:
        entry = content["sectors"].get(code)
        if entry is None:
            raise InvalidInput(f"Sector {code!r}: no cost per job in the model")
        ordered(f"Sector {code!r}", entry, positive=True)
        cited(f"Sector {code!r}", entry)
    for zone in ZONES:
        entry = content["zones"].get(zone)
        factor = _number(entry.get("factor")) if isinstance(entry, Mapping) else None
        if factor is None or factor <= 0 or not isinstance(entry, Mapping):
            raise InvalidInput(f"Zone {zone!r}: the factor must be a number above 0")
        cited(f"Zone {zone!r}", entry)
    for kind in MULTIPLIERS:
        ordered(f"Multiplier {kind!r}", content["multipliers"].get(kind), positive=False)
        cited(f"Multiplier {kind!r}", content["multipliers"][kind])
    for key in ("below_factor", "above_factor"):
        value = _number(content["flag"].get(key))
        if value is None or value <= 0:
            raise InvalidInput(f"Flag {key!r}: must be a number above 0")


def _number(value: Any) -> float | None:
    """``value`` as a float when it is a finite number (not a boolean), else ``None``."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number) or not math.isfinite(value):
        return None
    return float(value)


def normalised(content: Any) -> Any:
    """``content`` with whole floats as ints, NaN as None and stripped strings, so equal models compare equal."""
    if isinstance(content, Mapping):
        return {str(k): normalised(v) for k, v in content.items()}
    if isinstance(content, list | tuple):
        return [normalised(v) for v in content]
    if isinstance(content, float | np.floating):
        value = float(content)
        return None if value != value else int(value) if value.is_integer() else value
    if isinstance(content, np.integer):
        return int(content)
    return content.strip() if isinstance(content, str) else content


def coefficient_frames(content: Mapping[str, Any]) -> dict[str, pd.DataFrame]:
    """The editable tables of ``content``: 'sectors', 'zones' and 'multipliers' (sources as 'a, b' text)."""
    def rows(table: Mapping[str, Any], key: str, columns: list[str]) -> pd.DataFrame:
        return pd.DataFrame([{key: code, **{c: entry.get(c) for c in columns},
                              "sources": ", ".join(entry.get("sources", []))} for code, entry in table.items()])

    return {"sectors": rows(content["sectors"], "sector", [*BOUNDS, "basis"]),
            "zones": rows(content["zones"], "zone", ["factor", "basis"]),
            "multipliers": rows(content["multipliers"], "kind", [*BOUNDS, "basis"])}


def edited_content(content: Mapping[str, Any], frames: Mapping[str, pd.DataFrame],
                   flag: Mapping[str, float]) -> dict[str, Any]:
    """A copy of ``content`` with the values of edited :func:`coefficient_frames` and flag factors put back."""
    new = copy.deepcopy(dict(content))
    for table, key in (("sectors", "sector"), ("zones", "zone"), ("multipliers", "kind")):
        for row in frames[table].to_dict("records"):
            entry = new[table].setdefault(str(row.pop(key)), {})
            sources = row.pop("sources", "")
            entry.update(row)
            entry["sources"] = [s.strip() for s in str(sources or "").split(",") if s.strip()]
    new["flag"] = {**new["flag"], **flag}
    return normalised(new)


def _flat(content: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(content, Mapping):
        return {k: v for key, value in content.items() for k, v in _flat(value, f"{prefix}{key}.").items()}
    return {prefix.rstrip("."): content}


def changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> pd.DataFrame:
    """What differs between two contents: one row per field ('sectors.argan.low'), its before and after."""
    before, after = _flat(old), _flat(new)
    fields = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    return pd.DataFrame({"field": fields, "before": [before.get(k) for k in fields],
                         "after": [after.get(k) for k in fields]}, dtype=object)
