"""The project bank in a real browser: explore, filter by region, open a project's sheet."""

from __future__ import annotations

import re

from tests.browser.helpers import ARTIFACTS, open_page
from tests.project_samples import HOSTILE_HTML, HOSTILE_SQL

SHEET_MAP = "iframe[title='streamlit_folium.st_folium']"
ROW_HEIGHT_PX = 35  # Streamlit's data grid: the header and every row


def shown_text(locator) -> str:
    """The text a person reads: without the invisible word joiners that keep "--" from becoming a dash."""
    return locator.inner_text().replace("\u2060", "")


def test_explore_filter_by_region_and_open_a_sheet(bank_dashboard, browser):
    # From the home page, as a person would (a fresh server's first page must be app.py: see app.py).
    page = open_page(browser, bank_dashboard)
    alerts: list[str] = []
    page.on("dialog", lambda dialog: (alerts.append(dialog.message), dialog.dismiss()))
    page.locator("[data-testid=stSidebarNav]").get_by_role("link", name="Projets", exact=True).click()
    page.get_by_role("heading", name=re.compile(r"^Projets trouvés: 6")).wait_for(timeout=30_000)
    assert page.url.split("?")[0].endswith("/explorer")

    page.get_by_role("combobox", name="Région").click()
    page.get_by_role("option", name=re.compile("^Drâa-Tafilalet")).click()
    page.get_by_role("heading", name=re.compile(r"^Projets trouvés: 3")).wait_for(timeout=30_000)
    assert "Demo" not in page.locator("[data-testid=stMain]").inner_text()  # headers are translated
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "projects-region-08.png"), full_page=True)

    grid = page.locator("[data-testid=stDataFrame]").bounding_box()
    # The first row's selection box, left of the first column (rows are sorted by reference: T-DRA-003 first).
    page.mouse.click(grid["x"] + 18, grid["y"] + ROW_HEIGHT_PX * 1.5)
    link = page.get_by_role("link", name=re.compile("Ouvrir la fiche de T-DRA-003"))
    link.wait_for(timeout=30_000)
    link.click()

    heading = page.get_by_role("heading", level=1, name=re.compile("DROP TABLE"))
    heading.wait_for(timeout=30_000)
    assert "ref=T-DRA-003" in page.url
    assert shown_text(heading) == HOSTILE_SQL  # exactly as typed: no dash made of "--"
    main = page.locator("[data-testid=stMain]")
    main.get_by_text("Bouzeroual").first.wait_for(timeout=30_000)  # the rest of the sheet has arrived
    assert HOSTILE_HTML in shown_text(main)  # the other title, shown as text
    assert "DÉMO" in main.inner_text()
    page.frame_locator(SHEET_MAP).locator(".leaflet-interactive").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "project-sheet-fr.png"), full_page=True)
    assert not alerts  # the <script> title never ran
    page.close()


def test_arabic_project_sheet(bank_dashboard, browser):
    page = open_page(browser, f"{bank_dashboard}/project?ref=T-IFR-001&lang=ar")
    page.get_by_role("heading", level=1, name="زعفران إفران").wait_for(timeout=30_000)
    page.wait_for_function(
        "getComputedStyle(document.querySelector('[data-testid=stMain]')).direction === 'rtl'", timeout=30_000
    )
    main = page.locator("[data-testid=stMain]")
    assert "Coopérative Azrou Safran" in main.inner_text() and "fatima" not in main.inner_text().lower()
    page.frame_locator(SHEET_MAP).locator(".leaflet-interactive").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "project-sheet-ar.png"), full_page=True)
    page.close()
