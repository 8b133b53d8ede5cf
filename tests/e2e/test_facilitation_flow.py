"""In a real browser: two members recommend the same facilitator, a coordinator shortlists them,
and members see them on the shortlist without contact details."""

import pytest
from playwright.sync_api import expect

from facilitation.models import Facilitator
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def _as(browser, live_server, login_page, user):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(10_000)
    return login_page(context.new_page(), user)


def _recommend(page, *, name, website, why, contact_email=""):
    page.goto("/facilitation/recommend/")
    page.get_by_label("Their name").fill(name)
    page.get_by_label("Website (optional)").fill(website)
    page.get_by_label("Allyship in co-production").check()
    page.get_by_label("How you know them").fill("She ran a workshop I went to.")
    page.get_by_label("Why you recommend them").fill(why)
    if contact_email:
        page.get_by_label("Their e-mail address (optional)").fill(contact_email)
    page.get_by_role("button", name="Send recommendation").click()


def test_two_members_recommend_one_facilitator_who_is_shortlisted(
    page, browser, live_server, login_page, axe, member, other_member, facilitation_coordinator
):
    login_page(page, member)
    _recommend(
        page,
        name="Adaeze Okafor",
        website="https://commonground.example.org/",
        why="She made everyone feel able to speak.",
        contact_email="adaeze.private@example.org",
    )
    expect(page.locator(".messages")).to_contain_text("Thank you for recommending Adaeze Okafor")
    axe(page)

    second = _as(browser, live_server, login_page, other_member)
    _recommend(
        second,
        name="adaeze okafor",
        website="http://www.commonground.example.org",
        why="Calm, honest and never preachy.",
    )
    expect(second.locator(".messages")).to_contain_text(
        "had already been recommended by another member"
    )
    assert Facilitator.objects.count() == 1

    coordinator = _as(browser, live_server, login_page, facilitation_coordinator)
    coordinator.goto("/admin/facilitation/facilitator/")
    assert coordinator.locator("td.field-recommendation_count").inner_text() == "2"
    for action in ["Move to under review", "Shortlist"]:
        coordinator.locator("input[name=_selected_action]").check()
        coordinator.locator("select[name=action]").select_option(label=action)
        coordinator.get_by_role("button", name="Go").click()
        expect(coordinator.locator(".messagelist")).to_contain_text("moved to")
    expect(coordinator.locator(".messagelist")).to_contain_text("moved to shortlisted")

    viewer = _as(browser, live_server, login_page, UserFactory())
    viewer.goto("/facilitation/facilitators/")
    html = viewer.content()
    assert "Adaeze Okafor" in html
    assert "She made everyone feel able to speak." in html
    assert "Calm, honest and never preachy." in html
    assert "adaeze.private@example.org" not in html
    axe(viewer)
