"""Every admin page and state each staff group uses passes axe (WCAG 2.2 A/AA): lists with
filters, add and change forms, forms with errors, and every action's intermediate page. The
portal's own admin templates reflow at 320 px."""

import pytest

from collective.models import Commitment, CommitmentUpdate
from library.models import Resource, Theme
from surveys.models import Survey
from tests.e2e.admin.conftest import admin_action, scroll_width, submit_empty

pytestmark = pytest.mark.browser


def test_library_curator_pages(page, staff_login, audit_pages, back_office, library_curator):
    b = back_office
    book, requested = b["book"], b["requested"]
    # Enough themes for two pages of the list: the page links are targets too.
    Theme.objects.bulk_create(Theme(name=f"Theme {n:03}", slug=f"theme-{n:03}") for n in range(101))
    staff_login(page, library_curator)
    resources, loans = "/admin/library/resource/", "/admin/library/loan/"
    audit_pages(
        page,
        [
            "/admin/",
            "/admin/library/",
            resources,
            f"{resources}?published__exact=1&kind__exact=book&q=Queenie",
            f"{resources}?created_at__year=2026",
            f"{resources}add/",
            ("resource form with errors", lambda p: submit_empty(p, f"{resources}add/")),
            f"{resources}{book.pk}/change/",
            f"{resources}{book.pk}/history/",
            f"{resources}{book.pk}/delete/",
            (
                "delete resources",
                lambda p: admin_action(p, resources, "delete_selected", [book.pk]),
            ),
            f"{resources}import-csv/",
            (
                "import with errors",
                lambda p: submit_empty(
                    p, f"{resources}import-csv/", '#content button[type="submit"]'
                ),
            ),
            "/admin/library/theme/",
            "/admin/library/theme/?p=2",
            ("theme with errors", lambda p: submit_empty(p, "/admin/library/theme/add/")),
            "/admin/library/copy/?withdrawn__exact=0",
            "/admin/library/copy/add/",
            ("copy with errors", lambda p: submit_empty(p, "/admin/library/copy/add/")),
            f"/admin/library/copy/{b['copy'].pk}/change/",
            "/admin/library/suggestion/?status__exact=pending",
            f"/admin/library/suggestion/{b['suggestion'].pk}/change/",
            (
                "decline suggestions",
                lambda p: admin_action(
                    p, "/admin/library/suggestion/", "decline", [b["suggestion"].pk]
                ),
            ),
            (
                "decline suggestions, no reason",
                lambda p: p.get_by_role("button", name="Decline").click(),
            ),
            loans,
            f"{loans}?desk=all",
            f"{loans}?desk=overdue&delivery__exact=post",
            f"{loans}{b['on_loan'].pk}/change/",
            f"{loans}add/",
            (
                "record a request with errors",
                lambda p: submit_empty(p, f"{loans}add/", '#content button[type="submit"]'),
            ),
            f"{loans}{requested.pk}/desk/decline/",
            ("decline with no reason", lambda p: p.get_by_role("button", name="Decline").click()),
            (
                "decline loans",
                lambda p: admin_action(p, f"{loans}?desk=all", "decline", [b["posted"].pk]),
            ),
            (
                "approved",
                lambda p: (
                    p.goto(loans),
                    p.get_by_role("button", name="Approve “Queenie” for Mo Member").click(),
                ),
            ),
        ],
    )


def test_survey_manager_pages(page, staff_login, audit_pages, back_office, survey_manager):
    b = back_office
    survey, section, question = b["survey"], b["section"], b["question"]
    surveys = "/admin/surveys/survey/"
    builder = f"{surveys}{survey.pk}/build/"
    staff_login(page, survey_manager)
    audit_pages(
        page,
        [
            "/admin/",
            f"{surveys}?status__exact=draft",
            f"{surveys}add/",
            ("survey with errors", lambda p: submit_empty(p, f"{surveys}add/")),
            f"{surveys}{survey.pk}/change/",
            builder,
            (
                "builder: page without a title",
                lambda p: submit_empty(p, builder, 'button:text("Add a page")'),
            ),
            (
                "builder: moved",
                lambda p: (
                    p.goto(builder),
                    p.get_by_role("button", name="Move question 2 down").click(),
                ),
            ),
            f"/admin/surveys/section/{section.pk}/change/",
            "/admin/surveys/section/?q=about",
            "/admin/surveys/question/?kind__exact=single",
            "/admin/surveys/question/add/",
            f"/admin/surveys/question/add/?section={section.pk}",
            (
                "question with errors",
                lambda p: submit_empty(p, f"/admin/surveys/question/add/?section={section.pk}"),
            ),
            f"/admin/surveys/question/{question.pk}/change/",
            "/admin/surveys/invitationsend/",
            (
                "send an invitation",
                lambda p: admin_action(p, surveys, "send_invitation", [survey.pk]),
            ),
            ("invitation with errors", lambda p: p.get_by_role("button", name="Send").click()),
            ("delete surveys", lambda p: admin_action(p, surveys, "delete_selected", [survey.pk])),
            "/surveys/results/",
            f"/surveys/{survey.slug}/results/",
            f"/surveys/{survey.slug}/preview/1/",
        ],
    )


