"""What we heard: a closed survey's protected findings, published to members or to everyone."""

import re

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from surveys import services
from surveys.models import Findings, Survey
from surveys.results import survey_results
from tests.surveys.factories import SectionFactory, SurveyFactory, add_responses, choice_question

LIST = reverse("surveys:findings-list")


def closed_survey(slug="barriers", counts=None):
    survey = SurveyFactory(slug=slug, title=f"Survey {slug}", status=Survey.Status.CLOSED)
    question = choice_question(SectionFactory(survey=survey), "What stops you?", ["Time", "Cost"])
    add_responses(survey, question, counts or {"Time": 9, "Cost": 2})
    return survey


def findings_for(survey, *, audience="members", published=True, **fields):
    return Findings.objects.create(
        survey=survey,
        summary=fields.get("summary", "Time is the main barrier."),
        actions=fields.get("actions", "We will hold sessions in the evening."),
        audience=audience,
        published_on=timezone.localdate() if published else None,
    )


def test_visitors_see_findings_for_everyone_and_members_see_theirs_too(client, member):
    findings_for(closed_survey("open-to-all"), audience="everyone")
    findings_for(closed_survey("members-only"), audience="members")
    findings_for(closed_survey("draft"), published=False)
    visitor_page = client.get(LIST).content.decode()
    assert "Survey open-to-all" in visitor_page
    assert "Survey members-only" not in visitor_page and "Survey draft" not in visitor_page
    client.force_login(member)
    member_page = client.get(LIST).content.decode()
    assert "Survey open-to-all" in member_page and "Survey members-only" in member_page
    assert "Survey draft" not in member_page


def test_the_page_shows_the_summary_the_plan_and_the_protected_numbers(client, member):
    findings = findings_for(closed_survey(), audience="everyone")
    page = client.get(findings.get_absolute_url()).content.decode()
    assert "Time is the main barrier." in page
    assert "We will hold sessions in the evening." in page
    assert "withheld" in page, "Cost (2) is below the threshold"
    assert ">2<" not in page


def test_a_visitor_on_members_findings_is_asked_to_sign_in_and_sees_nothing_of_them(client, db):
    findings = findings_for(closed_survey())
    page = client.get(findings.get_absolute_url()).content.decode()
    assert "please sign in to read it" in page and "Create an account" in page
    assert "Time is the main barrier." not in page


def test_a_draft_is_a_404_except_as_a_preview_for_survey_managers(client, member, survey_manager):
    findings = findings_for(closed_survey(), published=False)
    client.force_login(member)
    assert client.get(findings.get_absolute_url()).status_code == 404
    client.force_login(survey_manager)
    page = client.get(findings.get_absolute_url()).content.decode()
    assert "Preview: this has not been published" in page


def test_written_answers_are_never_published(client, db):
    survey = closed_survey()
    findings = findings_for(survey, audience="everyone")
    page = client.get(findings.get_absolute_url()).content.decode()
    assert "/results/questions/" not in page


def test_an_open_surveys_findings_cannot_be_published(db):
    survey = closed_survey()
    survey.status = Survey.Status.PUBLISHED
    survey.closes_at = None
    survey.save()
    findings = findings_for(survey, published=False)
    with pytest.raises(ValidationError):
        services.findings_publish(findings=findings)
    survey.status = Survey.Status.CLOSED
    survey.save()
    services.findings_publish(findings=findings)
    assert findings.published_on == timezone.localdate()


def test_publishing_from_the_admin_says_where_and_writes_the_admin_log(client, survey_manager):
    findings = findings_for(closed_survey(), published=False)
    client.force_login(survey_manager)
    url = reverse("admin:surveys_findings_changelist")
    response = client.post(
        url, {"action": "publish", "_selected_action": [findings.pk]}, follow=True
    )
    findings.refresh_from_db()
    assert findings.is_published
    assert findings.get_absolute_url() in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(findings.pk))
    assert entry.user == survey_manager and "Published" in entry.change_message


def test_survey_managers_write_findings_and_other_staff_do_not(
    survey_manager, library_curator, feedback_reader
):
    assert survey_manager.has_perm("surveys.add_findings")
    assert not library_curator.has_perm("surveys.add_findings")
    assert not feedback_reader.has_perm("surveys.change_findings")


def test_findings_are_linked_from_the_survey_list_the_home_page_and_the_thank_you_email(
    client, member
):
    findings = findings_for(closed_survey(), audience="everyone")
    assert findings.get_absolute_url() in client.get(reverse("home")).content.decode()
    assert LIST in client.get(reverse("surveys:survey-list")).content.decode()
    client.force_login(member)
    assert (
        findings.get_absolute_url() in client.get(reverse("surveys:survey-list")).content.decode()
    )
    from collective.lib import emails

    _, body, html = emails.render(
        "surveys-confirmation",
        {"user": member, "survey": findings.survey, "took_part_on": timezone.localdate()},
    )
    assert LIST in body and LIST in html


@pytest.mark.parametrize("size", [3, 30])
def test_the_list_runs_the_same_queries_at_any_size(
    client, db, django_assert_max_num_queries, size
):
    for n in range(size):
        findings_for(closed_survey(f"s{n}", counts={"Time": 1}), audience="everyone")
    with django_assert_max_num_queries(4):
        assert client.get(LIST).status_code == 200


def test_a_published_page_shows_no_number_the_staff_results_withhold(client, survey_manager, db):
    survey = closed_survey(counts={"Time": 9, "Cost": 2})
    findings = findings_for(survey, audience="everyone")
    public = client.get(findings.get_absolute_url()).content.decode()
    staff = survey_results(survey)
    cells = re.findall(r'<tr><th scope="row">(.*?)</th><td class="text-end">(.*?)</td>', public)
    assert cells
    expected = {row.label: row.display for result in staff.questions for row in result.rows}
    for label, shown in cells:
        assert shown == expected[label], f"{label}: published {shown}, staff see {expected[label]}"
