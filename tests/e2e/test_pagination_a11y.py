"""Paginated lists pass axe (WCAG 2.2 A/AA), work by keyboard without JavaScript, and fit a
320 px wide screen: the sessions list (two lists, each with its own pages), meeting notes,
my loans, my recommendations and the surveys list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from facilitation.models import Recommendation
from tests.facilitation.factories import (
    FacilitatorFactory,
    MeetingNoteFactory,
    SessionFactory,
)
from tests.surveys.factories import SurveyFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def many(member):
    past = timezone.now() - timedelta(days=30)
    for n in range(25):
        SessionFactory()
        SessionFactory(
            starts_at=past - timedelta(days=n),
            ends_at=past - timedelta(days=n) + timedelta(hours=2),
        )
        MeetingNoteFactory()
        Recommendation.objects.create(facilitator=FacilitatorFactory(), member=member, why="W")
        SurveyFactory()


def test_paginated_lists_pass_axe_and_fit_a_small_screen(page, axe, login_page, member, many):
    login_page(page, member)
    page.set_viewport_size({"width": 320, "height": 800})
    for path in [
        "/facilitation/sessions/",
        "/facilitation/sessions/?page=2&past=2",
        "/facilitation/notes/?page=2",
        "/facilitation/recommendations/",
        "/surveys/",
        "/library/my-loans/",
    ]:
        page.goto(path)
        axe(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways ({width}px)"


def test_next_page_by_keyboard_without_javascript(nojs_page, many):
    nojs_page.goto("/facilitation/notes/")
    link = nojs_page.get_by_role("navigation", name="Pages of meeting notes").get_by_role(
        "link", name="Next page"
    )
    link.focus()
    nojs_page.keyboard.press("Enter")
    nojs_page.wait_for_url("**/facilitation/notes/?page=2")
    assert "Page 2 of 2" in nojs_page.content()
