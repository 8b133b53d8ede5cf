"""Meeting notes: published by coordinators, read by everyone, always rendered safely."""

from datetime import date

from django.urls import reverse

from facilitation.models import MeetingNote
from tests.facilitation.factories import MeetingNoteFactory, SessionFactory

LIST = reverse("facilitation:note-list")

HOSTILE = (
    '<p onclick="steal()">We agreed three things.</p>'
    "<script>document.location='https://evil.example'</script>"
    '<h2 onmouseover="x()">What next</h2>'
    '<a href="javascript:alert(1)">bad link</a> <a href="https://example.org/read">good link</a>'
    '<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>'
    "<ul><li><strong>Listen</strong></li><li><em>Ask</em></li></ul>"
    "<blockquote>Start from curiosity.</blockquote>"
    '<p style="color:red">styled</p>'
)


def _detail(note):
    return reverse("facilitation:note-detail", args=[note.pk])


def test_everyone_reads_the_notes(check_access, cast):
    note = MeetingNoteFactory()
    check_access([LIST, _detail(note)], allowed=set(cast))


def test_script_and_event_handlers_are_removed_on_save_and_on_render(client, db):
    note = MeetingNoteFactory(body=HOSTILE)
    for html in [note.body, client.get(_detail(note)).content.decode()]:
        assert "<script" not in html
        assert "evil.example" not in html
        assert "onclick" not in html and "onmouseover" not in html and "onerror" not in html
        assert "javascript:" not in html
        assert "<img" not in html and "<iframe" not in html
        assert "style=" not in html.split('<div class="meeting-notes">')[-1].split("</div>")[0]
        assert "<h2>What next</h2>" in html
        assert '<a href="https://example.org/read" rel="noopener noreferrer">good link</a>' in html
        assert "<li><strong>Listen</strong></li>" in html
        assert "<blockquote>Start from curiosity.</blockquote>" in html


def test_notes_written_around_save_still_render_safely(client, db):
    note = MeetingNoteFactory()
    MeetingNote.objects.filter(pk=note.pk).update(body='<p>ok</p><script>alert("x")</script>')
    html = client.get(_detail(note)).content.decode()
    assert "<p>ok</p>" in html
    assert 'alert("x")' not in html


def test_notes_are_listed_newest_first_and_drafts_are_hidden(client, db):
    MeetingNoteFactory(title="Older notes", published_on=date(2026, 1, 10))
    MeetingNoteFactory(title="Newer notes", published_on=date(2026, 3, 5))
    draft = MeetingNoteFactory(title="Draft notes", published=False)
    html = client.get(LIST).content.decode()
    assert html.index("Newer notes") < html.index("Older notes")
    assert "Draft notes" not in html
    assert client.get(_detail(draft)).status_code == 404


def test_no_notes_yet_is_said_kindly(client, db):
    html = client.get(LIST).content.decode()
    assert "There are no meeting notes yet" in html
    assert "please come back after the first one" in html


def test_the_list_runs_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    def add(count):
        for _ in range(count):
            MeetingNoteFactory()

    add(2)
    with django_assert_max_num_queries(3):
        client.get(LIST)
    add(20)
    with django_assert_max_num_queries(3):
        # A page at a time: 20 of the 22.
        assert client.get(LIST).content.decode().count('class="mb-3"') == 20


def test_only_coordinators_write_notes(check_admin_access, coordinators):
    urls = [
        reverse("admin:facilitation_meetingnote_changelist"),
        reverse("admin:facilitation_meetingnote_add"),
    ]
    check_admin_access(urls, allowed=coordinators)


def test_coordinator_publishes_notes_with_an_action(as_user, facilitation_coordinator, client):
    note = MeetingNoteFactory(title="Fresh notes", published=False)
    as_user(facilitation_coordinator).post(
        reverse("admin:facilitation_meetingnote_changelist"),
        {"action": "publish", "_selected_action": [note.pk]},
    )
    note.refresh_from_db()
    assert note.published and note.published_on is not None
    assert "Fresh notes" in client.get(LIST).content.decode()


def test_coordinator_writes_notes_in_the_admin_and_they_are_cleaned(
    as_user, facilitation_coordinator
):
    session = SessionFactory()
    as_user(facilitation_coordinator).post(
        reverse("admin:facilitation_meetingnote_add"),
        {
            "session": session.pk,
            "title": "Written in the admin",
            "body": '<p onclick="x()">Hello</p><script>bad()</script>',
            "published": "on",
        },
    )
    note = MeetingNote.objects.get()
    assert note.body == "<p>Hello</p>"
    assert note.published_on is not None
