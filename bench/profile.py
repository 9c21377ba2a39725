"""CPU time and SQL queries per page, in process (`python -m bench.profile [key] [--cprofile]`).

Less noisy than the load run on a shared machine: it counts this process's CPU time
(time.process_time) over BENCH_RUNS renders through the whole middleware stack, so the
effect of one change can be measured while other programs use the cores.

`python -m bench.profile depot [--cprofile]` measures the « Créer mon espace » filing the
same way: step 1 POST and step 2 POST apart, each on a SIRET never filed (BENCH_RUNS of
them are used up: they get an account request, as in the load run).
"""

import cProfile
import os
import pstats
import sys
import time
from urllib.parse import urlencode

from bench.django_setup import setup

RUNS = int(os.environ.get("BENCH_RUNS", "100"))
FORM_ENCODED = "application/x-www-form-urlencoded"  # as browsers and wrk post (not multipart)


def pages():
    from django.db import connection

    from bench.report import _di_sample
    from bench.scenarios import SIMULATION

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT e.siret FROM establishments_establishment e JOIN accounts_user u "
            "ON u.id = e.principal_user_id WHERE u.identifiant = 'demo.employeur' "
            "ORDER BY e.siret LIMIT 1"
        )
        fiche = cursor.fetchone()[0]
        cursor.execute(
            "SELECT number FROM dap_authorizationrequest WHERE number LIKE 'DAP075%%' "
            "AND status = 'sent' ORDER BY id LIMIT 1"
        )
        row = cursor.fetchone()
        di_employer, di_claim = _di_sample(cursor)
    dap = []
    if row:
        dap = [
            ("dap_file", "demo.agent75", "/dap/instruction/?status=sent"),
            ("dap_recherche", "demo.agent75", f"/dap/recherche/?q={row[0]}"),
            ("dap_liste", "bench.employeur40", "/dap/"),
        ]
    di = []
    if di_employer:
        di = [
            ("di_liste", di_employer, "/indemnisation/"),
            ("di_fiche", di_employer, f"/indemnisation/{di_claim}/"),
        ]
    return [
        ("plafond", "", "/bench/plafond/"),
        ("accueil", "", "/"),
        ("aide", "", "/aide/"),
        ("simulateur", "", "/indemnisation/simulateur/"),
        ("simulation", "", SIMULATION),
        ("creer1", "", "/habilitations/creer-mon-espace/"),
        ("tdb_comptable", "demo.comptable", "/etablissements/tableau-de-bord/"),
        ("liste", "demo.comptable", "/etablissements/"),
        ("recherche", "demo.comptable", "/etablissements/?q=DEMO+15"),
        ("tdb_employeur", "demo.employeur", "/etablissements/tableau-de-bord/"),
        ("fiche", "demo.employeur", f"/etablissements/{fiche}/"),
        ("support", "demo.support", "/aide/support/demandes/"),
        *dap,
        *di,
    ]


