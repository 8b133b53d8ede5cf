import csv
import io

import pytest
from django.urls import reverse

from surveys.models import Answer, Question
from surveys.results import results_refresh
from tests.surveys.factories import SectionFactory, SurveyFactory, add_pairs, choice_question


@pytest.fixture
def survey(db):
    survey = SurveyFactory(slug="export-me")
    section = SectionFactory(survey=survey)
    heard = choice_question(section, "Heard?", ["Friend", "Web", "Event"], position=0)
    group = choice_question(section, "Group?", ["G1", "G2"], position=1)
    add_pairs(
        survey,
        heard,
        group,
        {
            ("Friend", "G1"): 3,
            ("Friend", "G2"): 12,
            ("Web", "G1"): 8,
            ("Web", "G2"): 10,
            ("Event", "G1"): 6,
            ("Event", "G2"): 11,
        },
    )
    said = Question.objects.create(
        section=section, text="Say?", kind=Question.Kind.LONG_TEXT, position=2
    )
    response = Answer.objects.filter(question=heard).first().response
    Answer.objects.create(response=response, question=said, text="=HYPERLINK(1)")
    return survey


def download(client, survey, **params):
    response = client.get(reverse("surveys:results-export", args=[survey.slug]), params)
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_export_withholds_small_counts_with_one_label(client, survey_manager, survey):
    client.force_login(survey_manager)
    rows = download(client, survey)
    heard = {row[1]: row[2] for row in rows if row and row[0] == "1. Heard?"}
    assert heard["(answered)"] == "50"
    assert heard["Friend"] == "15"
    # The one-way counts are all large enough; the breakdown is where the 3 lives.
    table = download(
        client,
        survey,
        question=Question.objects.get(text="Heard?").pk,
        by=Question.objects.get(text="Group?").pk,
    )
    flat = [cell for row in table for cell in row]
    assert "withheld" in flat
    assert "3" not in flat and not any(cell.startswith("fewer than") for cell in flat)


def test_export_says_what_it_covers(client, survey_manager, survey):
    client.force_login(survey_manager)
    rows = download(client, survey)
    note = next(row[1] for row in rows if row and row[0] == "note")
    assert "Covers the responses released so far" in note


def test_a_breakdown_address_with_bad_questions_gets_the_form_with_a_message(
    client, survey_manager, survey
):
    client.force_login(survey_manager)
    heard = Question.objects.get(text="Heard?")
    url = reverse("surveys:results-export", args=[survey.slug])
    response = client.get(url, {"question": heard.pk, "by": heard.pk})
    assert response.status_code == 400
    assert "Choose a different question" in response.content.decode()
    response = client.get(url, {"question": "nonsense", "by": "x" * 5000})
    assert response.status_code == 400


def test_export_runs_a_fixed_number_of_queries_at_two_sizes(
    client, survey_manager, survey, django_assert_max_num_queries
):
    client.force_login(survey_manager)
    heard, group = Question.objects.get(text="Heard?"), Question.objects.get(text="Group?")
    for extra in (0, 40):
        add_pairs(survey, heard, group, {("Web", "G2"): extra})
        results_refresh(survey=survey)
        with django_assert_max_num_queries(14):
            download(client, survey)
        with django_assert_max_num_queries(14):
            download(client, survey, question=heard.pk, by=group.pk)


def test_free_text_in_the_export_cannot_run_as_a_formula(client, survey_manager, survey):
    # 50 responses, 1 written answer: fewer than 5, so it is not listed at all...
    client.force_login(survey_manager)
    rows = download(client, survey)
    assert not any("HYPERLINK" in cell for row in rows for cell in row)
    # ...until enough people wrote something.
    said = Question.objects.get(text="Say?")
    heard = Question.objects.get(text="Heard?")
    for answer in Answer.objects.filter(question=heard)[1:6]:
        Answer.objects.create(response=answer.response, question=said, text="=HYPERLINK(1)")
    results_refresh(survey=survey)  # answers were added to existing responses: not seen as new
    rows = download(client, survey)
    assert ["3. Say?", "", "'=HYPERLINK(1)"] in rows
