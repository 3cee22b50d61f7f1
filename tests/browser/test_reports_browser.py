"""An official's journey in a real browser: a region's report in Arabic, as a PDF, prepared and downloaded."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from coopbank import settings, territory
from coopbank.ui.i18n import LANGUAGES, place_name, translate
from tests.browser.helpers import ARTIFACTS, open_page
from tests.reports.test_pdf import _plain, _words

REGION = "08"  # Drâa-Tafilalet: it holds sample projects, demo ones among them


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")
def test_official_downloads_a_region_report_in_arabic(bank_dashboard, loaded_url, browser, tmp_path):
    with settings.override(database_url=loaded_url):
        row = territory.regions().set_index("code").loc[REGION]
    page = open_page(browser, bank_dashboard)  # the national map, then the Planning menu, then Arabic
    nav = page.locator("[data-testid=stSidebarNav]")
    more = nav.get_by_role("button", name=re.compile("View .* more"))
    if more.count():
        more.click()
    nav.get_by_role("link", name=translate("Reports and open data", "fr"), exact=True).click()
    page.get_by_role("heading", level=1, name=translate("Reports and open data", "fr")).wait_for(timeout=30_000)
    page.locator("[data-testid=stSidebar]").get_by_text(LANGUAGES["ar"], exact=True).click()
    page.get_by_role("heading", level=1, name=translate("Reports and open data", "ar")).wait_for(timeout=30_000)
    assert page.url.split("?")[0].endswith("/regional-reports")
    main = page.locator("[data-testid=stMain]")

    main.get_by_role("combobox", name=translate("Region", "ar")).click()
    page.get_by_role("option", name=place_name(row["name_fr"], row["name_ar"], "ar"), exact=True).click()
    page.get_by_role("heading", name=re.compile(re.escape(row["name_ar"]))).wait_for(timeout=60_000)
    assert main.get_by_role("combobox", name=translate("Format", "ar")).input_value() == "PDF"
    main.get_by_role("button", name=translate("Prepare the file", "ar")).click()
    download_button = main.get_by_role("button", name=re.compile(r"rapport-region-08-ar-.*\.pdf"))
    download_button.wait_for(timeout=120_000)
    first_page = main.locator("[data-testid=stImage] img")  # the first page, drawn under the button
    first_page.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as started:
        download_button.click()
    saved = tmp_path / started.value.suggested_filename
    started.value.save_as(saved)

    document = saved.read_bytes()
    assert document.startswith(b"%PDF")
    text = _plain(subprocess.run(["pdftotext", "-layout", str(saved), "-"], check=True, capture_output=True,
                                 text=True).stdout)
    assert all(word in text for word in _words(row["name_ar"])), text[:500]
    page.set_viewport_size({"width": 1400, "height": 1900})  # the choices, the figures and the first page
    first_page.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "reports-region-08-ar.png"), full_page=True)
    page.close()
