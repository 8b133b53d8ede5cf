"""Receipt codes: the only way back to a piece of feedback, and never stored.

The form carries a random nonce (made when the form is shown). The code is a keyed hash of that
nonce, so sending the same form twice (a browser asking "resubmit?" on refresh) gives the same
code and finds the feedback already saved instead of making a copy. Only a second keyed hash of
the code is stored, under a key derived from SECRET_KEY: the database alone cannot be used to
try codes, and 20 digits (about 66 bits) cannot be guessed through the rate-limited form.
"""

import re

from django.utils.crypto import salted_hmac

CODE_DIGITS = 20


def code_for(nonce):
    digest = salted_hmac("feedback.receipt-code", nonce, algorithm="sha256").digest()
    return f"{int.from_bytes(digest, 'big') % 10**CODE_DIGITS:0{CODE_DIGITS}d}"


def code_hash(code):
    return salted_hmac("feedback.receipt-hash", code, algorithm="sha256").hexdigest()


def normalise(text):
    """The code's digits, whatever spaces or dashes were typed or pasted; None if not a code."""
    digits = re.sub(r"[\s-]", "", text or "")
    if len(digits) != CODE_DIGITS or not digits.isascii() or not digits.isdigit():
        return None
    return digits


def grouped(code):
    """`12345678...` as `1234 5678 ...`: easier to read aloud and copy by hand."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))
