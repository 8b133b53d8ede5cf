"""Sending e-mail: render three templates, save to the outbox, send from Celery after commit.

Every e-mail is `emails/<name>-subject.txt`, `emails/<name>-body.txt` and
`emails/<name>-body.html`. Call `send("loan-ready", to=[member.email], context={...})` inside
the transaction that caused the message: the outbox row commits (or rolls back) with it.

Each recipient reads it in their own language: a member in the one on their account (else
LANGUAGE_CODE), any other address in the language active when it is sent (the visitor's page, or
LANGUAGE_CODE in a worker). Recipients in different languages get one message per language.
"""

import contextlib
import contextvars
import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from collective.language import language_for

logger = logging.getLogger(__name__)
_suppressed = contextvars.ContextVar("emails_suppressed", default=False)


@contextlib.contextmanager
def suppressed():
    """Send nothing inside this block (demo data must not e-mail example.org addresses)."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def render(name, context):
    context = {"site_url": settings.SITE_URL, "contact_email": settings.CONTACT_EMAIL, **context}
    subject = render_to_string(f"emails/{name}-subject.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    body = render_to_string(f"emails/{name}-body.txt", context)
    html = render_to_string(f"emails/{name}-body.html", context)
    return subject, body, html


def send(name, *, to, context=None):
    email = None
    for language, addresses in by_language(to).items():
        with translation.override(language):
            subject, body, html = render(name, context or {})
        email = queue(to=addresses, subject=subject, body=body, html=html)
    return email


def by_language(addresses):
    """{language: [address, ...]}, in the order given: whom to write to in which language."""
    from collective.models import User

    members = {user.email: user for user in User.objects.filter(email__in=addresses)}
    current = translation.get_language()
    if current not in dict(settings.LANGUAGES):
        current = settings.LANGUAGE_CODE
    groups = {}
    for address in addresses:
        member = members.get(address)
        language = language_for(member) if member else current
        groups.setdefault(language, []).append(address)
    return groups


def queue(*, to, subject, body, html="", from_email=None):
    from collective.models import OutgoingEmail

    if _suppressed.get():
        return None
    email = OutgoingEmail.objects.create(
        to=list(to),
        subject=subject[:255],
        body=body,
        html=html,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
    )
    transaction.on_commit(lambda: enqueue(email.pk))
    return email


def enqueue(email_id):
    """Hand a saved message to Celery. If the broker is down, the beat sweep sends it later."""
    from collective.tasks import send_email

    try:
        send_email.delay(email_id)
    except Exception:  # kombu raises OperationalError and friends; the row is safe either way
        logger.warning("Could not enqueue e-mail %s; it stays in the outbox", email_id)
