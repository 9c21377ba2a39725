"""Throttling of the recovery pages, checked before any hashing.

Login is throttled by django-axes (per identifiant and per address, see settings). The
recovery pages (forgotten password, forgotten identifiant, reset link) add cache counters
per client address and per identifiant or email typed, whether or not it exists, so
the responses do not tell existing accounts from others. A wrong secret answer is also
recorded by axes as a failed login of that identifiant (design: "a wrong answer counts as
a failed login"). Every block ends after the cool-off (15 minutes): nothing is permanent.
"""

import hashlib
from datetime import datetime, timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Q
from django.utils import timezone

from apart.core.client_ip import client_ip as apart_client_ip


def window() -> timedelta:
    return get_cool_off() or timedelta(minutes=15)


def limit() -> int:
    return settings.AXES_FAILURE_LIMIT


def _key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}"


def client_ip(request) -> str:
    return apart_client_ip(request) or "inconnue"


def blocked_until(scope: str, values: list[str], *, allowed: int | None = None) -> datetime | None:
    """When the block on any of these values ends, or None when none is blocked."""
    now, ends = timezone.now(), []
    allowed = limit() if allowed is None else allowed
    for value in values:
        key = _key(scope, value)
        until, count = cache.get(key), cache.get(f"{key}:n") or 0
        if until and until > now and count >= allowed:
            ends.append(until)
    return max(ends) if ends else None


def hit(scope: str, values: list[str], *, span: timedelta | None = None) -> None:
    """Count one failure for each value; the window starts at the first failure.

    The count is an atomic increment, so concurrent failures are all counted.
    """
    now = timezone.now()
    span = span or window()
    timeout = int(span.total_seconds()) + 1
    for value in values:
        key = _key(scope, value)
        until = cache.get(key)
        if until is None or until <= now:
            cache.set(key, now + span, timeout=timeout)
            cache.set(f"{key}:n", 0, timeout=timeout)
        try:
            cache.incr(f"{key}:n")
        except ValueError:  # the count expired between the two calls
            cache.set(f"{key}:n", 1, timeout=timeout)


def record_failed_login(request, identifiant: str) -> None:
    """Record a failure in axes (it counts towards the login lockout) without letting the
    axes middleware replace the page being answered: the recovery page shows its own
    message and the next login attempt meets the lockout."""
    locked_before = getattr(request, "axes_locked_out", False)
    AxesProxyHandler.user_login_failed(
        sender=__name__, credentials={"username": identifiant}, request=request
    )
    request.axes_locked_out = locked_before


def login_retry_at(request, credentials: dict | None) -> datetime:
    """When an axes lockout ends: cool-off after the latest failure of that identifiant
    or that address (failures during a lockout do not extend it, see settings)."""
    from axes.models import AccessAttempt

    ip = client_ip(request)
    username = (credentials or {}).get("username")
    criteria = Q(ip_address=ip) | Q(username=username) if username else Q(ip_address=ip)
    since = timezone.now() - window()
    latest = (
        AccessAttempt.objects.filter(criteria, attempt_time__gte=since).aggregate(
            latest=Max("attempt_time")
        )["latest"]
        or timezone.now()
    )
    return latest + window()
