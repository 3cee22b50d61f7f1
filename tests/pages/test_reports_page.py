"""The Reports page with Streamlit's AppTest, in French and Arabic: preview figures, prepare and download, errors."""

from __future__ import annotations

import io

import openpyxl
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coopbank.errors import InvalidInput
from coopbank.ui.i18n import number, percent, translate
from planning import jobs
from reports import content, export
from tests.apptest import ok, open_page

PAGE = "pages/reports.py"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test reads its own database: no content cached by an earlier test."""
    st.cache_data.clear()


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def _choose_region(at: AppTest, lang: str, region: str, fmt: str) -> AppTest:
    at.selectbox(key=f"rp-region-{lang}").set_value(region)
    at.selectbox(key="rp-format").set_value(fmt)
    return ok(at.run())


def _prepare(at: AppTest) -> AppTest:
    at.button(key="rp-prepare").click()
    return ok(at.run())


@pytest.mark.parametrize(("lang", "title", "population", "projects"),
                         [("fr", "Rapports et données ouvertes", "Population 2024", "Projets"),
                          ("ar", None, None, None)])
def test_preview_shows_the_report_figures(sample_db, lang, title, population, projects):
    at = open_page(PAGE, lang=lang)
    if title:
        assert at.title[0].value == title
    for level, code in (("national", None), ("region", "08")):
        if code:
            at = _choose_region(at, lang, code, "pdf")
        truth = content.gather(content.scope(level, code), lang).figures
        shown = _metrics(at)
        values = set(shown.values())
        assert number(truth["population_2024"], lang) in values
        assert number(truth["projects"], lang) in values
        assert percent(truth["rural_share"], lang) in values
        assert percent(truth["mountain_share"], lang) in values
        for key in ("investment_mad", "secured_mad", "gap_mad", "declared_jobs"):
            assert number(truth[key], lang) in values, key
        for kind in ("direct", "total"):
            assert jobs.range_text(*(truth[f"jobs_{kind}_{b}"] for b in jobs.BOUNDS), lang=lang,
                                   central_label=translate("central", lang)) in values
        if population:
            assert shown[population] == number(truth["population_2024"], lang)
            assert shown[projects] == number(truth["projects"], lang)
    assert at.warning, "region 08 holds demo projects: the page says so"
    assert any("version" in c.value.lower() or "نسخة" in c.value or "إصدار" in c.value for c in at.caption)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_region_as_excel_offers_the_download(sample_db, lang):
    at = _choose_region(open_page(PAGE, lang=lang), lang, "08", "xlsx")
    assert not at.get("download_button")  # nothing is built before it is asked for
    at = _prepare(at)
    buttons = at.get("download_button")
    assert len(buttons) == 1
    label = buttons[0].proto.label
    assert "rapport-region-08-" in label and label.endswith(".xlsx")
    built = export.build(content.scope("region", "08"), lang, "xlsx")
    book = openpyxl.load_workbook(io.BytesIO(built.data), read_only=True)
    assert book.sheetnames  # the same options build a readable workbook
    at.selectbox(key="rp-format").set_value("csv")
    assert not ok(at.run()).get("download_button")  # another format must be prepared again


def test_province_and_pdf_first_page(sample_db):
    at = _choose_region(open_page(PAGE, lang="fr"), "fr", "08", "pdf")
    at.selectbox(key="rp-province-fr-08").set_value("08.587")
    at = _prepare(ok(at.run()))
    assert "rapport-province-08.587-fr-" in at.get("download_button")[0].proto.label
    assert len(at.get("image")) == 1  # the first page, drawn by pdftoppm


@pytest.mark.parametrize(("lang", "empty"), [("fr", "Aucun projet"), ("ar", "لا يوجد أي مشروع")])
def test_empty_bank_still_reports(loaded_db, lang, empty):
    at = open_page(PAGE, lang=lang)
    assert empty in at.info[0].value
    assert _metrics(at)  # population and zero projects
    assert number(0, lang) in _metrics(at).values()
    assert not at.error and not at.warning
    assert len(_prepare(at).get("download_button")) == 1


def test_a_failing_export_shows_a_message(sample_db, monkeypatch):
    def refuse(*args: object, **kwargs: object) -> export.Export:
        raise InvalidInput("Unknown format 'pdf': choose one of xlsx")

    monkeypatch.setattr(export, "render", refuse)
    at = _prepare(open_page(PAGE, lang="fr"))
    assert at.error and "Unknown format" in at.error[0].value
    assert not at.get("download_button")
