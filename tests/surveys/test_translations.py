"""Survey content in several languages: respondents answer in the language they pick, the
texts fall back to the original one by one, the answers merge, and nothing stores the language."""

from django.conf import settings
from django.urls import reverse

from surveys.models import Answer, Choice, Participation, Question, Response, SealedResponse
from surveys.results import results_refresh
from surveys.sealing import unseal
from tests.surveys.helpers import release_now

FOUND = "How did you find out about the Collective?"


def in_language(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    return client


def page(client, survey, number=1):
    return client.get(reverse("surveys:survey-page", args=[survey.slug, number])).content.decode()


def _question(survey, text):
    return Question.objects.get(section__survey=survey, text_en_gb=text)


def _choice(survey, question_text, choice_text):
    return _question(survey, question_text).choices.get(text_en_gb=choice_text)


def answer_member_survey(client, survey, *, found="Social media", why="To meet people."):
    """Fill every page of the member survey and send it (the language is the client's)."""
    url = lambda number: reverse("surveys:survey-page", args=[survey.slug, number])  # noqa: E731
    first = {
        _question(survey, FOUND).field_name: str(_choice(survey, FOUND, found).pk),
        _question(survey, "Why did you join the Collective?").field_name: why,
    }
    barriers = "Is there anything that stops you, or anyone you know, being more active in the "
    barriers += "Collective?"
    third = {_question(survey, barriers).field_name: str(_choice(survey, barriers, "No").pk)}
    for number, data in [(1, first), (2, {}), (3, third), (4, {})]:
        response = client.post(url(number), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(reverse("surveys:survey-review", args=[survey.slug]))
    assert response.status_code == 302


# ---- what respondents see ------------------------------------------------------------------


def test_the_member_survey_ships_in_arabic_and_polish_with_nothing_missing(member_survey):
    from surveys.admin_translations import missing_counts, survey_parts

    parts = survey_parts(member_survey)
    assert len(parts) > 60
    assert [(code, count) for code, _name, count in missing_counts(parts)] == [("ar", 0), ("pl", 0)]
    question = _question(member_survey, FOUND)
    assert question.text_ar == "كيف عرفت بـ Collective؟"
    assert question.text_pl == "Skąd wiesz o Collective?"


def test_loading_again_keeps_the_translations_staff_wrote(member_survey):
    from surveys.member_survey import load_member_survey

    question = _question(member_survey, FOUND)
    question.text_pl = "Skąd się o nas dowiedziałeś?"
    question.save()
    Choice.objects.filter(question=question).update(text_ar=None)
    load_member_survey()
    question.refresh_from_db()
    assert question.text_pl == "Skąd się o nas dowiedziałeś?"
    assert question.choices.get(text_en_gb="Social media").text_ar == "وسائل التواصل الاجتماعي"


def test_a_member_answers_in_arabic_and_each_untranslated_text_falls_back(
    client, member, member_survey
):
    question = _question(member_survey, FOUND)
    question.help_text_en_gb = "Only the original has this hint."
    question.save()
    Choice.objects.filter(question=question, text_en_gb="Other").update(text_ar=None)
    client.force_login(member)
    content = page(in_language(client, "ar"), member_survey)
    assert "كيف عرفت بـ Collective؟" in content
    assert "وسائل التواصل الاجتماعي" in content
    assert FOUND not in content
    assert "Only the original has this hint." in content  # no Arabic hint: the original's
    assert ">Other<" in content  # this choice has no Arabic yet


def test_each_language_gets_its_own_page_from_the_cached_structure(client, member, member_survey):
    client.force_login(member)
    english = page(client, member_survey)  # builds and caches the structure
    arabic = page(in_language(client, "ar"), member_survey)
    polish = page(in_language(client, "pl"), member_survey)
    english_again = page(in_language(client, "en-gb"), member_survey)
    assert FOUND in english and FOUND in english_again
    assert "كيف عرفت بـ Collective؟" in arabic and FOUND not in arabic
    assert "Skąd wiesz o Collective?" in polish and FOUND not in polish


def test_a_translation_saved_shows_at_once(client, member, member_survey):
    client.force_login(member)
    in_language(client, "pl")
    assert "Skąd wiesz o Collective?" in page(client, member_survey)
    question = _question(member_survey, FOUND)
    question.text_pl = "Jak nas znalazłaś lub znalazłeś?"
    question.save()
    assert "Jak nas znalazłaś lub znalazłeś?" in page(client, member_survey)


# ---- answers merge and carry no language -------------------------------------------------


def test_answers_in_arabic_and_polish_count_under_the_same_choice(
    client, member, other_member, survey_manager, member_survey
):
    member_survey.threshold = 2
    member_survey.save()
    client.force_login(member)
    answer_member_survey(in_language(client, "ar"), member_survey, why="لأتعرف على الناس")
    client.force_login(other_member)
    answer_member_survey(in_language(client, "pl"), member_survey, why="Żeby poznać ludzi")
    release_now(member_survey)
    social = _choice(member_survey, FOUND, "Social media")
    assert Answer.objects.filter(choice=social).count() == 2
    client.force_login(survey_manager)
    in_language(client, "en-gb")
    content = client.get(reverse("surveys:survey-results", args=[member_survey.slug]))
    content = content.content.decode()
    assert "2 responses" in content
    assert '<th scope="row">Social media</th><td class="text-end">2</td>' in content


def _sealed(exclude=()):
    """The waiting anonymous responses: each row's columns, and its answers unsealed."""
    return [
        (sorted(vars(row)), unseal(row.answers))
        for row in SealedResponse.objects.exclude(pk__in=exclude)
    ]


def test_an_anonymous_response_carries_no_language(client, member, other_member, member_survey):
    client.force_login(member)
    answer_member_survey(in_language(client, "ar"), member_survey, why="the same words")
    in_arabic = _sealed()
    arabic_pk = SealedResponse.objects.get().pk
    session = dict(client.session.items())
    other = type(client)()
    other.force_login(other_member)
    answer_member_survey(other, member_survey, why="the same words")  # in English
    # The same answers leave the very same row, whichever language they were given in.
    assert in_arabic == _sealed(exclude=[arabic_pk])
    # Nor does the participation, the session or a released response say it.
    assert not any("lang" in key or value == "ar" for key, value in session.items())
    release_now(member_survey)
    first, second = (
        {k: v for k, v in vars(response).items() if k not in {"_state", "id"}}
        for response in Response.objects.all()
    )
    assert first == second
    for model in (SealedResponse, Participation, Response, Answer):
        assert not any("lang" in field.name for field in model._meta.fields)


def test_results_read_in_polish_are_not_stale_once_counted(
    client, member, other_member, survey_manager, member_survey, monkeypatch
):
    from surveys import tasks

    member_survey.threshold = 2
    member_survey.save()
    for person in (member, other_member):
        client.force_login(person)
        answer_member_survey(client, member_survey)
    release_now(member_survey)
    results_refresh(survey=member_survey)  # as the worker does, in the default language
    queued = []
    monkeypatch.setattr(tasks.results_refresh, "delay", queued.append)
    client.force_login(survey_manager)
    url = reverse("surveys:survey-results", args=[member_survey.slug])
    assert in_language(client, "pl").get(url).status_code == 200
    assert queued == []  # not stale: nothing to count again