def test_facilitation_coordinator_pages(
    page, staff_login, audit_pages, back_office, facilitation_coordinator
):
    b = back_office
    facilitators, sessions = "/admin/facilitation/facilitator/", "/admin/facilitation/session/"
    notes = "/admin/facilitation/meetingnote/"
    staff_login(page, facilitation_coordinator)
    audit_pages(
        page,
        [
            "/admin/",
            f"{facilitators}?status__exact=recommended",
            f"{facilitators}add/",
            ("facilitator with errors", lambda p: submit_empty(p, f"{facilitators}add/")),
            f"{facilitators}{b['facilitator'].pk}/change/",
            (
                "not taken forward",
                lambda p: admin_action(p, facilitators, "not_taken_forward", [b["facilitator"].pk]),
            ),
            (
                "not taken forward, no reason",
                lambda p: p.locator('#content [type="submit"]').first.click(),
            ),
            (
                "delete facilitators",
                lambda p: admin_action(p, facilitators, "delete_selected", [b["facilitator"].pk]),
            ),
            f"{sessions}?format__exact=online",
            f"{sessions}add/",
            ("session with errors", lambda p: submit_empty(p, f"{sessions}add/")),
            f"{sessions}{b['session'].pk}/change/",
            "/admin/facilitation/registration/?status__exact=registered",
            f"/admin/facilitation/registration/{b['registration'].pk}/change/",
            "/admin/facilitation/question/?status__exact=pending",
            f"/admin/facilitation/question/{b['session_question'].pk}/change/",
            notes,
            f"{notes}add/",
            ("note with errors", lambda p: submit_empty(p, f"{notes}add/")),
            f"{notes}{b['note'].pk}/change/",
        ],
    )


def test_feedback_reader_pages(page, staff_login, audit_pages, back_office, feedback_reader):
    """Feedback, and the commitments every staff group keeps up to date."""
    feedback = back_office["feedback"]
    commitment = Commitment.objects.create(title="Listen", slug="listen", summary="We listen.")
    update = CommitmentUpdate.objects.create(commitment=commitment, text="We listened.")
    updates = "/admin/collective/commitmentupdate/"
    staff_login(page, feedback_reader)
    audit_pages(
        page,
        [
            "/admin/",
            "/admin/feedback/feedback/?status__exact=new",
            f"/admin/feedback/feedback/?received_on__year={feedback.received_on.year}",
            f"/admin/feedback/feedback/{feedback.pk}/change/",
            f"/admin/feedback/feedback/{feedback.pk}/history/",
            "/admin/collective/commitment/?status__exact=planned",
            f"/admin/collective/commitment/{commitment.pk}/change/",
            ("commitment with errors", lambda p: submit_empty_field(p, commitment)),
            f"{updates}?commitment__id__exact={commitment.pk}",
            f"{updates}add/?commitment={commitment.pk}",
            ("update with errors", lambda p: submit_empty(p, f"{updates}add/")),
            f"{updates}{update.pk}/change/",
        ],
    )


def submit_empty_field(page, commitment):
    page.goto(f"/admin/collective/commitment/{commitment.pk}/change/")
    page.get_by_label("Summary:").fill("")
    page.locator('input[name="_save"]').click()


def test_the_portals_admin_templates_fit_a_320_px_screen(
    page, staff_login, back_office, library_curator, survey_manager, facilitation_coordinator
):
    b = back_office
    long_title = "A title with a great many words, and averylongwordwithoutanyspacesinit, " * 2
    Resource.objects.filter(pk=b["book"].pk).update(title=long_title)
    Survey.objects.filter(pk=b["survey"].pk).update(title=long_title)
    page.set_viewport_size({"width": 320, "height": 640})
    staff_login(page, library_curator)
    for path in [
        "/admin/",
        "/admin/library/loan/add/",
        f"/admin/library/loan/{b['requested'].pk}/desk/decline/",
        "/admin/library/resource/import-csv/",
    ]:
        assert scroll_width(page, path) <= 320, path
    admin_action(page, "/admin/library/loan/?desk=all", "decline", [b["posted"].pk])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.context.clear_cookies()
    staff_login(page, survey_manager)
    survey = b["survey"]
    for path in [f"/admin/surveys/survey/{survey.pk}/build/", "/surveys/results/"]:
        assert scroll_width(page, path) <= 320, path
    admin_action(page, "/admin/surveys/survey/", "send_invitation", [survey.pk])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.context.clear_cookies()
    staff_login(page, facilitation_coordinator)
    facilitators = "/admin/facilitation/facilitator/"
    admin_action(page, facilitators, "not_taken_forward", [b["facilitator"].pk])
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
