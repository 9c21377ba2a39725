"""A Redis cache that survives Redis being down (issue 10, faults survived).

Redis holds only caches, counters and Celery's triggers; every business row is in
PostgreSQL. When Redis is unreachable, reads are misses and writes are dropped (logged),
so pages keep working: the maintenance window is read from the database, throttling
counters fail open for the outage (axes' lockouts are in the database and still hold).
"""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


def _tolerant(name, fallback):
    method = getattr(RedisCache, name)

    def call(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except DOWN as error:
            logger.warning("Redis unreachable (%s): cache %s skipped", error, name)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    call.__name__ = name
    return call


def _default(key, default=None, *args, **kwargs):
    return default


def _incr_fallback(key, delta=1, *args, **kwargs):
    return delta


class TolerantRedisCache(RedisCache):
    get = _tolerant("get", _default)
    set = _tolerant("set", None)
    add = _tolerant("add", False)
    delete = _tolerant("delete", False)
    touch = _tolerant("touch", False)
    incr = _tolerant("incr", _incr_fallback)
    get_many = _tolerant("get_many", {})
    set_many = _tolerant("set_many", [])
    delete_many = _tolerant("delete_many", None)
    has_key = _tolerant("has_key", False)
    clear = _tolerant("clear", None)
