"""Role checks for the support back-office and the agents' rights pages.

Small helpers on the profile of the APART habilitation in force today
(`habilitations.access.profile_of`), to be merged into `habilitations.access`.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from habilitations.access import profile_of
from habilitations.enums import Profile

SUPPORT_VIEWERS = (Profile.SUPPORT, Profile.DGEFP)


def apart_profile(user) -> str | None:
    """The profile of the user's APART habilitation in force today (cached per request)."""
    return profile_of(user)


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
