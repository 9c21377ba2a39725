from django.apps import AppConfig


class ApartConfig(AppConfig):
    name = "apart"
    verbose_name = "Portail"

    def ready(self):
        # Registers the SQLite twin of PostgreSQL's unaccent on every new connection.
        from apart.core import search  # noqa: F401
