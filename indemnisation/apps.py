from django.apps import AppConfig


class IndemnisationConfig(AppConfig):
    name = "indemnisation"
    verbose_name = "Demandes d'indemnisation"

    def ready(self):
        from indemnisation import bareme_table  # noqa: F401 — its signal receivers
