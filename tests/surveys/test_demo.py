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


def test_the_demo_breakdown_by_ethnic_group_has_every_group_some_below_the_threshold(db):
    from collections import Counter

    from surveys.models import Answer, Question

    demo.seed(io.StringIO())
    survey = Survey.objects.get(slug="member-survey")
    ethnic = Question.objects.get(section__survey=survey, text="What is your ethnic group?")
    people = Counter(Answer.objects.filter(question=ethnic).values_list("choice__text", flat=True))
    assert set(people) == set(ethnic.choices.values_list("text", flat=True))
    assert people["English, Welsh, Scottish, Northern Irish or British"] >= survey.threshold
    assert any(0 < n < survey.threshold for n in people.values())
    assert Answer.objects.filter(question=ethnic, text="Polish").exists()
