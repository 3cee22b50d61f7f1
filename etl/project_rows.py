"""Check each row of a project import, field by field, listing every error of the row.

A row becomes a :class:`ProjectRow` (typed values, location inputs still to
geocode) or a list of :class:`FieldError`. Sector, sub-sector, status and
standing accept a code, a French label or an Arabic label, compared folded
(case, accents and Arabic spelling variants ignored).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from etl.geocode.textfold import fold
from etl.project_columns import BY_NAME, NAMES

MAX_MONEY = Decimal("999999999999.99")  # numeric(14, 2)
STANDINGS = {
    "existing": ("existing", "existante", "cooperative existante", "قائمة", "تعاونية قائمة"),
    "to_create": ("to_create", "a creer", "cooperative a creer", "في طور التأسيس", "تعاونية في طور التأسيس"),
    "union": ("union", "union de cooperatives", "اتحاد", "اتحاد تعاونيات"),
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9 ().-]{6,20}$")


@dataclasses.dataclass(frozen=True)
class FieldError:
    """What is wrong with one field of one row."""

    field: str
    message: str


@dataclasses.dataclass
class ProjectRow:
    """A valid row: the values to store, and its location inputs for the geocoder."""

    line: int
    values: dict[str, Any]
    contact: dict[str, str | None]
    commune_code: str | None
    commune_name: str | None
    province_name: str | None
    lat: float | None
    lon: float | None


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    """Reference lists a row is checked against, keyed by folded code and labels."""

    sectors: dict[str, str]
    sub_sectors: dict[str, tuple[str, str]]  # key -> (code, parent code)
    statuses: dict[str, str]
    commune_codes: dict[str, str]  # dotted or 9-digit -> dotted

    @classmethod
    def build(cls, sectors: Iterable[Mapping[str, Any]], statuses: Iterable[Mapping[str, Any]],
              communes: Iterable[Mapping[str, Any]]) -> Vocabulary:
        top: dict[str, str] = {}
        sub: dict[str, tuple[str, str]] = {}
        for s in sectors:
            for label in (s["code"], s["label_fr"], s["label_ar"], s["label_en"]):
                if s["parent_code"] is None:
                    top[fold(label)] = s["code"]
                else:
                    sub[fold(label)] = (s["code"], s["parent_code"])
        status = {fold(lbl): s["code"] for s in statuses
                  for lbl in (s["code"], s["label_fr"], s["label_ar"], s["label_en"])}
        codes: dict[str, str] = {}
        for c in communes:
            codes[c["code"]] = c["code"]
            codes[c["code_digits"]] = c["code"]
        return cls(top, sub, status, codes)


def _money(raw: str) -> Decimal:
    text = re.sub(r"(?i)\s*(mad|dhs?|dirhams?)\s*$", "", raw).replace("\u00a0", "").replace("\u202f", "")
    text = text.replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(",", "") if text.rfind(".") > text.rfind(",") else text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".") if re.fullmatch(r"-?\d+,\d{1,2}", text) else text.replace(",", "")
    return Decimal(text)


def _date(raw: str) -> dt.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValueError(raw)


class _Checker:
    """Collects the errors of one row while converting its fields."""

    def __init__(self, cells: Mapping[str, str | None]) -> None:
        self.cells = cells
        self.errors: list[FieldError] = []

    def error(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))

    def text(self, field: str, *, limit: int = 2000) -> str | None:
        value = self.cells.get(field)
        if value is not None and len(value) > limit:
            self.error(field, f"is longer than {limit} characters")
        return value

    def money(self, field: str) -> Decimal | None:
        raw = self.cells.get(field)
        if raw is None:
            return None
        try:
            value = _money(raw)
        except InvalidOperation:
            self.error(field, f"{raw!r} is not an amount in dirhams")
            return None
        if not value.is_finite():
            self.error(field, f"{raw!r} is not an amount in dirhams")
        elif value < 0:
            self.error(field, f"must not be negative (got {raw})")
        elif value > MAX_MONEY:
            self.error(field, f"{raw} is too large")
        else:
            return value.quantize(Decimal("0.01"))
        return None

    def count(self, field: str) -> int | None:
        raw = self.cells.get(field)
        if raw is None:
            return None
        if not re.fullmatch(r"-?\d+", raw.replace(" ", "")):
            self.error(field, f"{raw!r} is not a whole number")
            return None
        value = int(raw.replace(" ", ""))
        if value < 0:
            self.error(field, f"must not be negative (got {raw})")
            return None
        if value > 1_000_000:
            self.error(field, f"{raw} is implausibly large")
            return None
        return value

    def coordinate(self, field: str, low: float, high: float) -> float | None:
        raw = self.cells.get(field)
        if raw is None:
            return None
        try:
            value = float(raw.replace(",", "."))
        except ValueError:
            self.error(field, f"{raw!r} is not a number of decimal degrees")
            return None
        if not low <= value <= high:
            self.error(field, f"{raw} is outside {low:g}…{high:g}")
            return None
        return value

    def part_of(self, part: str, whole: str, values: Mapping[str, Any]) -> None:
        if values.get(part) is not None and values.get(whole) is not None and values[part] > values[whole]:
            self.error(part, f"({values[part]}) cannot exceed {whole} ({values[whole]})")


def check_row(line: int, cells: Mapping[str, str | None], vocabulary: Vocabulary) -> ProjectRow | list[FieldError]:
    """Validate one row; return the typed row or every error found in it."""
    c = _Checker(cells)
    reference = c.text("reference", limit=64)
    if reference is None:
        c.error("reference", "is required")
    titles = {f: c.text(f, limit=300) for f in ("title_fr", "title_ar")}
    if not any(titles.values()):
        c.error("title_fr", "a title in French or in Arabic is required")
    sector = _lookup(c, "sector", vocabulary.sectors, required=True)
    sub_sector = None
    if cells.get("sub_sector") is not None:
        found = vocabulary.sub_sectors.get(fold(cells["sub_sector"] or ""))
        if found is None:
            c.error("sub_sector", f"unknown sub-sector {cells['sub_sector']!r}")
        elif sector is not None and found[1] != sector:
            c.error("sub_sector", f"{cells['sub_sector']!r} is not a sub-sector of {sector}")
        else:
            sub_sector = found[0]
    status = _lookup(c, "status", vocabulary.statuses, required=True)
    standing = None
    if cells.get("cooperative_status") is not None:
        key = fold(cells["cooperative_status"] or "")
        standing = next((code for code, names in STANDINGS.items() if key in map(fold, names)), None)
        if standing is None:
            c.error("cooperative_status", f"{cells['cooperative_status']!r} is not existing, to_create or union")
    values: dict[str, Any] = {
        "reference": reference, **titles,
        "description": c.text("description", limit=10_000),
        "cooperative_name": c.text("cooperative_name", limit=300),
        "cooperative_status": standing,
        "odco_registration": c.text("odco_registration", limit=64),
        "sector_code": sector, "sub_sector_code": sub_sector, "status_code": status,
        "investment_mad": c.money("investment_mad"),
        "funding_secured_mad": c.money("funding_secured_mad"),
        **{f: c.count(f) for f in ("jobs_direct", "jobs_women", "jobs_youth",
                                   "members_total", "members_women", "members_youth")},
        "training_needs": c.text("training_needs"),
        "partnership_sought": c.text("partnership_sought"),
        "submitted_on": None,
    }
    for part, whole in (("jobs_women", "jobs_direct"), ("jobs_youth", "jobs_direct"),
                        ("members_women", "members_total"), ("members_youth", "members_total"),
                        ("funding_secured_mad", "investment_mad")):
        c.part_of(part, whole, values)
    if cells.get("submitted_on") is not None:
        try:
            values["submitted_on"] = _date(cells["submitted_on"] or "")
        except ValueError:
            c.error("submitted_on", f"{cells['submitted_on']!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")
    contact = {f: c.text(f, limit=200) for f in ("contact_name", "contact_phone", "contact_email")}
    if contact["contact_email"] and not EMAIL.match(contact["contact_email"]):
        c.error("contact_email", f"{contact['contact_email']!r} is not an e-mail address")
    if contact["contact_phone"] and not PHONE.match(contact["contact_phone"]):
        c.error("contact_phone", f"{contact['contact_phone']!r} is not a phone number")
    lat = c.coordinate("latitude", -90, 90)
    lon = c.coordinate("longitude", -180, 180)
    if (cells.get("latitude") is None) != (cells.get("longitude") is None):
        c.error("latitude", "latitude and longitude go together: give both or neither")
    commune_code = None
    if cells.get("commune_code") is not None:
        commune_code = vocabulary.commune_codes.get((cells["commune_code"] or "").strip())
        if commune_code is None:
            c.error("commune_code", f"unknown commune code {cells['commune_code']!r}")
    if not (cells.get("commune_code") or cells.get("commune_name")
            or (cells.get("latitude") and cells.get("longitude"))):
        c.error("commune_code", "a location is required: a commune code, a commune name or coordinates")
    if c.errors:
        return c.errors
    return ProjectRow(line, values, contact, commune_code, c.text("commune_name", limit=200),
                      c.text("province_name", limit=200), lat, lon)


def _lookup(c: _Checker, field: str, table: Mapping[str, str], *, required: bool) -> str | None:
    raw = c.cells.get(field)
    if raw is None:
        if required:
            c.error(field, "is required")
        return None
    code = table.get(fold(raw))
    if code is None:
        c.error(field, f"unknown {field} {raw!r}: use a code, a French or an Arabic label from the template")
    return code


def unknown_columns(header: Iterable[str]) -> list[str]:
    """Columns of a file that the template does not have (they are ignored)."""
    return [h for h in header if h not in BY_NAME]


def missing_columns(header: Iterable[str]) -> list[str]:
    """Required columns, or required groups, that a file lacks."""
    present = set(header)
    missing = [n for n in NAMES if BY_NAME[n].required and n not in present]
    if not present & {"title_fr", "title_ar"}:
        missing.append("title_fr or title_ar")
    if not (present & {"commune_code", "commune_name"} or {"latitude", "longitude"} <= present):
        missing.append("commune_code, commune_name or latitude+longitude")
    return missing
