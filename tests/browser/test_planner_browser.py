"""A planner's journey: pick a region on the map, drill down to a province, filter a sector, open a project."""

from __future__ import annotations

import re

from tests.browser.helpers import ARTIFACTS, open_page

MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"
# The screen position, inside the map frame, of the centre of the unit whose code is given.
UNIT_CENTRE_JS = """code => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  let found = null;
  if (map) map.eachLayer(l => {
    if (l.feature && l.feature.properties && l.feature.properties.code === code) {
      found = map.latLngToContainerPoint(l.getBounds().getCenter());
    }
  });
  return found && {x: found.x, y: found.y};
}"""


def _map_frame(page):
    """The map being shown (while the page redraws, a hidden old map may stand beside it)."""
    shown = page.locator(MAP_FRAME).filter(visible=True)
    shown.content_frame.locator(".coopbank-legend").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # the zoom animation
    return shown.element_handle().content_frame()


def _click_unit(page, code: str, *, until: str) -> None:
    """Click the middle of the unit ``code`` on the map, again while the URL does not show ``until``.

    A click that lands while the map is still settling is lost, and a person would click again.
    """
    for _ in range(5):
        centre = _map_frame(page).evaluate(UNIT_CENTRE_JS, code)
        box = page.locator(MAP_FRAME).filter(visible=True).bounding_box()
        page.mouse.click(box["x"] + centre["x"], box["y"] + centre["y"])
        page.wait_for_timeout(2000)
        if until in page.url:
            return
    page.wait_for_url(re.compile(re.escape(until)), timeout=30_000)


def _choose(multiselect, option: str) -> None:
    """Pick one option of a multiselect the way a person does with the keyboard: type, then Enter."""
    multiselect.click()
    multiselect.press_sequentially(option)
    multiselect.press("Enter")
    multiselect.press("Escape")


def test_planner_picks_a_region_drills_down_filters_a_sector_and_opens_a_project(bank_dashboard, browser):
    page = open_page(browser, f"{bank_dashboard}/?indicator=projects")
    _click_unit(page, "08", until="region=08")  # Drâa-Tafilalet
    region = page.get_by_role("combobox", name="Région")
    for _ in range(60):  # the page redraws after the URL changes
        if region.input_value().startswith("Drâa-Tafilalet"):
            break
        page.wait_for_timeout(500)
    assert region.input_value().startswith("Drâa-Tafilalet")

    page.locator("label", has_text="Provinces").click()
    page.wait_for_url(re.compile(r"level=province"), timeout=30_000)
    _click_unit(page, "08.577", until="province=08.577")  # Tinghir
    province = page.get_by_role("combobox", name="Province")
    for _ in range(60):
        if province.input_value().startswith("Tinghir"):
            break
        page.wait_for_timeout(500)
    assert province.input_value().startswith("Tinghir")
    sidebar = page.locator("[data-testid=stSidebar]")
    _choose(sidebar.get_by_role("combobox", name="Secteur"), "Artisanat")
    page.wait_for_url(re.compile(r"sector=artisanat"), timeout=30_000)
    _map_frame(page)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "planner-province-tinghir-artisanat.png"), full_page=True)
    shared = page.url  # the link a planner sends: it reopens the same province, level and sector
    again = open_page(browser, shared)
    _map_frame(again)
    assert again.get_by_role("combobox", name="Province").input_value().startswith("Tinghir")
    again.close()

    sidebar.get_by_role("link", name="Projets", exact=True).click()
    page.get_by_role("combobox", name="Région").click()
    page.get_by_role("option", name=re.compile("^Drâa-Tafilalet")).click()
    page.get_by_role("combobox", name="Province").click()
    page.get_by_role("option", name=re.compile("^Tinghir")).click()
    _choose(page.get_by_role("combobox", name="Secteur"), "Artisanat")
    page.get_by_role("heading", name=re.compile(r"^Projets trouvés: 1$")).wait_for(timeout=30_000)
    grid = page.locator("[data-testid=stDataFrame]").bounding_box()
    page.mouse.click(grid["x"] + 18, grid["y"] + 35 * 1.5)  # the only row's selection box
    page.get_by_role("link", name=re.compile("T-TIN-002")).click()
    page.get_by_role("heading", level=1, name="Tapis de Tinghir").wait_for(timeout=30_000)
    assert "ref=T-TIN-002" in page.url
    page.screenshot(path=str(ARTIFACTS / "planner-project-sheet.png"), full_page=True)
    page.close()
