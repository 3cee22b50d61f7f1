"""Project holders' submissions: wizard drafts, submitting them, and the holder's own projects.

A draft keeps what the holder typed, verbatim (a dict keyed by the importer's
column names of ``etl/project_columns.py`` plus ``holder_age`` and
``holder_kind``). Submitting checks the whole draft with the importer's own
field rules (:func:`etl.project_rows.check_row`), places it (a commune chosen
by code, or a map click through :func:`coopbank.territory.locate_point`) and
stores a project with publication 'submitted' that waits for an official's
decision (:mod:`coopbank.moderation`). Every write is one transaction in the
acting account's name. Amounts are in MAD; points in EPSG:4326 degrees.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import re
from typing import Any

from coopbank import db, territory
from coopbank.access import Actor, require_role
from coopbank.errors import InvalidInput, PermissionDenied
from etl.project_rows import FieldError, Vocabulary, check_row

LOGGER = logging.getLogger(__name__)
# The wizard's steps, in order; a draft remembers the one the holder was on.
STEPS = ("idea", "cooperative", "place", "money", "review")
# What each step asks, as draft keys.
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "idea": ("title_fr", "title_ar", "description", "sector", "sub_sector", "status", "holder_age", "holder_kind"),
    "cooperative": ("cooperative_status", "cooperative_name", "odco_registration"),
    "place": ("commune_code", "latitude", "longitude"),
    "money": ("investment_mad", "funding_secured_mad", "jobs_direct", "jobs_women", "jobs_youth",
              "members_total", "members_women", "members_youth", "training_needs", "partnership_sought"),
    "review": (),
}
FIELDS: tuple[str, ...] = tuple(f for fields in STEP_FIELDS.values() for f in fields)
# Draft keys no step asks: the project model a draft was started from (planning/project_models.py).
LINKS = ("model_code",)
# The kinds of holder a project names (stored as the project's target groups).
HOLDER_KINDS = ("women", "youth", "disabled", "migrants", "rural")
PUBLICATIONS = ("draft", "submitted", "changes_requested", "published", "rejected")
MAX_DRAFT_CHARS = 60_000
AGE_RANGE = (15, 100)

# The importer's English messages, as catalogued msgids with their parameters (locale/*/submissions.po).
_EXPLAINED: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), m) for p, m in (
    (r"^is required$", "This field is required"),
    (r"^a title in French or in Arabic is required$", "A title in French or in Arabic is required"),
    (r"^is longer than (?P<limit>\d+) characters$", "Is longer than {limit} characters"),
    (r"^(?P<value>.*) is not an amount in dirhams$", "{value} is not an amount in dirhams"),
    (r"^must not be negative \(got (?P<value>.*)\)$", "Must not be negative (got {value})"),
    (r"^(?P<value>.*) is too large$", "{value} is too large"),
    (r"^(?P<value>.*) is not a whole number$", "{value} is not a whole number"),
    (r"^(?P<value>.*) is implausibly large$", "{value} is implausibly large"),
    (r"^\((?P<value>.*)\) cannot exceed (?P<whole>[a-z_]+) \((?P<total>.*)\)$",
     "{value} cannot exceed the total ({total})"),
    (r"^unknown sub-sector (?P<value>.*)$", "Unknown sub-sector {value}"),
    (r"^(?P<value>.*) is not a sub-sector of (?P<sector>.*)$", "{value} is not a sub-sector of the chosen sector"),
    (r"^unknown (?P<what>sector|status) (?P<value>.*?): use a code.*$", "Unknown value {value}"),
    (r"^(?P<value>.*) is not existing, to_create or union$",
     "Choose an existing cooperative, one to be created, or a union"),
    (r"^(?P<value>.*) is not a number of decimal degrees$", "{value} is not a number of decimal degrees"),
    (r"^(?P<value>.*) is outside (?P<range>.*)$", "{value} is outside {range}"),
    (r"^latitude and longitude go together.*$", "Latitude and longitude go together: give both or neither"),
    (r"^unknown commune code (?P<value>.*)$", "Unknown commune code {value}"),
    (r"^a location is required.*$", "Choose the commune, or click the place on the map"),
    (r"^the holder's age must be a whole number between 15 and 100$",
     "The holder's age must be a whole number between 15 and 100"),
    (r"^this point is in no Moroccan province$", "This point is not in Morocco: click inside a commune"),
    (r"^unknown kind of holder (?P<value>.*)$", "Unknown kind of holder {value}"),
))


class SubmissionInvalid(InvalidInput):
    """A draft that cannot be submitted: ``errors`` says what is wrong with each field."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("Some fields need correcting: see the messages below")
        self.errors = errors


