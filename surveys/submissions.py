"""The random number a visitor's review form carries, so the same form sent twice saves once.

Visitors have no account, so "one response per person" cannot be enforced. What can be stopped is
the accident: a double click, or a browser resending the form on refresh. The review form carries
a nonce made when it is shown; the response stores only a keyed hash of it (unique), which says
nothing about who sent it.
"""

import re
import secrets

from django.utils.crypto import salted_hmac

NONCE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_nonce():
    return secrets.token_urlsafe(32)


def is_valid_nonce(value):
    return bool(value) and bool(NONCE_PATTERN.match(value))


def submission_key(nonce):
    return salted_hmac("surveys.submission", nonce, algorithm="sha256").hexdigest()
