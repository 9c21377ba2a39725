from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "support"
    verbose_name = "Besoin d'aide et support"

    def ready(self):
        from support import signals  # noqa: F401