def explain(error: FieldError) -> tuple[str, dict[str, str]]:
    """A field error as a catalogued English msgid and its parameters, for the page to translate.

    ``translate(msgid, lang).format(**params)`` gives the message in the user's
    language; an error the table does not know comes back as it is.
    """
    for pattern, msgid in _EXPLAINED:
        found = pattern.match(error.message)
        if found:
            return msgid, {k: v for k, v in found.groupdict().items() if v is not None}
    return error.message, {}


@dataclasses.dataclass(frozen=True)
class Draft:
    """One saved draft: its id, the wizard step reached, what was typed, and its project once submitted."""

    id: int
    step: int
    data: dict[str, Any]
    project_id: int | None = None
    publication: str | None = None
    reference: str | None = None


def _holder(actor: Actor) -> int:
    require_role(actor, "holder")
    if actor.user_id is None:
        raise PermissionDenied("Sign in to submit a project")
    return actor.user_id


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """The draft's values as typed: strings, numbers, ``None`` or (holder kinds) lists of strings."""
    unknown = sorted(set(data) - set(FIELDS) - set(LINKS))
    if unknown:
        raise InvalidInput(f"Unknown draft fields: {', '.join(unknown)}")
    kept: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list | tuple):
            if not all(isinstance(v, str) for v in value):
                raise InvalidInput(f"Draft field {key} holds something other than text")
            kept[key] = list(value)
        elif value is None or isinstance(value, str | int | float):
            kept[key] = value
        else:
            raise InvalidInput(f"Draft field {key} holds something other than text")
    if len(json.dumps(kept, ensure_ascii=False)) > MAX_DRAFT_CHARS:
        raise InvalidInput("This draft is too long to be saved: shorten the description")
    return kept


def save_draft(actor: Actor, data: dict[str, Any], *, draft_id: int | None = None, step: int) -> int:
    """Save what a holder typed (verbatim) as a new draft or over their own ``draft_id``; return its id.

    Nothing is validated here but the shape: a draft may be incomplete or wrong.
    A draft already submitted can be saved again only while its project waits
    for the holder's changes. Raises :class:`PermissionDenied` for another
    holder's draft, :class:`InvalidInput` for an unknown draft or field.
    """
    owner_id = _holder(actor)
    if not 0 <= step < len(STEPS):
        raise InvalidInput("Unknown wizard step")
    payload = json.dumps(_clean(data), ensure_ascii=False)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        if draft_id is None:
            return int(db.run("submissions/insert_draft", {"owner_id": owner_id, "step": step, "data": payload},
                              conn=conn).rows[0]["id"])
        current = _own_draft(actor, draft_id, conn=conn)
        if current.project_id is not None and current.publication != "changes_requested":
            raise InvalidInput("This draft was submitted: it can be changed only when an official asks for changes")
        db.run("submissions/update_draft", {"draft_id": draft_id, "owner_id": owner_id, "step": step,
                                           "data": payload}, conn=conn)
    LOGGER.info("draft %s saved by %s", draft_id, actor.audit_name)
    return draft_id


def _own_draft(actor: Actor, draft_id: int, *, conn: db.Connection | None = None) -> Draft:
    rows = db.run("submissions/draft", {"draft_id": draft_id}, conn=conn).rows
    if not rows:
        raise InvalidInput("This draft does not exist")
    row = rows[0]
    if row["owner_id"] != actor.user_id:
        raise PermissionDenied("This draft belongs to another holder")
    return Draft(id=int(row["id"]), step=int(row["step"]), data=dict(row["data"]), project_id=row["project_id"],
                 publication=row["publication"], reference=row["reference"])


def draft(actor: Actor, draft_id: int) -> Draft:
    """The holder's own draft ``draft_id``; :class:`PermissionDenied` when it is another holder's."""
    _holder(actor)
    return _own_draft(actor, draft_id)


def my_drafts(actor: Actor) -> list[Draft]:
    """The holder's drafts not submitted yet, latest first."""
    owner_id = _holder(actor)
    rows = db.run("submissions/drafts_of_owner", {"owner_id": owner_id}).rows
    return [Draft(id=int(r["id"]), step=int(r["step"]), data=dict(r["data"])) for r in rows]


def _cells(data: dict[str, Any]) -> dict[str, str | None]:
    """The draft as the importer's cells: stripped strings, ``None`` when empty."""
    cells: dict[str, str | None] = {}
    for key in FIELDS:
        value = data.get(key)
        if isinstance(value, list):
            continue
        text = "" if value is None else str(value).strip()
        cells[key] = text or None
    if cells.get("commune_code"):  # a chosen commune wins over a click made before it
        cells["latitude"] = cells["longitude"] = None
    return cells


