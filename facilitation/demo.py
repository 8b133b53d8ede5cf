"""Demo content: facilitators in every state, a past session with questions and notes, upcoming
sessions with places (online and in person), and one full session with a waiting list. Safe to
run again."""

import secrets
from datetime import datetime, time, timedelta

from django.utils import timezone

from collective.demo import MEMBERS, demo_user
from facilitation import services
from facilitation.models import (
    Area,
    Facilitator,
    MeetingNote,
    Question,
    Recommendation,
    Registration,
    Session,
    Support,
)

GROUND_RULES = """We listen to understand, not to reply.
What is said here stays here: the notes record what was discussed, never who said it.
Speak from your own experience ("I"), not for others.
Questions asked in good faith are welcome, however basic they feel.
Anyone can pause the conversation by saying "pause"; nobody has to explain why.
You can leave the room, or turn your camera off, at any time."""

FACILITATORS = [
    # name, organisation, website, areas, status, reason, recommendations [(member, how, why)]
    (
        "Adaeze Okafor",
        "Common Ground Facilitation",
        "https://commonground.example.org",
        [Area.ALLYSHIP, Area.ANTI_RACISM],
        Facilitator.Status.ENGAGED,
        "",
        [
            (0, "She ran a workshop at my university.", "She made everyone feel able to speak."),
            (2, "We worked together on a research project.", "Calm, honest and never preachy."),
        ],
    ),
    (
        "Tomás Reyes",
        "Open Circle Collective",
        "https://opencircle.example.org/tomas",
        [Area.MICROAGGRESSIONS, Area.LIVED_EXPERIENCE],
        Facilitator.Status.SHORTLISTED,
        "",
        [(1, "I heard him speak at a conference.", "He explains microaggressions without blame.")],
    ),
    (
        "Priya Natarajan",
        "Kinship Learning",
        "https://kinship.example.org",
        [Area.ANTI_RACISM, Area.OTHER],
        Facilitator.Status.CONTACTED,
        "",
        [(3, "She trained our staff team.", "Practical, warm, and good with big groups.")],
    ),
    (
        "Jordan Blake",
        "",
        "https://jordanblake.example.org",
        [Area.LIVED_EXPERIENCE],
        Facilitator.Status.UNDER_REVIEW,
        "",
        [(4, "A friend of a friend.", "Has lived experience of mental health services.")],
    ),
    (
        "Sam Whitfield",
        "Bridgework",
        "https://bridgework.example.org",
        [Area.ALLYSHIP],
        Facilitator.Status.RECOMMENDED,
        "",
        [(5, "I read their blog.", "Writes clearly about allyship in co-production.")],
    ),
    (
        "Lee Harrow",
        "Harrow Consulting",
        "https://harrow.example.org",
        [Area.OTHER],
        Facilitator.Status.NOT_TAKEN_FORWARD,
        "Not available until next year.",
        [(0, "Met them at a networking event.", "Lots of experience with charities.")],
    ),
]


def seed(stdout):
    members = [demo_user(email, display_name=name, pronouns=p) for email, name, p in MEMBERS]
    engaged = _seed_facilitators(members)
    _seed_past_session(engaged, members)
    _seed_upcoming_session(engaged, members)
    _seed_open_sessions(engaged, members)
    stdout.write(
        "Facilitation: 6 facilitators in every state, a past session with questions and notes, "
        f"{len(OPEN_SESSIONS)} upcoming sessions with places, and a full one with a waiting list.\n"
    )


def _seed_facilitators(members):
    engaged = None
    for name, organisation, website, areas, status, reason, recs in FACILITATORS:
        facilitator, _ = Facilitator.objects.get_or_create(
            name=name,
            defaults={
                "organisation": organisation,
                "website": website,
                "areas": [str(area) for area in areas],
                "status": status,
                "not_taken_forward_reason": reason,
                "contact_email": f"hello@{website.split('//')[1].split('/')[0]}",
                "notes": "Demo record." if status != Facilitator.Status.RECOMMENDED else "",
            },
        )
        for index, how, why in recs:
            Recommendation.objects.get_or_create(
                facilitator=facilitator,
                member=members[index],
                defaults={"how_known": how, "why": why},
            )
        if status == Facilitator.Status.ENGAGED:
            engaged = facilitator
    return engaged


