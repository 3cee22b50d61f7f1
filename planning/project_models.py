"""The project models catalogue: typical cooperative projects a holder can adopt (issue 8).

A model (table ``project_model``, seeded from ``planning/data/project_models.toml``)
records its sector, names and descriptions in French and Arabic, the typical
investment broken down (equipment, building, working capital, training — MAD),
operating costs and revenue per year (MAD, ramp-up included), direct jobs with
the women's and youth shares (0–1), members needed, skills, funding programmes
(codes of ``coopbank/data/opportunities.toml``), the territorial conditions it
needs and a source for each figure. Everyone reads it; officials and
administrators maintain it (:func:`save_model`), every change kept in
``project_model_history``. :func:`plan_inputs` turns a model into the inputs of
the business plan calculator (:mod:`planning.business_plan`).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from coopbank import db
from coopbank.access import Actor, require_role
from coopbank.errors import InvalidInput
from coopbank.settings import REPO_ROOT
from planning import business_plan

LOGGER = logging.getLogger(__name__)
SEED_PATH = REPO_ROOT / "planning" / "data" / "project_models.toml"
SEED_ACTOR = "seed (planning/data/project_models.toml)"
EDITORS = ("official", "admin")
INVESTMENT_ITEMS = ("equipment", "building", "working_capital", "training")
SECTOR_BASES = ("industry", "construction", "commerce", "services")
PLACE_PRODUCTS = ("argan", "saffron", "dates", "roses", "olives", "cactus", "honey", "pam")
FIGURES = ("investment", "operating_costs_mad", "revenue_mad", "jobs", "members", "conditions")
ASSUMPTION = "illustrative assumption, editable"
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_PROVINCE = re.compile(r"^\d{2}\.\d{3}$")


class InvalidModel(InvalidInput):
    """A model breaks a rule of the catalogue; ``template`` and ``values`` let a page translate it."""

    def __init__(self, template: str, **values: Any) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


@dataclasses.dataclass
class ProjectModel:
    """One model of the catalogue (amounts MAD, shares 0–1, one value per operating year)."""

    code: str
    sector_code: str
    sub_sector_code: str | None
    name_fr: str
    name_ar: str
    description_fr: str
    description_ar: str
    investment: dict[str, float]
    operating_costs_mad: tuple[float, ...]
    revenue_mad: tuple[float, ...]
    jobs_direct: int | None
    women_share: float | None
    youth_share: float | None
    members: int | None
    skills: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    conditions: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    sources: dict[str, str] = dataclasses.field(default_factory=dict)
    updated_at: Any = None
    updated_by: str | None = None

    @property
    def investment_mad(self) -> float:
        """The total typical investment (MAD): the sum of its breakdown."""
        return float(sum(self.investment.values()))

    @property
    def years(self) -> int:
        """How many operating years the figures cover."""
        return len(self.revenue_mad)

    def jobs_of(self, share: float | None) -> int | None:
        """The direct jobs a share stands for, rounded (``None`` when either is unknown)."""
        if self.jobs_direct is None or share is None:
            return None
        return int(round(self.jobs_direct * share))

    def name(self, lang: str) -> str:
        """The model's name in ``lang`` ('ar' or else French)."""
        return self.name_ar if lang == "ar" and self.name_ar else self.name_fr

    def description(self, lang: str) -> str:
        """The model's description in ``lang`` ('ar' or else French)."""
        return self.description_ar if lang == "ar" and self.description_ar else self.description_fr


# ---------------------------------------------------------------- validation (pure)


