"""The PDF report: a :class:`reports.content.ReportData` through the Jinja2 template, printed by WeasyPrint.

Autoescaping is on, so a project title holding markup prints as the text it
is. Every label goes through :func:`coopbank.ui.i18n.translate` and every
number through Babel (:func:`coopbank.ui.i18n.number`); Arabic pages are
``dir="rtl"``. The same data gives the same PDF: the only date in it is
``data.generated_at`` (printed, and the PDF's creation date).
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import pandas as pd
from babel.dates import format_datetime
from markupsafe import Markup
from weasyprint import HTML

from coopbank.ui.i18n import is_rtl, localised, number, percent, translate
from planning.jobs import range_text
from reports import figures

if TYPE_CHECKING:
    from reports.content import ReportData

LOGGER = logging.getLogger(__name__)
TEMPLATES = Path(__file__).resolve().parent / "templates"
LEVEL_LABELS = {"national": "National report", "region": "Regional report", "province": "Provincial report"}
KIND_LABELS = {"indirect": "Indirect jobs", "induced": "Induced jobs"}
UNIT_LABELS = {"national": "Region", "region": "Province", "province": "Commune"}
_BABEL_LOCALE = {"fr": "fr_MA", "ar": "ar_MA"}


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), undefined=jinja2.StrictUndefined,
                              autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def direction(text: str) -> str:
    """'rtl' or 'ltr' from the first strongly directional letter of ``text`` (HTML's ``dir="auto"``)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def report_html(data: ReportData) -> str:
    """The report as one HTML document (the template filled for ``data.lang``)."""
    lang = data.lang

    def t(message: str) -> str:
        return translate(message, lang)

    def num(value: Any, decimals: int = 0) -> str:
        return number(None if value is None or pd.isna(value) else float(value), lang, decimals=decimals)

    def jobs(low: Any, central: Any, high: Any) -> Markup:
        values = [None if v is None or pd.isna(v) else float(v) for v in (low, central, high)]
        span, _, central_text = range_text(*values, lang=lang, central_label=t("central")).partition(" ")
        # The low–high span reads left to right in Arabic too (else bidi prints it high–low).
        return Markup('<bdi dir="ltr">{}</bdi> {}').format(span, central_text)

    def text(fr: Any, ar: Any) -> str:
        return localised(fr if isinstance(fr, str) else None, ar if isinstance(ar, str) else None, lang)

    figures_ = data.figures
    labels = data.projects.drop_duplicates("sector_code")
    # The cost table lists every sector of the model; those without a project here show their code.
    sector_names = {row.sector_code: text(row.sector_fr, row.sector_ar) for row in labels.itertuples()}
    other = data.name_fr if lang == "ar" else data.name_ar
    context = {
        "data": data, "lang": lang, "rtl": is_rtl(lang), "t": t, "num": num, "jobs": jobs, "text": text,
        "direction": direction, "KIND_LABELS": KIND_LABELS,
        "pct": lambda share: percent(None if share is None or pd.isna(share) else float(share), lang),
        "other_name": other if other != data.name else "",
        "level_label": t(LEVEL_LABELS[data.scope.level]), "unit_label": t(UNIT_LABELS[data.scope.level]),
        "generated": f"{format_datetime(data.generated_at, 'd MMMM y, HH:mm', locale=_BABEL_LOCALE[lang])} "
                     f"({data.generated_at.tzname()})",
        "generated_iso": data.generated_at.isoformat(timespec="seconds"),
        # The SVG holds only numbers and colours of our own (no text from the data): safe as markup.
        "map_svg": Markup(figures.territory_map_svg(data.communes, data.projects, lang)),  # noqa: S704
        "legend": figures.map_legend(data.communes, lang),
        "heatmap": figures.sector_heatmap(data.sectors, lang),
        "figures": figures_,
        "sector_name": lambda code: sector_names.get(code, code),
        "records": lambda frame: frame.to_dict("records"),
        "isolated": lambda value: f"\u2066{value}\u2069",  # left-to-right isolate: survives CSS string-set
    }
    return _environment().get_template("report.html").render(context)


def render_pdf(data: ReportData) -> bytes:
    """The PDF report of ``data`` (A4, in ``data.lang``), as bytes."""
    html = report_html(data)
    LOGGER.debug("Printing the %s report %s in %s", data.scope.level, data.scope.code, data.lang)
    pdf = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    return bytes(pdf)
