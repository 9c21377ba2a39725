from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from apart.middleware import CACHE_KEY
from support.banners import forget_banners
from support.models import InformationBanner


@receiver([post_save, post_delete], sender=InformationBanner)
def forget_cached_maintenance(**kwargs):
    cache.delete(CACHE_KEY)
    forget_banners()
