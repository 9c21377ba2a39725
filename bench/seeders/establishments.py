"""200,000 establishments, each with its account, APART habilitation and attachment, and a
SIRENE stock of SIRETs without a space yet (for « Créer mon espace » filings).

The demo expert-comptable with 200 SIRETs comes from `load_demo`; the bench accounts all
share one password hash (computed once: hashing 200,000 passwords would take an hour).
"""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from stdnum import luhn

from bench.seeders.copy import copy_rows, scalar

NAME = "établissements, comptes, habilitations"
BENCH_PASSWORD = "Bench-2020!"
SERIES_ESTABLISHED = 7  # SIRETs with a space (synthetic, never a real company)
SERIES_UNFILED = 6  # SIRENE-only SIRETs, filed during the run
ACTIVITIES = ["BOULANGERIE", "GARAGE", "RESTAURANT", "HÔTEL", "CABINET", "ATELIER", "COMMERCE"]


def siret(n: int, series: int) -> str:
    siren = f"{series}{n:07d}"
    siren += luhn.calc_check_digit(siren)
    return siren + "0001" + luhn.calc_check_digit(siren + "0001")


def identifiant(n: int) -> str:
    return f"bench.employeur{n}"


def wanted(volumes) -> bool:
    from establishments.models import Establishment

    have = Establishment.objects.filter(siret__startswith=str(SERIES_ESTABLISHED)).count()
    return have < volumes.establishments


def _reference(cursor):
    cursor.execute("SELECT postal_code, insee_code, name FROM establishments_commune ORDER BY id")
    communes = cursor.fetchall()
    cursor.execute("SELECT code FROM establishments_nafcode ORDER BY code")
    nafs = [row[0] for row in cursor.fetchall()]
    cursor.execute("SELECT idcc FROM establishments_conventioncollective ORDER BY idcc")
    idccs = [row[0] for row in cursor.fetchall()]
    return communes, nafs, idccs


def _establishment_row(n, communes, nafs, idccs, now):
    number = siret(n, SERIES_ESTABLISHED)
    postal, insee, city = communes[(n * 7919) % len(communes)]
    complete = n % 10 < 7  # 70 % have a complete fiche (bank details and RIB included)
    return (
        number, number[:9], f"{ACTIVITIES[n % len(ACTIVITIES)]} BENCH {n:06d}", "",
        str(n % 120 + 1), "", "RUE", "DE LA PAIX", "", postal, city[:100], insee,
        f"contact{n}@bench.exemple.fr", "0145000000", "",
        nafs[n % len(nafs)] if nafs else None, (n % 400) + 1,
        idccs[n % len(idccs)] if complete and idccs else None,
        "FR7630006000011234567890189" if complete else "",
        "AGRIFRPP" if complete else "", f"BENCH {n}" if complete else "",
        "rib/bench.pdf" if complete else "", None, now, now,
    )  # fmt: skip


ESTABLISHMENT_COLUMNS = [
    "siret", "siren", "denomination", "enseigne", "street_number", "street_extension",
    "street_type", "street_label", "address_complement", "postal_code", "city", "insee_code",
    "email", "phone", "fax", "naf_code_id", "headcount", "convention_id", "iban", "bic",
    "account_holder", "rib_file", "principal_user_id", "created_at", "updated_at",
]  # fmt: skip
USER_COLUMNS = [
    "password", "is_superuser", "identifiant", "last_name", "first_name", "email", "phone",
    "secret_question", "secret_answer_hash", "must_change_password", "is_active", "is_staff",
    "date_joined",
]  # fmt: skip
SIRENE_COLUMNS = [
    "siret", "siren", "denomination", "enseigne", "street_number", "street_extension",
    "street_type", "street_label", "address_complement", "postal_code", "city", "insee_code",
    "naf_code", "is_active", "headcount_band",
]  # fmt: skip


