from django.apps import AppConfig


class ApartConfig(AppConfig):
    name = "apart"
    verbose_name = "Portail"