def _number(field: str, value: Any, *, integer: bool = False, required: bool = False) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidModel("{field} is required", field=field)
        return None
    if isinstance(value, bool):
        raise InvalidModel("{field} must be a number", field=field)
    try:
        number = float(str(value).replace(" ", "").replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise InvalidModel("{field} must be a number", field=field) from None
    if math.isnan(number) or math.isinf(number):
        raise InvalidModel("{field} must be a number", field=field)
    if number < 0:
        raise InvalidModel("{field} cannot be negative", field=field)
    if integer:
        if number != int(number):
            raise InvalidModel("{field} must be a whole number", field=field)
        return int(number)
    return number


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = value.splitlines()
    return tuple(str(v).strip() for v in value if str(v).strip())


def validate(entry: Mapping[str, Any], *, sectors: Mapping[str, str | None],
             programmes: set[str]) -> ProjectModel:
    """``entry`` checked and normalised as a :class:`ProjectModel`; :class:`InvalidModel` names the first problem.

    ``sectors`` maps each known sector code to its parent (``None`` for a top-level
    sector); ``programmes`` are the known opportunity codes. Checks: the code's
    form; both names; the sector exists and is top-level, the sub-sector belongs to
    it; the four investment items are non-negative amounts; operating costs and
    revenue have one non-negative amount per year, as many of each (1–10 years);
    jobs and members are whole numbers; shares are within 0–1; programmes exist;
    conditions use known bases, products and province codes.
    """
    code = str(entry.get("code") or "").strip()
    if not _CODE.match(code):
        raise InvalidModel("The code must start with a letter and hold only lower-case letters, digits "
                           "and underscores (at most 64)")
    names = {f: str(entry.get(f) or "").strip() for f in ("name_fr", "name_ar", "description_fr", "description_ar")}
    for field in ("name_fr", "name_ar"):
        if not names[field]:
            raise InvalidModel("{field} is required", field=field)
    sector = str(entry.get("sector_code") or "").strip()
    if sector not in sectors or sectors[sector] is not None:
        raise InvalidModel("Unknown sector code: {codes}", codes=sector or "–")
    sub = str(entry.get("sub_sector_code") or "").strip() or None
    if sub is not None and sectors.get(sub, "") != sector:
        raise InvalidModel("{code} is not a sub-sector of {sector}", code=sub, sector=sector)
    raw = entry.get("investment") or {}
    unknown = sorted(set(raw) - set(INVESTMENT_ITEMS))
    if unknown:
        raise InvalidModel("Unknown investment item: {codes}", codes=", ".join(unknown))
    investment = {item: float(_number(item, raw.get(item), required=True)) for item in INVESTMENT_ITEMS}
    series = {}
    for field in ("operating_costs_mad", "revenue_mad"):
        values = entry.get(field) or ()
        series[field] = tuple(float(_number(field, v, required=True)) for v in values)
    years = len(series["revenue_mad"])
    if not 1 <= years <= business_plan.MAX_YEARS:
        raise InvalidModel("Give revenue for 1 to {most} years", most=business_plan.MAX_YEARS)
    if len(series["operating_costs_mad"]) != years:
        raise InvalidModel("Give as many years of operating costs as of revenue ({years})", years=years)
    jobs = _number("jobs_direct", entry.get("jobs_direct"), integer=True)
    members = _number("members", entry.get("members"), integer=True)
    shares = {}
    for field in ("women_share", "youth_share"):
        share = _number(field, entry.get(field))
        if share is not None and share > 1:
            raise InvalidModel("{field} must be a share between 0 and 1", field=field)
        shares[field] = share
    chosen = tuple(dict.fromkeys(_texts(entry.get("programmes"))))
    unknown = [c for c in chosen if c not in programmes]
    if unknown:
        raise InvalidModel("Unknown programme code: {codes}", codes=", ".join(unknown))
    conditions = _conditions(entry.get("conditions") or {})
    sources = {str(k): str(v).strip() for k, v in (entry.get("sources") or {}).items() if str(v).strip()}
    for figure in FIGURES:
        sources.setdefault(figure, ASSUMPTION)
    return ProjectModel(code=code, sector_code=sector, sub_sector_code=sub, **names, investment=investment,
                        operating_costs_mad=series["operating_costs_mad"], revenue_mad=series["revenue_mad"],
                        jobs_direct=jobs, women_share=shares["women_share"], youth_share=shares["youth_share"],
                        members=members, skills=_texts(entry.get("skills")), programmes=chosen,
                        conditions=conditions, sources=sources)


def _flag(field: str, value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    raise InvalidModel("{field} must be yes, no or either", field=field)


def _conditions(raw: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(raw) - {"rural", "mountain", "sector_base", "place_products", "place_provinces"})
    if unknown:
        raise InvalidModel("Unknown condition: {codes}", codes=", ".join(unknown))
    base = raw.get("sector_base") or None
    if base is not None and base not in SECTOR_BASES:
        raise InvalidModel("The sector base must be industry, construction, commerce or services")
    products = tuple(dict.fromkeys(_texts(raw.get("place_products"))))
    unknown = [p for p in products if p not in PLACE_PRODUCTS]
    if unknown:
        raise InvalidModel("Unknown place product: {codes}", codes=", ".join(unknown))
    provinces = tuple(dict.fromkeys(_texts(raw.get("place_provinces"))))
    wrong = [p for p in provinces if not _PROVINCE.match(p)]
    if wrong:
        raise InvalidModel("Unknown province code: {codes}", codes=", ".join(wrong))
    return {"rural": _flag("rural", raw.get("rural")), "mountain": _flag("mountain", raw.get("mountain")),
            "sector_base": base, "place_products": list(products), "place_provinces": list(provinces)}


def as_entry(model: ProjectModel) -> dict[str, Any]:
    """``model`` as a plain dict of its stored fields (the editor's and the seed's shape)."""
    entry = dataclasses.asdict(model)
    entry["conditions"] = dict(model.conditions)
    for key in ("updated_at", "updated_by"):
        entry.pop(key)
    for key in ("operating_costs_mad", "revenue_mad", "skills", "programmes"):
        entry[key] = list(entry[key])
    return entry


def plan_inputs(model: ProjectModel, *, financing: business_plan.Financing | None = None,
                discount_rate: float = 0.08, years: int | None = None) -> business_plan.PlanInputs:
    """The business plan inputs of ``model``: its total investment, yearly costs and revenue, its jobs.

    No financing unless one is given (a page lets the holder set grant and loans).
    With ``years`` above the model's, the last year's figures are carried on
    (a steady state after the ramp-up); ``years`` defaults to the model's.
    """
    span = years or max(model.years, business_plan.MIN_YEARS)
    costs, revenue = list(model.operating_costs_mad), list(model.revenue_mad)
    while len(revenue) < span:
        costs.append(costs[-1])
        revenue.append(revenue[-1])
    return business_plan.PlanInputs(investment_mad=model.investment_mad,
                                    operating_costs_mad=tuple(costs[:span]), revenue_mad=tuple(revenue[:span]),
                                    years=span, financing=financing or business_plan.Financing(),
                                    discount_rate=discount_rate, jobs=model.jobs_direct)


# ---------------------------------------------------------------- storage


def known_codes() -> tuple[dict[str, str | None], set[str]]:
    """The sector codes (each with its parent) and the opportunity codes a model may name."""
    from coopbank import opportunities

    sectors = {r["code"]: r["parent_code"] for r in db.run("project_models/sector_codes").rows}
    return sectors, {e["code"] for e in opportunities.catalogue(include_inactive=True)}


def seed_entries() -> list[dict[str, Any]]:
    """The models of ``planning/data/project_models.toml``, as written (not yet validated)."""
    with SEED_PATH.open("rb") as handle:
        return list(tomllib.load(handle)["model"])


def _params(model: ProjectModel) -> dict[str, Any]:
    entry = as_entry(model)
    return {**entry, "investment": json.dumps(model.investment), "conditions": json.dumps(model.conditions),
            "sources": json.dumps(model.sources, ensure_ascii=False)}


def ensure_seeded() -> int:
    """Store the seed's models when the catalogue is empty; return how many were added (0 if it held some)."""
    if db.run("project_models/count").rows[0]["rows"]:
        return 0
    sectors, programmes = known_codes()
    models = [validate(e, sectors=sectors, programmes=programmes) for e in seed_entries()]
    added = db.seed_once("project_models", [_params(m) for m in models], insert="project_models/upsert",
                         actor=SEED_ACTOR)
    LOGGER.info("project models catalogue seeded with %d models", added)
    return added


def _from_row(row: Mapping[str, Any]) -> ProjectModel:
    amounts = row["investment"]
    return ProjectModel(
        code=row["code"], sector_code=row["sector_code"], sub_sector_code=row["sub_sector_code"],
        name_fr=row["name_fr"], name_ar=row["name_ar"], description_fr=row["description_fr"],
        description_ar=row["description_ar"],
        investment={k: float(amounts[k]) for k in INVESTMENT_ITEMS if k in amounts},
        operating_costs_mad=tuple(float(v) for v in row["operating_costs_mad"]),
        revenue_mad=tuple(float(v) for v in row["revenue_mad"]), jobs_direct=row["jobs_direct"],
        women_share=row["women_share"], youth_share=row["youth_share"], members=row["members"],
        skills=tuple(row["skills"]), programmes=tuple(row["programmes"]), conditions=dict(row["conditions"]),
        sources=dict(row["sources"]), updated_at=row["updated_at"], updated_by=row["updated_by"])


def catalogue() -> list[ProjectModel]:
    """Every model, by sector then code (the seed is stored first if the catalogue is empty)."""
    ensure_seeded()
    return [_from_row(r) for r in db.run("project_models/catalogue", {"code": None}).rows]


def model(code: str) -> ProjectModel | None:
    """The model with ``code``, or ``None`` when there is none."""
    ensure_seeded()
    rows = db.run("project_models/catalogue", {"code": str(code)}).rows
    return _from_row(rows[0]) if rows else None


def save_model(actor: Actor, entry: ProjectModel | Mapping[str, Any]) -> ProjectModel:
    """Validate ``entry`` and add it, or replace the model with its code; return it as stored.

    Officials and administrators only (:class:`~coopbank.errors.PermissionDenied`
    otherwise). One transaction attributed to ``actor``; the triggers keep the
    change in ``project_model_history``. Nothing is stored when the entry is invalid.
    """
    require_role(actor, *EDITORS)
    ensure_seeded()
    raw = as_entry(entry) if isinstance(entry, ProjectModel) else dict(entry)
    sectors, programmes = known_codes()
    clean = validate(raw, sectors=sectors, programmes=programmes)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        db.run("project_models/lock", conn=conn)
        row = db.run("project_models/upsert", _params(clean), conn=conn).rows[0]
    LOGGER.info("project model %s %s by %s", row["code"], "added" if row["inserted"] else "updated",
                actor.audit_name)
    stored = model(clean.code)
    if stored is None:  # removed meanwhile by another editor
        raise InvalidModel("There is no project model with this code")
    return stored


def history(code: str) -> list[dict[str, Any]]:
    """Every change of model ``code``, newest first: operation, before/after (dicts), changed_by, changed_at."""
    return db.run("project_models/history", {"code": code}).rows


def draft_data(model: ProjectModel, *, commune_code: str | None = None) -> dict[str, Any]:
    """The wizard draft a holder starts from ``model`` (draft keys of :mod:`coopbank.submissions`, as text).

    Titles are the model's names; the investment, jobs (with the women's and
    youth shares turned into counts) and members are the model's; the needs list
    its skills. ``model_code`` keeps the link. Unknown figures are left empty.
    """
    def text(value: Any) -> str | None:
        return None if value is None else str(int(round(value))) if isinstance(value, float) else str(value)

    return {
        "title_fr": model.name_fr, "title_ar": model.name_ar, "description": model.description_fr,
        "sector": model.sector_code, "sub_sector": model.sub_sector_code, "status": "idea",
        "commune_code": commune_code, "investment_mad": text(model.investment_mad),
        "jobs_direct": text(model.jobs_direct), "jobs_women": text(model.jobs_of(model.women_share)),
        "jobs_youth": text(model.jobs_of(model.youth_share)), "members_total": text(model.members),
        "training_needs": "; ".join(model.skills) or None, "model_code": model.code,
    }