def filing_profile(runs: int, profile: bool) -> None:
    """Step 1 POST then step 2 POST, BENCH_RUNS times, CPU and SQL of each step apart."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.queries import FILING_FORM
    from bench.seeders.establishments import unfiled_sirets

    with connection.cursor() as cursor:
        sirets = unfiled_sirets(cursor)[: runs + 2]
    assert len(sirets) > runs + 1, "bench.profile depot: not enough unfiled SIRETs"
    step1 = {"captcha_0": "bench", "captcha_1": "PASSED", "accept_terms": "on"}
    cpu, counts = [0.0, 0.0], [0, 0]
    # CPU time, not the wall clock: waits on PostgreSQL and Redis are not this process's.
    profiler = cProfile.Profile(time.process_time) if profile else None
    client = Client(HTTP_HOST="127.0.0.1")  # one handler, as one gunicorn worker has
    for number, siret in enumerate(sirets):
        client.cookies.clear()  # a new filer
        form = {**FILING_FORM, "last_name": f"Profil{_letters(number)}"}
        form["email"] = form["email_confirm"] = f"profil{number}@bench.exemple.fr"
        posts = [
            ("/habilitations/creer-mon-espace/", {**step1, "siret": siret}, "/demande/"),
            ("/habilitations/creer-mon-espace/demande/", form, "/demande-transmise/"),
        ]
        for index, (path, data, expected) in enumerate(posts):
            body = urlencode(data)
            if number == 1:  # the first filing warms imports and caches, the second counts
                with CaptureQueriesContext(connection) as queries:
                    response = client.post(path, body, content_type=FORM_ENCODED)
                counts[index] = len(queries)
            else:  # the others are timed, without the query log's own cost
                if profiler and number:
                    profiler.enable()
                started = time.process_time()
                response = client.post(path, body, content_type=FORM_ENCODED)
                elapsed = time.process_time() - started
                if profiler and number:
                    profiler.disable()
                if number:
                    cpu[index] += elapsed
            assert response.status_code == 302, (path, response.status_code)
            assert response["Location"].endswith(expected), response["Location"]
    for index, key in enumerate(("depot_etape1", "depot_etape2")):
        print(f"{key:<16} {cpu[index] * 1000 / runs:>8.2f} {'':>8} {counts[index]:>5}")
    print(f"{'depot (1 + 2)':<16} {sum(cpu) * 1000 / runs:>8.2f} {'':>8} {sum(counts):>5}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def _letters(number: int) -> str:
    """Names may not contain digits (they would not look like a person's)."""
    text = ""
    while True:
        text = chr(97 + number % 26) + text
        number //= 26
        if not number:
            return text


def profile_sends(only, profile: bool) -> None:
    """CPU time and SQL of one send (POST, redirect): each run sends another draft."""
    from bench.scenarios import SENDS

    for key, (path, location) in SENDS.items():
        if not only or key in only:
            profile_send(key, path, location, profile)


def profile_send(key: str, path: str, location: str, profile: bool) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from bench.seeders import sends

    # From the newest end: bench/report.py gives wrk the oldest ones.
    with connection.cursor() as cursor:
        items = sends.sendable(cursor, key, newest_first=True)[: RUNS + 2]
    if len(items) < RUNS + 2:
        print(f"{key:<16} {len(items)} brouillons envoyables : relancez bench.seed")
        return
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(identifiant=sends.SENDER))

    def send(item):
        response = client.post(path.format(item))
        assert response.status_code == 302, (key, response.status_code)
        assert response["Location"] == location.format(item), response["Location"]

    send(items[0])
    with CaptureQueriesContext(connection) as queries:
        send(items[1])
    statements = [query["sql"] for query in queries]  # the next request clears the log
    # Timed in CPU: a send also waits on PostgreSQL (its commit), which is not ours.
    profiler = cProfile.Profile(time.process_time) if profile else None
    cpu, wall = time.process_time(), time.perf_counter()
    if profiler:
        profiler.enable()
    for item in items[2:]:
        send(item)
    if profiler:
        profiler.disable()
    cpu = (time.process_time() - cpu) * 1000 / RUNS
    wall = (time.perf_counter() - wall) * 1000 / RUNS
    with connection.cursor() as cursor:
        sent = sends.count_sent(cursor, key, items)
    assert sent == len(items), f"{key}: {sent} envoyées sur {len(items)}"
    print(f"{key:<16} {cpu:>8.2f} {wall:>8.2f} {len(statements):>5} {'POST':>6}")
    if os.environ.get("BENCH_SQL") == "1":
        for sql in statements:
            print("   ", sql[:400])
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(50)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    only = [a for a in sys.argv[1:] if not a.startswith("--")]
    profile = "--cprofile" in sys.argv
    print(f"{'page':<16} {'CPU ms':>8} {'mur ms':>8} {'SQL':>5} {'Ko':>6}")
    if only == ["depot"]:
        filing_profile(RUNS, profile)
        return
    for key, user, path in pages():
        if only and key not in only:
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        if user:
            client.force_login(User.objects.get(identifiant=user))
        response = client.get(path)
        assert response.status_code == 200, (key, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        query_count = len(queries)  # read now: the next request clears Django's log
        profiler = cProfile.Profile() if profile else None
        cpu, wall = time.process_time(), time.perf_counter()
        if profiler:
            profiler.enable()
        for _ in range(RUNS):
            client.get(path)
        if profiler:
            profiler.disable()
        cpu = (time.process_time() - cpu) * 1000 / RUNS
        wall = (time.perf_counter() - wall) * 1000 / RUNS
        size = len(response.content) / 1024
        print(f"{key:<16} {cpu:>8.2f} {wall:>8.2f} {query_count:>5} {size:>6.0f}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    profile_sends(only, profile)


if __name__ == "__main__":
    main()
