"""Form nonces: a random value a form carries from the moment it is shown.

A form sent twice (a double click, a browser resending on refresh) carries the same nonce, so a
service that stores a keyed hash of it under a unique constraint saves the submission once. The
nonce says nothing about who sent the form.
"""

import re
import secrets

NONCE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_nonce():
    return secrets.token_urlsafe(32)


def is_valid_nonce(value):
    return bool(value) and bool(NONCE_PATTERN.match(value))
