from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from support.banners import forget_banners
from support.maintenance import forget_cached_maintenance
from support.models import InformationBanner


@receiver([post_save, post_delete], sender=InformationBanner)
def banner_changed(**kwargs):
    forget_cached_maintenance()
    forget_banners()
