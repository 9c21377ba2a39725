"""SQL queries per request of each scenario (Django's test client, CaptureQueriesContext).

Reads the plan (JSON) on stdin, prints {key: queries} as the last line.
"""

import json
import sys

from bench.django_setup import setup

FILING_FORM = {
    "denomination": "SOCIETE BENCH", "street_label": "RUE", "postal_code": "75001",
    "city": "75101", "establishment_email": "contact@bench.exemple.fr",
    "establishment_email_confirm": "contact@bench.exemple.fr", "phone": "0145000000",
    "last_name": "Requetes", "first_name": "Camille", "user_phone": "0612345678",
    "email": "requetes@bench.exemple.fr", "email_confirm": "requetes@bench.exemple.fr",
    "secret_question": "Ville de naissance ?", "secret_answer": "Limoges",
    "captcha_0": "bench", "captcha_1": "PASSED",
}  # fmt: skip


def count(client, method: str, path: str, data=None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data) if data is not None else client.get(path)
    if response.status_code >= 400:
        raise RuntimeError(f"{path}: HTTP {response.status_code}")
    return len(queries)


def filing_queries(client) -> int:
    from django.db import connection

    from bench.seeders.establishments import unfiled_sirets

    with connection.cursor() as cursor:
        siret = unfiled_sirets(cursor)[-1]
    client.post(
        "/habilitations/creer-mon-espace/",
        {"siret": siret, "captcha_0": "bench", "captcha_1": "PASSED", "accept_terms": "on"},
    )
    return count(client, "post", "/habilitations/creer-mon-espace/demande/", FILING_FORM)


def send_queries(client, key: str) -> int:
    """One send (after another, as the load run's sessions are warm) of the newest sendable
    drafts (bench/report.py keeps those out of wrk's files), by the seeded expert-comptable."""
    from django.db import connection

    from accounts.models import User
    from bench.scenarios import SENDS
    from bench.seeders import sends

    with connection.cursor() as cursor:
        warm, item = sends.sendable(cursor, key, newest_first=True)[:2]
    client.force_login(User.objects.get(identifiant=sends.SENDER))
    client.post(SENDS[key][0].format(warm))
    queries = count(client, "post", SENDS[key][0].format(item), {})
    with connection.cursor() as cursor:
        if sends.count_sent(cursor, key, [item]) != 1:
            raise RuntimeError(f"{key}: {item} n'a pas été envoyé")
    return queries


def main() -> None:
    setup()
    from django.test import Client

    from accounts.models import User

    results = {}
    for item in json.loads(sys.stdin.read()):
        client = Client(HTTP_HOST="127.0.0.1")
        if item["kind"] == "login":
            form = {"username": "demo.comptable", "password": "Demo-2020!"}
            results[item["key"]] = count(client, "post", "/compte/connexion/", form)
        elif item.get("mode") == "post":
            results[item["key"]] = send_queries(client, item["key"])
        elif item["kind"] == "filing":
            results[item["key"]] = filing_queries(client)
        else:
            if item["user"]:
                client.force_login(User.objects.get(identifiant=item["user"]))
            client.get(item["path"])  # warm caches as the load run does
            results[item["key"]] = count(client, "get", item["path"])
    print(json.dumps(results))


if __name__ == "__main__":
    main()
