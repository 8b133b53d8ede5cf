"""Demo feedback for `manage.py seed_demo`: some in every state, one with a conversation."""

from datetime import timedelta

from django.utils import timezone

from feedback import receipts
from feedback.models import Feedback, Message

# Published on purpose, so a person trying the demo can open the conversation below.
DEMO_CODE = "48217390115620489375"

# (days ago, topic, status, message, internal notes, [(from staff?, reply)], contact)
ITEMS = [
    (
        3,
        Feedback.Topic.BARRIER,
        Feedback.Status.READ,
        "The evening sessions finish after the last bus to my area, so I have stopped coming. "
        "Could some sessions be earlier, or online?",
        "Raise at the next planning meeting with the transport budget.",
        [
            (
                True,
                "Thank you for telling us. We are moving two sessions a month to 5 pm and "
                "will pay for taxis home when a session runs late. Would that help you?",
            ),
            (False, "Yes, 5 pm would work for me. Thank you for listening."),
            (True, "Good to hear. The new times will be on the sessions page from next month."),
        ],
        None,
    ),
    (
        1,
        Feedback.Topic.INCIDENT,
        Feedback.Status.NEW,
        'In the last discussion someone kept calling me "articulate" as if it were a surprise. '
        "Nobody said anything. I did not feel able to either.",
        "",
        [],
        None,
    ),
    (
        9,
        Feedback.Topic.RESOURCE,
        Feedback.Status.ACTIONED,
        'Please add "Me and White Supremacy" by Layla F. Saad to the library. Our reading group '
        "used it and it opened a lot of honest conversations.",
        "Added to the catalogue; two copies ordered.",
        [],
        None,
    ),
    (
        20,
        Feedback.Topic.FACILITATOR,
        Feedback.Status.ACTIONED,
        "The facilitator from the allyship workshop at the community centre was excellent: calm, "
        "clear, and she made space for the quieter people.",
        "Passed to the facilitation coordinators.",
        [],
        ("Grace", "grace@example.org"),
    ),
    (
        40,
        Feedback.Topic.GENERAL,
        Feedback.Status.CLOSED,
        "I like that the portal works on my old phone and with my screen reader.",
        "",
        [(True, "Thank you, that is lovely to hear.")],
        None,
    ),
]


def seed(stdout):
    today = timezone.localdate()
    for index, (days_ago, topic, status, message, notes, replies, contact) in enumerate(ITEMS):
        code = DEMO_CODE if index == 0 else receipts.code_for(f"collective-demo-feedback-{index}")
        name, email = contact or ("", "")
        feedback, created = Feedback.objects.get_or_create(
            receipt_hash=receipts.code_hash(code),
            defaults={
                "topic": topic,
                "message": message,
                "status": status,
                "notes": notes,
                "received_on": today - timedelta(days=days_ago),
                "closed_on": today - timedelta(days=days_ago - 5) if status == "closed" else None,
                "wants_reply": bool(contact),
                "contact_name": name,
                "contact_email": email,
            },
        )
        if created:
            for position, (from_staff, body) in enumerate(replies, start=1):
                Message.objects.create(
                    feedback=feedback,
                    from_staff=from_staff,
                    body=body,
                    position=position,
                    sent_on=today - timedelta(days=max(days_ago - position, 0)),
                )
    stdout.write(
        f"Anonymous feedback: open the demo conversation at /feedback/receipt/ with the receipt "
        f"code {receipts.grouped(DEMO_CODE)}\n"
    )
