"""Who may log in: a policy of the habilitations app, which depends on accounts.

The setting ACCOUNTS_LOGIN_POLICY names the function (`habilitations.access.login_refusal`)
that says why an account may not log in today, so accounts imports nothing above it.
"""

from datetime import date

from django.conf import settings
from django.utils.module_loading import import_string


def login_refusal(user, *, today: date) -> str | None:
    return import_string(settings.ACCOUNTS_LOGIN_POLICY)(user, today=today)
