"""The opportunities catalogue (funding, training, partnership) and which projects each one fits.

An entry (table ``opportunity``, seeded from ``coopbank/data/opportunities.toml``)
carries its eligibility rules: sectors, holder standings, the holder's age,
regions, rural-only and mountain-only flags and an investment range (MAD);
empty lists and ``None`` bounds mean "any". :func:`match` is the one pure
function that applies them to a project and says, rule by rule, why
(:class:`Reason`: ``ok`` is ``True``, ``False``, or ``None`` when the project
does not record the fact — a caveat, never a refusal). Reads use PUBLIC fields
of published projects only; officials and administrators maintain the
catalogue (:func:`save_opportunity`), every change kept in
``opportunity_history``.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import re
import tomllib
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from coopbank import db
from coopbank.access import Actor, require_role
from coopbank.errors import DataMissing, InvalidInput
from coopbank.projects import ProjectFilters
from coopbank.settings import REPO_ROOT

LOGGER = logging.getLogger(__name__)
SEED_PATH = REPO_ROOT / "coopbank" / "data" / "opportunities.toml"
SEED_ACTOR = "seed (coopbank/data/opportunities.toml)"
KINDS = ("funding", "training", "partnership")
HOLDER_KINDS = ("existing", "to_create", "union")
EDITORS = ("official", "admin")
FIELDS = ("code", "kind", "body", "name_fr", "name_ar", "description_fr", "description_ar", "sectors",
          "holder_kinds", "age_min", "age_max", "region_codes", "rural_only", "mountain_only",
          "investment_min", "investment_max", "ticket_min", "ticket_max", "url", "source", "active")
_TEXTS = ("code", "kind", "body", "name_fr", "name_ar", "description_fr", "description_ar", "url", "source")
_LISTS = ("sectors", "holder_kinds", "region_codes")
_AGES = ("age_min", "age_max")
_AMOUNTS = ("investment_min", "investment_max", "ticket_min", "ticket_max")
_CODE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class InvalidOpportunity(InvalidInput):
    """An entry breaks a rule of the catalogue; ``template`` and ``values`` let a page translate it."""

    def __init__(self, template: str, **values: Any) -> None:
        super().__init__(template.format(**values))
        self.template = template
        self.values = values


@dataclasses.dataclass(frozen=True)
class Reason:
    """One rule applied to one project: ``ok`` is True (met), False (not met) or None (fact not recorded).

    ``message`` is an English message with ``{placeholders}`` (a catalogue msgid) and
    ``values`` fills them: ``amount``/``age`` are numbers, ``range`` a (low, high)
    pair (either may be ``None``), ``sector``/``allowed`` sector codes,
    ``region`` a region code, ``kind`` holder standings. :attr:`detail` is the English text.
    """

    rule: str
    ok: bool | None
    message: str
    values: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    @property
    def detail(self) -> str:
        """The reason in English, e.g. ``"holder's age within 18–45 ✓"`` (the age itself is private)."""
        return render(self)


@dataclasses.dataclass(frozen=True)
class Eligibility:
    """Whether a project fits an opportunity (no rule failed) and every rule's reason."""

    eligible: bool
    reasons: list[Reason]

    @property
    def caveats(self) -> list[Reason]:
        """The rules that could not be checked because the project does not record the fact."""
        return [r for r in self.reasons if r.ok is None]


def _thousands(value: Any) -> str:
    return f"{value:,.0f}" if isinstance(value, float) else f"{value:,}"


def render(reason: Reason, *, translate: Callable[[str], str] = lambda s: s,
           number: Callable[[Any], str] = _thousands, sector: Callable[[str], str] = lambda c: c,
           region: Callable[[str], str] = lambda c: c, standing: Callable[[str], str] = lambda c: c) -> str:
    """``reason`` as text: its message through ``translate``, filled with values formatted by the callables."""
    values: dict[str, str] = {}
    for key, value in reason.values.items():
        if key == "range":
            low, high = value
            if low is not None and high is not None:
                values[key] = f"{number(low)}–{number(high)}"
            else:
                values[key] = f"≥ {number(low)}" if low is not None else f"≤ {number(high)}"
        elif key in ("sector",):
            values[key] = sector(value)
        elif key == "allowed":
            values[key] = ", ".join(sector(v) for v in value)
        elif key == "region":
            values[key] = region(value)
        elif key == "kind":
            values[key] = standing(value)
        elif key == "kinds":
            values[key] = ", ".join(standing(v) for v in value)
        else:
            values[key] = number(value)
    return translate(reason.message).format(**values)


