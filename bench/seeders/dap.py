"""Hook for the DAP / DA volumes (1,000,000 DAPs in every status, 200,000 DAs).

Contract of a seeder: `wanted(volumes)` says whether rows are missing; `seed(cursor,
volumes)` writes them with INSERT … SELECT FROM generate_series(…) (or COPY) joined to the
seeded establishments (`siret LIKE '7%'`), and returns {table: rows}. Until the DAP models
exist in this tree (issue 11), this seeder reports itself as skipped.
"""

from django.apps import apps

NAME = "DAP et décisions"


def models_present() -> bool:
    return bool(list(apps.get_app_config("dap").get_models()))


def wanted(volumes) -> bool:
    return models_present() and volumes.daps > 0


def seed(cursor, volumes) -> dict:
    raise NotImplementedError(
        "Les modèles DAP existent : écrire ici l'INSERT … SELECT generate_series de "
        f"{volumes.daps} DAP (tous statuts) et {volumes.das} DA."
    )


def skipped_reason() -> str:
    return "modèles DAP absents de cette branche (issue 11 non fusionnée)"