def seed(cursor, volumes) -> dict:
    communes, nafs, idccs = _reference(cursor)
    now = timezone.now()
    count = volumes.establishments
    start = scalar(
        cursor,
        "SELECT count(*) FROM establishments_establishment WHERE siret LIKE %s",
        [f"{SERIES_ESTABLISHED}%"],
    )
    password = make_password(BENCH_PASSWORD)
    answer = make_password("limoges")
    written = {}
    written["accounts_user"] = copy_rows(
        cursor,
        "accounts_user",
        USER_COLUMNS,
        (
            (password, False, identifiant(n), f"NOM{n}", "Prénom", f"employeur{n}@bench.exemple.fr",
             "0600000000", "Ville de naissance ?", answer, False, True, False, now)
            for n in range(start, count)
        ),
    )  # fmt: skip
    written["establishments_establishment"] = copy_rows(
        cursor,
        "establishments_establishment",
        ESTABLISHMENT_COLUMNS,
        (_establishment_row(n, communes, nafs, idccs, now) for n in range(start, count)),
    )
    today = timezone.localdate()
    cursor.execute(
        """
        INSERT INTO habilitations_habilitation
            (user_id, application_id, profile, status, valid_from, valid_until, notified_at,
             created_at)
        SELECT u.id, a.id, 'establishment', 'active', %s, %s, %s, %s
        FROM accounts_user u CROSS JOIN habilitations_application a
        WHERE a.code = 'APART' AND u.identifiant LIKE 'bench.employeur%%'
          AND NOT EXISTS (SELECT 1 FROM habilitations_habilitation h WHERE h.user_id = u.id)
        """,
        [today - timedelta(days=30), today + timedelta(days=335), now, now],
    )
    written["habilitations_habilitation"] = cursor.rowcount
    # Account n is the principal user of establishment n, attached with the user role.
    cursor.execute(
        """
        WITH pairs AS (
            SELECT e.id AS establishment_id, u.id AS user_id, h.id AS habilitation_id
            FROM establishments_establishment e
            JOIN accounts_user u
              ON u.identifiant = 'bench.employeur' || (substr(e.siret, 2, 7)::int)
            JOIN habilitations_habilitation h ON h.user_id = u.id
            WHERE e.siret LIKE %s AND e.principal_user_id IS NULL
        ), principal AS (
            UPDATE establishments_establishment e SET principal_user_id = p.user_id
            FROM pairs p WHERE e.id = p.establishment_id
        )
        INSERT INTO habilitations_attachment (habilitation_id, establishment_id, role, added_at)
        SELECT habilitation_id, establishment_id, 'user', %s FROM pairs
        """,
        [f"{SERIES_ESTABLISHED}%", now],
    )
    written["habilitations_attachment"] = cursor.rowcount
    written["establishments_sireneestablishment"] = _sirene(cursor, volumes, communes, nafs)
    return written


def _sirene(cursor, volumes, communes, nafs) -> int:
    """The SIRENE stock: the established SIRETs and as many not yet filed."""
    have = scalar(
        cursor,
        "SELECT count(*) FROM establishments_sireneestablishment WHERE siret LIKE %s",
        [f"{SERIES_UNFILED}%"],
    )

    cursor.execute("SELECT siret FROM establishments_sireneestablishment")
    existing = {row[0] for row in cursor.fetchall()}  # the real SIRENE sample may collide

    def rows():
        for n in range(have, volumes.unfiled):
            number = siret(n, SERIES_UNFILED)
            if number in existing:
                continue
            postal, insee, city = communes[(n * 104729) % len(communes)]
            yield (
                number, number[:9], f"{ACTIVITIES[n % len(ACTIVITIES)]} NOUVEAU {n:06d}", "",
                str(n % 90 + 1), "", "AVENUE", "DU GÉNÉRAL LECLERC", "", postal, city[:100],
                insee, nafs[n % len(nafs)] if nafs else "", True, "11",
            )  # fmt: skip

    return copy_rows(cursor, "establishments_sireneestablishment", SIRENE_COLUMNS, rows())


def unfiled_sirets(cursor) -> list[str]:
    """The SIRETs the « Créer mon espace » scenario may file: in SIRENE, no space yet."""
    cursor.execute(
        """
        SELECT s.siret FROM establishments_sireneestablishment s
        WHERE s.siret LIKE %s AND NOT EXISTS (
            SELECT 1 FROM establishments_establishment e WHERE e.siret = s.siret)
          AND NOT EXISTS (SELECT 1 FROM habilitations_accountrequest r WHERE r.siret = s.siret)
        ORDER BY s.siret
        """,
        [f"{SERIES_UNFILED}%"],
    )
    return [row[0] for row in cursor.fetchall()]
