"""Faults survived, against real services killed for real (issue 10).

Run alone with `pytest -m faults -p no:xdist` (CI does, after `make test`). Every service
here is private to the test: a redis-server and a PostgreSQL cluster started on free
ports, and the portal's own processes (gunicorn, Celery worker and beat).
"""

import re
import time

import psycopg
import requests

from tests.email_backends import sent
from tests.faults.services import Portal, wait_for

STEP2 = {
    "denomination": "BOULANGERIE DU MAIL", "street_number": "12", "street_extension": "B",
    "street_type": "RUE", "street_label": "DU MAIL", "address_complement": "",
    "postal_code": "75002", "city": "75102",
    "establishment_email": "contact@boulangerie-du-mail.fr",
    "establishment_email_confirm": "contact@boulangerie-du-mail.fr",
    "phone": "01 42 33 44 55", "fax": "", "last_name": "Menuça", "first_name": "Gérard",
    "user_phone": "06 12 34 56 78", "email": "gerard.menuca@exemple.fr",
    "email_confirm": "gerard.menuca@exemple.fr", "secret_question": "Nom de mon chien ?",
    "secret_answer": "Médor", "captcha_0": "x", "captcha_1": "PASSED",
}  # fmt: skip
SUBMITTED = "Votre demande de création de compte a bien été transmise"


def db_rows(url: str, sql: str):
    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        return conn.execute(sql).fetchall()


def post_form(session, url, data):
    page = session.get(url, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(url, data={**data, "csrfmiddlewaretoken": token},
                        headers={"Referer": url}, timeout=60)  # fmt: skip


def test_redis_stopped_while_an_employer_creates_a_space(portal, redis, database_url):
    web = portal.web()
    redis.stop()
    session = requests.Session()
    step1 = post_form(session, f"{web}/habilitations/creer-mon-espace/",
                      {"siret": "73282932000074", "captcha_0": "x", "captcha_1": "PASSED",
                       "accept_terms": "on"})  # fmt: skip
    assert step1.status_code == 200 and "/demande/" in step1.url, step1.text[-500:]
    done = post_form(session, f"{web}/habilitations/creer-mon-espace/demande/", STEP2)
    assert done.status_code == 200, done.text[-1000:]
    assert SUBMITTED in done.text  # the page confirms, Redis being down
    assert db_rows(database_url, "SELECT status FROM habilitations_accountrequest") == [
        ("received",)
    ]
    redis.start()  # Redis returns: the sweep processes what the outage left
    portal.worker("-B", "--schedule", str(portal.folder / "beat"))
    assert wait_for(lambda: len(sent(portal.sent_log)) >= 3, 90), "nothing sent"
    time.sleep(6)  # two more sweeps: a duplicate would come now
    subjects = [line["subject"] for line in sent(portal.sent_log)]
    assert len(subjects) == 3 and len(set(subjects)) == 3, subjects
    assert db_rows(database_url, "SELECT status FROM habilitations_accountrequest") == [
        ("processed",)
    ]
    assert db_rows(database_url, "SELECT count(*) FROM accounts_user") == [(1,)]


def test_a_worker_killed_mid_task_is_redone_once_never_twice(portal, database_url):
    portal.env["CELERY_VISIBILITY_TIMEOUT"] = "8"  # the lost message comes back during the test
    victim = portal.worker(APART_SEND_DELAY="30")
    portal.shell(
        "from apart.core.outbox import send_templated_email; from django.db import transaction\n"
        "with transaction.atomic():\n"
        "    send_templated_email(to='a@exemple.fr', template='identifiant_reminder',"
        " context={'user': {'first_name': 'A', 'last_name': 'B', 'identifiant': 'a.b1'}})"
    )
    status = "SELECT status FROM apart_outboxemail"
    assert wait_for(lambda: db_rows(database_url, status) == [("sending",)], 60)
    portal.kill(victim)  # SIGKILL in the middle of the send
    assert sent(portal.sent_log) == []
    portal.worker("-B", "--schedule", str(portal.folder / "beat"))
    assert wait_for(lambda: db_rows(database_url, status) == [("sent",)], 90), "not redone"
    time.sleep(12)  # the redelivered message (visibility timeout) and more sweeps
    assert len(sent(portal.sent_log)) == 1


def test_postgresql_restarted_while_pages_are_served(tmp_path, redis):
    from tests.faults.services import PostgresServer

    server = PostgresServer(tmp_path / "pg")
    server.init()
    portal = Portal(tmp_path, server.url, redis.url)
    try:
        portal.manage("migrate", "--noinput")
        web = portal.web()
        # A page that needs the database (the home page is served from the cache alone).
        page = f"{web}/habilitations/creer-mon-espace/"
        assert requests.get(page, timeout=30).status_code == 200
        server.stop("immediate")  # a crash
        down = [requests.get(page, timeout=30) for _ in range(3)]
        assert {r.status_code for r in down} == {503}
        assert "Service momentanément indisponible" in down[0].text
        assert down[0].headers["Retry-After"]
        server.start()
        assert wait_for(lambda: requests.get(page, timeout=30).status_code == 200, 30), (
            "the portal did not recover without a restart"
        )
    finally:
        portal.stop_all()
        server.stop_if_running()
        server.remove()


def test_two_beat_schedulers_run_each_batch_once(portal, database_url):
    portal.shell(
        "from habilitations.models import AccountRequest\n"
        "AccountRequest.objects.bulk_create([AccountRequest(kind='create_space',"
        " siret=s, establishment_data={'denomination': 'X'}, last_name='Nom', first_name=f'P{i}',"
        " phone='+33612345678', email=f'p{i}@exemple.fr', secret_question='Q ?',"
        " secret_answer_hash='x') for i, s in enumerate(['73282932000074', '35600000000048',"
        " '44306184100047', '40483304800022'])])"
    )
    # Hold the sweep's lock: a batch fired by either scheduler must then do nothing.
    lock = f"SELECT pg_advisory_lock({_key('sweep:account-requests')})"
    with psycopg.connect(database_url.replace("postgres://", "postgresql://"),
                         autocommit=True) as holder:  # fmt: skip
        holder.execute(lock)
        out = portal.shell(
            "from habilitations.tasks import sweep_account_requests;"
            " print(sweep_account_requests(older_than_seconds=0))"
        )
        assert out.strip().splitlines()[-1] == "0"
    portal.beat()
    portal.beat()
    portal.worker("--pool=threads", "--concurrency=4")
    pending = "SELECT count(*) FROM habilitations_accountrequest WHERE status='received'"
    assert wait_for(lambda: db_rows(database_url, pending) == [(0,)], 120)
    time.sleep(6)
    recipients = [line["to"][0] for line in sent(portal.sent_log)]
    assert len(recipients) == 12 and len(set(map(str, sent(portal.sent_log)))) == 12


def _key(name: str) -> int:
    from apart.core.locks import _key

    return _key(name)
