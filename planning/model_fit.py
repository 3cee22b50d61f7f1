"""Where a project model fits: communes ranked by suitability for a model of the catalogue.

The method, configured in ``planning/data/model_fit.toml``, follows the priority
index (:mod:`planning.priority`):

1. **Hard conditions** (the model's ``conditions``): ``rural`` True → rural
   communes only; ``mountain`` True → mountain communes only (more than half of
   the area is mountain); ``place_products`` → communes of the provinces listed
   in ``conditions["place_provinces"]`` only (HCP province codes where the product is
   established; a place product with no province listed fits nowhere). False or
   None sets no condition. A commune that fails a condition is not ranked.
2. **Factors**, each 0–1: ``sector_base`` — HCP 2024 establishments of the
   model's sector base (industry, construction, commerce or services) per 1,000
   inhabitants, the province's figure when the commune has none, capped at the
   95th percentile of the communes and min–max rescaled, a commune without any
   figure at the median (left out for a model without a sector base);
   ``priority`` — the commune's priority score with the "Rural & mountain first"
   weights; ``saturation`` — 1 − n / (n + h), where n counts the bank's projects
   of the model (1 each) and of the same sub-sector (``same_sub_sector_weight``
   each) in the commune and its neighbours (touching or within ``neighbour_km``).
   More projects nearby never raise a commune's score.
3. **Score**: the weighted mean of the factors (weights normalised to sum 1);
   ``contrib_<factor>`` = weight × factor, so the contributions add up to the
   score. Rank 1 is the best fit; equal scores share the best rank.

:func:`hard_conditions`, :func:`saturation_counts` and :func:`score_fit` are
pure; :func:`fit_communes`, :func:`models_for_commune` and
:func:`models_for_unit` read the database.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from coopbank import db
from coopbank.errors import InvalidInput
from coopbank.ui.i18n import translate
from planning import priority, project_models

LOGGER = logging.getLogger(__name__)
CONFIG_PATH = Path(__file__).parent / "data" / "model_fit.toml"
SECTOR_BASES = ("industry", "construction", "commerce", "services")
FACTORS = ("sector_base", "priority", "saturation")
PRIORITY_PRESET = "rural_mountain"
IDENTITY = ("code", "name_fr", "name_ar", "province_code", "region_code")
NEARBY_COLUMNS = ("commune_code", "sector_code", "sub_sector_code", "model_code", "projects", "has_demo")
Reason = tuple[str, dict[str, Any]]


class ModelLike(Protocol):
    """What this module reads of a :class:`planning.project_models.ProjectModel`."""

    code: str
    sector_code: str
    sub_sector_code: str | None
    name_fr: str
    name_ar: str
    conditions: Mapping[str, Any]


@dataclasses.dataclass(frozen=True)
class Factor:
    """One factor of the score; ``label``, ``unit`` and ``source`` are message ids."""

    key: str
    label: str
    unit: str
    source: str
    goalposts: tuple[float, float] = (0.0, 1.0)


@dataclasses.dataclass(frozen=True)
class FitConfig:
    """The method's settings (``planning/data/model_fit.toml``)."""

    version: str
    method: tuple[str, ...]
    factors: Mapping[str, Factor]
    weights: Mapping[str, float]
    neighbour_km: float = 20.0
    same_sub_sector_weight: float = 0.5
    half_saturation: float = 3.0


