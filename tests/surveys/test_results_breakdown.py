import pytest
from django.urls import reverse

from surveys.models import Question
from surveys.results import breakdown, results_refresh
from tests.surveys.factories import SectionFactory, SurveyFactory, add_pairs, choice_question


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


def test_breakdown_withholds_a_cell_of_3_and_its_complements(crossed):
    survey, heard, group = crossed
    table = breakdown(survey, heard, group)
    friend = [key for key, _ in table.row_labels].index(heard.choices.get(text="Friend").pk)
    g1 = [key for key, _ in table.col_labels].index(group.choices.get(text="G1").pk)
    assert table.cells[friend][g1] is None
    assert table.table()["rows"][friend]["cells"][g1] == "withheld"
    # A lone withheld cell would come back by subtraction from its row: another is withheld.
    assert sum(value is None for value in table.cells[friend]) >= 2
    column = [row[g1] for row in table.cells]
    assert sum(value is None for value in column) >= 2


def test_breakdown_and_its_transpose_show_the_same_cells(crossed):
    survey, heard, group = crossed
    one, other = breakdown(survey, heard, group), breakdown(survey, group, heard)
    for i in range(len(one.row_labels)):
        for j in range(len(other.row_labels)):
            assert one.cells[i][j] == other.cells[j][i]


def test_breakdown_runs_a_fixed_number_of_queries_at_two_sizes(
    client, survey_manager, crossed, django_assert_max_num_queries
):
    survey, heard, group = crossed
    client.force_login(survey_manager)
    url = reverse("surveys:results-breakdown", args=[survey.slug])
    for extra in (0, 40):
        add_pairs(survey, heard, group, {("Web", "G2"): extra})
        results_refresh(survey=survey)
        with django_assert_max_num_queries(14):
            response = client.get(url, {"question": heard.pk, "by": group.pk})
        assert "breakdown-caption" in response.content.decode()


def test_breakdown_page_shows_the_table_to_a_survey_manager(client, survey_manager, crossed):
    survey, heard, group = crossed
    client.force_login(survey_manager)
    response = client.get(
        reverse("surveys:results-breakdown", args=[survey.slug]),
        {"question": heard.pk, "by": group.pk},
    )
    content = response.content.decode()
    assert "<caption" in content and ">withheld<" in content
    assert ">3<" not in content and ">fewer than" not in content


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
