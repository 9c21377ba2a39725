import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.shortcuts import redirect, render
from django.urls import reverse

from habilitations.access import session_refusal
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


class LoginPolicyMiddleware:
    """Open sessions follow the login policy (issue 10, hole 3).

    `habilitations.access.login_refusal` decides who may log in; it is asked again on every
    request of a logged-in person, so a suspension, an expired habilitation or a
    deactivated account ends the person's open sessions at their next request, on every
    path (the Django admin included), whatever the session backend. The question costs no
    query: the habilitation of today came with the user (`access.session_refusal`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            refusal = session_refusal(user)
            if refusal is not None:
                return self._end_session(request, refusal)
        elif SESSION_KEY in request.session:  # the account was deactivated
            request.session.flush()
        return self.get_response(request)

    @staticmethod
    def _end_session(request, refusal: str):
        logout(request)
        messages.error(request, refusal)
        if request.path.startswith("/admin/"):
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        return redirect("home")


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
