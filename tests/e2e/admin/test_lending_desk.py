"""A curator runs the lending desk by keyboard alone, with JavaScript off: approves a request,
marks it collected and returned, and declines another with a reason. Each confirmation names
the book and the person."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect

from library import services
from library.models import Loan
from tests.e2e.admin.conftest import press_enter_on, tab_to
from tests.factories import UserFactory
from tests.library.factories import BookFactory, CopyFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def requests(transactional_db):
    queenie = BookFactory(title="Queenie", copies=0)
    CopyFactory(resource=queenie, code="CPC-Q-1")
    grace = UserFactory(email="grace@example.org", display_name="Grace")
    mo = UserFactory(email="mo@example.org", display_name="Mo")
    first = services.loan_request(resource=queenie, borrower=grace)
    second = services.loan_request(resource=BookFactory(title="Natives"), borrower=mo)
    return first, second


def test_a_curator_runs_the_desk_by_keyboard_without_javascript(
    nojs_page, staff_login, library_curator, requests
):
    first, second = requests
    page = staff_login(nojs_page, library_curator)
    messages = page.locator(".messagelist")

    # The desk opens on the requests to approve.
    page.goto("/admin/library/loan/")
    expect(page.locator("#changelist-filter .selected").first).to_contain_text(
        "Requests to approve"
    )
    press_enter_on(page, page.get_by_role("button", name="Approve “Queenie” for Grace"))
    held_until = date_format(timezone.localdate() + timedelta(days=7), "j F")
    expect(messages).to_contain_text(
        f"“Queenie” approved for Grace: copy CPC-Q-1 held until {held_until}. "
        "Grace has been e-mailed."
    )

    press_enter_on(page, page.get_by_role("link", name="Ready to collect or post"))
    press_enter_on(page, page.get_by_role("button", name="Collected “Queenie” for Grace"))
    due = date_format(timezone.localdate() + timedelta(days=28), "j F")
    expect(messages).to_contain_text(
        f"“Queenie” is on loan to Grace (copy CPC-Q-1), due back on {due}."
    )

    press_enter_on(page, page.get_by_role("link", name="All loans"))
    press_enter_on(page, page.get_by_role("button", name="Returned “Queenie” for Grace"))
    expect(messages).to_contain_text("“Queenie” returned by Grace: copy CPC-Q-1 is back on")

    # Declining asks for the reason on a page of its own.
    press_enter_on(page, page.get_by_role("link", name="Requests to approve"))
    press_enter_on(page, page.get_by_role("link", name="Decline “Natives” for Mo"))
    expect(page.locator("#content")).to_contain_text("“Natives” for Mo")
    tab_to(page, page.get_by_label("Reason (sent to the person)"))
    page.keyboard.type("We only lend to members in the UK.")
    press_enter_on(page, page.get_by_role("button", name="Decline"))
    expect(messages).to_contain_text(
        "Mo’s request for “Natives” is declined. Mo has been e-mailed the reason."
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Loan.Status.RETURNED, Loan.Status.DECLINED)
    assert second.decline_reason == "We only lend to members in the UK."
    logged = LogEntry.objects.filter(user=library_curator).order_by("action_time")
    assert [entry.change_message.split(":")[0].rstrip(".") for entry in logged] == [
        "Approved",
        "Collected",
        "Returned",
        "Declined",
    ]
    assert [message.to for message in mail.outbox] == [["grace@example.org"], ["mo@example.org"]]


def test_the_desk_dates_are_visible_beside_the_filters_at_1280_px(
    page, staff_login, library_curator, requests
):
    long_title = "Me and White Supremacy: How to Recognise Your Privilege, Combat Racism"
    someone = UserFactory(display_name="", email="a.rather.long.address.indeed@example.org")
    services.loan_request(resource=BookFactory(title=long_title), borrower=someone)
    staff_login(page, library_curator)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/admin/library/loan/?desk=all")
    # The table may scroll inside its own box; these columns must show without scrolling it.
    visible = page.locator("#changelist-form .results").bounding_box()
    right = min(1280, visible["x"] + visible["width"])
    for column in ["requested_on", "pickup_on", "due", "late", "next_step"]:
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box["x"] + box["width"] <= right, column
    assert (
        page.evaluate("document.querySelector('#changelist-form .results').scrollWidth")
        <= (visible["width"])
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
