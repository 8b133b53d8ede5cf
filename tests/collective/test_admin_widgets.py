"""The admin's accessible widgets: labelled date and time boxes that save what was typed,
named boxes on inline rows, and checkboxes instead of the two-list picker."""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from surveys.models import Survey
from tests.library.factories import BookFactory, ThemeFactory


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


def test_inline_rows_name_each_box_and_themes_are_checkboxes(client, library_curator):
    theme = ThemeFactory(name="Allyship")
    book = BookFactory()
    client.force_login(library_curator)
    page = client.get(reverse("admin:library_resource_change", args=[book.pk])).content.decode()
    assert 'aria-label="Code, row 1"' in page
    assert 'aria-label="Condition, row 1"' in page
    assert f'type="checkbox" name="themes" value="{theme.pk}"' in page
    assert "selectfilter" not in page.lower()
