"""The portal's URLs plus the ceiling: a trivial view behind the same middleware stack."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import path

from apart.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401


@login_not_required
def ceiling(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/plafond/", ceiling, name="bench_ceiling"), *urlpatterns]
