"""A visitor picks Arabic in the header: the portal turns right to left and still passes axe."""

import pytest

pytestmark = pytest.mark.browser

PUBLIC = ["/", "/about/", "/library/", "/surveys/", "/facilitation/", "/feedback/", "/contact/"]


def pick_arabic_by_keyboard(page):
    # By id, not by its label: the label is in the page's language (in Arabic, after this).
    picker = page.locator("#language-picker-select")
    picker.focus()
    picker.select_option("ar")
    page.keyboard.press("Tab")  # to the button
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_visitor_picks_arabic_without_javascript_and_the_page_turns_right_to_left(nojs_page, axe):
    nojs_page.goto("/about/?from=test")
    pick_arabic_by_keyboard(nojs_page)
    assert nojs_page.url.endswith("/about/?from=test"), "the picker comes back to the same page"
    html = nojs_page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    assert nojs_page.locator('link[href*="bootstrap.rtl.min.css"]').count() == 1
    # Mirrored: the site's name, first in the header, now sits at the right.
    width = nojs_page.viewport_size["width"]
    name = nojs_page.locator(".site-name").bounding_box()
    assert name["x"] > width / 2
    assert nojs_page.locator("#language-picker-select").input_value() == "ar"


@pytest.mark.parametrize("width", [1280, 320])
def test_public_pages_in_arabic_pass_axe(page, axe, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/")
    pick_arabic_by_keyboard(page)
    for path in PUBLIC:
        page.goto(path)
        assert page.locator("html").get_attribute("dir") == "rtl", path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        axe(page)


def test_the_skip_link_appears_on_the_right_in_arabic(page):
    page.goto("/")
    pick_arabic_by_keyboard(page)
    page.locator(".skip-link").focus()
    box = page.locator(".skip-link").bounding_box()
    assert box["x"] > page.viewport_size["width"] / 2


def test_switching_back_to_english(page):
    page.goto("/")
    pick_arabic_by_keyboard(page)
    page.locator("#language-picker-select").select_option("en-gb")
    with page.expect_navigation():
        page.locator(".language-picker button").click()
    assert page.locator("html").get_attribute("dir") == "ltr"
