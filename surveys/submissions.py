"""The random number a visitor's review form carries, so the same form sent twice saves once.

Visitors have no account, so "one response per person" cannot be enforced. What can be stopped is
the accident: a double click, or a browser resending the form on refresh. The review form carries
a nonce made when it is shown; the response stores only a keyed hash of it (unique), which says
nothing about who sent it.
"""

from django.utils.crypto import salted_hmac


def submission_key(nonce):
    return salted_hmac("surveys.submission", nonce, algorithm="sha256").hexdigest()
