"""The seal on answers that wait for release: AES-GCM with a key derived from SECRET_KEY.

While an anonymous response waits (see `SealedResponse`), its row was written in the same
transaction as the member's participation, so a database backup or an SQL user could pair the
two. Encrypting the waiting answers means that what they pair is unreadable: only someone who
also holds the server's SECRET_KEY, during those minutes, could read them.

AES-GCM rather than Fernet: a Fernet token carries its creation time in clear, to the second.
The plain text is padded to a multiple of PAD bytes so that the length says little about what
was written. Keys in SECRET_KEY_FALLBACKS still open rows sealed before a key rotation.
"""

import base64
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.crypto import salted_hmac

PAD = 512
_NONCE_BYTES = 12


class CannotUnseal(Exception):
    """No known key opens this row (SECRET_KEY changed without a fallback)."""


def _key(secret):
    return salted_hmac("surveys.sealing", "aes-256-gcm", secret=secret, algorithm="sha256").digest()


def seal(items):
    """The answers (a JSON-able list) as an opaque text."""
    plain = json.dumps(items, separators=(",", ":")).encode()
    plain += b" " * (-len(plain) % PAD)
    nonce = os.urandom(_NONCE_BYTES)
    sealed = nonce + AESGCM(_key(settings.SECRET_KEY)).encrypt(nonce, plain, None)
    return base64.b64encode(sealed).decode("ascii")


def unseal(text):
    raw = base64.b64decode(text)
    nonce, body = raw[:_NONCE_BYTES], raw[_NONCE_BYTES:]
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        try:
            return json.loads(AESGCM(_key(secret)).decrypt(nonce, body, None))
        except InvalidTag:  # sealed with another key: try the next one
            continue
    raise CannotUnseal
