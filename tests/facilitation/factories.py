from datetime import timedelta

import factory
from django.utils import timezone

from facilitation.models import (
    Area,
    Facilitator,
    MeetingNote,
    Question,
    Recommendation,
    Registration,
    Session,
)
from tests.factories import UserFactory


class FacilitatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitator

    name = factory.Sequence(lambda n: f"Facilitator {n}")
    organisation = factory.Sequence(lambda n: f"Organisation {n}")
    website = factory.Sequence(lambda n: f"https://facilitator{n}.example.org")
    areas = factory.LazyFunction(lambda: [Area.ALLYSHIP.value])
    contact_email = factory.Sequence(lambda n: f"hello{n}@facilitator.example.org")
    contact_phone = "020 7946 0000"


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    facilitator = factory.SubFactory(FacilitatorFactory)
    member = factory.SubFactory(UserFactory)
    how_known = "We worked together."
    why = factory.Sequence(lambda n: f"Reason number {n}: they listen well.")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    title = factory.Sequence(lambda n: f"Session {n}")
    topic = "Allyship in co-production."
    facilitator = factory.SubFactory(FacilitatorFactory, status=Facilitator.Status.ENGAGED)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    format = Session.Format.ONLINE
    online_link = "https://meet.example.org/secret-room-link"
    capacity = 10
    ground_rules = "Listen to understand. What is said here stays here."


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    member = factory.SubFactory(UserFactory)
    status = Registration.Status.REGISTERED


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    session = factory.SubFactory(SessionFactory)
    text = factory.Sequence(lambda n: f"Question number {n}?")
    status = Question.Status.APPROVED


class MeetingNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingNote

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Notes {n}")
    body = "<p>We talked about allyship.</p>"
    published = True
