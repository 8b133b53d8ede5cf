"""The Redis cache keeps one client per connection pool instead of building one per call."""

from django.core.cache import cache

from tests.conftest import require_redis


def test_every_call_shares_one_client_and_still_works():
    require_redis()
    clients = {id(cache._cache.get_client(write=write)) for write in (False, True, False)}
    assert len(clients) == 1
    cache.set("shared-client", "yes")
    assert cache.get("shared-client") == "yes"
