"""Where a project model fits: a hand-computed case, properties of the method, and the real communes."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopbank.errors import InvalidInput
from planning import model_fit
from planning.model_fit import Factor, FitConfig, saturation_counts, score_fit

CONFIG = FitConfig(
    version="test", method=(), weights={"sector_base": 1, "priority": 2, "saturation": 1},
    factors={k: Factor(k, k, "u", "s", (0.0, 1.0)) for k in model_fit.FACTORS},
    neighbour_km=20, same_sub_sector_weight=0.5, half_saturation=3.0)
NAN = np.nan


def _frame(**changes: list) -> pd.DataFrame:
    frame = pd.DataFrame({
        "code": ["A", "B", "C", "D"], "name_fr": list("abcd"), "name_ar": list("ابتث"),
        "province_code": ["P1", "P1", "P1", "P2"], "region_code": ["R"] * 4,
        "kind": ["rural", "rural", "urban", "rural"], "is_mountain": [True, False, False, True],
        "priority": [0.8, 0.4, 0.2, 0.6],
        "industry": [10.0, NAN, 0.0, 20.0], "industry_province": [5.0, 5.0, 5.0, 8.0],
        **{s: [1.0] * 4 for s in ("construction", "commerce", "services")},
        **{f"{s}_province": [1.0] * 4 for s in ("construction", "commerce", "services")},
        "nearby_model": [0.0, 3.0, 0.0, 1.0], "nearby_similar": [0.0, 0.0, NAN, 2.0],
    })
    return frame.assign(**changes)


def test_known_answer_filters_scores_ranks_and_contributions():
    result = score_fit(_frame(), {"rural": True, "sector_base": "industry"}, config=CONFIG).set_index("code")
    # C is urban. Industry per 1,000: A 10, B 5 (its province's), C 0, D 20 → 0.5, 0.25, 0, 1.
    # Weights 1/4, 2/4, 1/4. Saturation: A 0, B 3 / 6, D (1 + 0.5 × 2) / 5 = 0.4.
    assert list(result.index) == ["A", "D", "B"]
    assert result["score"].to_dict() == pytest.approx({"A": 0.775, "D": 0.7, "B": 0.3875})
    assert result["rank"].to_dict() == {"A": 1, "D": 2, "B": 3}
    assert result.loc["B", "sector_level"] == "province" and result.loc["B", "sector_density"] == 5.0
    assert result.loc["D", "contrib_saturation"] == pytest.approx(0.15)
    assert result.loc["A", "contrib_priority"] == pytest.approx(0.4)
    contributions = result[[model_fit.contribution_column(k) for k in model_fit.FACTORS]].sum(axis=1)
    assert contributions.to_numpy() == pytest.approx(result["score"].to_numpy())
    assert ("Rural commune, as the model needs", {}) in result.loc["A", "reasons"]
    assert ("Sector base: the province's figure (HCP gives none for the commune)", {}) in result.loc["B", "reasons"]


def test_mountain_and_place_product_conditions_and_a_model_without_sector_base():
    assert score_fit(_frame(), {"rural": True, "mountain": True}, config=CONFIG)["code"].tolist() == ["A", "D"]
    placed = score_fit(_frame(), {"place_products": ["argan"], "place_provinces": ["P2"]}, config=CONFIG)
    assert placed["code"].tolist() == ["D"]
    assert score_fit(_frame(), {"place_products": ["argan"]}, config=CONFIG).empty  # no province: fits nowhere
    anywhere = score_fit(_frame(), {"rural": False, "mountain": None}, config=CONFIG).set_index("code")
    assert len(anywhere) == 4  # False and None set no condition
    # Without a sector base, weights 2/3 and 1/3: A = 2/3 × 0.8 + 1/3 × 1.
    assert anywhere.loc["A", "score"] == pytest.approx(2 / 3 * 0.8 + 1 / 3)
    assert anywhere["contrib_sector_base"].eq(0).all() and anywhere["sector_density"].isna().all()


def test_bad_sector_base_and_weights_are_refused():
    with pytest.raises(InvalidInput, match="Unknown sector base"):
        score_fit(_frame(), {"sector_base": "farming"}, config=CONFIG)
    with pytest.raises(InvalidInput, match="Unknown suitability factor"):
        model_fit.check_weights({"nope": 1})
    with pytest.raises(InvalidInput):
        model_fit.check_weights({"priority": 0, "saturation": 0, "sector_base": 0})


def test_saturation_counts_separate_the_model_from_its_sub_sector():
    nearby = pd.DataFrame({"commune_code": ["A", "A", "A", "B"], "sector_code": ["argan"] * 3 + ["pam"],
                           "sub_sector_code": ["huile_argan", "huile_argan", None, "distillation"],
                           "model_code": ["press", None, None, "press"], "projects": [2.0, 3.0, 7.0, 1.0],
                           "has_demo": [False] * 4})
    counts = saturation_counts(nearby, model_code="press", sector_code="argan", sub_sector_code="huile_argan")
    assert counts.set_index("code").to_dict("index") == {"A": {"nearby_model": 2.0, "nearby_similar": 3.0},
                                                         "B": {"nearby_model": 1.0, "nearby_similar": 0.0}}
    by_sector = saturation_counts(nearby, model_code="x", sector_code="argan", sub_sector_code=None)
    assert by_sector.set_index("code")["nearby_similar"].to_dict() == {"A": 12.0, "B": 0.0}


def test_the_shipped_config_is_valid():
    assert set(model_fit.CONFIG.factors) == set(model_fit.FACTORS)
    assert model_fit.CONFIG.half_saturation > 0 and model_fit.CONFIG.neighbour_km > 0
    assert model_fit.reason_text([("No similar project nearby", {})], "ar") != "No similar project nearby"


COMMUNES = st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3"]), st.booleans(), st.booleans(),
                              st.floats(0, 1), st.one_of(st.none(), st.floats(0, 50)), st.integers(0, 6),
                              st.integers(0, 6)), min_size=1, max_size=12)


def _random_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = _frame().iloc[:0]
    records = []
    for i, (province, rural, mountain, prio, industry, model, similar) in enumerate(rows):
        records.append({"code": f"C{i:02d}", "name_fr": "n", "name_ar": "ن", "province_code": province,
                        "region_code": "R", "kind": "rural" if rural else "urban", "is_mountain": mountain,
                        "priority": prio, "industry": NAN if industry is None else industry,
                        "industry_province": 3.0, "nearby_model": float(model), "nearby_similar": float(similar),
                        **{c: 1.0 for c in frame.columns if c.startswith(("construction", "commerce", "services"))}})
    return pd.DataFrame(records)


@settings(max_examples=60, deadline=None)
@given(COMMUNES, st.sets(st.sampled_from(["P1", "P2", "P3"])), st.booleans(), st.booleans())
def test_meeting_every_hard_condition_is_necessary(rows, provinces, rural, mountain):
    frame = _random_frame(rows)
    conditions = {"rural": rural, "mountain": mountain, "sector_base": "industry",
                  "place_products": ["saffron"], "place_provinces": sorted(provinces)}
    result = score_fit(frame, conditions, config=CONFIG).merge(frame[["code", "kind", "is_mountain"]], on="code")
    assert set(result["province_code"]) <= provinces
    assert not rural or result["kind"].eq("rural").all()
    assert not mountain or result["is_mountain"].all()
    assert result["score"].between(0, 1).all()


@settings(max_examples=60, deadline=None)
@given(COMMUNES, st.data())
def test_more_projects_of_the_model_nearby_never_raise_the_score(rows, data):
    frame = _random_frame(rows)
    where = data.draw(st.integers(0, len(frame) - 1))
    more = data.draw(st.integers(1, 10))
    column = data.draw(st.sampled_from(["nearby_model", "nearby_similar"]))
    crowded = frame.copy()
    crowded.loc[where, column] += more
    before = score_fit(frame, {"sector_base": "industry"}, config=CONFIG).set_index("code")["score"]
    after = score_fit(crowded, {"sector_base": "industry"}, config=CONFIG).set_index("code")["score"]
    code = frame.loc[where, "code"]
    assert after[code] <= before[code] + 1e-12


@dataclasses.dataclass(frozen=True)
class HandModel:
    code: str
    sector_code: str
    sub_sector_code: str | None
    name_fr: str
    name_ar: str
    conditions: dict


ARGAN = HandModel("hand_argan", "argan", "huile_argan", "Presse", "معصرة",
                  {"rural": True, "sector_base": "industry", "place_products": ["argan"],
                   "place_provinces": ["09.001", "09.541"]})
HONEY = HandModel("hand_honey", "apiculture", "miel", "Miel", "عسل", {"rural": True, "mountain": True})


@pytest.fixture
def hand_catalogue(monkeypatch):
    monkeypatch.setattr(model_fit, "_catalogue", lambda: [ARGAN, HONEY])


def test_real_communes_for_a_place_product(sample_db, hand_catalogue):
    result = model_fit.fit_communes("hand_argan")
    assert len(result) > 10 and set(result["province_code"]) <= {"09.001", "09.541"}
    assert result["rank"].iloc[0] == 1 and result["score"].is_monotonic_decreasing
    assert result.attrs["communes_ranked"] == len(result)
    # the sample argan project of 09.001.05.01 (same sub-sector) counts in its commune
    assert result.set_index("code").loc["09.001.05.01", "nearby_similar"] >= 1
    assert len(model_fit.fit_communes("hand_argan", top=3)) == 3
    with pytest.raises(InvalidInput, match="Unknown project model 'nope'"):
        model_fit.fit_communes("nope")
    with pytest.raises(InvalidInput, match="--top"):
        model_fit.fit_communes("hand_argan", top=0)


def test_models_for_a_commune_and_a_province_agree_with_the_rankings(loaded_db, hand_catalogue):
    fits = model_fit.all_fits()
    argan = fits["hand_argan"].set_index("code")
    commune = argan.index[0]
    found = model_fit.models_for_commune(commune, fits=fits).set_index("model_code")
    assert int(found.loc["hand_argan", "rank"]) == int(argan.loc[commune, "rank"])
    assert found["score"].is_monotonic_decreasing
    assert model_fit.models_for_commune("06.141.01.0", fits=fits).empty  # urban Casablanca: neither fits
    province = model_fit.models_for_unit("province", "09.541", fits=fits).set_index("model_code")
    assert "hand_argan" in province.index and province.loc["hand_argan", "communes_here"] > 0
    assert "hand_argan" not in model_fit.models_for_unit("region", "05", fits=fits)["model_code"].tolist()


def test_the_catalogue_models_rank_on_the_loaded_data(loaded_db):
    from planning import project_models

    fits = model_fit.all_fits()
    assert set(fits) == {m.code for m in project_models.catalogue()}
    for code, ranking in fits.items():
        model = project_models.model(code)
        provinces = model.conditions.get("place_provinces")
        if provinces:
            assert set(ranking["province_code"]) <= set(provinces), code