def load_config(path: Path = CONFIG_PATH) -> FitConfig:
    """The configuration in ``path``, refusing unknown factors and bad weights."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    factors = {item["key"]: Factor(item["key"], item["label"], item["unit"], item["source"],
                                   (float(item["goalposts"][0]), float(item["goalposts"][1])))
               for item in data["factor"]}
    if set(factors) != set(FACTORS):
        raise InvalidInput(f"model_fit.toml must describe the factors {', '.join(FACTORS)}")
    config = FitConfig(version=str(data["version"]), method=tuple(data["method"]), factors=factors,
                       weights={k: float(v) for k, v in data["weights"].items()},
                       neighbour_km=float(data["neighbour_km"]),
                       same_sub_sector_weight=float(data["same_sub_sector_weight"]),
                       half_saturation=float(data["half_saturation"]))
    check_weights(config.weights)
    return config


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Every factor's weight (0 when not given), refusing unknown, negative or all-zero weights."""
    unknown = sorted(set(weights) - set(FACTORS))
    if unknown:
        raise InvalidInput(f"Unknown suitability factor {', '.join(unknown)}: choose among {', '.join(FACTORS)}")
    checked = {key: float(weights.get(key, 0.0)) for key in FACTORS}
    if any(not math.isfinite(v) or v < 0 for v in checked.values()) or sum(checked.values()) <= 0:
        raise InvalidInput("The suitability weights must be numbers of zero or more, one at least above zero")
    return checked


CONFIG = load_config()
VERSION, METHOD = CONFIG.version, CONFIG.method


def contribution_column(key: str) -> str:
    """The column holding factor ``key``'s contribution to the score."""
    return f"contrib_{key}"


def hard_conditions(frame: pd.DataFrame, conditions: Mapping[str, Any]) -> tuple[pd.Series, list[list[Reason]]]:
    """Which rows of ``frame`` meet ``conditions``, and why (the conditions they meet).

    ``frame`` needs ``kind`` ('rural'/'urban'), ``is_mountain`` and
    ``province_code``. Returns a boolean Series aligned on ``frame`` and one
    list of reasons (message id, format values) per row.
    """
    keep = pd.Series(True, index=frame.index)
    why: list[list[Reason]] = [[] for _ in range(len(frame))]
    if conditions.get("rural") is True:
        keep &= frame["kind"].eq("rural")
        for reasons in why:
            reasons.append(("Rural commune, as the model needs", {}))
    if conditions.get("mountain") is True:
        keep &= frame["is_mountain"].fillna(False).astype(bool)
        for reasons in why:
            reasons.append(("Mountain commune, as the model needs", {}))
    products = tuple(conditions.get("place_products") or ())
    if products:
        provinces = set(conditions.get("place_provinces") or conditions.get("provinces") or ())
        keep &= frame["province_code"].isin(provinces)
        for reasons in why:
            reasons.append(("In a province where the model's product is established ({products})",
                            {"products": ", ".join(products)}))
    return keep.astype(bool), why


def saturation_counts(nearby: pd.DataFrame, *, model_code: str, sector_code: str,
                      sub_sector_code: str | None) -> pd.DataFrame:
    """Per commune: ``nearby_model`` (projects of the model) and ``nearby_similar`` (others of its sub-sector).

    ``nearby`` holds the rows of ``queries/model_fit/nearby_projects.sql``
    (commune_code, sector_code, sub_sector_code, model_code, projects). "Same
    sub-sector" is the sector itself for a model without a sub-sector. Communes
    with no such project are absent (count 0).
    """
    if nearby.empty:
        return pd.DataFrame({"code": pd.Series(dtype=str), "nearby_model": pd.Series(dtype=float),
                             "nearby_similar": pd.Series(dtype=float)})
    of_model = nearby["model_code"].eq(model_code).fillna(False).astype(bool)
    similar = (nearby["sub_sector_code"].eq(sub_sector_code) if sub_sector_code
               else nearby["sector_code"].eq(sector_code)).fillna(False).astype(bool) & ~of_model
    counts = pd.DataFrame({"code": nearby["commune_code"],
                           "nearby_model": nearby["projects"].where(of_model, 0).astype(float),
                           "nearby_similar": nearby["projects"].where(similar, 0).astype(float)})
    return counts.groupby("code", as_index=False).sum()


