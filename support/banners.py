"""The banners of the home page, read from the cache: the home page is the busiest page.

The cache holds every banner that has not ended yet (future ones included), so a banner
appears at its start time without waiting for the cache; what is in force is decided at
each request. Saving or deleting a banner clears the entry (support.signals).
"""

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from support.models import InformationBanner

CACHE_KEY = "support:banners-not-ended"
CACHE_SECONDS = 300


def banners_in_force(moment=None) -> list[InformationBanner]:
    moment = moment or timezone.now()
    banners = cache.get(CACHE_KEY)
    if banners is None:
        banners = list(
            InformationBanner.objects.filter(
                Q(ends_at__isnull=True) | Q(ends_at__gt=moment)
            ).order_by("starts_at")
        )
        cache.set(CACHE_KEY, banners, CACHE_SECONDS)
    return [
        banner
        for banner in banners
        if banner.starts_at <= moment and (banner.ends_at is None or banner.ends_at > moment)
    ]


def forget_banners() -> None:
    cache.delete(CACHE_KEY)
