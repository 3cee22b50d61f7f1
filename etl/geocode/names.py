"""Match commune names as people write them (French or Arabic, any spelling) to HCP commune codes.

Names are folded (:mod:`etl.geocode.textfold`) and compared with rapidfuzz
against every commune's French name, slug and Arabic name; a province or
region given as a hint (a code such as ``03.271`` / ``03`` or a name, itself
matched fuzzily) restricts the candidates. Scores run from 0 to 1: the best
of the token-sorted ratio of the folded names and the ratio of their
:func:`~etl.geocode.textfold.phonetic_key`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from coopbank import db
from coopbank.errors import DataMissing
from etl.geocode._columns import require_columns, with_columns
from etl.geocode.textfold import fold, is_arabic, phonetic_key

LOGGER = logging.getLogger(__name__)
# The best candidate needs this score to be matched …
MATCH_THRESHOLD = 0.85
# … and to be ahead of every other by more than this; otherwise all those
# within this margin of it are reported and the name is ambiguous.
AMBIGUITY_MARGIN = 0.05
# Lower-scored candidates are listed as suggestions down to this score, at most MAX_SUGGESTIONS.
SUGGESTION_THRESHOLD = 0.6
MAX_SUGGESTIONS = 5
STATUSES = ("matched", "ambiguous", "unmatched")
COLUMNS = ("commune_code", "province_code", "region_code", "score", "status", "message")
COMMUNE_COLUMNS = ("code", "name_fr", "name_ar", "slug", "province_code", "province_name_fr", "province_name_ar",
                   "region_code", "region_name_fr", "region_name_ar")
_CODES = {"province": re.compile(r"\d{2}\.\d{3}(?:\.\d{2}\.\d{2})?"), "region": re.compile(r"\d{1,2}")}


@dataclasses.dataclass(frozen=True)
class Candidate:
    """A commune that a name may designate, with its score (0–1)."""

    code: str
    name_fr: str
    name_ar: str
    province_code: str
    province_name_fr: str
    score: float


@dataclasses.dataclass(frozen=True)
class NameMatch:
    """What a name designates.

    ``status`` is 'matched' (``commune_code`` set), 'ambiguous' (several close
    ``candidates``; province and region filled when they all share them) or
    'unmatched' (``candidates`` hold the nearest suggestions, if any).
    ``score`` (0–1) is the best candidate's; ``message`` says it in English.
    """

    status: str
    commune_code: str | None
    province_code: str | None
    region_code: str | None
    score: float
    candidates: list[Candidate]
    message: str


@dataclasses.dataclass(frozen=True)
class _Spellings:
    """Folded spellings of a list of places in one script, each pointing at its place's position."""

    folded: list[str]
    keys: list[str]
    owner: np.ndarray

    @classmethod
    def build(cls, names: Iterable[tuple[int, str]]) -> _Spellings:
        pairs = sorted({(position, folded) for position, name in names
                        if isinstance(name, str) and (folded := fold(name))})
        return cls([f for _, f in pairs], [phonetic_key(f) for _, f in pairs],
                   np.array([p for p, _ in pairs], dtype=np.intp))

    def scores(self, folded: str, size: int, *, subset: bool) -> np.ndarray:
        """Best score (0–1) of each of ``size`` places for a folded name; ``subset`` lets a part match."""
        best = np.zeros(size)
        if self.folded:
            spelled = process.cdist([folded], self.folded, scorer=fuzz.token_set_ratio if subset else
                                    fuzz.token_sort_ratio)[0]
            sounded = process.cdist([phonetic_key(folded)], self.keys, scorer=fuzz.ratio)[0]
            np.maximum.at(best, self.owner, np.maximum(spelled, sounded) / 100.0)
        return best


@dataclasses.dataclass(frozen=True)
class _Places:
    """Places of one level (communes, provinces or regions) searchable by French or Arabic name."""

    codes: np.ndarray
    latin: _Spellings
    arabic: _Spellings

    @classmethod
    def build(cls, codes: Sequence[str], latin: Sequence[Sequence[str]], arabic: Sequence[str]) -> _Places:
        return cls(np.asarray(codes, dtype=object),
                   _Spellings.build((i, name) for i, names in enumerate(latin) for name in names),
                   _Spellings.build(enumerate(arabic)))

    def scores(self, folded: str, *, subset: bool = False) -> np.ndarray:
        spellings = self.arabic if is_arabic(folded) else self.latin
        return spellings.scores(folded, len(self.codes), subset=subset)


