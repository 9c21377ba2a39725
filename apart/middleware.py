import time

from django.conf import settings
from django.shortcuts import render

from support.maintenance import current_maintenance

# The administration must stay reachable to end a window: the Django admin, the DGEFP's
# banner pages and the login page they are reached through.
ALWAYS_OPEN_PREFIXES = (
    "/admin/",
    "/static/",
    "/sante/",
    "/compte/connexion/",
    "/aide/administration/",
)


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
