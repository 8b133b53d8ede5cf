"""Translations in the admin: a survey's texts side by side with what is missing, one language
written at a time; the rest of the admin writes the original whatever its own language."""

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from surveys.models import Choice, Question, Section
from surveys.services import survey_duplicate


def translations_url(survey, language=None):
    if language is None:
        return reverse("admin:surveys_survey_translations", args=[survey.pk])
    return reverse("admin:surveys_survey_translations_edit", args=[survey.pk, language])


@pytest.fixture
def manager(client, survey_manager):
    client.force_login(survey_manager)
    return client


def test_only_survey_managers_see_and_write_translations(check_access, small_survey):
    urls = [translations_url(small_survey), translations_url(small_survey, "ar")]
    check_access(urls, allowed={"survey_manager", "superuser"})


def test_every_text_is_listed_with_the_missing_ones_counted_per_language(manager, small_survey):
    Question.objects.filter(text_en_gb="Favourite colour?").update(text_pl="Ulubiony kolor?")
    content = manager.get(translations_url(small_survey)).content.decode()
    # Title, 2 page titles, 3 questions, 3 choices.
    # Each language's name is marked as that language (a screen reader says it in its own).
    assert '<span lang="ar">العربية</span>: 9 of 9 texts missing' in content
    assert '<span lang="pl">Polski</span>: 8 of 9 texts missing' in content
    for text in ["Small survey", "First page", "Favourite colour?", "Red", "Anything else?"]:
        assert f"<td>{text}</td>" in content
    assert "Ulubiony kolor?" in content
    assert content.count(">Missing</strong>") == 17
    assert 'dir="rtl" lang="ar"' in content


def test_a_survey_manager_writes_the_arabic_translations(manager, survey_manager, small_survey):
    url = translations_url(small_survey, "ar")
    form = manager.get(url).content.decode()
    question = Question.objects.get(text_en_gb="Favourite colour?")
    red = Choice.objects.get(text_en_gb="Red")
    key = f"question-{question.pk}-text"
    assert f'name="{key}"' in form and 'lang="ar" dir="rtl"' in form
    response = manager.post(url, {key: " ما لونك المفضل؟ ", f"choice-{red.pk}-text": "أحمر"})
    assert response.status_code == 302
    question.refresh_from_db()
    red.refresh_from_db()
    assert question.text_ar == "ما لونك المفضل؟" and question.text_en_gb == "Favourite colour?"
    assert red.text_ar == "أحمر" and red.text_pl is None
    assert "العربية</span>: 7 of 9 texts missing" in manager.get(response.url).content.decode()
    entry = LogEntry.objects.get(user=survey_manager)
    assert entry.change_message == "Changed 2 translation(s) into العربية."


def test_a_translation_too_long_is_refused_next_to_its_box(manager, small_survey):
    section = Section.objects.get(title_en_gb="First page")
    response = manager.post(
        translations_url(small_survey, "pl"), {f"section-{section.pk}-title": "x" * 201}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 200 characters" in response.content.decode()
    section.refresh_from_db()
    assert section.title_pl is None


def test_an_unknown_language_is_not_found(manager, small_survey):
    assert manager.get(translations_url(small_survey, "en-gb")).status_code == 404
    assert manager.get(translations_url(small_survey, "de")).status_code == 404


def test_the_admin_in_arabic_edits_the_original_and_keeps_the_translation(manager, small_survey):
    question = Question.objects.get(text_en_gb="Anything else?")
    question.text_ar = "هل هناك شيء آخر؟"
    question.save()
    manager.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    url = reverse("admin:surveys_question_change", args=[question.pk])
    assert 'value="Anything else?"' in manager.get(url).content.decode()
    data = {
        "section": question.section_id,
        "text": "Anything else to add?",
        "kind": "long_text",
        "choices-TOTAL_FORMS": 0,
        "choices-INITIAL_FORMS": 0,
    }
    assert manager.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.text_en_gb == "Anything else to add?"
    assert question.text_ar == "هل هناك شيء آخر؟"


def test_yes_no_choices_and_new_pages_get_the_original_text_from_an_arabic_admin(
    manager, small_survey
):
    manager.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    section = small_survey.sections.get(position=1)
    manager.post(
        reverse("admin:surveys_question_add"),
        {
            "section": section.pk,
            "text": "Coming back?",
            "kind": "yes_no",
            "choices-TOTAL_FORMS": 0,
            "choices-INITIAL_FORMS": 0,
        },
    )
    question = Question.objects.get(text_en_gb="Coming back?")
    assert [c.text_en_gb for c in question.choices.all()] == ["Yes", "No"]
    manager.post(
        reverse("admin:surveys_survey_builder_page_add", args=[small_survey.pk]),
        {"title": "Third page"},
    )
    assert Section.objects.filter(survey=small_survey, title_en_gb="Third page").exists()


def test_a_duplicate_keeps_every_translation(small_survey):
    small_survey.title_ar = "استبيان صغير"
    small_survey.save()
    Section.objects.filter(title_en_gb="First page").update(title_pl="Pierwsza strona")
    Choice.objects.filter(text_en_gb="Red").update(text_ar="أحمر")
    copy = survey_duplicate(survey=small_survey)
    assert copy.title_en_gb == "Small survey (copy)" and copy.title_ar == "استبيان صغير"
    assert copy.sections.get(position=0).title_pl == "Pierwsza strona"
    assert Choice.objects.get(question__section__survey=copy, text_en_gb="Red").text_ar == "أحمر"


def test_the_admin_search_finds_a_survey_by_its_original_title_from_a_polish_admin(
    manager, small_survey
):
    manager.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    content = manager.get(reverse("admin:surveys_survey_changelist") + "?q=Small").content
    assert reverse("admin:surveys_survey_change", args=[small_survey.pk]) in content.decode()


def test_the_survey_links_to_its_translations(manager, small_survey):
    change = reverse("admin:surveys_survey_change", args=[small_survey.pk])
    content = manager.get(change).content.decode()
    assert translations_url(small_survey) in content
    assert reverse("admin:surveys_survey_builder", args=[small_survey.pk]) in content
