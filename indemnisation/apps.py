from django.apps import AppConfig


class IndemnisationConfig(AppConfig):
    name = "indemnisation"
    verbose_name = "Demandes d'indemnisation"
