"""The maintenance window in force (a banner of the DGEFP), cached briefly: the portal's
middleware asks on every request, and saving or deleting a banner forgets the cache."""

from django.core.cache import cache

from support.models import InformationBanner

CACHE_KEY = "apart:maintenance-window"
CACHE_SECONDS = 15


def current_maintenance() -> InformationBanner | None:
    window = cache.get(CACHE_KEY)
    if window is None:
        window = InformationBanner.objects.active().filter(maintenance=True).first() or False
        cache.set(CACHE_KEY, window, CACHE_SECONDS)
    return window or None


def forget_cached_maintenance() -> None:
    cache.delete(CACHE_KEY)
