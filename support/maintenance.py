"""The maintenance window in force (a banner of the DGEFP), cached briefly: the portal's
middleware asks on every request, and saving or deleting a banner forgets the cache.

Two layers: the shared cache (15 s) and, in front of it, a copy kept by each process for
LOCAL_SECONDS, which spares a cache round trip on every request. A window therefore opens
or closes at most CACHE_SECONDS + LOCAL_SECONDS late in another process (at once in the
process that saved the banner); maintenance windows are announced hours ahead.
"""

import time

from django.core.cache import cache

from support.models import InformationBanner

CACHE_KEY = "apart:maintenance-window"
CACHE_SECONDS = 15
LOCAL_SECONDS = 5
_local: dict = {}


def current_maintenance() -> InformationBanner | None:
    now = time.monotonic()
    if _local.get("until", 0) > now:
        return _local["window"] or None
    window = cache.get(CACHE_KEY)
    if window is None:
        window = InformationBanner.objects.active().filter(maintenance=True).first() or False
        cache.set(CACHE_KEY, window, CACHE_SECONDS)
    _local.update(window=window, until=now + LOCAL_SECONDS)
    return window or None


def forget_cached_maintenance() -> None:
    _local.clear()
    cache.delete(CACHE_KEY)
