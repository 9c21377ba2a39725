"""The DAP app's blocks of the tableau de bord (apart.dashboard includes them)."""

from dap.services.dashboard import dashboard_blocks as dap_context


def dashboard_blocks(user, establishment) -> list[dict]:
    """« Mes Demandes d'Autorisation Préalable » and « Mes Décisions d'Autorisation », with
    the requests and DAs of `establishment` (the current one) or of all visible ones."""
    data = dap_context(user=user, establishment=establishment)["dap_blocks"]
    return [
        {"template": "dap/includes/dashboard_dap.html", **data},
        {"template": "dap/includes/dashboard_decisions.html", **data},
    ]
