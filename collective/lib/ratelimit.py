"""Rate limits that know no address.

A client address is only ever used as the message of an HMAC whose key is random, lives in the
cache (Redis) alone and expires after a day: after that, yesterday's counters cannot be tied to
an address by anyone, including us. The counters themselves expire after a short window.

If the cache is down every call allows the request (the cache fails open): losing a submission
would be worse than letting a burst through (principle 4).
"""

import hashlib
import hmac
import secrets

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, PermissionDenied

DAILY_KEY = "ratelimit:daily-key"
DAILY_KEY_SECONDS = 24 * 60 * 60


def client_address(request):
    """The client's address, as allauth's rate limits see it (ALLAUTH_TRUSTED_PROXY_COUNT)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except (PermissionDenied, ImproperlyConfigured):
        return None


def _daily_key():
    key = cache.get(DAILY_KEY)
    if key is None:
        # add, not set: two processes racing at rotation time agree on one key.
        cache.add(DAILY_KEY, secrets.token_hex(32), timeout=DAILY_KEY_SECONDS)
        key = cache.get(DAILY_KEY)
    return key


def _bucket(request, scope):
    key = _daily_key()
    address = client_address(request)
    if key is None or address is None:
        return None
    digest = hmac.new(key.encode(), address.encode(), hashlib.sha256).hexdigest()
    return f"{scope}:{digest}"


def count(request, scope, *, window):
    """Count one event of `scope` for this client; returns the count in this window so far."""
    bucket = _bucket(request, scope)
    if bucket is None:
        return 0
    cache.add(bucket, 0, timeout=window)
    try:
        return cache.incr(bucket)
    except ValueError:  # the counter expired between add and incr
        cache.add(bucket, 1, timeout=window)
        return 1


def seen(request, scope):
    """How many events of `scope` this client has had in this window, without counting one."""
    bucket = _bucket(request, scope)
    return 0 if bucket is None else cache.get(bucket, 0)
