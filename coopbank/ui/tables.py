"""Project bank tables shaped for display: chosen columns, the interface language, translated headers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from coopbank.ui.i18n import localised, place_name, translate
from coopbank.ui.labels import demo_marker


def _in_language(frame: pd.DataFrame, prefix: str, lang: str) -> list[str]:
    return [localised(fr, ar, lang) for fr, ar in zip(frame[f"{prefix}_fr"], frame[f"{prefix}_ar"], strict=True)]


def projects_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows of :func:`coopbank.projects.list_projects` as the explorer shows them (amounts in MAD)."""
    table = pd.DataFrame({
        translate("Reference", lang): frame["reference"],
        translate("Demo", lang): [demo_marker(bool(d), lang) for d in frame["is_demo"]],
        translate("Title", lang): _in_language(frame, "title", lang),
        translate("Sector", lang): _in_language(frame, "sector", lang),
        translate("Status", lang): _in_language(frame, "status", lang),
        translate("Commune", lang): _in_language(frame, "commune", lang),
        translate("Province", lang): _in_language(frame, "province", lang),
        translate("Region", lang): _in_language(frame, "region", lang),
        translate("Investment (MAD)", lang): frame["investment_mad"],
        translate("Funding secured (MAD)", lang): frame["funding_secured_mad"],
        translate("Direct jobs", lang): frame["jobs_direct"].astype("Int64"),
    })
    return table.reset_index(drop=True)


def export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`coopbank.projects.list_projects` flattened for a CSV file (lists joined)."""
    return frame.assign(target_groups=[", ".join(g or ()) for g in frame["target_groups"]])


def history_table(history: Iterable[Mapping[str, Any]], lang: str) -> pd.DataFrame:
    """A project's status changes (oldest first) with the statuses in the interface language."""
    return pd.DataFrame(
        [{translate("Date", lang): h["changed_at"].strftime("%Y-%m-%d %H:%M"),
          translate("From", lang): localised(h["from_fr"], h["from_ar"], lang) or "–",
          translate("To", lang): localised(h["to_fr"], h["to_ar"], lang)} for h in history],
        columns=[translate("Date", lang), translate("From", lang), translate("To", lang)],
    )


def candidates_table(candidates: Iterable[Mapping[str, Any]], lang: str) -> pd.DataFrame:
    """A review's candidate communes with their province, HCP code and score (0–1, higher is closer)."""
    return pd.DataFrame(
        [{translate("Commune", lang): place_name(c["name_fr"], c["name_ar"], lang),
          translate("Province", lang): place_name(c["province_fr"], c["province_ar"], lang),
          translate("HCP code", lang): c["commune_code"],
          translate("Score", lang): round(c["score"], 2) if c["score"] is not None else None}
         for c in candidates],
        columns=[translate("Commune", lang), translate("Province", lang), translate("HCP code", lang),
                 translate("Score", lang)],
    )


def rejections_table(rejections: Iterable[Any], lang: str) -> pd.DataFrame:
    """Every error of every rejected import row, one line each (row number, reference, field, message)."""
    return pd.DataFrame(
        [{translate("Row", lang): r.row_number, translate("Reference", lang): r.reference or "",
          translate("Field", lang): e.field, translate("Problem", lang): e.message}
         for r in rejections for e in r.errors],
        columns=[translate("Row", lang), translate("Reference", lang), translate("Field", lang),
                 translate("Problem", lang)],
    )
