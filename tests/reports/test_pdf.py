"""The PDF report read back with pdftotext: names, totals equal to SQL, data version, inert hostile text; PNG pages.

The first two pages of a French and an Arabic report are written to
``test-artifacts/`` (pdftoppm) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from coopbank import profile, projects
from coopbank.settings import REPO_ROOT
from coopbank.ui import i18n
from reports import content, pdf
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils (pdftotext, pdftoppm) is not installed")

SCOPES = [("region", "08"), ("national", None)]
ARTIFACTS = REPO_ROOT / "test-artifacts"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _text(document: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(document)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return _plain(out.stdout)


def _plain(text: str) -> str:
    """Without bidi controls, with every kind of space as a plain one (Babel groups with narrow spaces)."""
    return re.sub(r"[\u00a0\u202f\u2009]", " ", BIDI_CONTROLS.sub("", text))


def _words(name: str) -> list[str]:
    """The words of a name as pdftotext prints them: it spells the lam-alef ligature backwards."""
    return [w.replace("لا", "ال") for w in re.split(r"[\s\-–]+", name) if w]


def _sql_totals(level: str, code: str | None) -> tuple[int, float]:
    if level == "national":
        frame = projects.metrics_by_territory(projects.ProjectFilters(), level="region")
        return int(frame["projects"].sum()), float(frame["investment_mad"].sum())
    totals = profile.project_totals(level, code)
    return int(totals["projects"]), float(totals["investment_mad"])


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize(("level", "code"), SCOPES)
def test_pdf_text_holds_name_totals_and_version(sample_db, tmp_path, level, code, lang):
    data = content.gather(content.scope(level, code), lang)
    started = time.perf_counter()
    document = pdf.render_pdf(data)
    assert time.perf_counter() - started < 15
    assert document.startswith(b"%PDF")
    text = _text(document, tmp_path)
    name = data.name_ar if lang == "ar" else data.name_fr
    assert all(word in text for word in _words(name)), f"{name!r} not in the PDF text"
    assert data.name_fr in text  # the other language's name too, on the cover
    count, investment = _sql_totals(level, code)
    assert data.figures["projects"] == count
    for figure in (count, investment):
        assert _plain(i18n.number(figure, lang)) in text
    assert data.data_version in text
    assert i18n.translate("Data version", lang) in text
    if data.includes_demo:
        assert i18n.translate("DEMO", lang) in text


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_hostile_titles_print_as_text(sample_db, tmp_path, lang):
    data = content.gather(content.scope("region", "08"), lang)
    hostile = HOSTILE_HTML if lang == "ar" else HOSTILE_SQL  # the sample's Arabic and French titles
    assert hostile in set(data.top_by_priority["title_ar" if lang == "ar" else "title_fr"])
    html = pdf.report_html(data)
    assert "<script" not in html
    assert ("&lt;script&gt;alert(1)&lt;/script&gt;" if lang == "ar" else "&#39;; DROP TABLE project; --") in html
    text = _text(pdf.render_pdf(data), tmp_path)
    # pdftotext reorders the brackets of a left-to-right run on a right-to-left line (the page shows them right).
    assert all(part in text for part in re.split(r"[()<>]", hostile))


def test_same_data_gives_the_same_pdf(sample_db):
    data = content.gather(content.scope("region", "08"), "fr")
    assert pdf.render_pdf(data) == pdf.render_pdf(data)


def test_first_pages_as_png_for_a_person_to_look_at(sample_db, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    for lang in ("fr", "ar"):
        data = content.gather(content.scope("region", "08"), lang)
        path = tmp_path / f"report-{lang}.pdf"
        path.write_bytes(pdf.render_pdf(data))
        prefix = ARTIFACTS / f"report-region-08-{lang}"
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "2", str(path), str(prefix)], check=True)
        pages = sorted(ARTIFACTS.glob(f"{prefix.name}-*.png"))
        assert len(pages) >= 2 and all(p.stat().st_size > 1000 for p in pages)


def test_every_label_of_the_template_is_translated():
    template = (pdf.TEMPLATES / "report.html").read_text(encoding="utf-8")
    wanted = set(re.findall(r"\bt\('([^']+)'\)", template))
    wanted |= {*pdf.LEVEL_LABELS.values(), *pdf.UNIT_LABELS.values(), *pdf.KIND_LABELS.values(), "central",
               "Priority score", "0–100, 100 = highest priority"}
    assert {"Key figures", "Data version"} <= wanted
    for lang in i18n.LANGUAGES:
        missing = sorted(wanted - set(i18n.catalogue(lang)))
        assert not missing, f"locale/{lang}/*.po lack {missing}"
