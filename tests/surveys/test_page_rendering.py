"""The survey page's form, written without a template per field (surveys.rendering), keeps
the accessible markup: labels, fieldsets and legends, hints and errors tied to their field."""

import re

import pytest
from django.urls import reverse

from surveys.models import Question
from tests.surveys.factories import ChoiceFactory, QuestionFactory, SectionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    survey = SurveyFactory(slug="rendered")
    section = SectionFactory(survey=survey)
    text = QuestionFactory(section=section, text="Why?", required=True, help_text="Be <brief>.")
    groups = QuestionFactory(section=section, text="Group?", kind=Question.Kind.SINGLE)
    ChoiceFactory(question=groups, text="Asian", group="Asian or Asian British")
    ChoiceFactory(question=groups, text="Other", is_other=True)
    many = QuestionFactory(section=section, text="Which?", kind=Question.Kind.MULTIPLE)
    ChoiceFactory(question=many, text="This")
    ChoiceFactory(question=many, text="Prefer not to say", is_prefer_not_to_say=True)
    QuestionFactory(section=section, text="How many?", kind=Question.Kind.NUMBER, max_value=9)
    survey.questions = (text, groups, many)
    return survey


def page(client, survey, data=None):
    url = reverse("surveys:survey-page", args=[survey.slug, 1])
    response = client.post(url, data) if data is not None else client.get(url)
    return response.content.decode()


def test_text_question_has_its_label_hint_and_required_mark(client, member, survey):
    client.force_login(member)
    html = page(client, survey)
    text = survey.questions[0]
    assert f'<label for="id_q{text.pk}" class="form-label requiredField">1. Why?' in html
    assert f'aria-describedby="id_q{text.pk}_helptext"' in html
    # Staff-typed hint text is escaped.
    assert f'<div id="id_q{text.pk}_helptext" class="form-text">Be &lt;brief&gt;.</div>' in html


def test_choices_are_a_fieldset_with_a_legend_and_a_fieldset_per_group(client, member, survey):
    client.force_login(member)
    html = page(client, survey)
    groups = survey.questions[1]
    assert '<legend class="form-label fs-6 fw-semibold">2. Group?</legend>' in html
    assert (
        '<fieldset class="choice-group"><legend class="fs-6">Asian or Asian British</legend>'
        in html
    )
    # Each option's label points at its own box; the "other" box has its own label.
    for box in re.findall(rf'id="(id_q{groups.pk}_[\d_]+)"', html):
        assert f'<label for="{box}"' in html
    other = groups.choices.get(is_other=True)
    assert f'<label for="id_q{groups.pk}_other_{other.pk}" class="form-label">Other: please' in html
    assert 'type="checkbox"' in html and "Choose all that apply." in html


def test_errors_sit_next_to_their_field_and_the_summary_links_to_it(client, member, survey):
    client.force_login(member)
    text, _, many = survey.questions
    choices = [str(choice.pk) for choice in many.choices.all()]
    html = page(client, survey, {"action": "next", f"q{many.pk}": choices})
    assert f'<a href="#id_q{text.pk}">' in html  # the error summary
    assert f'aria-describedby="id_q{text.pk}_helptext id_q{text.pk}_error"' in html
    assert f'<div id="id_q{text.pk}_error" class="invalid-feedback">' in html
    assert 'aria-invalid="true"' in html
    assert f'<fieldset aria-describedby="id_q{many.pk}_helptext id_q{many.pk}_error">' in html
    assert "choose one or the other" in html
    # What was ticked stays ticked.
    assert html.count("checked") == 2


def test_a_number_keeps_its_limits_and_what_was_typed(client, member, survey):
    client.force_login(member)
    number = Question.objects.get(text="How many?")
    html = page(client, survey, {"action": "next", f"q{number.pk}": "12"})
    assert f'type="number" name="q{number.pk}" value="12"' in html
    assert 'max="9"' in html
    assert f'<div id="id_q{number.pk}_error" class="invalid-feedback">' in html


