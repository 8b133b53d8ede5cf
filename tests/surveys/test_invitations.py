import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from collective import tasks as collective_tasks
from collective.lib import groups
from collective.models import OutgoingEmail
from surveys import tasks
from surveys.models import InvitationSend, Participation, Recipient
from surveys.services import invitation_send_start


@pytest.fixture
def people(member, other_member, survey_manager):
    return [member, other_member, survey_manager]


def test_an_invitation_goes_to_every_member_once_even_if_the_task_runs_again(
    small_survey, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send = invitation_send_start(survey=small_survey, kind="invitation")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert small_survey.title in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_invitations.delay(send.pk)
        tasks.notify_recipient.delay(Recipient.objects.first().pk)
    assert len(mail.outbox) == len(people)
    assert Recipient.objects.filter(send=send, sent_on__isnull=False).count() == len(people)


def test_a_reminder_skips_members_who_took_part(
    small_survey, people, member, django_capture_on_commit_callbacks
):
    Participation.objects.create(
        survey=small_survey, user=member, took_part_on=timezone.localdate()
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_send_start(survey=small_survey, kind="reminder")
    recipients = {m.to[0] for m in mail.outbox}
    assert member.email not in recipients
    assert len(recipients) == len(people) - 1
    assert "Reminder" in mail.outbox[0].subject


def test_an_invitation_to_a_group_reaches_only_that_group(
    client, small_survey, people, survey_manager, django_capture_on_commit_callbacks
):
    client.force_login(survey_manager)
    group = Group.objects.get(name=groups.SURVEY_MANAGERS)
    url = reverse("admin:surveys_survey_changelist")
    chosen = {"action": "send_invitation", ACTION_CHECKBOX_NAME: [small_survey.pk]}
    confirm = client.post(url, chosen)
    assert "Send an invitation or a reminder" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**chosen, "apply": "1", "kind": "invitation", "group": group.pk})
    assert [m.to for m in mail.outbox] == [[survey_manager.email]]
    assert InvitationSend.objects.get().created_by == survey_manager


def test_a_survey_that_is_not_open_cannot_be_sent(small_survey, people):
    small_survey.status = "draft"
    small_survey.save()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        invitation_send_start(survey=small_survey, kind="invitation")


@pytest.fixture
def broker_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(collective_tasks.send_email, "delay", refuse)
    monkeypatch.setattr(tasks.send_invitations, "delay", refuse)


@pytest.mark.django_db
def test_invitations_are_in_the_outbox_when_redis_is_down(
    small_survey, member, other_member, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send = invitation_send_start(survey=small_survey, kind="invitation")
    assert mail.outbox == []
    assert sorted(e.to[0] for e in OutgoingEmail.objects.all()) == sorted(
        [member.email, other_member.email]
    )
    assert Recipient.objects.filter(send=send, sent_on__isnull=False).count() == 2
    # Redis is back: the sweep sends each once.
    for email_id in OutgoingEmail.objects.values_list("pk", flat=True):
        collective_tasks.send_email.run(email_id)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, other_member.email])
