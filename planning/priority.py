"""The territorial priority index: which communes (and provinces, regions) investment should reach first.

A method in the manner of the World Bank's Project Targeting Index, configured
in ``planning/data/priority.toml``: choose indicators, normalise them to 0–1
(min–max between goalposts, direction applied, missing values at the median),
weight them (weights normalised to sum 1), aggregate (weighted mean), rank
(1 = highest priority, ties share the best rank). Provinces and regions take the
population-weighted mean of their communes' scores. :func:`normalise` and
:func:`score` are pure; :func:`commune_priority` reads the database.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import tomllib
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from coopbank import db
from coopbank.errors import InvalidInput

LOGGER = logging.getLogger(__name__)
CONFIG_PATH = Path(__file__).parent / "data" / "priority.toml"
LEVELS = ("commune", "province", "region")
IDENTITY = ("code", "name_fr", "name_ar", "province_code", "region_code", "population_2024", "kind",
            "is_mountain")


@dataclasses.dataclass(frozen=True)
class PriorityIndicator:
    """One factor of the index; ``label``, ``unit``, ``source`` and ``computed`` are message ids.

    ``higher_is_priority`` applies the direction; ``goalposts`` are the quantiles
    (0–1, over the communes with data) where raw values are capped before min–max.
    """

    key: str
    label: str
    unit: str
    source: str
    computed: str
    higher_is_priority: bool
    goalposts: tuple[float, float] = (0.0, 1.0)


@dataclasses.dataclass(frozen=True)
class Preset:
    """A named set of weights (``label`` is a message id)."""

    key: str
    label: str
    weights: Mapping[str, float]


def _load_config(path: Path = CONFIG_PATH) -> tuple[str, tuple[str, ...], dict[str, PriorityIndicator],
                                                    dict[str, Preset]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    indicators = {
        item["key"]: PriorityIndicator(
            key=item["key"], label=item["label"], unit=item["unit"], source=item["source"],
            computed=item["computed"], higher_is_priority=item["direction"] == "higher",
            goalposts=(float(item["goalposts"][0]), float(item["goalposts"][1])))
        for item in data["indicator"]
    }
    presets = {key: Preset(key, item["label"], {k: float(v) for k, v in item["weights"].items()})
               for key, item in data["preset"].items()}
    return str(data["version"]), tuple(data["method"]), indicators, presets


VERSION, METHOD, INDICATORS, PRESETS = _load_config()
DEFAULT_PRESET = "rural_mountain"


def contribution_column(key: str) -> str:
    """The column holding indicator ``key``'s contribution to the score."""
    return f"contrib_{key}"


def check_weights(weights: Mapping[str, float], indicators: Mapping[str, PriorityIndicator] = INDICATORS
                  ) -> dict[str, float]:
    """Every indicator's weight (0 for those not given), refusing unknown, negative or all-zero weights."""
    unknown = sorted(set(weights) - set(indicators))
    if unknown:
        raise InvalidInput(f"Unknown priority indicator {', '.join(unknown)}: choose among "
                           f"{', '.join(indicators)}")
    checked = {key: float(weights.get(key, 0.0)) for key in indicators}
    bad = sorted(key for key, value in checked.items() if not math.isfinite(value) or value < 0)
    if bad:
        raise InvalidInput(f"A weight must be a number of zero or more: check {', '.join(bad)}")
    if sum(checked.values()) <= 0:
        raise InvalidInput("At least one weight must be above zero")
    return checked


def weights_for(weights: Mapping[str, float] | None = None, *, preset: str | None = None) -> dict[str, float]:
    """The weights to use: ``preset``'s (default :data:`DEFAULT_PRESET`) overridden by ``weights``."""
    name = preset or DEFAULT_PRESET
    if name not in PRESETS:
        raise InvalidInput(f"Unknown preset {name!r}: choose one of {', '.join(PRESETS)}")
    base = dict(PRESETS[name].weights) if preset is not None or weights is None else {}
    return check_weights({**base, **(weights or {})})


def indicator_frame(*, include_demo: bool = True) -> pd.DataFrame:
    """One row per commune: identity columns, ``has_demo`` and each indicator's raw value (NaN = no data).

    Units: ``decline`` in % of 2014, ``businesses`` and ``jobs`` per 1,000
    inhabitants, ``coverage`` in MAD per inhabitant, census rates in %, ``road``
    in km, ``rural`` and ``mountain`` 0–1. Demo projects count in ``coverage``
    when ``include_demo``.
    """
    result = db.run("planning/priority_indicators", {"include_demo": include_demo})
    frame = pd.DataFrame(result.rows, columns=result.columns)
    frame[list(INDICATORS)] = frame[list(INDICATORS)].apply(pd.to_numeric, errors="coerce").astype(float)
    frame["population_2024"] = frame["population_2024"].astype(int)
    frame["is_mountain"] = frame["is_mountain"].astype(bool)
    frame["has_demo"] = frame["has_demo"].astype(bool)
    return frame


