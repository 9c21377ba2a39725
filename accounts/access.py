"""Who may log in to APART, and the reason given when not (seed 002 §1–§2).

« Les usagers ne peuvent se connecter qu'après qu'ils aient reçu le courriel de création
d'habilitation et à compter de la date précisée » — and not after it expired. Agents (UD,
support, DGEFP) log in the same way, through their APART habilitation. These messages
are only shown once the password was right, so they reveal nothing to a stranger.

The habilitation rules belong to `habilitations`, which depends on `accounts`: it is
imported inside the function to keep the apps' one-way dependency at import time.
"""

from datetime import date

from django.utils import formats

ASSISTANCE_HINT = (
    "Pour toute question, envoyez une demande d'assistance avec le motif « Habilitation à "
    "l'extranet »."
)
NOT_YET_HABILITATED = (
    "Votre habilitation à l'extranet Activité Partielle n'a pas encore été créée : vous ne "
    "pourrez vous connecter que lorsque vous aurez reçu un mail vous informant de la création "
    "de votre habilitation."
)
NOT_STARTED = (
    "Votre habilitation à l'extranet Activité Partielle est activée à compter du {date} : "
    "vous pourrez vous connecter à compter de cette date."
)
EXPIRED = (
    "Votre habilitation à l'extranet Activité Partielle a pris fin le {date} : vous ne pouvez "
    "plus vous connecter. " + ASSISTANCE_HINT
)
SUSPENDED = (
    "Votre habilitation à l'extranet Activité Partielle est suspendue : vous ne pouvez pas vous "
    "connecter. " + ASSISTANCE_HINT
)


def _day(value: date) -> str:
    return formats.date_format(value, "d/m/Y")


def login_refusal(user, *, today: date) -> str | None:
    """Why this account may not log in to APART today, or None when it may."""
    from habilitations.enums import HabilitationStatus
    from habilitations.models import Habilitation

    habilitation = Habilitation.objects.apart().filter(user=user).first()
    if habilitation is None or habilitation.notified_at is None:
        return NOT_YET_HABILITATED
    if habilitation.status == HabilitationStatus.SUSPENDED:
        return SUSPENDED
    if today < habilitation.valid_from:
        return NOT_STARTED.format(date=_day(habilitation.valid_from))
    if today > habilitation.valid_until:
        return EXPIRED.format(date=_day(habilitation.valid_until))
    return None
