"""The indemnisation app's block of the tableau de bord (apart.dashboard includes it)."""


def dashboard_blocks(user, establishment) -> list[dict]:
    """« Mes Demandes d'Indemnisation »; `establishment` is the current one (or None)."""
    return [{"template": "indemnisation/includes/dashboard_di.html"}]
