import pytest
from django.urls import reverse

from surveys.models import Question
from surveys.results import breakdown
from tests.surveys.factories import SectionFactory, SurveyFactory, add_pairs, choice_question
from tests.surveys.test_disclosure import consistent_tables


@pytest.fixture
def crossed(db):
    survey = SurveyFactory(slug="crossed")
    section = SectionFactory(survey=survey)
    heard = choice_question(section, "Heard?", ["Friend", "Web", "Event"])
    group = choice_question(section, "Group?", ["G1", "G2", "G3"])
    add_pairs(
        survey,
        heard,
        group,
        {
            ("Friend", "G1"): 3,
            ("Friend", "G2"): 12,
            ("Friend", "G3"): 9,
            ("Web", "G1"): 8,
            ("Web", "G2"): 10,
            ("Web", "G3"): 7,
            ("Event", "G1"): 6,
            ("Event", "G2"): 11,
            ("Event", "G3"): 14,
        },
    )
    return survey, heard, group


def test_breakdown_hides_a_cell_of_3_so_that_no_total_gives_it_away(crossed):
    survey, heard, group = crossed
    table = breakdown(survey, heard, group)
    assert table.safe
    friend = heard.choices.get(text="Friend").pk
    g1 = group.choices.get(text="G1").pk
    assert table.display(("cell", friend, g1)) == "fewer than 5"
    equations = []
    for row, _ in table.row_labels:
        equations.append((("row", row), [("cell", row, col) for col, _ in table.col_labels]))
    for col, _ in table.col_labels:
        equations.append((("col", col), [("cell", row, col) for row, _ in table.row_labels]))
    equations.append((("all",), [("row", row) for row, _ in table.row_labels]))
    equations.append((("all",), [("col", col) for col, _ in table.col_labels]))
    possible = {
        t[("cell", friend, g1)]
        for t in consistent_tables(table.cells, equations, table.status, limit=15)
    }
    assert len(possible) > 1


def test_breakdown_page_shows_the_table_to_a_survey_manager(client, survey_manager, crossed):
    survey, heard, group = crossed
    client.force_login(survey_manager)
    response = client.get(
        reverse("surveys:results-breakdown", args=[survey.slug]),
        {"question": heard.pk, "by": group.pk},
    )
    content = response.content.decode()
    assert "<caption" in content and "fewer than 5" in content
    assert ">3<" not in content


def test_breaking_a_question_down_by_itself_is_refused_with_a_message(
    client, survey_manager, crossed
):
    survey, heard, _ = crossed
    client.force_login(survey_manager)
    response = client.get(
        reverse("surveys:results-breakdown", args=[survey.slug]),
        {"question": heard.pk, "by": heard.pk},
    )
    assert "Choose a different question" in response.content.decode()


def test_written_answers_of_a_small_group_are_not_shown(client, survey_manager):
    survey = SurveyFactory()
    section = SectionFactory(survey=survey)
    said = Question.objects.create(section=section, text="Say?", kind=Question.Kind.LONG_TEXT)
    group = choice_question(section, "Group?", ["Big", "Small", "Other"])
    add_pairs(survey, said, group, {("common view", "Big"): 12, ("rare view", "Small"): 2})
    add_pairs(survey, said, group, {("third view", "Other"): 7})
    client.force_login(survey_manager)
    content = client.get(
        reverse("surveys:results-breakdown", args=[survey.slug]),
        {"question": said.pk, "by": group.pk},
    ).content.decode()
    assert "common view" in content
    assert "rare view" not in content