def _vocabulary(conn: db.Connection | None = None) -> Vocabulary:
    return Vocabulary.build(db.run("projects/vocabulary_sectors", conn=conn).rows,
                            db.run("projects/vocabulary_statuses", conn=conn).rows,
                            db.run("projects/vocabulary_communes", conn=conn, limit=10_000).rows)


def validate(data: dict[str, Any], *, fields: tuple[str, ...] | None = None) -> list[FieldError]:
    """Every error of ``data`` by the importer's rules (plus age and holder kind), optionally of ``fields`` only."""
    cells = {"reference": "SUB-CHECK", **_cells(data)}
    cells["status"] = cells.get("status") or "idea"
    outcome = check_row(1, cells, _vocabulary())
    errors = list(outcome) if isinstance(outcome, list) else []
    errors += _extra_errors(data)
    if fields is not None:
        wanted = set(fields) | ({"title_fr"} if "title_ar" in fields else set())
        errors = [e for e in errors if e.field in wanted]
    return errors


def _age(data: dict[str, Any]) -> int | None:
    raw = str(data.get("holder_age") or "").strip()
    return int(raw) if re.fullmatch(r"\d{1,3}", raw) and AGE_RANGE[0] <= int(raw) <= AGE_RANGE[1] else None


def _extra_errors(data: dict[str, Any]) -> list[FieldError]:
    """What the importer does not ask: the holder's age (required, 15–100) and kind."""
    errors = []
    if _age(data) is None:
        errors.append(FieldError("holder_age", "the holder's age must be a whole number between 15 and 100"))
    for kind in data.get("holder_kind") or []:
        if kind not in HOLDER_KINDS:
            errors.append(FieldError("holder_kind", f"unknown kind of holder {kind!r}"))
    return errors


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    """The draft as project values, checked and placed; raises :class:`SubmissionInvalid` listing every error."""
    errors = validate(data)
    if errors:
        raise SubmissionInvalid(errors)
    cells = {"reference": "SUB-CHECK", **_cells(data)}
    cells["status"] = cells.get("status") or "idea"
    vocabulary = _vocabulary()
    row = check_row(1, cells, vocabulary)
    if isinstance(row, list):  # validate() found none: the vocabulary changed in between
        raise SubmissionInvalid(row)
    values = dict(row.values)
    if row.commune_code is not None:
        commune = next(r for r in db.run("projects/vocabulary_communes", limit=10_000).rows
                       if r["code"] == row.commune_code)
        values |= {"commune_code": commune["code"], "province_code": commune["province_code"],
                   "region_code": commune["region_code"], "geocode_method": "commune_code",
                   "geocode_confidence": 1.0, "lat": None, "lon": None}
    elif row.lat is not None and row.lon is not None:
        place = territory.locate_point(row.lon, row.lat)
        if place["region_code"] is None:
            raise SubmissionInvalid([FieldError("latitude", "this point is in no Moroccan province")])
        values |= {"commune_code": place["commune_code"], "province_code": place["province_code"],
                   "region_code": place["region_code"], "geocode_method": "point",
                   "geocode_confidence": 1.0 if place["commune_code"] else 0.5, "lat": row.lat, "lon": row.lon}
    else:
        raise SubmissionInvalid([FieldError("commune_code", "a location is required")])
    values |= {"holder_age": _age(data), "target_groups": list(dict.fromkeys(data.get("holder_kind") or []))}
    for money in ("investment_mad", "funding_secured_mad"):
        values[money] = None if values[money] is None else str(values[money])
    return values


def submit(actor: Actor, draft_id: int) -> str:
    """Submit the holder's own draft: a new project waiting for moderation; return its reference.

    The whole draft is checked first (:class:`SubmissionInvalid` lists every
    field's error and nothing is stored); then, in one transaction as the
    actor, the project is inserted (publication 'submitted', the holder as
    owner, reference ``SUB-<year>-<n>``) and the draft is linked to it.
    """
    owner_id = _holder(actor)
    current = draft(actor, draft_id)
    if current.project_id is not None:
        raise InvalidInput("This draft was already submitted")
    values = _checked(current.data)
    model_code = _model_code(current.data)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        reference = db.run("submissions/next_reference", conn=conn).rows[0]["reference"]
        row = db.run("submissions/insert_project", {**values, "reference": reference, "owner_id": owner_id},
                     conn=conn).rows[0]
        db.run("submissions/link_draft", {"draft_id": draft_id, "project_id": row["id"], "owner_id": owner_id},
               conn=conn)
        db.run("project_models/set_project_model", {"project_id": row["id"], "owner_id": owner_id,
                                                    "model_code": model_code}, conn=conn)
    LOGGER.info("draft %s submitted as %s by %s", draft_id, reference, actor.audit_name)
    return str(reference)


