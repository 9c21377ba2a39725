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
