"""Hook for the DI volumes (1,000,000 lines of demandes d'indemnisation).

Same contract as bench/seeders/dap.py. The barème (Bareme) is reference data; the DI
models arrive with issue 12: until then this seeder reports itself as skipped.
"""

from django.apps import apps

NAME = "demandes d'indemnisation"
REFERENCE_MODELS = {"Bareme"}


def models_present() -> bool:
    names = {model.__name__ for model in apps.get_app_config("indemnisation").get_models()}
    return bool(names - REFERENCE_MODELS)


def wanted(volumes) -> bool:
    return models_present() and volumes.di_lines > 0


def seed(cursor, volumes) -> dict:
    raise NotImplementedError(
        "Les modèles DI existent : écrire ici l'INSERT … SELECT generate_series de "
        f"{volumes.di_lines} lignes de DI."
    )


def skipped_reason() -> str:
    return "modèles DI absents de cette branche (issue 12 non fusionnée)"
