"""The same code under a real Celery worker: the broker of the machine (Redis in CI), a
worker process, the real test database. Skipped on SQLite, whose test database lives in
memory and cannot be shared with another process."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from apart.celery import app
from apart.core.models import OutboxEmail, OutboxStatus
from habilitations.applications import ensure_applications
from habilitations.enums import RequestOutcome, RequestStatus
from habilitations.models import AccountRequest, Application
from habilitations.services import account_request_submit
from tests.factories import valid_siret

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        "sqlite" in settings.DATABASES["default"]["ENGINE"],
        reason="needs PostgreSQL (DATABASE_URL): the worker shares the test database",
    ),
]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "apart.settings",
        "DATABASE_URL": database_url(),
        "APART_VAR_DIR": str(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs REDIS_URL: the test process and the worker share the broker")
    queue = f"integration-{os.getpid()}"
    env["CELERY_QUEUE"] = queue
    ensure_applications(Application)
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "apart", "worker", "--pool=solo",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue,
         "--loglevel=WARNING"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    yield process
    app.conf.task_always_eager, app.conf.task_default_queue = previous
    process.terminate()
    process.wait(timeout=30)


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def test_a_real_worker_processes_the_request_and_sends_the_three_emails_once(worker):
    request = account_request_submit(
        siret=valid_siret(4242),
        establishment_data={"denomination": "BOULANGERIE DU MAIL", "street_label": "DU MAIL",
                            "postal_code": "75002", "city": "PARIS 2E ARRONDISSEMENT",
                            "email": "contact@boulangerie.fr", "phone": "+33142334455"},
        last_name="Menuça", first_name="Gérard", phone="+33612345678",
        email="gerard.menuca@exemple.fr", secret_question="Chien ?", secret_answer="Médor",
    )  # fmt: skip
    assert wait_for(lambda: OutboxEmail.objects.filter(status=OutboxStatus.SENT).count() == 3), (
        "the worker did not process the request and send its three emails"
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.PROCESSED
    assert request.outcome == RequestOutcome.NEW_ACCOUNT
    assert AccountRequest.objects.count() == 1
    assert OutboxEmail.objects.count() == 3
