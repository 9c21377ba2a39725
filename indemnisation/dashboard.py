"""The indemnisation app's block of the tableau de bord (apart.dashboard includes it)."""

from indemnisation.services.dashboard import dashboard_blocks as _blocks


def dashboard_blocks(user, establishment) -> list[dict]:
    """« Mes Demandes d'Indemnisation »; `establishment` is the current one (or None)."""
    return _blocks(user=user, establishment=establishment)