def _known(value: Any) -> Any:
    """``None`` for a missing value (None, NaN, pandas' NA), else the value."""
    if value is None:
        return None
    try:
        if isinstance(value, float) and math.isnan(value):
            return None
        if value != value:  # NaN-like
            return None
    except (TypeError, ValueError):
        return None
    return value


def _within(value: float, low: float | None, high: float | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def match(project: Mapping[str, Any], opportunity: Mapping[str, Any]) -> Eligibility:
    """Apply ``opportunity``'s eligibility rules to ``project``; pure (no database).

    ``project`` needs ``sector_code``, ``sub_sector_code``, ``cooperative_status``,
    ``holder_age`` (years), ``region_code``, ``commune_kind`` ('rural'/'urban'),
    ``is_mountain`` and ``investment_mad`` (MAD); a missing or ``None`` value
    gives an "unknown" reason (``ok=None``) that does not make it ineligible.
    Only the rules the opportunity sets give a reason; an inactive entry fails.
    """
    reasons: list[Reason] = []
    if not opportunity.get("active", True):
        reasons.append(Reason("active", False, "the programme is no longer active ✗"))
    sectors = list(opportunity.get("sectors") or ())
    if sectors:
        sector, sub = _known(project.get("sector_code")), _known(project.get("sub_sector_code"))
        if sub in sectors:
            reasons.append(Reason("sector", True, "sector: {sector} ✓", {"sector": sub}))
        elif sector in sectors:
            reasons.append(Reason("sector", True, "sector: {sector} ✓", {"sector": sector}))
        elif sector is None:
            reasons.append(Reason("sector", None, "unknown: sector not recorded"))
        else:
            reasons.append(Reason("sector", False, "sector: {sector} is not among {allowed} ✗",
                                  {"sector": sub or sector, "allowed": sectors}))
    kinds = list(opportunity.get("holder_kinds") or ())
    if kinds:
        standing = _known(project.get("cooperative_status"))
        if standing is None:
            reasons.append(Reason("holder_kind", None, "unknown: cooperative standing not recorded"))
        elif standing in kinds:
            reasons.append(Reason("holder_kind", True, "cooperative: {kind} ✓", {"kind": standing}))
        else:
            reasons.append(Reason("holder_kind", False, "cooperative: {kind}, the programme is for {kinds} ✗",
                                  {"kind": standing, "kinds": kinds}))
    low, high = _known(opportunity.get("age_min")), _known(opportunity.get("age_max"))
    if low is not None or high is not None:
        age = _known(project.get("holder_age"))
        if age is None:
            reasons.append(Reason("holder_age", None, "unknown: holder age not recorded"))
        elif _within(int(age), low, high):
            reasons.append(Reason("holder_age", True, "holder's age within {range} ✓", {"range": (low, high)}))
        else:
            reasons.append(Reason("holder_age", False, "holder's age outside {range} ✗", {"range": (low, high)}))
    regions = list(opportunity.get("region_codes") or ())
    if regions:
        region = _known(project.get("region_code"))
        if region is None:
            reasons.append(Reason("region", None, "unknown: region not recorded"))
        elif region in regions:
            reasons.append(Reason("region", True, "region: {region} ✓", {"region": region}))
        else:
            reasons.append(Reason("region", False, "region: {region} is outside the programme's regions ✗",
                                  {"region": region}))
    if opportunity.get("rural_only"):
        kind = _known(project.get("commune_kind"))
        if kind is None:
            reasons.append(Reason("rural", None, "unknown: commune not known, rural or urban"))
        elif kind == "rural":
            reasons.append(Reason("rural", True, "rural commune ✓"))
        else:
            reasons.append(Reason("rural", False, "urban commune: the programme is for rural areas ✗"))
    if opportunity.get("mountain_only"):
        mountain = _known(project.get("is_mountain"))
        if mountain is None:
            reasons.append(Reason("mountain", None, "unknown: mountain or not, the commune is not known"))
        elif mountain:
            reasons.append(Reason("mountain", True, "mountain commune ✓"))
        else:
            reasons.append(Reason("mountain", False, "not a mountain commune: the programme is for mountain areas ✗"))
    low, high = _known(opportunity.get("investment_min")), _known(opportunity.get("investment_max"))
    if low is not None or high is not None:
        amount = _known(project.get("investment_mad"))
        if amount is None:
            reasons.append(Reason("investment", None, "unknown: investment not recorded"))
        else:
            verdict = _within(float(amount), low, high)
            reasons.append(Reason("investment", verdict,
                                  "investment {amount} MAD within {range} ✓" if verdict
                                  else "investment {amount} MAD outside {range} ✗",
                                  {"amount": float(amount), "range": (low, high)}))
    return Eligibility(eligible=all(r.ok is not False for r in reasons), reasons=reasons)


# ---------------------------------------------------------------- validation


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _number(field: str, value: Any, *, integer: bool) -> float | int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise InvalidOpportunity("{field} must be a number", field=field)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidOpportunity("{field} must be a number", field=field) from None
    if math.isnan(number) or math.isinf(number):
        return None
    if number < 0:
        raise InvalidOpportunity("{field} cannot be negative", field=field)
    if integer:
        if number != int(number):
            raise InvalidOpportunity("{field} must be a whole number", field=field)
        return int(number)
    return number


def _codes(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    return sorted({str(v).strip() for v in value if str(v).strip()})


def normalised(entry: Mapping[str, Any]) -> dict[str, Any]:
    """``entry`` with every field of :data:`FIELDS`: texts stripped, codes as sorted lists, numbers or ``None``."""
    out: dict[str, Any] = {}
    for field in _TEXTS:
        out[field] = _text(entry.get(field))
    out["url"] = out["url"] or None
    for field in _LISTS:
        out[field] = _codes(entry.get(field))
    for field in _AGES:
        out[field] = _number(field, entry.get(field), integer=True)
    for field in _AMOUNTS:
        out[field] = _number(field, entry.get(field), integer=False)
    out["rural_only"] = bool(entry.get("rural_only", False))
    out["mountain_only"] = bool(entry.get("mountain_only", False))
    out["active"] = bool(entry.get("active", True))
    return out


def known_codes() -> tuple[set[str], set[str]]:
    """The sector (and sub-sector) codes and the region codes a rule may name."""
    row = db.run("opportunities/known_codes").rows[0]
    return set(row["sector_codes"]), set(row["region_codes"])


def validate(entry: Mapping[str, Any], *, sectors: set[str], regions: set[str]) -> dict[str, Any]:
    """Return ``entry`` normalised, or raise :class:`InvalidOpportunity` naming its first problem.

    Checks: the code's form, the kind, the required texts (body, both names,
    source), that every sector and region code exists, the holder kinds, ages
    0–120, ordered ranges (age, investment, ticket), and an http(s) URL.
    """
    entry = normalised(entry)
    if not _CODE.match(entry["code"]):
        raise InvalidOpportunity("The code must start with a letter and hold only lower-case letters, digits "
                                 "and underscores (at most 64)")
    if entry["kind"] not in KINDS:
        raise InvalidOpportunity("The kind must be funding, training or partnership")
    for field in ("body", "name_fr", "name_ar", "source"):
        if not entry[field]:
            raise InvalidOpportunity("{field} is required", field=field)
    unknown = [c for c in entry["sectors"] if c not in sectors]
    if unknown:
        raise InvalidOpportunity("Unknown sector code: {codes}", codes=", ".join(unknown))
    unknown = [c for c in entry["region_codes"] if c not in regions]
    if unknown:
        raise InvalidOpportunity("Unknown region code: {codes}", codes=", ".join(unknown))
    unknown = [c for c in entry["holder_kinds"] if c not in HOLDER_KINDS]
    if unknown:
        raise InvalidOpportunity("Unknown holder kind: {codes}", codes=", ".join(unknown))
    for field in _AGES:
        if entry[field] is not None and entry[field] > 120:
            raise InvalidOpportunity("{field} must be between 0 and 120 years", field=field)
    for low, high in (("age_min", "age_max"), ("investment_min", "investment_max"), ("ticket_min", "ticket_max")):
        if entry[low] is not None and entry[high] is not None and entry[low] > entry[high]:
            raise InvalidOpportunity("{low} is above {high}", low=low, high=high)
    if entry["url"] is not None:
        parts = urllib.parse.urlsplit(entry["url"])
        if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", entry["url"]):
            raise InvalidOpportunity("The link must be an http:// or https:// address")
    return entry


# ---------------------------------------------------------------- storage


def seed_entries() -> list[dict[str, Any]]:
    """The entries of ``coopbank/data/opportunities.toml``, normalised (not yet validated against the database)."""
    with SEED_PATH.open("rb") as handle:
        return [normalised(e) for e in tomllib.load(handle)["opportunity"]]


def ensure_seeded() -> int:
    """Load the seed when the catalogue is empty (idempotent, under the writers' lock); return entries added."""
    if db.run("opportunities/count").rows[0]["rows"]:
        return 0
    sectors, regions = known_codes()
    entries = [validate(e, sectors=sectors, regions=regions) for e in seed_entries()]
    added = db.seed_once("opportunities", entries, insert="opportunities/upsert", actor=SEED_ACTOR)
    LOGGER.info("opportunities catalogue seeded with %d entries", added)
    return added


def catalogue(kind: str | None = None, *, include_inactive: bool = False) -> list[dict[str, Any]]:
    """The catalogue's entries (every field of :data:`FIELDS`, plus ``updated_at``/``updated_by``), by kind then code.

    ``kind`` is one of :data:`KINDS` (``None`` = all); inactive entries only with
    ``include_inactive``. The seed is stored first if the table is empty.
    """
    if kind is not None and kind not in KINDS:
        raise InvalidOpportunity("The kind must be funding, training or partnership")
    ensure_seeded()
    return db.run("opportunities/catalogue", {"kind": kind, "include_inactive": include_inactive,
                                               "code": None}).rows


def opportunity(code: str) -> dict[str, Any]:
    """One entry by code (active or not); :class:`DataMissing` when there is none."""
    ensure_seeded()
    rows = db.run("opportunities/catalogue", {"kind": None, "include_inactive": True, "code": code}).rows
    if not rows:
        raise DataMissing("No programme has this code")
    return rows[0]


def save_opportunity(actor: Actor, entry: Mapping[str, Any]) -> dict[str, Any]:
    """Validate ``entry`` and add it, or replace the entry with its code; return it as stored.

    Officials and administrators only (:class:`~coopbank.errors.PermissionDenied`
    otherwise). One transaction attributed to ``actor``; the triggers keep the
    change in ``opportunity_history``. Nothing is stored when the entry is invalid.
    """
    require_role(actor, *EDITORS)
    ensure_seeded()
    sectors, regions = known_codes()
    clean = validate(entry, sectors=sectors, regions=regions)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        db.run("opportunities/lock", conn=conn)
        row = db.run("opportunities/upsert", clean, conn=conn).rows[0]
    LOGGER.info("opportunity %s %s by %s", row["code"], "added" if row["inserted"] else "updated", actor.audit_name)
    return opportunity(clean["code"])


def history(actor: Actor, code: str) -> list[dict[str, Any]]:
    """Every change of entry ``code``, newest first (operation, before/after as dicts, who, when); editors only."""
    require_role(actor, *EDITORS)
    return db.run("opportunities/history", {"code": code}).rows


# ---------------------------------------------------------------- matching


def eligible_for_project(reference: str) -> list[tuple[dict[str, Any], Eligibility]]:
    """The active programmes a PUBLISHED project appears eligible for, each with the reasons of :func:`match`.

    :class:`DataMissing` when no published project has ``reference``.
    """
    rows = db.run("opportunities/project_facts", {"reference": reference}).rows
    if not rows:
        raise DataMissing("No published project has this reference")
    project = rows[0]
    found = []
    for entry in catalogue():
        verdict = match(project, entry)
        if verdict.eligible:
            found.append((entry, verdict))
    return found


def projects_eligible_for(code: str, filters: ProjectFilters | None = None, *,
                          limit: int | None = None) -> list[tuple[dict[str, Any], Eligibility]]:
    """The published projects matching ``filters`` that appear eligible for programme ``code``, with reasons.

    SQL keeps only projects the rules do not already rule out
    (``queries/opportunities/candidates.sql``); :func:`match` then gives the
    verdict and the reasons, so the result equals :func:`match` applied to
    every project of the list. Public fields only; ordered by region then reference.
    """
    entry = opportunity(code)
    params: dict[str, Any] = {
        **(filters or ProjectFilters()).params(),
        "sectors": list(entry["sectors"]) or None,
        "region_codes": list(entry["region_codes"]) or None,
        "rural_only": bool(entry["rural_only"]), "mountain_only": bool(entry["mountain_only"]),
        "opp_investment_min": entry["investment_min"], "opp_investment_max": entry["investment_max"],
        "holder_kinds": list(entry["holder_kinds"]) or None,
        "age_min": entry["age_min"], "age_max": entry["age_max"],
    }
    rows = db.run("opportunities/candidates", params, limit=limit).rows
    found = []
    for row in rows:
        verdict = match(row, entry)
        if verdict.eligible:
            found.append((row, verdict))
    return found


def reasons_text(reasons: Sequence[Reason]) -> str:
    """The reasons in English, one per line (logs, exports)."""
    return "\n".join(r.detail for r in reasons)
