"""Refuse input the database cannot store, before any view or query sees it.

PostgreSQL refuses a NUL character in text (psycopg raises DataError), so a NUL in a path, a
query string, a form field or a cookie would otherwise reach a lookup and give a server error.
Such a request is answered 400 with the friendly page, and logged as one warning line by
`django.security` (see `OneLineSecurityFilter`), never with a traceback. The log line names
what was refused, never the path: some addresses are anonymous (gunicorn.conf.py).
"""

import logging

from django.core.exceptions import SuspiciousOperation
from django.http.multipartparser import MultiPartParserError

# Characters no PostgreSQL text column accepts. Lone surrogates cannot arrive here: Django
# decodes paths, query strings and bodies as UTF-8 with replacement characters.
REFUSED_CHARACTERS = ("\x00",)


class UnstorableInput(SuspiciousOperation):
    """Input the database would refuse: answered 400, logged by django.security.UnstorableInput."""


class BrokenUpload(SuspiciousOperation):
    """A multipart body that cannot be parsed (Django would otherwise answer a bare 400)."""


def _refused(text):
    return any(character in text for character in REFUSED_CHARACTERS)


def _multi_items(querydict):
    for key, values in querydict.lists():
        yield key
        yield from (value for value in values if isinstance(value, str))


def unstorable_part(request):
    """The name of the first part of the request that holds a refused character, or None."""
    if _refused(request.path):
        return "the path"
    if any(_refused(text) for text in _multi_items(request.GET)):
        return "the query string"
    if any(_refused(key) or _refused(value) for key, value in request.COOKIES.items()):
        return "a cookie"
    if request.method == "POST":
        try:
            post = request.POST
            files = request.FILES
        except MultiPartParserError as exc:
            raise BrokenUpload(f"Unreadable form upload: {exc}") from None
        if any(_refused(text) for text in _multi_items(post)):
            return "a form field"
        if any(_refused(name) or _refused(f.name or "") for name, f in files.items()):
            return "an uploaded file's name"
    return None


class InputGuardMiddleware:
    """First thing after the security headers: a 400 for input the database would refuse."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        part = unstorable_part(request)
        if part is not None:
            # Raised rather than answered here, so Django's own path renders the 400 page
            # (handler400) and logs it through django.security like every refused request.
            raise UnstorableInput(f"Refused a request: {part} holds a NUL character")
        return self.get_response(request)


class OneLineSecurityFilter(logging.Filter):
    """Refused input is a warning worth one line, not an error with a traceback.

    Django logs every SuspiciousOperation (too big a body, too many fields, a bad host, our
    UnstorableInput) at ERROR with the exception attached. Those are a visitor's mistakes or
    probes, not faults of the portal: one WARNING line each, with no traceback and no address.
    """

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
