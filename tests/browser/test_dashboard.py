"""The main journeys in a real browser: Debian's Chromium driven by Playwright.

The dashboard and the browser come from ``conftest.py``: ``streamlit run app.py``
on a free local port against the loaded test database. Screenshots go under
``test-artifacts/`` to look at.
"""

from __future__ import annotations

import time

import pytest

from tests.browser.helpers import ARTIFACTS, open_page

# Counts the territorial units Leaflet drew (the map renders on a canvas, not SVG paths)
# and returns the screen position, inside the frame, of the centre of the largest one.
FEATURES_JS = """() => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  if (!map) return null;
  let count = 0, best = null, bestSize = -1;
  map.eachLayer(l => {
    if (l.feature && l.feature.properties && l.feature.properties.code) {
      count += 1;
      const b = l.getBounds(), size = (b.getEast() - b.getWest()) * (b.getNorth() - b.getSouth());
      if (size > bestSize) { bestSize = size; best = map.latLngToContainerPoint(l.getCenter()); }
    }
  });
  return {count, x: best && best.x, y: best && best.y};
}"""
MAP_FRAME = "iframe[title='streamlit_folium.st_folium']"


def _map_features(page) -> dict:
    """Wait for the map to draw; return the feature count and a point over a feature (page pixels)."""
    page.frame_locator(MAP_FRAME).locator(".coopbank-legend").wait_for(timeout=60_000)
    frame = page.frame(url=lambda u: "st_folium" in u)
    deadline = time.monotonic() + 30
    while (drawn := frame.evaluate(FEATURES_JS)) is None or drawn["count"] == 0:
        if time.monotonic() > deadline:
            pytest.fail("the map drew no feature")
        time.sleep(0.5)
    page.wait_for_timeout(1500)  # let the zoom animation end before anyone looks
    box = page.locator(MAP_FRAME).bounding_box()
    return {"count": drawn["count"], "x": box["x"] + drawn["x"], "y": box["y"] + drawn["y"]}


def test_national_map_draws_regions_with_a_legend(dashboard, browser):
    page = open_page(browser, dashboard)
    drawn = _map_features(page)
    assert drawn["count"] == 12
    frame = page.frame_locator(MAP_FRAME)
    assert "Population 2024" in frame.locator(".coopbank-legend").inner_text()
    tooltip = frame.locator(".leaflet-tooltip").first
    for _ in range(10):  # the map may still be settling: hover again at the feature's current place
        page.mouse.move(drawn["x"] + 5, drawn["y"] + 5)
        page.mouse.move(drawn["x"], drawn["y"], steps=3)
        if tooltip.is_visible():
            break
        page.wait_for_timeout(1000)
        drawn = _map_features(page)
    assert any(name in tooltip.inner_text() for name in ("Dakhla", "Laâyoune", "Guelmim", "Souss", "Drâa"))
    page.screenshot(path=str(ARTIFACTS / "national-map-fr.png"), full_page=True)
    page.close()


def test_arabic_interface_is_right_to_left(dashboard, browser):
    page = open_page(browser, dashboard)
    _map_features(page)  # wait for the page to settle, as a person would, before switching
    arabic = page.get_by_role("radio", name="العربية")
    for _ in range(5):  # a click that lands while the page is still redrawing is lost: click again, as a person would
        page.locator("label", has_text="العربية").click()
        page.wait_for_timeout(1000)
        if arabic.is_checked():
            break
    page.get_by_role("heading", name="الخريطة الوطنية").wait_for(timeout=30_000)
    page.wait_for_function(
        "getComputedStyle(document.querySelector('[data-testid=stMain]')).direction === 'rtl'", timeout=30_000
    )
    assert "lang=ar" in page.url
    indicator = page.get_by_role("combobox", name="المؤشر")
    indicator.wait_for(timeout=30_000)
    assert indicator.input_value() == "السكان 2024"  # the chosen option is translated too
    assert _map_features(page)["count"] == 12
    page.screenshot(path=str(ARTIFACTS / "national-map-ar.png"), full_page=True)
    page.close()


def test_a_shared_link_reopens_a_region_at_commune_level(dashboard, browser):
    page = open_page(browser, f"{dashboard}/?region=08&level=commune&indicator=mountain_share&mountain=1")
    assert _map_features(page)["count"] == 125  # Drâa-Tafilalet's communes
    assert "Montagne" in page.frame_locator(MAP_FRAME).locator(".coopbank-legend").inner_text()
    page.screenshot(path=str(ARTIFACTS / "region-08-mountain.png"), full_page=True)
    page.close()


def test_about_page_credits_the_sources(dashboard, browser):
    page = open_page(browser, f"{dashboard}/about")
    body = page.locator("[data-testid=stMain]").inner_text()
    assert "Haut-Commissariat au Plan" in body and "OpenStreetMap" in body
    page.screenshot(path=str(ARTIFACTS / "about.png"), full_page=True)
    page.close()
