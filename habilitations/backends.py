"""The authentication backend of APART: Django's ModelBackend plus the habilitation policy.

- Login: once the password is right, `access.login_refusal` may refuse the login (no APART
  habilitation notified yet, suspended, not started, ended). The refusal happens inside
  `authenticate()`, so every way in (the portal's login page, Django admin's) obeys it; the
  reason is left on the request for the login page (`accounts.access.login_refusal_of`).
  Like Django's own refusal of an inactive account, axes counts it as a failed attempt.
- The account of a session is loaded with its APART habilitation of today in one query
  (`access.user_with_habilitation`): every logged-in page needs both.
- Rights on an object: `user.has_perm(perm, establishment)` answers from `access`, so a
  layer that may not import habilitations can still ask. Without an object, Django's model
  permissions apply (the admin).
"""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.access import record_login_refusal
from establishments.models import Establishment
from habilitations import access

VIEW_ESTABLISHMENT = "establishments.view_establishment"
CHANGE_ESTABLISHMENT = "establishments.change_establishment"
MANAGE_ESTABLISHMENT_USERS = "establishments.manage_users"
CHANGE_PRINCIPAL_USER = "establishments.change_principal_user"

ESTABLISHMENT_RULES = {
    VIEW_ESTABLISHMENT: access.can_view,
    CHANGE_ESTABLISHMENT: access.can_edit,
    MANAGE_ESTABLISHMENT_USERS: access.can_manage_users,
    CHANGE_PRINCIPAL_USER: access.can_change_principal,
}


class HabilitationBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            return None
        refusal = access.login_refusal(user, today=timezone.localdate())
        if refusal is None:
            return user
        record_login_refusal(request, refusal)
        raise PermissionDenied(refusal)  # no other backend may let this account in

    def get_user(self, user_id):
        """The session's account, with its habilitation of today in the same query."""
        user = access.user_with_habilitation(user_id)
        return user if self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        if obj is None:
            return super().has_perm(user_obj, perm)
        if isinstance(obj, Establishment) and perm in ESTABLISHMENT_RULES:
            return user_obj.is_active and ESTABLISHMENT_RULES[perm](user_obj, obj)
        return False
