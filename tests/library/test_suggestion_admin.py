from django.core import mail
from django.urls import reverse

from library.models import Resource, Suggestion
from tests.library.factories import ResourceFactory, SuggestionFactory

CHANGELIST = reverse("admin:library_suggestion_changelist")


def test_accepting_creates_an_unpublished_resource_and_tells_the_member(
    client, library_curator, member, django_capture_on_commit_callbacks
):
    suggestion = SuggestionFactory(
        title="Seeing White",
        kind="podcast",
        link="https://sceneonradio.org/seeing-white/",
        why="A 14-part series.",
        name="Dana",
        suggested_by=member,
    )
    client.force_login(library_curator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {"action": "accept", "_selected_action": [suggestion.pk]})
    resource = Resource.objects.get(title="Seeing White")
    assert (resource.kind, resource.published, resource.recommended_by) == (
        "podcast",
        False,
        "Dana",
    )
    assert resource.why_recommended == "A 14-part series."
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.resource) == ("accepted", resource)
    assert mail.outbox[0].to == [member.email]
    assert "Seeing White" in mail.outbox[0].subject


def test_declining_asks_for_a_reason_and_tells_the_member(
    client, library_curator, member, django_capture_on_commit_callbacks
):
    suggestion = SuggestionFactory(suggested_by=member)
    client.force_login(library_curator)
    data = {"action": "decline", "_selected_action": [suggestion.pk]}
    response = client.post(CHANGELIST, data)
    assert "Reason (sent to the person)" in response.content.decode()
    response = client.post(CHANGELIST, {**data, "apply": "1", "reason": ""})
    assert Suggestion.objects.get().status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {**data, "apply": "1", "reason": "Already in the library"})
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.decline_reason) == ("declined", "Already in the library")
    assert "Already in the library" in mail.outbox[0].body


def test_a_visitor_suggestion_is_decided_without_any_email(
    client, library_curator, django_capture_on_commit_callbacks
):
    suggestion = SuggestionFactory()
    client.force_login(library_curator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGELIST, {"action": "accept", "_selected_action": [suggestion.pk]})
    assert mail.outbox == []


def test_a_suggestion_cannot_be_accepted_twice(client, library_curator):
    suggestion = SuggestionFactory()
    client.force_login(library_curator)
    for _ in range(2):
        client.post(CHANGELIST, {"action": "accept", "_selected_action": [suggestion.pk]})
    assert Resource.objects.count() == 1


def test_possible_duplicates_are_shown_to_the_curator(client, library_curator):
    same_title = ResourceFactory(title="Why I'm No Longer Talking to White People About Race")
    same_link = ResourceFactory(
        title="Code Switch", link="https://www.npr.org/podcasts/510312/codeswitch"
    )
    ResourceFactory(title="Small Axe")
    by_title = SuggestionFactory(title="why im no longer talking to white people about race")
    by_link = SuggestionFactory(
        title="That NPR race podcast", link="http://npr.org/podcasts/510312/codeswitch/"
    )
    assert by_title.possible_duplicates() == [same_title]
    assert by_link.possible_duplicates() == [same_link]
    client.force_login(library_curator)
    page = client.get(
        reverse("admin:library_suggestion_change", args=[by_title.pk])
    ).content.decode()
    assert reverse("admin:library_resource_change", args=[same_title.pk]) in page
