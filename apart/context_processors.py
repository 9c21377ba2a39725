from django.conf import settings
from django.utils.functional import SimpleLazyObject

from habilitations.access import profile_of


def portal(request):
    user = getattr(request, "user", None)
    return {
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        "DEV_MAILBOX_ENABLED": settings.DEV_MAILBOX_ENABLED,
        "HELPLINE": "0800 705 800",
        # Evaluated only by templates that show the menu (one cached query per request).
        "nav_profile": SimpleLazyObject(lambda: profile_of(user) or ""),
    }
