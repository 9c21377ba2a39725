from django.conf import settings


def portal(request):
    return {
        "SUPPORT_EMAIL": settings.SUPPORT_EMAIL,
        "DEV_MAILBOX_ENABLED": settings.DEV_MAILBOX_ENABLED,
        "HELPLINE": "0800 705 800",
    }
