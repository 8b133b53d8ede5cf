"""The language a page or an e-mail is in.

A visitor's language is their browser's (Accept-Language) until they pick one in the header's
picker, which remembers it in the language cookie (Django's LocaleMiddleware reads both). A
member's pick is also kept on their account (User.language), so that it follows them to another
device when they sign in, and so that e-mails reach them in it (collective/lib/emails.py).
"""

from django.conf import settings
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def chosen_language(user):
    """The language `user` chose and the portal still offers, or "" (none chosen)."""
    language = getattr(user, "language", "") or ""
    return language if language in dict(settings.LANGUAGES) else ""


def language_for(user):
    """The language to write to `user` in: their own, else the portal's default."""
    return chosen_language(user) or settings.LANGUAGE_CODE


def remember(response, language):
    """Set the language cookie as Django's set_language view does (same name and flags)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@require_POST
def set_language(request):
    """The picker's form: Django's set_language (which checks `next`), then, for a member, the
    choice is kept on their account too."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response


class MemberLanguageMiddleware:
    """A signed-in member's own language wins over the cookie and the browser.

    Signing in (here or on another device) is when the two differ: the account's language is
    then activated and the cookie set to it. Picking a language while signed in changes both
    (set_language above), so afterwards they agree and this does nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = ""
        if request.user.is_authenticated:
            language = chosen_language(request.user)
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not language or language == cookie:
            return self.get_response(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        remember(response, language)
        return response
