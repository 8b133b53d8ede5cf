"""How facilitation plugs into the portal: navigation, home, account, privacy, export, delete."""

import json

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from collective.lib import groups
from facilitation.models import Facilitator, Question, Recommendation, Registration, Support
from facilitation.services import question_support
from tests.facilitation.factories import (
    FacilitatorFactory,
    QuestionFactory,
    RecommendationFactory,
    RegistrationFactory,
    SessionFactory,
)
from tests.factories import UserFactory


def test_facilitation_is_in_the_main_navigation(client, db):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("facilitation:index")}"' in html
    assert ">Facilitation<" in html


def test_index_page_is_open_to_everyone(check_access, cast):
    check_access([reverse("facilitation:index")], allowed=set(cast))


def test_home_shows_upcoming_sessions(client, db):
    SessionFactory(title="Responding to microaggressions")
    html = client.get(reverse("home")).content.decode()
    assert "Upcoming sessions" in html
    assert "Responding to microaggressions" in html


def test_account_page_lists_my_registrations_and_recommendations(as_user, member, other_member):
    RegistrationFactory(member=member, session=SessionFactory(title="My session"))
    RegistrationFactory(member=other_member, session=SessionFactory(title="Their session"))
    RecommendationFactory(member=member, facilitator=FacilitatorFactory(name="My pick"))
    html = as_user(member).get(reverse("account-home")).content.decode()
    assert "My session" in html and "registered" in html
    assert "My pick" in html
    assert "Their session" not in html


def test_only_coordinators_get_facilitation_permissions(db):
    for name in groups.STAFF_GROUPS:
        perms = set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="facilitation")
            .values_list("codename", flat=True)
        )
        if name == groups.FACILITATION_COORDINATORS:
            assert "change_facilitator" in perms and "change_question" in perms
            assert not any(p.endswith("_support") for p in perms)
            assert "add_question" not in perms and "add_recommendation" not in perms
        else:
            assert perms == set(), name


def test_privacy_notice_and_delete_page_explain_facilitation(as_user, member):
    privacy = as_user(member).get(reverse("privacy")).content.decode()
    assert "we store only the question, the session and the date" in privacy
    delete = as_user(member).get(reverse("account-delete")).content.decode()
    assert "Your session registrations" in delete


def test_download_my_data_includes_recommendations_and_registrations(as_user, member):
    RecommendationFactory(member=member, why="She listens", facilitator__name="Priya")
    RegistrationFactory(member=member, access_needs="Quiet room", session__title="Tuesday")
    data = json.loads(as_user(member).get(reverse("account-export")).content)
    section = data["facilitation"]
    assert section["recommendations"][0]["facilitator"] == "Priya"
    assert section["recommendations"][0]["why_you_recommend_them"] == "She listens"
    assert section["session_registrations"][0]["access_needs"] == "Quiet room"
    assert "without your name" in section["questions_and_supports"]


def test_deleting_an_account_frees_places_and_keeps_anonymous_questions(
    member, other_member, django_capture_on_commit_callbacks
):
    from collective.services import user_delete

    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session, member=member)
    waiting = RegistrationFactory(session=session, member=other_member, status="waiting")
    lone = FacilitatorFactory(name="Only mine")
    RecommendationFactory(member=member, facilitator=lone)
    shared = FacilitatorFactory(name="Shared")
    RecommendationFactory(member=member, facilitator=shared)
    RecommendationFactory(member=UserFactory(), facilitator=shared)
    question = QuestionFactory(session=session)
    question_support(question=question, member=member)

    with django_capture_on_commit_callbacks(execute=True):
        user_delete(user=member)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.REGISTERED
    assert mail.outbox[0].to == [other_member.email]
    assert not Registration.objects.filter(member_id=member.pk).exists()
    assert not Recommendation.objects.filter(member_id=member.pk).exists()
    assert not Facilitator.objects.filter(name="Only mine").exists()
    assert Facilitator.objects.filter(name="Shared").exists()
    assert Question.objects.filter(pk=question.pk).exists()
    assert Support.objects.filter(question=question).count() == 1


def test_the_app_declares_its_portal_templates():
    config = apps.get_app_config("facilitation")
    assert config.privacy_template == "facilitation/includes/_privacy.html"
    assert config.deletion_template == "facilitation/includes/_deletion.html"
