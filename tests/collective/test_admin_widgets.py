"""The admin's accessible widgets: labelled date and time boxes that save what was typed,
named boxes on inline rows, and checkboxes instead of the two-list picker."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from surveys.models import Survey
from tests.library.factories import BookFactory
from tests.surveys.factories import QuestionFactory, SectionFactory, SurveyFactory, choice_question


def test_date_and_time_boxes_are_labelled_and_save_what_was_typed(client, survey_manager):
    client.force_login(survey_manager)
    page = client.get(reverse("admin:surveys_survey_add")).content.decode()
    assert '<label for="id_opens_at_0">Date</label>' in page
    assert '<input type="date" name="opens_at_0"' in page
    assert '<label for="id_opens_at_1">Time</label>' in page
    assert '<input type="time" name="opens_at_1"' in page
    client.post(
        reverse("admin:surveys_survey_add"),
        {
            "title": "Dated",
            "slug": "dated",
            "audience": "members",
            "mode": "anonymous",
            "status": "draft",
            "threshold": "5",
            "opens_at_0": "2026-12-08",
            "opens_at_1": "09:30",
        },
    )
    opens = timezone.localtime(Survey.objects.get(slug="dated").opens_at)
    assert opens.replace(tzinfo=None) == datetime(2026, 12, 8, 9, 30)


def test_inline_rows_name_each_box(client, library_curator):
    book = BookFactory()
    client.force_login(library_curator)
    page = client.get(reverse("admin:library_resource_change", args=[book.pk])).content.decode()
    assert 'aria-label="Code, row 1"' in page
    assert 'aria-label="Condition, row 1"' in page


def test_show_if_answers_are_checkboxes_not_the_two_list_picker(client, survey_manager):
    survey = SurveyFactory()
    colour = choice_question(SectionFactory(survey=survey), "Colour?", ["Red", "Blue"])
    follow = QuestionFactory(section=colour.section, position=5)
    red = colour.choices.get(text="Red")
    client.force_login(survey_manager)
    url = reverse("admin:surveys_question_change", args=[follow.pk])
    page = client.get(url).content.decode()
    assert f'type="checkbox" name="show_if_choices" value="{red.pk}"' in page
    assert "Colour? — Red" in page
    assert "selectfilter" not in page.lower()
