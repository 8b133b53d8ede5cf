"""Ask without being judged: a question leaves no trace of who asked it."""

import logging
from datetime import timedelta

from django.db import connection
from django.urls import reverse
from django.utils import timezone

from facilitation.models import Question
from tests.facilitation.factories import QuestionFactory, RegistrationFactory, SessionFactory

QUESTION = "Is it all right to ask a colleague where they are really from?"


def _url(session):
    return reverse("facilitation:session-questions", args=[session.pk])


def _every_row():
    """Every row of every table in the database, as text, keyed by table name."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            rows[table] = [
                dict(zip(columns, map(str, row), strict=True)) for row in cursor.fetchall()
            ]
    return rows


def _changed(before, after):
    changes = {}
    for table, rows in after.items():
        old = [sorted(row.items()) for row in before.get(table, [])]
        new = [row for row in rows if sorted(row.items()) not in old]
        if new or len(rows) != len(old):
            changes[table] = new
    return changes


def test_only_registered_people_and_coordinators_reach_the_questions(check_access, cast):
    session = SessionFactory()
    RegistrationFactory(session=session, member=cast["member"])
    RegistrationFactory(session=session, member=cast["other_member"], status="waiting")
    allowed = {"member", "other_member", "facilitation_coordinator", "superuser"}
    check_access([_url(session)], allowed=allowed)


def test_the_page_says_plainly_what_is_and_is_not_recorded(as_user, member):
    session = SessionFactory(ground_rules="Rule: assume good faith.")
    RegistrationFactory(session=session, member=member)
    html = as_user(member).get(_url(session)).content.decode()
    text = " ".join(html.split())  # the sentences are translatable: their line breaks may move
    assert "the text of your question, which session it is for, and the date" in text
    assert "who asked it, the time of day, your IP address or your browser" in text
    assert "Rule: assume good faith." in html
    assert html.index("What we record") < html.index('name="text"')


def test_a_question_leaves_no_link_to_its_author_in_any_table_or_log(as_user, member, caplog):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    client = as_user(member)
    client.get(_url(session))
    before = _every_row()
    caplog.set_level(logging.DEBUG)
    caplog.clear()

    response = client.post(
        _url(session),
        {"text": QUESTION},
        HTTP_USER_AGENT="Mozilla/5.0 TellTaleBrowser",
        REMOTE_ADDR="203.0.113.77",
        follow=True,
    )
    now = timezone.localtime()

    assert "Your question was received" in response.content.decode()
    changes = _changed(before, _every_row())
    # The only change anywhere in the database is one new question row...
    assert list(changes) == [Question._meta.db_table]
    (row,) = changes[Question._meta.db_table]
    # ...which holds the session, the text, the status and the date: nothing else.
    assert set(row) == {"id", "session_id", "text", "status", "asked_on"}
    assert row["text"] == QUESTION
    assert row["asked_on"] == str(timezone.localdate())
    identifying = [
        member.email,
        member.display_name,
        "TellTaleBrowser",
        "203.0.113.77",
        now.strftime("%H:%M"),
    ]
    for value in row.values():
        for clue in identifying:
            assert clue not in value
    assert str(member.pk) not in {row["id"], row["text"], row["status"]}
    # The id is random, not a sequence that lines up with another table.
    assert len(row["id"].replace("-", "")) == 32
    # And not a single log line was written about it.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for clue in [*identifying, QUESTION, str(Question.objects.get().pk)]:
        assert clue not in logged
    assert not [r for r in caplog.records if r.name.startswith(("facilitation", "django.request"))]


def test_a_question_waits_for_moderation_before_anyone_sees_it(as_user, member, other_member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    RegistrationFactory(session=session, member=other_member)
    as_user(member).post(_url(session), {"text": QUESTION})
    assert Question.objects.get().status == Question.Status.PENDING
    assert QUESTION not in as_user(other_member).get(_url(session)).content.decode()
    Question.objects.update(status=Question.Status.APPROVED)
    assert QUESTION in as_user(other_member).get(_url(session)).content.decode()


def test_rejected_questions_are_never_shown(as_user, member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    QuestionFactory(session=session, text="Rejected one", status=Question.Status.REJECTED)
    assert "Rejected one" not in as_user(member).get(_url(session)).content.decode()


def test_empty_and_huge_questions_get_a_message(as_user, member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    for text in ["   ", "x" * 20_000]:
        response = as_user(member).post(_url(session), {"text": text})
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
    assert not Question.objects.exists()


def test_html_in_a_question_is_shown_as_text(as_user, member):
    session = SessionFactory()
    RegistrationFactory(session=session, member=member)
    QuestionFactory(session=session, text="<b onmouseover=alert(1)>bold?</b>")
    html = as_user(member).get(_url(session)).content.decode()
    assert "<b onmouseover" not in html
    assert "&lt;b onmouseover=alert(1)&gt;bold?&lt;/b&gt;" in html


def test_questions_close_when_the_session_starts(as_user, member):
    session = SessionFactory(starts_at=timezone.now() - timedelta(minutes=1))
    RegistrationFactory(session=session, member=member)
    response = as_user(member).post(_url(session), {"text": QUESTION})
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_a_member_not_registered_cannot_ask(as_user, member):
    session = SessionFactory()
    response = as_user(member).post(_url(session), {"text": QUESTION})
    assert response.status_code == 403
    assert not Question.objects.exists()


def test_coordinators_read_but_do_not_ask(as_user, facilitation_coordinator):
    session = SessionFactory()
    html = as_user(facilitation_coordinator).get(_url(session)).content.decode()
    assert 'name="text"' not in html
    response = as_user(facilitation_coordinator).post(_url(session), {"text": QUESTION})
    assert response.status_code == 403
