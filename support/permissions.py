"""Role checks for the support back-office and the agents' rights pages.

Small helpers on the APART habilitation's profile (active and valid today), meant to be
merged into `habilitations.access` once that module lands.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from habilitations.enums import Profile
from habilitations.models import Habilitation

SUPPORT_VIEWERS = (Profile.SUPPORT, Profile.DGEFP)


def apart_profile(user) -> str | None:
    """The profile of the user's APART habilitation in force today, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    cache = getattr(user, "_apart_profile_cache", None)
    if cache is None:
        habilitation = (
            Habilitation.objects.apart().valid_on(timezone.now()).filter(user=user).first()
        )
        cache = (habilitation.profile if habilitation else "",)
        user._apart_profile_cache = cache
    return cache[0] or None


def has_profile(user, *profiles: str) -> bool:
    return apart_profile(user) in profiles


def is_support_agent(user) -> bool:
    return has_profile(user, Profile.SUPPORT)


def is_dgefp_admin(user) -> bool:
    return has_profile(user, Profile.DGEFP)


def can_view_tickets(user) -> bool:
    return has_profile(user, *SUPPORT_VIEWERS)


def can_act_on_tickets(user) -> bool:
    """Only ASP support answers, closes and replaces referents; the DGEFP reads."""
    return is_support_agent(user)


def profile_required(*profiles: str):
    """403 for a logged-in user without one of these profiles (anonymous: the login
    middleware has already redirected)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_profile(request.user, *profiles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


support_viewer_required = profile_required(*SUPPORT_VIEWERS)
support_agent_required = profile_required(Profile.SUPPORT)
dgefp_required = profile_required(Profile.DGEFP)
