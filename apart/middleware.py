import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from support.models import InformationBanner

CACHE_KEY = "apart:maintenance-window"
CACHE_SECONDS = 15
# The administration must stay reachable to end a window: the Django admin, the DGEFP's
# banner pages and the login page they are reached through.
ALWAYS_OPEN_PREFIXES = (
    "/admin/",
    "/static/",
    "/sante/",
    "/compte/connexion/",
    "/aide/administration/",
)


def current_maintenance() -> InformationBanner | None:
    """The maintenance window in force, cached briefly: this runs on every request."""
    window = cache.get(CACHE_KEY)
    if window is None:
        window = InformationBanner.objects.active().filter(maintenance=True).first() or False
        cache.set(CACHE_KEY, window, CACHE_SECONDS)
    return window or None


class MaintenanceModeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ALWAYS_OPEN_PREFIXES):
            window = current_maintenance()
            if window is not None:
                response = render(request, "maintenance.html", {"window": window}, status=503)
                response["Retry-After"] = "3600"
                return response
        return self.get_response(request)


class SlidingSessionMiddleware:
    """The 30-minute idle expiry without writing the session on every request.

    SESSION_SAVE_EVERY_REQUEST wrote every session (cache and database) on every page. Here
    a session is re-saved, which pushes its expiry back, only when its last save is older
    than SESSION_TOUCH_SECONDS: the idle limit is then exact to within that minute.
    """

    KEY = "_touched"

    def __init__(self, get_response):
        self.get_response = get_response
        self.every = getattr(settings, "SESSION_TOUCH_SECONDS", 60)

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(self.KEY, 0) >= self.every:
                session[self.KEY] = now
        return response
