"""Hole 9 of issue 10: workers that stop silently are noticed.

- every task has a hard and a soft time limit, so a hung task frees its pool process;
- a heartbeat task (Celery beat, every minute) runs in the worker's pool and stamps a
  file; `manage.py worker_alive` fails when the stamp is too old: docker-compose's
  healthcheck of the worker uses it, so a worker whose pool hangs turns unhealthy;
- /sante/ reports the age of the oldest pending email and account request.
"""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from apart.celery import app
from apart.core.models import OutboxEmail
from habilitations.services import account_request_submit

pytestmark = pytest.mark.django_db


def test_every_task_has_time_limits():
    assert app.conf.task_time_limit and app.conf.task_soft_time_limit
    assert app.conf.task_soft_time_limit < app.conf.task_time_limit <= 600


def test_the_heartbeat_is_scheduled_every_minute(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["worker-heartbeat"]
    assert entry["task"] == "apart.core.tasks.worker_heartbeat"
    assert entry["schedule"] <= 60


def test_worker_alive_follows_the_heartbeat(settings, tmp_path):
    from apart.core.tasks import worker_heartbeat

    settings.WORKER_HEARTBEAT_FILE = str(tmp_path / "heartbeat")
    with pytest.raises(SystemExit):  # never beaten: not alive
        call_command("worker_alive")
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        worker_heartbeat()
        call_command("worker_alive", "--max-age", "180")  # alive: no exit
    with time_machine.travel(start + datetime.timedelta(seconds=181), tick=False):
        with pytest.raises(SystemExit):
            call_command("worker_alive", "--max-age", "180")


def test_docker_compose_checks_the_worker():
    from pathlib import Path

    compose = (Path(__file__).resolve().parents[1] / "docker-compose.yml").read_text()
    assert "worker_alive" in compose


def test_health_reports_the_oldest_pending_email_and_request(client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert client.get("/sante/").json() == {
            "status": "ok",
            "oldest_pending_email_seconds": None,
            "oldest_pending_account_request_seconds": None,
        }
        OutboxEmail.objects.create(recipient="a@exemple.fr", subject="s", template="t")
        account_request_submit(
            siret="73282932000074", establishment_data={}, last_name="Un", first_name="Alain",
            phone="0612345678", email="alain.un@exemple.fr", secret_question="Chat ?",
            secret_answer="Felix",
        )  # fmt: skip
    with time_machine.travel(start + datetime.timedelta(minutes=7), tick=False):
        report = client.get("/sante/").json()
    assert report["oldest_pending_email_seconds"] == 420
    assert report["oldest_pending_account_request_seconds"] == 420
