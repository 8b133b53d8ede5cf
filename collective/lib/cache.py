"""A Redis cache that fails open.

The cache holds only rate-limit counters and other short-lived data. If Redis is down, a
person signing up or sending feedback must still succeed (principle 4), so every read answers
"nothing cached" and every write is dropped, with one warning in the log. `add` answers True so
that callers that spin on it as a lock (allauth's rate limiter does) cannot loop forever.
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)
REDIS_DOWN = (ConnectionError, TimeoutError)


def _fail_open(method, fallback):
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except REDIS_DOWN:
            logger.warning(
                "Redis cache unavailable during %s; continuing without it", method.__name__
            )
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    wrapper.__name__ = method.__name__
    return wrapper


def _default(key, default=None, version=None):
    return default


class ResilientRedisCache(RedisCache):
    get = _fail_open(RedisCache.get, _default)
    get_many = _fail_open(RedisCache.get_many, {})
    has_key = _fail_open(RedisCache.has_key, False)
    set = _fail_open(RedisCache.set, None)
    set_many = _fail_open(RedisCache.set_many, [])
    add = _fail_open(RedisCache.add, True)
    touch = _fail_open(RedisCache.touch, False)
    delete = _fail_open(RedisCache.delete, False)
    delete_many = _fail_open(RedisCache.delete_many, None)
    incr = _fail_open(RedisCache.incr, 1)
    clear = _fail_open(RedisCache.clear, None)
