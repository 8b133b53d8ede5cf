"""A Redis cache that fails open.

The cache holds only rate-limit counters and other short-lived data. If Redis is down, a
person signing up or sending feedback must still succeed (principle 4), so every read answers
"nothing cached" and every write is dropped, with one warning in the log. `add` answers True so
that callers that spin on it as a lock (allauth's rate limiter does) cannot loop forever.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
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


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool.

    Django builds a new `redis.Redis` for every cache call, and each one copies a table of some
    200 response callbacks: about a third of a millisecond, several times on every page. A
    `redis.Redis` is safe to share between threads (it takes a connection from its pool for each
    command), and the pool itself starts afresh in a forked worker.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

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