def normalise(frame: pd.DataFrame, indicators: Mapping[str, PriorityIndicator] = INDICATORS) -> pd.DataFrame:
    """Each indicator of ``frame`` rescaled to 0–1, 1 = highest priority; other columns kept.

    Values are capped at the indicator's goalposts, then min–max rescaled over
    the rows with data, reversed for a "lower is priority" indicator; an
    indicator equal everywhere gives 0. A missing value then takes the median
    of the normalised values (0 when no row has data); ``imputed`` counts them.
    """
    out = frame.copy()
    imputed = pd.Series(0, index=frame.index, dtype=int)
    for key, spec in indicators.items():
        raw = frame[key].astype(float)
        known = raw.dropna()
        if known.empty:
            values = pd.Series(0.0, index=frame.index)
        else:
            low, high = (float(known.quantile(q)) for q in spec.goalposts)
            capped = raw.clip(low, high)
            values = (capped - low) / (high - low) if high > low else capped * 0.0
            if not spec.higher_is_priority and high > low:
                values = 1.0 - values
            values = values.fillna(float(values.median()))
        imputed += raw.isna().astype(int)
        out[key] = values.astype(float)
    out["imputed"] = imputed
    return out


def score(normalised: pd.DataFrame, weights: Mapping[str, float],
          indicators: Mapping[str, PriorityIndicator] = INDICATORS) -> pd.DataFrame:
    """``normalised`` with ``score`` (0–1), ``rank`` and one ``contrib_<key>`` per indicator.

    Weights are normalised to sum 1; a contribution is weight × normalised
    value, so the contributions add up to the score. Rank 1 is the highest
    score; equal scores (to 12 decimals) share the best rank. Rows come back in
    rank order.
    """
    checked = check_weights(weights, indicators)
    total = sum(checked.values())
    out = normalised.copy()
    for key, weight in checked.items():
        out[contribution_column(key)] = out[key].astype(float) * (weight / total)
    out["score"] = out[[contribution_column(k) for k in indicators]].sum(axis=1).clip(0.0, 1.0)
    out["rank"] = out["score"].round(12).rank(method="min", ascending=False).astype(int)
    return out.sort_values(["rank", "code"] if "code" in out else ["rank"], kind="stable")


def commune_priority(weights: Mapping[str, float] | None = None, *, preset: str | None = None,
                     include_demo: bool = True) -> pd.DataFrame:
    """Every commune's priority: identity columns, ``score`` (0–1), ``rank`` and ``contrib_<key>``.

    ``weights`` (indicator key → weight ≥ 0) override the ``preset``'s; with
    neither, the :data:`DEFAULT_PRESET`. Also ``imputed`` (indicators without
    data), ``has_demo``, and ``attrs["includes_demo"]`` when demo projects
    counted in the coverage indicator.
    """
    chosen = weights_for(weights, preset=preset)
    raw = indicator_frame(include_demo=include_demo)
    scored = score(normalise(raw), chosen)
    columns = [*IDENTITY, "score", "rank", *(contribution_column(k) for k in INDICATORS), "imputed", "has_demo"]
    result = scored[columns].reset_index(drop=True)
    result.attrs["includes_demo"] = bool(raw["has_demo"].any())
    return result


def roll_up(communes: pd.DataFrame, level: str) -> pd.DataFrame:
    """Population-weighted means (2024) of the communes' scores and contributions per province or region.

    Returns code, region_code, population_2024, communes, score, rank and the
    contributions, in rank order; a unit whose communes have no population
    takes their plain mean.
    """
    if level not in ("province", "region"):
        raise InvalidInput(f"Unknown level {level!r}: choose one of {', '.join(LEVELS)}")
    key = f"{level}_code"
    values = ["score", *(contribution_column(k) for k in INDICATORS)]
    rows = []
    for code, group in communes.groupby(key, sort=True):
        population = group["population_2024"].astype(float)
        weight = population if population.sum() > 0 else pd.Series(1.0, index=group.index)
        means = {c: float(np.average(group[c].astype(float), weights=weight)) for c in values}
        rows.append({"code": code, "region_code": group["region_code"].iloc[0],
                     "population_2024": int(population.sum()), "communes": len(group),
                     "has_demo": bool(group["has_demo"].any()), **means})
    out = pd.DataFrame(rows)
    out["rank"] = out["score"].round(12).rank(method="min", ascending=False).astype(int)
    out.attrs = dict(communes.attrs)
    return out.sort_values(["rank", "code"], kind="stable").reset_index(drop=True)


def rolled_up(level: str, weights: Mapping[str, float] | None = None, preset: str | None = None, *,
              include_demo: bool = True) -> pd.DataFrame:
    """The index at ``level``: :func:`commune_priority` itself for communes, else :func:`roll_up` with names."""
    communes = commune_priority(weights, preset=preset, include_demo=include_demo)
    if level == "commune":
        return communes
    out = roll_up(communes, level)
    names = db.run("planning/priority_unit_names", {"level": level})
    named = pd.DataFrame(names.rows, columns=names.columns)
    merged = out.merge(named, on="code", how="left")
    merged.attrs = dict(out.attrs)
    columns = ["code", "name_fr", "name_ar", "region_code", "population_2024", "communes", "score", "rank",
               *(contribution_column(k) for k in INDICATORS), "has_demo"]
    return merged[columns]


def encode_weights(weights: Mapping[str, float]) -> str:
    """Weights as a short URL value, ``rural:3,mountain:3,jobs:0.5`` (zero weights left out)."""
    return ",".join(f"{key}:{value:g}" for key, value in weights.items() if value)


def decode_weights(text: str | None) -> dict[str, float] | None:
    """The weights of :func:`encode_weights`'s form, or ``None`` when ``text`` is not valid weights."""
    weights: dict[str, float] = {}
    for item in (text or "").split(","):
        key, _, value = item.partition(":")
        try:
            weights[key] = float(value)
        except ValueError:
            return None
    try:
        return check_weights(weights)
    except InvalidInput:
        return None