def _at(days, hour):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _seed_past_session(facilitator, members):
    session, created = Session.objects.get_or_create(
        title="Allyship in co-production: an open conversation",
        defaults={
            "topic": "What does being a good ally look like when we do research together?",
            "facilitator": facilitator,
            "starts_at": _at(-14, 18),
            "ends_at": _at(-14, 20),
            "format": Session.Format.IN_PERSON,
            "place": "Room 2, Community Hall, 1 Example Street, London",
            "capacity": 12,
            "ground_rules": GROUND_RULES,
        },
    )
    if not created:
        return
    for member in members[:4]:
        Registration.objects.create(
            session=session, member=member, status=Registration.Status.REGISTERED
        )
    questions = [
        "How do I tell a colleague that something they said was hurtful, without a row?",
        "What is the difference between allyship and performative allyship?",
        "Is it all right to ask someone about their heritage?",
    ]
    past_key = secrets.token_bytes(32)
    for number, text in enumerate(questions):
        question = Question.objects.create(
            session=session, text=text, status=Question.Status.APPROVED
        )
        for member in members[: 3 - number]:
            # The session is over, so its support key is already destroyed: a key made here
            # and never stored gives the same untraceable digests.
            Support.objects.get_or_create(
                question=question,
                digest=services.support_digest(
                    key=past_key, member_id=member.pk, question_id=question.pk
                ),
            )
    Question.objects.create(session=session, text="Why are we doing this at all?")
    MeetingNote.objects.create(
        session=session,
        title="Allyship in co-production: what we talked about",
        published=True,
        body=(
            "<p>Twelve of us met with Adaeze Okafor to talk about allyship.</p>"
            "<h2>What we agreed</h2><ul><li>Allyship is something you do, not something you "
            "are.</li><li>Noticing a microaggression and saying so kindly is a skill we can "
            "practise.</li></ul><blockquote>Start from curiosity, not certainty.</blockquote>"
            "<p>Next time: <strong>responding to microaggressions</strong>.</p>"
        ),
    )


def _seed_upcoming_session(facilitator, members):
    session, created = Session.objects.get_or_create(
        title="Responding to microaggressions",
        defaults={
            "topic": "Practising what to say, and what to do, when it happens to you or near you.",
            "facilitator": facilitator,
            "starts_at": _at(10, 18),
            "ends_at": _at(10, 20),
            "format": Session.Format.ONLINE,
            "online_link": "https://meet.example.org/collective-microaggressions",
            "capacity": 4,
            "ground_rules": GROUND_RULES,
        },
    )
    if not created:
        return
    for member in members:  # six members for four places: two wait
        services.registration_register(session=session, member=member)
    Question.objects.create(
        session=session,
        text="What should I do if I only realise afterwards that something was a microaggression?",
        status=Question.Status.APPROVED,
    )
    Question.objects.create(session=session, text="Can we talk about humour and 'banter'?")


OPEN_SESSIONS = [
    # title, topic, days from today, format, place or link, capacity, members registered
    (
        "Being an ally in co-production: from words to practice",
        "What allyship looks like in the everyday work of a research project, with examples "
        "members have brought.",
        17,
        "in_person",
        "Room 2, Community Hall, 1 Example Street, London",
        14,
        2,
    ),
    (
        "Talking about race at work: an online circle",
        "A smaller, online conversation for anyone who finds it hard to raise race at work. "
        "Cameras optional.",
        24,
        "online",
        "https://meet.example.org/collective-circle",
        10,
        1,
    ),
    (
        "Lived experience and anti-racism",
        "How racism and lived experience of services meet, and what that means for how we "
        "co-produce.",
        38,
        "in_person",
        "Meeting room 1, Library, 20 Sample Road, London",
        16,
        0,
    ),
]


def _seed_open_sessions(facilitator, members):
    """Sessions with places left, so a new member's first sight is something they can join."""
    for title, topic, days, format, where, capacity, registered in OPEN_SESSIONS:
        online = format == Session.Format.ONLINE
        session, created = Session.objects.get_or_create(
            title=title,
            defaults={
                "topic": topic,
                "facilitator": facilitator,
                "starts_at": _at(days, 18),
                "ends_at": _at(days, 20),
                "format": format,
                "place": "" if online else where,
                "online_link": where if online else "",
                "capacity": capacity,
                "ground_rules": GROUND_RULES,
            },
        )
        if created:
            # The last members registered: the demo logins come first and stay free to join.
            for member in members[len(members) - registered :]:
                services.registration_register(session=session, member=member)
