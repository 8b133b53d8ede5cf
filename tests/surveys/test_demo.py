import io

from surveys import demo
from surveys.models import Participation, Response, Survey
from surveys.results import survey_results


def test_demo_publishes_the_member_survey_with_results_to_show(db):
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())  # idempotent
    survey = Survey.objects.get(slug="member-survey")
    assert survey.is_open()
    assert Response.objects.filter(survey=survey).count() == demo.DEMO_RESPONSES
    assert not survey.waiting_count()  # released, so the results show them
    assert not Participation.objects.exists()  # demo members can still take part
    results = survey_results(survey)
    assert results.enough
    assert any(row.count for r in results.questions for row in r.rows)
