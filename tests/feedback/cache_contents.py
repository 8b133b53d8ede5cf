"""What the cache holds, whichever backend the tests run on (LocMem, or Redis with REDIS_URL)."""

import pickle

from django.core.cache import cache


def entries():
    """[(key, value as text)] for everything in the cache."""
    if hasattr(cache, "_expire_info"):  # LocMemCache
        return [(key, repr(pickle.loads(value))) for key, value in cache._cache.items()]
    client = cache._cache.get_client(write=False)
    return [(key.decode(), repr(client.get(key))) for key in client.scan_iter()]


def seconds_to_live(key):
    full_key = cache.make_and_validate_key(key)
    if hasattr(cache, "_expire_info"):
        import time

        return cache._expire_info[full_key] - time.time()
    return cache._cache.get_client(write=False).ttl(full_key)
