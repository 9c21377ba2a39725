"""The extranets of the ASP: reference rows created by migration 0002."""

APPLICATIONS = [
    ("APART", "Activité Partielle (APART)"),
    ("SYLAE", "SYLAé"),
    ("ELISA", "Elisa"),
    ("APEA", "APEA"),
    ("DEFI", "Défi"),
    ("SERVICE_CIVIQUE", "Service Civique"),
    ("EA", "Entreprises Adaptées"),
]


def ensure_applications(application_model) -> None:
    for code, name in APPLICATIONS:
        application_model.objects.update_or_create(code=code, defaults={"name": name})