class NameGeocoder:
    """Commune name matcher built once from a table of communes (see :meth:`from_database`).

    ``communes`` has the columns of :data:`COMMUNE_COLUMNS`, one row per commune.
    """

    def __init__(self, communes: pd.DataFrame) -> None:
        require_columns(communes, COMMUNE_COLUMNS)
        self._communes = communes.loc[:, list(COMMUNE_COLUMNS)].reset_index(drop=True)
        c = self._communes
        self._places = _Places.build(c["code"], list(zip(c["name_fr"], c["slug"], strict=True)), c["name_ar"])
        self._province_of = c["province_code"].to_numpy(dtype=object)
        self._region_of = c["region_code"].to_numpy(dtype=object)
        provinces = c.drop_duplicates("province_code")
        regions = c.drop_duplicates("region_code")
        self._hints = {
            "province": _Places.build(provinces["province_code"], [[n] for n in provinces["province_name_fr"]],
                                      provinces["province_name_ar"]),
            "region": _Places.build(regions["region_code"], [[n] for n in regions["region_name_fr"]],
                                    regions["region_name_ar"]),
        }

    @classmethod
    def from_database(cls, *, conn: db.Connection | None = None) -> NameGeocoder:
        """A geocoder over every commune in the database (``geocode/commune_names``)."""
        result = db.run("geocode/commune_names", conn=conn)
        if not result.rows:
            raise DataMissing("There are no communes in the database to match names against: "
                              "run `python -m etl load` first.")
        LOGGER.debug("name geocoder over %d communes", len(result.rows))
        return cls(pd.DataFrame(result.rows, columns=result.columns))

    def match(self, name: str, *, province: str | None = None, region: str | None = None) -> NameMatch:
        """The commune ``name`` designates, within the ``province`` and ``region`` when given.

        The hints are codes (``03.271``, ``03``) or names in French or Arabic;
        one that matches no province or region is ignored, and the message says so.
        """
        folded = fold(name or "")
        if not folded:
            return NameMatch("unmatched", None, None, None, 0.0, [], "No commune name given.")
        allowed = np.ones(len(self._communes), dtype=bool)
        scope, notes = [], []
        for level, hint, owner in (("province", province, self._province_of), ("region", region, self._region_of)):
            if hint is None or not str(hint).strip():
                continue
            codes = self._resolve(str(hint), level)
            if codes is None:
                notes.append(f"The {level} {hint!r} matches no known {level} and was ignored.")
                continue
            allowed &= np.isin(owner, codes)
            scope.append(f"{level} {hint!r}")
        scores = self._places.scores(folded)
        inside = np.where(allowed, scores, -1.0)
        ranked = np.argsort(-inside, kind="stable")
        ranked = ranked[inside[ranked] >= 0]
        best = float(inside[ranked[0]]) if len(ranked) else 0.0
        close = [i for i in ranked if inside[i] >= best - AMBIGUITY_MARGIN]
        suggestions = [i for i in ranked[:MAX_SUGGESTIONS] if inside[i] >= SUGGESTION_THRESHOLD]
        if best < MATCH_THRESHOLD:
            result = self._unmatched(name, self._candidates(suggestions, scores), scope, scores)
        elif len(close) == 1:
            result = self._matched(self._candidates(suggestions, scores))
        else:
            result = self._ambiguous(name, self._candidates(close, scores))
        if notes:
            result = dataclasses.replace(result, message=" ".join([result.message, *notes]))
        return result

    def _resolve(self, hint: str, level: str) -> list[str] | None:
        """Codes of the provinces (or regions) a hint designates by code or by name; None if none."""
        places = self._hints[level]
        text = hint.strip()
        if _CODES[level].fullmatch(text):
            code = text.zfill(2) if level == "region" else text
            return [code] if code in set(places.codes) else None
        scores = places.scores(fold(text), subset=True)
        best = float(scores.max(initial=0.0))
        if best < MATCH_THRESHOLD:
            return None
        return list(places.codes[scores >= best - AMBIGUITY_MARGIN])

    def _candidates(self, positions: Iterable[int], scores: np.ndarray) -> list[Candidate]:
        rows = self._communes
        return [Candidate(rows.at[i, "code"], rows.at[i, "name_fr"], rows.at[i, "name_ar"],
                          rows.at[i, "province_code"], rows.at[i, "province_name_fr"], round(float(scores[i]), 3))
                for i in positions]

    @staticmethod
    def _matched(candidates: list[Candidate]) -> NameMatch:
        best = candidates[0]
        score = "" if best.score >= 1 else f", score {best.score:.2f}"
        return NameMatch("matched", best.code, best.province_code, _region_code(best.province_code), best.score,
                         candidates, f"Matched {best.name_fr} ({best.code}), province {best.province_name_fr}{score}.")

    @staticmethod
    def _ambiguous(name: str, candidates: list[Candidate]) -> NameMatch:
        provinces = {c.province_code for c in candidates}
        regions = {_region_code(c.province_code) for c in candidates}
        listed = "; ".join(f"{c.name_fr} ({c.code}, province {c.province_name_fr})" for c in candidates)
        return NameMatch(
            "ambiguous", None, provinces.pop() if len(provinces) == 1 else None,
            regions.pop() if len(regions) == 1 else None, candidates[0].score, candidates,
            f"{len(candidates)} communes match {name!r} equally well: {listed}. "
            "Give the province or the region to choose one.",
        )

    def _unmatched(self, name: str, suggestions: list[Candidate], scope: list[str], scores: np.ndarray) -> NameMatch:
        within = f" in {' and '.join(scope)}" if scope else ""
        message = f"No commune matches {name!r}{within}"
        if suggestions:
            best = suggestions[0]
            message += f"; the closest is {best.name_fr} ({best.code}, province {best.province_name_fr}) " \
                       f"at {best.score:.2f}"
        message += "."
        if scope and scores.max(initial=0.0) >= MATCH_THRESHOLD:
            elsewhere = self._candidates([int(np.argmax(scores))], scores)[0]
            message += f" Outside it, {elsewhere.name_fr} ({elsewhere.code}, province " \
                       f"{elsewhere.province_name_fr}) matches at {elsewhere.score:.2f}."
        return NameMatch("unmatched", None, None, None, suggestions[0].score if suggestions else 0.0,
                         suggestions, message)


