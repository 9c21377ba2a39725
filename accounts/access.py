"""How the login view learns why a correct password was refused.

accounts knows no access policy: the authentication backend of the layer that owns it
(`habilitations.backends.HabilitationBackend`) refuses the login inside `authenticate()`,
so every path (this portal's login, Django admin's) goes through it, and leaves its reason
on the request. The login view shows that reason instead of the generic message.
"""

_REFUSAL_ATTRIBUTE = "_apart_login_refusal"


def record_login_refusal(request, reason: str) -> None:
    if request is not None:
        setattr(request, _REFUSAL_ATTRIBUTE, reason)


def login_refusal_of(request) -> str | None:
    """The reason a backend gave for refusing this request's login, if any."""
    return getattr(request, _REFUSAL_ATTRIBUTE, None)