def test_a_blank_page_is_kept_but_a_saved_answer_or_an_edit_shows_at_once(
    client, member, other_member, survey
):
    from surveys import rendering
    from surveys.services import draft_save

    client.force_login(member)
    rendering._blank_pages.clear()
    first = page(client, survey)
    assert len(rendering._blank_pages) == 1
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", page(client, survey)) == token.sub("", first)  # from memory

    text = survey.questions[0]
    draft_save(survey=survey, user=member, data={text.field_name: ["Because <so>"]}, page=1)
    assert "Because &lt;so&gt;" in page(client, survey)  # a draft's page is not the blank one

    client.force_login(other_member)
    assert "Because" not in page(client, survey)  # and it was never kept for anyone else
    text.text = "Why, really?"
    text.save()
    assert "1. Why, really?" in page(client, survey)


def test_a_kept_blank_page_carries_each_request_s_own_working_csrf_token(member, survey):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    token = re.compile(
        r'<form method="post" novalidate>\s*<input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)"'
    )
    first, second = token.findall(page(client, survey)), token.findall(page(client, survey))
    assert len(first) == len(second) == 1 and first != second
    url = reverse("surveys:survey-page", args=[survey.slug, 1])
    response = client.post(url, {"action": "save", "csrfmiddlewaretoken": second[0]})
    assert response.status_code == 302


def test_the_kept_page_offers_saving_for_later_to_members_only(client, member, survey):
    survey.mode, survey.audience = "anonymous", "link"
    survey.save()
    client.get(reverse("surveys:survey-link", args=[survey.token]))
    visitor_page = page(client, survey)
    assert "Why?" in visitor_page and "Save and come back later" not in visitor_page
    client.force_login(member)
    client.get(reverse("surveys:survey-link", args=[survey.token]))
    member_page = page(client, survey)
    assert "Why?" in member_page and "Save and come back later" in member_page


SAVED = "Your answers so far are saved."


def test_a_kept_page_shows_the_person_s_own_messages_once(client, member, other_member, survey):
    client.force_login(member)
    page(client, survey)  # the blank page is kept
    url = reverse("surveys:survey-page", args=[survey.slug, 1])
    response = client.post(url, {"action": "save"}, follow=True)  # saved: a message, the list
    assert SAVED in response.content.decode()
    client.post(url, {"action": "save"})  # the same message, for the kept list this time
    assert SAVED in client.get(reverse("surveys:survey-list")).content.decode()
    assert 'class="messages"' not in client.get(reverse("surveys:survey-list")).content.decode()
    other = page(_signed_in(other_member), survey)
    assert 'class="messages"' not in other and "Why?" in other


def test_a_kept_page_names_each_request_s_own_address_and_its_own_header(member, survey):
    from django.contrib.auth import get_user_model

    client = _signed_in(member)
    url = reverse("surveys:survey-page", args=[survey.slug, 1])
    assert f'name="next" value="{url}?from=mail"' in client.get(f"{url}?from=mail").content.decode()
    html = client.get(f"{url}?from=home").content.decode()
    assert f'name="next" value="{url}?from=home"' in html and "from=mail" not in html
    assert "Staff admin" not in html
    staff = get_user_model().objects.create_superuser(email="s@example.org", password="x" * 20)
    assert "Staff admin" in page(_signed_in(staff), survey)


def _signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_without_the_cache_a_blank_page_is_never_kept(client, member, survey, monkeypatch):
    """With Redis down there is no data version to keep a page under: an edit shows at once."""
    from collective.lib import versions

    monkeypatch.setattr(versions, "current", lambda *labels: None)
    client.force_login(member)
    assert "1. Why?" in page(client, survey)
    text = survey.questions[0]
    text.text = "Why, really?"
    text.save()
    assert "1. Why, really?" in page(client, survey)
