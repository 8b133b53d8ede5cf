"""A page's data versions are read once per request, together, and a signed-in page reads them
with its session and its member's own version in one round trip to Redis
(collective.lib.versions.ReadTogetherMiddleware and read_with; collective.sessions)."""

import pytest
import redis.client
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse

from collective import sessions
from collective.lib import versions
from surveys.member_survey import load_member_survey
from tests.conftest import require_redis
from tests.facilitation.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

ACCOUNT = "/accounts/me/"


@pytest.fixture
def redis_commands(monkeypatch):
    """Every command sent to Redis, by name, as the page sends them."""
    require_redis()
    sent = []
    execute = redis.client.Redis.execute_command

    def record(self, *args, **options):
        sent.append(args[0])
        return execute(self, *args, **options)

    monkeypatch.setattr(redis.client.Redis, "execute_command", record)
    return sent


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("page", ["/healthz", "/surveys/", "survey page", "session page"])
def test_a_signed_in_page_makes_one_round_trip_to_redis(page, member, redis_commands):
    survey, _ = load_member_survey(publish=True)
    session = SessionFactory()
    url = {
        "survey page": reverse("surveys:survey-page", args=[survey.slug, 1]),
        "session page": reverse("facilitation:session-detail", args=[session.pk]),
    }.get(page, page)
    client = _signed_in(member)
    client.get(url)  # the worker learns what the page reads, and whose the session is
    redis_commands.clear()
    assert client.get(url).status_code == 200
    assert redis_commands == ["MGET"]


def test_versions_read_in_one_request_are_read_afresh_in_the_next(member):
    session = SessionFactory(capacity=3)
    url = reverse("facilitation:session-detail", args=[session.pk])
    client = _signed_in(member)
    assert "3 in total, 3 left." in client.get(url).content.decode()
    RegistrationFactory(session=session)  # as another worker would, between two requests
    assert "3 in total, 2 left." in client.get(url).content.decode()


def test_a_write_during_a_request_is_seen_by_the_rest_of_it():
    seen = []

    def page(request):
        seen.append(versions.current("facilitation.Session"))
        SessionFactory()  # a registration, an edit: the data version moves on
        seen.append(versions.current("facilitation.Session"))
        return None

    middleware = versions.ReadTogetherMiddleware(page)
    middleware(RequestFactory().get("/"))
    assert seen[0] is not None and seen[1] is not None and seen[0] != seen[1]


def test_nothing_personal_is_learned_or_remembered(member):
    client = _signed_in(member)
    client.get("/surveys/")
    client.get("/surveys/")
    learned = repr(dict(versions._read_by_path))
    assert versions._key("collective.User", member.pk) not in learned
    assert "surveys.survey" in learned
    session_key = client.session.session_key
    assert session_key not in repr(dict(sessions._members))
    assert sessions._members[sessions._digest(session_key)] == member.pk


def test_with_redis_down_the_session_and_the_member_come_from_the_database(member, monkeypatch):
    client = _signed_in(member)
    assert client.get(ACCOUNT).status_code == 200
    # What the fail-open cache answers while Redis is down (collective.lib.cache).
    store = type(caches["default"])
    monkeypatch.setattr(store, "get_many", lambda self, keys, version=None: {})
    monkeypatch.setattr(store, "get", lambda self, key, default=None, version=None: default)
    assert client.get(ACCOUNT).status_code == 200
    member.set_password("a brand new passphrase 77")
    member.save()
    assert client.get(ACCOUNT).status_code == 302
