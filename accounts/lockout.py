import math

from django.shortcuts import render
from django.utils import timezone

from accounts.throttle import login_retry_at


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """django-axes' lockout page: says when to try again, whatever the identifiant."""
    retry_at = login_retry_at(request, credentials)
    return render_blocked(request, retry_at)


def render_blocked(request, retry_at):
    minutes = max(1, math.ceil((retry_at - timezone.now()).total_seconds() / 60))
    context = {"minutes": minutes, "retry_at": timezone.localtime(retry_at)}
    response = render(request, "accounts/lockout.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
