"""Cached pages and structures change as soon as what they show does (collective.lib.versions)."""

import pytest
from django.urls import reverse

from collective.lib import versions
from library import services
from library.models import Resource
from surveys.models import Question
from tests.library.factories import BookFactory, ResourceFactory
from tests.surveys.factories import QuestionFactory, SectionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def test_the_catalogue_shows_a_new_resource_at_once(client):
    ResourceFactory(title="First book")
    assert "First book" in client.get("/library/").content.decode()
    ResourceFactory(title="Second book")
    assert "Second book" in client.get("/library/").content.decode()


def test_publishing_in_bulk_refreshes_the_catalogue(client, superuser):
    hidden = ResourceFactory(title="Not yet public", published=False)
    assert "Not yet public" not in client.get("/library/").content.decode()
    client.force_login(superuser)
    client.post(
        reverse("admin:library_resource_changelist"),
        {"action": "publish", "_selected_action": [hidden.pk]},
    )
    assert Resource.objects.get(pk=hidden.pk).published
    assert "Not yet public" in client.get("/library/").content.decode()


def test_a_resource_page_shows_a_loan_at_once(client, member):
    book = BookFactory(copies=1)
    url = reverse("library:resource-detail", args=[book.pk])
    assert "All copies are out" not in client.get(url).content.decode()
    services.loan_request(resource=book, borrower=member)
    assert "All copies are out" in client.get(url).content.decode()


def test_an_edited_question_shows_on_the_next_survey_page(client, member):
    survey = SurveyFactory(slug="edited")
    question = QuestionFactory(section=SectionFactory(survey=survey), text="Old wording?")
    client.force_login(member)
    url = reverse("surveys:survey-page", args=[survey.slug, 1])
    assert "Old wording?" in client.get(url).content.decode()
    question.text = "New wording?"
    question.save()
    html = client.get(url).content.decode()
    assert "New wording?" in html and "Old wording?" not in html


def test_without_the_cache_everything_is_built_afresh(client, monkeypatch):
    monkeypatch.setattr(versions, "current", lambda *labels: None)
    ResourceFactory(title="Uncached book")
    assert "Uncached book" in client.get("/library/").content.decode()
    assert Question.objects.count() == 0


def test_a_cached_fragment_is_kept_once_per_language():
    from django.utils import translation

    ResourceFactory()
    assert versions.current("library.Resource") is not None  # the cache is in use
    with translation.override("en-gb"):
        english = versions.cached("language-test", ["library.Resource"], translation.get_language)
    with translation.override("ar"):
        arabic = versions.cached("language-test", ["library.Resource"], translation.get_language)
    assert (english, arabic) == ("en-gb", "ar")


def test_a_fragment_kept_in_memory_still_expires_and_follows_its_version(monkeypatch):
    builds = []

    def build():
        builds.append(1)
        return len(builds)

    clock = [1_000_000.0]
    monkeypatch.setattr(versions.time, "time", lambda: clock[0])
    assert versions.cached("memory-test", ["library.Resource"], build) == 1
    assert versions.cached("memory-test", ["library.Resource"], build) == 1  # from memory
    clock[0] += versions.FRAGMENT_SECONDS + 1
    assert versions.cached("memory-test", ["library.Resource"], build) == 2  # expired
    ResourceFactory()  # a new version of the catalogue
    assert versions.cached("memory-test", ["library.Resource"], build) == 3


def test_a_fragment_another_process_stored_is_read_from_redis(monkeypatch):
    assert versions.cached("shared-test", ["library.Resource"], lambda: "first") == "first"
    versions._kept.clear()  # as in another worker, which has nothing in memory
    assert versions.cached("shared-test", ["library.Resource"], lambda: "second") == "first"
