"""The Redis cache builds one redis-py client per connection pool, not one per call."""

import pytest
from django.conf import settings

from apart.core.cache import TolerantRedisCache

pytestmark = pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis")


def test_cache_calls_share_one_client_and_still_work():
    cache = TolerantRedisCache(settings.REDIS_URL, {})
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("apart-test-reused-client", {"a": 1}, 5)
    assert cache.get("apart-test-reused-client") == {"a": 1}
    cache.delete("apart-test-reused-client")
