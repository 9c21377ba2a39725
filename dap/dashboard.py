"""The DAP app's blocks of the tableau de bord (apart.dashboard includes them)."""


def dashboard_blocks(user, establishment) -> list[dict]:
    """« Mes Demandes d'Autorisation Préalable » and « Mes Décisions d'Autorisation »;
    `establishment` is the current one (or None) for the lists to come."""
    return [
        {"template": "dap/includes/dashboard_dap.html"},
        {"template": "dap/includes/dashboard_decisions.html"},
    ]
