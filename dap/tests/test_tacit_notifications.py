"""The batch accepts first; the DA emails are written afterwards by tasks, a chunk each."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from apart.core.models import OutboxEmail
from apart.core.tasks import send_outbox_emails
from dap.models import Decision, RequestStatus
from dap.services.notifications import notify_decisions_chunk
from dap.tacit import queue_notifications, run_tacit_batch
from dap.tasks import notify_decisions_task
from dap.tests import factories

PARIS = ZoneInfo("Europe/Paris")
SENT = datetime(2020, 4, 6, 9, 30, tzinfo=PARIS)
COUNT = 7

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(establishment_a):
    fiche = factories.complete_fiche(establishment_a)
    return [factories.sent_request(fiche, SENT + timedelta(minutes=n)) for n in range(COUNT)]


def run_batch(**kwargs):
    with time_machine.travel(SENT + timedelta(days=3), tick=False):
        return run_tacit_batch(**kwargs)


def test_the_batch_accepts_everything_before_any_email_is_written(
    overdue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = run_batch()
    assert run.accepted == COUNT
    assert not OutboxEmail.objects.exists()  # the emails are left to the workers' tasks
    assert len(callbacks) == 1
    callbacks[0]()  # the commit: the tasks are queued (run here: eager Celery)
    assert Decision.objects.filter(notified_at__isnull=True).count() == 0
    assert OutboxEmail.objects.filter(template="dap_decision").count() == COUNT


def test_one_task_per_chunk_and_each_employer_email_sent_once(
    overdue, monkeypatch, django_capture_on_commit_callbacks
):
    run_batch(notify=False)
    calls = []
    monkeypatch.setattr(notify_decisions_task, "delay", lambda **kw: calls.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_notifications(chunk=3) == 3
    assert calls == [{"limit": 3}] * 3
    with django_capture_on_commit_callbacks(execute=True):  # the workers run them
        assert [notify_decisions_task(**kw) for kw in calls] == [3, 3, 1]
    assert notify_decisions_chunk(limit=3) == 0  # a task run once more finds nothing
    ids = list(OutboxEmail.objects.values_list("pk", flat=True))
    send_outbox_emails(ids)  # an email task delivered twice
    bodies = [message.body for message in mail.outbox]
    assert len(bodies) == len(set(bodies)) == COUNT
    codes = Decision.objects.values_list("code", flat=True)
    assert all(sum(code in body for body in bodies) == 1 for code in codes)


def test_with_the_broker_down_the_batch_writes_the_emails_itself(
    overdue, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(notify_decisions_task, "delay", broker_down)
    monkeypatch.setattr(send_outbox_emails, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        run_batch()
    assert Decision.objects.filter(notified_at__isnull=True).count() == 0
    assert OutboxEmail.objects.filter(status="pending").count() == COUNT  # for the sweep
    assert mail.outbox == []


def test_decisions_left_unnotified_are_taken_by_the_next_run(
    overdue, django_capture_on_commit_callbacks
):
    run_batch(notify=False)  # e.g. the tasks were lost
    with django_capture_on_commit_callbacks(execute=True):
        with time_machine.travel(SENT + timedelta(days=4), tick=False):
            assert run_tacit_batch().accepted == 0
    assert OutboxEmail.objects.filter(template="dap_decision").count() == COUNT
    assert set(Decision.objects.values_list("request__status", flat=True)) == {RequestStatus.TACIT}
