"""The privacy notice and the threat model in a browser: axe, 320 px, keyboard, no JavaScript."""

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/privacy/", "/privacy/threat-model/"]


@pytest.mark.parametrize("path", PAGES)
def test_passes_axe_and_fits_320_px(page, axe, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    assert page.locator("h1").count() == 1
    axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_the_wide_tables_scroll_in_a_region_the_keyboard_reaches(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/privacy/threat-model/")
    region = page.get_by_role("region", name="Table 2")
    region.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Table 2"
    assert page.evaluate(
        "(e => e.scrollWidth > e.clientWidth)(document.activeElement)"
    )  # it really is wider than the screen, and scrolls inside its region


def test_the_link_to_the_threat_model_works_by_keyboard_without_javascript(nojs_page):
    nojs_page.set_default_timeout(15_000)
    nojs_page.goto("/privacy/")
    nojs_page.get_by_role("link", name="Our full threat model").focus()
    nojs_page.keyboard.press("Enter")
    nojs_page.wait_for_url("**/privacy/threat-model/")
    assert nojs_page.locator("h1").inner_text() == "Privacy: the threat model"