def score_fit(frame: pd.DataFrame, conditions: Mapping[str, Any], *, config: FitConfig = CONFIG,
              weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """The communes of ``frame`` that meet ``conditions``, scored and ranked for the model.

    ``frame``: identity columns (code, name_fr, name_ar, province_code,
    region_code), ``kind``, ``is_mountain``, ``priority`` (0–1), the sector
    densities per 1,000 inhabitants ``industry`` … ``services`` and their
    ``<sector>_province`` fallbacks (NaN = no figure), ``nearby_model`` and
    ``nearby_similar`` (project counts, NaN = 0). Returns rank, identity, score
    (0–1), ``contrib_<factor>``, the raw values (``sector_density`` per 1,000
    inhabitants and ``sector_level`` 'commune'/'province'/None, ``priority``,
    ``nearby_model``, ``nearby_similar``, ``saturation`` 0–1) and ``reasons``,
    in rank order. The sector base is normalised over every row of ``frame``,
    before the hard conditions, so that a model's filter does not move it.
    """
    base = conditions.get("sector_base")
    if base is not None and base not in SECTOR_BASES:
        raise InvalidInput(f"Unknown sector base {base!r}: choose one of {', '.join(SECTOR_BASES)}")
    chosen = check_weights({**config.weights, **(weights or {})})
    if base is None:
        chosen["sector_base"] = 0.0
    if sum(chosen.values()) <= 0:
        raise InvalidInput("The suitability weights must be numbers of zero or more, one at least above zero")
    total = sum(chosen.values())
    out = frame.reset_index(drop=True).copy()

    if base is not None:
        commune_value = out[base].astype(float)
        province_value = out[f"{base}_province"].astype(float)
        out["sector_density"] = commune_value.fillna(province_value)
        out["sector_level"] = [("commune" if has_commune else "province" if has_province else None)
                               for has_commune, has_province in zip(commune_value.notna(), province_value.notna(),
                                                                     strict=True)]
        spec = config.factors["sector_base"]
        indicator = priority.PriorityIndicator("sector_density", spec.label, spec.unit, spec.source, "",
                                               higher_is_priority=True, goalposts=spec.goalposts)
        sector_factor = priority.normalise(out[["sector_density"]], {"sector_density": indicator})["sector_density"]
    else:
        out["sector_density"] = np.nan
        out["sector_level"] = None
        sector_factor = pd.Series(0.0, index=out.index)

    counts = (out["nearby_model"].astype(float).fillna(0.0)
              + config.same_sub_sector_weight * out["nearby_similar"].astype(float).fillna(0.0))
    out["nearby_model"] = out["nearby_model"].astype(float).fillna(0.0)
    out["nearby_similar"] = out["nearby_similar"].astype(float).fillna(0.0)
    out["saturation"] = counts / (counts + config.half_saturation)
    factors = {"sector_base": sector_factor, "priority": out["priority"].astype(float).fillna(0.0).clip(0.0, 1.0),
               "saturation": 1.0 - out["saturation"]}
    for key in FACTORS:
        out[contribution_column(key)] = factors[key] * (chosen[key] / total)
    out["score"] = out[[contribution_column(k) for k in FACTORS]].sum(axis=1).clip(0.0, 1.0)

    keep, why = hard_conditions(out, conditions)
    reasons = [[*met, *_factor_reasons(row, base)] for met, row in zip(why, out.itertuples(index=False),
                                                                       strict=True)]
    out["reasons"] = reasons
    out = out[keep.to_numpy()].copy()
    out["rank"] = out["score"].round(12).rank(method="min", ascending=False).astype(int)
    columns = ["rank", *IDENTITY, "score", *(contribution_column(k) for k in FACTORS), "sector_density",
               "sector_level", "priority", "nearby_model", "nearby_similar", "saturation", "reasons"]
    return out.sort_values(["rank", "code"], kind="stable")[columns].reset_index(drop=True)


def _factor_reasons(row: Any, base: str | None) -> list[Reason]:
    reasons: list[Reason] = []
    if base is not None:
        if row.sector_level == "province":
            reasons.append(("Sector base: the province's figure (HCP gives none for the commune)", {}))
        elif row.sector_level is None:
            reasons.append(("Sector base: no HCP figure (the median is used)", {}))
    if row.nearby_model == 0 and row.nearby_similar == 0:
        reasons.append(("No similar project nearby", {}))
    else:
        reasons.append(("Nearby: {model} project(s) of the model, {similar} of the same sub-sector",
                        {"model": int(row.nearby_model), "similar": int(row.nearby_similar)}))
    return reasons


def reason_text(reasons: Iterable[Reason], lang: str) -> str:
    """The reasons of one row as one line in ``lang``."""
    return " ; ".join(translate(message, lang).format(**values) for message, values in reasons)


# --- Database reads -------------------------------------------------------------------------------------------


def _catalogue() -> list[ModelLike]:
    return list(project_models.catalogue())


def model_of(code: str, models: Sequence[ModelLike] | None = None) -> ModelLike:
    """The model ``code`` of the catalogue, or :class:`InvalidInput` naming the known codes."""
    known = list(models) if models is not None else _catalogue()
    for item in known:
        if item.code == code:
            return item
    raise InvalidInput(f"Unknown project model {code!r}: choose one of {', '.join(m.code for m in known)}")


def model_link_present() -> bool:
    """Whether projects record the model they were adopted from (``project.model_code``)."""
    return bool(db.run("model_fit/model_link").rows[0]["present"])


def commune_inputs(*, include_demo: bool = True) -> pd.DataFrame:
    """One row per commune: identity, kind, is_mountain, ``priority`` (0–1) and the sector densities."""
    ranked = priority.commune_priority(preset=PRIORITY_PRESET, include_demo=include_demo)
    base = ranked[[*IDENTITY, "kind", "is_mountain"]].assign(priority=ranked["score"].astype(float))
    result = db.run("model_fit/sector_baseline")
    densities = pd.DataFrame(result.rows, columns=result.columns)
    numeric = [c for c in densities.columns if c != "code"]
    densities[numeric] = densities[numeric].apply(pd.to_numeric, errors="coerce").astype(float)
    return base.merge(densities, on="code", how="left")


def nearby_projects(models: Sequence[ModelLike], *, km: float | None = None) -> pd.DataFrame:
    """The rows of ``queries/model_fit/nearby_projects.sql`` for the sectors, sub-sectors and codes of ``models``."""
    params = {"sectors": sorted({m.sector_code for m in models if not m.sub_sector_code}),
              "sub_sectors": sorted({m.sub_sector_code for m in models if m.sub_sector_code}),
              "models": sorted({m.code for m in models}),
              "km": float(CONFIG.neighbour_km if km is None else km)}
    result = db.run("model_fit/nearby_projects", params, limit=500_000)
    if result.truncated:
        LOGGER.warning("nearby projects truncated at %d rows", len(result.rows))
    frame = pd.DataFrame(result.rows, columns=list(NEARBY_COLUMNS))
    frame["projects"] = frame["projects"].astype(float)
    return frame


def _fit(model: ModelLike, inputs: pd.DataFrame, nearby: pd.DataFrame, linked: bool) -> pd.DataFrame:
    counts = saturation_counts(nearby, model_code=model.code, sector_code=model.sector_code,
                               sub_sector_code=model.sub_sector_code)
    frame = inputs.merge(counts, on="code", how="left")
    if not linked:
        frame["nearby_model"] = 0.0  # no project records its model yet: counted as zero, and said so
    result = score_fit(frame, model.conditions)
    result.attrs.update({"model_code": model.code, "model_link": linked, "method_version": VERSION,
                         "communes_ranked": len(result),
                         "includes_demo": bool(nearby["has_demo"].fillna(False).astype(bool).any())})
    return result


def fit_communes(model_code: str, *, top: int | None = None) -> pd.DataFrame:
    """The communes that fit model ``model_code``, best first (see :func:`score_fit` for the columns).

    ``top`` keeps the first ``top`` rows. ``attrs``: ``model_link`` (False when
    projects do not record their model yet, so only the same sub-sector
    counted), ``communes_ranked``, ``includes_demo``, ``method_version``.
    Raises :class:`InvalidInput` for an unknown model or a ``top`` below 1.
    """
    if top is not None and top < 1:
        raise InvalidInput(f"--top must be 1 or more, not {top}")
    model = model_of(model_code)
    result = _fit(model, commune_inputs(), nearby_projects([model]), model_link_present())
    if top is not None:
        attrs = dict(result.attrs)
        result = result.head(top).copy()
        result.attrs = attrs
    return result


def all_fits() -> dict[str, pd.DataFrame]:
    """Every model of the catalogue → its ranking (:func:`fit_communes` without ``top``); the inputs read once."""
    models = _catalogue()
    inputs, linked = commune_inputs(), model_link_present()
    nearby = nearby_projects(models) if models else pd.DataFrame(columns=list(NEARBY_COLUMNS))
    return {m.code: _fit(m, inputs, nearby, linked) for m in models}


def _model_row(model: ModelLike, ranking: pd.DataFrame) -> dict[str, Any]:
    return {"model_code": model.code, "name_fr": model.name_fr, "name_ar": model.name_ar,
            "sector_code": model.sector_code, "sub_sector_code": model.sub_sector_code,
            "communes_ranked": len(ranking)}


def _fits_where(column: str, code: str, fits: Mapping[str, pd.DataFrame] | None
                ) -> Iterator[tuple[ModelLike, pd.DataFrame, pd.DataFrame]]:
    """Each catalogue model with its ranking and its ranked communes whose ``column`` is ``code``.

    Models that fit none of them are skipped; ``fits`` (from :func:`all_fits`) saves the reads.
    """
    rankings = fits if fits is not None else all_fits()
    for model in _catalogue():
        ranking = rankings.get(model.code)
        if ranking is not None:
            subset = ranking[ranking[column] == code]
            if not subset.empty:
                yield model, ranking, subset


def models_for_commune(commune_code: str, *, fits: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The models whose hard conditions commune ``commune_code`` meets, best score first.

    Columns: model_code, name_fr, name_ar, sector_code, sub_sector_code, score,
    rank (the commune's rank for the model), communes_ranked (how many communes
    the model fits), the contributions and reasons. ``fits`` (from
    :func:`all_fits`) saves the reads.
    """
    if not isinstance(commune_code, str) or not commune_code:
        raise InvalidInput("A commune code is needed")
    rows = []
    for model, ranking, found in _fits_where("code", commune_code, fits):
        hit = found.iloc[0]
        rows.append({**_model_row(model, ranking), "score": float(hit["score"]), "rank": int(hit["rank"]),
                     **{contribution_column(k): float(hit[contribution_column(k)]) for k in FACTORS},
                     "reasons": hit["reasons"]})
    columns = ["model_code", "name_fr", "name_ar", "sector_code", "sub_sector_code", "communes_ranked", "score",
               "rank", *(contribution_column(k) for k in FACTORS), "reasons"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["score", "model_code"], ascending=[False, True], kind="stable").reset_index(drop=True)


def models_for_unit(level: str, code: str, *, fits: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """For a province or a region: the models that fit at least one of its communes, best commune first.

    Columns: model_code, name_fr, name_ar, sector_code, sub_sector_code,
    communes_ranked, communes_here (its communes the model fits), best_score,
    best_rank, best_code, best_name_fr, best_name_ar.
    """
    if level not in ("province", "region"):
        raise InvalidInput(f"Unknown level {level!r}: choose province or region")
    rows = []
    for model, ranking, here in _fits_where(f"{level}_code", code, fits):
        best = here.iloc[0]
        rows.append({**_model_row(model, ranking), "communes_here": len(here), "best_score": float(best["score"]),
                     "best_rank": int(best["rank"]), "best_code": best["code"], "best_name_fr": best["name_fr"],
                     "best_name_ar": best["name_ar"]})
    columns = ["model_code", "name_fr", "name_ar", "sector_code", "sub_sector_code", "communes_ranked",
               "communes_here", "best_score", "best_rank", "best_code", "best_name_fr", "best_name_ar"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["best_score", "model_code"], ascending=[False, True], kind="stable").reset_index(drop=True)
