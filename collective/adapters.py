import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from collective.language import chosen_language
from collective.lib import emails


class AccountAdapter(DefaultAccountAdapter):
    def is_safe_url(self, url):
        """A `next` that cannot even be parsed (`https://[::1`) is simply not safe.

        allauth's check calls urlparse, which raises ValueError on a malformed IPv6 host; the
        log-in, log-out and sign-up pages would answer 500 instead of ignoring the parameter.
        """
        try:
            return super().is_safe_url(url)
        except ValueError:
            return False

    def save_user(self, request, user, form, commit=True):
        """A new member's language is the one they signed up in (their e-mails follow it)."""
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        """Render allauth's message now, then send it through the outbox and Celery.

        The request is gone by the time a worker runs, so the message is rendered here; the
        outbox row commits with the account change and is retried until delivered. It is in
        the recipient's language if they have an account that has one, else in the page's.
        """
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request)}
        ctx.update(context)
        user = context.get("user") or get_user_model().objects.filter(email=email).first()
        language = chosen_language(user) or translation.get_language()
        with translation.override(language):
            message = self.render_mail(template_prefix, email, ctx)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        if message.content_subtype == "html":
            html, body = message.body, ""
        else:
            body = message.body
        emails.queue(
            to=message.to,
            subject=message.subject,
            body=body,
            html=html,
            from_email=message.from_email,
        )


class MFAAdapter(DefaultMFAAdapter):
    """Authenticator-app keys and recovery-code seeds are stored encrypted, so a database backup
    or an SQL user alone cannot make a staff member's codes (the key is not in the database)."""

    def encrypt(self, text):
        return _mfa_cipher().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text):
        return _mfa_cipher().decrypt(encrypted_text.encode()).decode()


def _mfa_cipher():
    secret = settings.MFA_ENCRYPTION_KEY or settings.SECRET_KEY
    key = hashlib.sha256(b"collective.mfa:" + secret.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))
