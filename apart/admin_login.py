"""The Django admin's login goes through the portal's login policy (issue 10, hole 3).

A suspended or expired superuser used to enter /admin/, including the table that holds
its own suspension. The habilitations' authentication backend applies the policy to
every authenticate(); this form also says why, in the admin's own page.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone

from habilitations.access import login_refusal


class PolicyAdminAuthenticationForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user):
        refusal = login_refusal(user, today=timezone.localdate())
        if refusal is not None:
            raise ValidationError(refusal, code="refused")
        super().confirm_login_allowed(user)
