"""Visitors who open a members-only area see a start page, not a bare log-in form."""

import pytest

from surveys.member_survey import load_member_survey

pytestmark = pytest.mark.browser


def test_a_visitor_opening_surveys_sees_the_start_page_and_reaches_sign_up(page, axe):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Surveys").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/surveys/")
    assert page.locator("h1").inner_text() == "Surveys"
    assert "What we record" in page.content()
    axe(page)
    page.get_by_role("link", name="Create an account").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/signup/?next=/surveys/")


def test_a_members_survey_start_page_says_how_long_and_what_is_recorded(page, axe):
    survey, _ = load_member_survey(publish=True)
    page.goto(f"/surveys/{survey.slug}/")
    assert page.locator("h1").inner_text() == survey.title
    assert "minutes" in page.content() and "anonymous" in page.content()
    axe(page)


@pytest.mark.parametrize("path", ["/surveys/", "/facilitation/facilitators/"])
def test_start_pages_work_without_javascript_at_320_px(nojs_page, axe, path):
    nojs_page.set_viewport_size({"width": 320, "height": 640})
    nojs_page.goto(path)
    assert nojs_page.get_by_role("link", name="Sign in", exact=True).count() >= 1
    assert nojs_page.evaluate("document.documentElement.scrollWidth") <= 320
