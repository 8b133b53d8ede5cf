import csv
import io

import pytest
from django.urls import reverse

from surveys.models import Answer, Question
from tests.surveys.factories import SectionFactory, SurveyFactory, add_pairs, choice_question
from tests.surveys.test_disclosure import consistent_tables


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


def test_export_shows_small_counts_as_fewer_than_and_hides_a_complement(
    client, survey_manager, survey
):
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
    assert "fewer than 5" in flat
    assert "3" not in flat


def test_export_of_a_breakdown_cannot_be_subtracted_back(client, survey_manager, survey):
    client.force_login(survey_manager)
    heard, group = Question.objects.get(text="Heard?"), Question.objects.get(text="Group?")
    table = download(client, survey, question=heard.pk, by=group.pk)
    header = next(row for row in table if row and row[0] == "")
    body = [row for row in table if row and row[0] in ("Friend", "Web", "Event", "total")]
    values, status, equations = {}, {}, []
    cols = header[1:]
    for r, row in enumerate(body):
        for c, cell in enumerate(row[1:]):
            key = (r, c)
            status[key] = None if cell.isdigit() else "hidden"
            values[key] = int(cell) if cell.isdigit() else 0
    inner_rows, last = range(len(body) - 1), len(cols) - 1
    for r in range(len(body)):
        equations.append(((r, last), [(r, c) for c in range(last)]))
    for c in range(len(cols)):
        equations.append(((len(body) - 1, c), [(r, c) for r in inner_rows]))
    small = next(
        (r, c)
        for r, row in enumerate(body)
        for c, cell in enumerate(row[1:])
        if cell == "fewer than 5"
    )
    possible = {t[small] for t in consistent_tables(values, equations, status, limit=20)}
    assert len(possible) > 1


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
    rows = download(client, survey)
    assert ["3. Say?", "'=HYPERLINK(1)"] in rows