def my_projects(actor: Actor) -> list[dict[str, Any]]:
    """The holder's own projects, latest first.

    Reference, titles, publication, sector and commune labels, the draft's id,
    and the latest moderation ``decision`` with its ``reason``, ``decided_by``
    and ``decided_at`` (``None`` before any decision).
    """
    owner_id = _holder(actor)
    return db.run("submissions/projects_of_owner", {"owner_id": owner_id}).rows


def draft_of_project(actor: Actor, project_id: int) -> Draft:
    """The draft the holder's own project came from (to edit it after an official asked for changes)."""
    _holder(actor)
    rows = db.run("submissions/draft_of_project", {"project_id": project_id}).rows
    if not rows:
        raise InvalidInput("This project has no draft to edit")
    if rows[0]["owner_id"] != actor.user_id:
        raise PermissionDenied("This project belongs to another holder")
    return _own_draft(actor, int(rows[0]["id"]))


def resubmit(actor: Actor, project_id: int, changes: dict[str, Any]) -> str:
    """Apply ``changes`` (draft fields) to the holder's own project an official sent back, and submit it again.

    Only a project in 'changes_requested' can be resubmitted; the merged draft
    is checked as a new submission is. One transaction: the project is updated
    and back to 'submitted', its draft keeps the new text. Returns the reference.
    """
    owner_id = _holder(actor)
    source = draft_of_project(actor, project_id)
    data = {**source.data, **_clean(changes)}
    values = _checked(data)
    model_code = _model_code(data)
    with db.connect() as conn:
        db.act_as(actor.audit_name, conn=conn)
        rows = db.run("submissions/project_for_update", {"project_id": project_id}, conn=conn).rows
        if not rows:
            raise InvalidInput("This project does not exist")
        if rows[0]["owner_id"] != owner_id:
            raise PermissionDenied("This project belongs to another holder")
        if rows[0]["publication"] != "changes_requested":
            raise InvalidInput("This project can be changed only when an official asks for changes")
        updated = db.run("submissions/update_project", {**values, "project_id": project_id, "owner_id": owner_id},
                         conn=conn).rows
        db.run("submissions/save_project_draft", {"project_id": project_id, "owner_id": owner_id,
                                                  "data": json.dumps(data, ensure_ascii=False)}, conn=conn)
        db.run("project_models/set_project_model", {"project_id": project_id, "owner_id": owner_id,
                                                    "model_code": model_code}, conn=conn)
    LOGGER.info("project %s resubmitted by %s", project_id, actor.audit_name)
    return str(updated[0]["reference"])


def _model_code(data: dict[str, Any]) -> str | None:
    """The draft's project model, when it names one that exists (a model removed since is dropped)."""
    from planning import project_models

    code = str(data.get("model_code") or "").strip()
    return code if code and project_models.model(code) is not None else None


def start_from_model(actor: Actor, model_code: str, commune_code: str | None = None) -> int:
    """Start a draft for the holder prefilled from project model ``model_code``; return the draft's id.

    The draft holds the model's names, sector, investment, jobs, members and
    skills (:func:`planning.project_models.draft_data`) and ``model_code``, so the
    submitted project keeps its link to the model. The holder then adapts it in
    the wizard. :class:`InvalidInput` when there is no such model.
    """
    from planning import project_models

    _holder(actor)
    chosen = project_models.model(model_code)
    if chosen is None:
        raise InvalidInput("There is no project model with this code")
    data = {k: v for k, v in project_models.draft_data(chosen, commune_code=commune_code).items() if v is not None}
    return save_draft(actor, data, step=0)


def project_model_code(project_id: int) -> str | None:
    """The project model project ``project_id`` was adopted from (``None`` when none)."""
    rows = db.run("project_models/project_model_code", {"project_id": project_id}).rows
    return rows[0]["model_code"] if rows else None


def search_communes(text: str, *, limit: int = 8) -> list[dict[str, Any]]:
    """Communes whose French or Arabic name looks like ``text`` (the importer's name geocoder), best first.

    Each: ``code``, ``name_fr``, ``name_ar``, ``province_code``, ``province_fr``, ``score`` (0–1).
    """
    if not text.strip():
        return []
    from etl.geocode.names import NameGeocoder  # built once: it indexes every commune's names

    geocoder = _geocoders.get(_db_key())
    if geocoder is None:
        geocoder = _geocoders[_db_key()] = NameGeocoder.from_database()
    found = geocoder.match(text[:200])
    return [{"code": c.code, "name_fr": c.name_fr, "name_ar": c.name_ar, "province_code": c.province_code,
             "province_fr": c.province_name_fr, "score": c.score} for c in found.candidates[:limit]]


_geocoders: dict[str, Any] = {}


def _db_key() -> str:
    from coopbank.settings import get_settings

    return get_settings().database_url
