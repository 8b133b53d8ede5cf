"""Our commitments: axe, keyboard, no JavaScript and 320 px."""

import datetime

import pytest

from collective.models import Commitment

pytestmark = pytest.mark.browser


def test_a_visitor_follows_a_commitment_from_the_home_page_by_keyboard(page, axe):
    # Browser tests flush the database, so the migration's commitments may be gone: make one.
    commitment, _ = Commitment.objects.get_or_create(
        slug="members-survey",
        defaults={"title": "Survey members on what stops people taking part", "summary": "."},
    )
    commitment.updates.create(published_on=datetime.date(2026, 11, 2), text="The survey is open.")
    page.goto("/")
    page.get_by_role("link", name="Our commitments").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/commitments/")
    axe(page)
    title = "Survey members on what stops people taking part"
    page.get_by_role("link", name=title, exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/commitments/members-survey/")
    assert page.locator("h1").inner_text() == "Survey members on what stops people taking part"
    assert "2 November 2026" in page.content()
    axe(page)


@pytest.mark.parametrize("path", ["/commitments/", "/commitments/remove-barriers/"])
def test_the_pages_work_without_javascript_at_320_px(nojs_page, path):
    Commitment.objects.get_or_create(
        slug="remove-barriers", defaults={"title": "Remove barriers", "summary": "."}
    )
    nojs_page.set_viewport_size({"width": 320, "height": 640})
    nojs_page.goto(path)
    assert nojs_page.locator("h1").count() == 1
    assert nojs_page.evaluate("document.documentElement.scrollWidth") <= 320