def geocode_names(frame: pd.DataFrame, *, geocoder: NameGeocoder | None = None) -> pd.DataFrame:
    """``frame`` with the commune of each row's ``name`` (optional hints: ``province``, ``region``).

    Adds the columns of :data:`COLUMNS` (replacing any of the same name):
    codes, ``score`` (0–1), ``status`` (one of :data:`STATUSES`) and an English
    ``message`` that lists the candidates of an ambiguous name. The geocoder
    is built from the database unless one is given; repeated rows are matched once.
    """
    require_columns(frame, ("name",))
    geocoder = geocoder or NameGeocoder.from_database()
    hints = [frame[col] if col in frame.columns else pd.Series(None, index=frame.index, dtype=object)
             for col in ("province", "region")]
    matches: dict[tuple[str, str | None, str | None], NameMatch] = {}
    rows = []
    for name, province, region in zip(frame["name"], *hints, strict=True):
        key = (_text(name) or "", _text(province), _text(region))
        if key not in matches:
            matches[key] = geocoder.match(key[0], province=key[1], region=key[2])
        found = matches[key]
        rows.append((found.commune_code, found.province_code, found.region_code, found.score, found.status,
                     found.message))
    added = pd.DataFrame(rows, index=frame.index, columns=list(COLUMNS))
    added["score"] = added["score"].astype(float)
    LOGGER.info("geocoded %d names: %s", len(added), added["status"].value_counts().to_dict())
    return with_columns(frame, added)


def _region_code(province_code: str) -> str:
    """The region of a province: HCP codes nest, a province's starts with its region's (``03.271`` → ``03``)."""
    return province_code.split(".", 1)[0]


def _text(value: object) -> str | None:
    """A cell as stripped text; None when empty or missing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return text or None
