from django.apps import AppConfig


class DapConfig(AppConfig):
    name = "dap"
    verbose_name = "Demandes d'autorisation préalable"
