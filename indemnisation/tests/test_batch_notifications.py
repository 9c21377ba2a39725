"""The 72 h batch validates first; the employers' emails are written afterwards by tasks,
a chunk each, one INSERT per chunk."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail

from apart.core.models import OutboxEmail
from apart.core.tasks import send_outbox_emails
from indemnisation.batch import queue_notifications, run_validation_batch
from indemnisation.models import Claim
from indemnisation.services.notifications import notify_validations_chunk
from indemnisation.tasks import notify_validations_task
from indemnisation.tests.helpers import PARIS, claim_with_lines

FILED_AT = datetime(2020, 5, 5, 10, tzinfo=PARIS)
COUNT = 7

pytestmark = pytest.mark.django_db


@pytest.fixture
def validated(establishment_a, establishment_b):
    """COUNT DIs filed on FILED_AT, validated by the batch 72 h later, emails not written."""
    with time_machine.travel(FILED_AT, tick=False):
        claims = [
            claim_with_lines(establishment_a if n % 2 else establishment_b, filed=True)
            for n in range(COUNT)
        ]
    with time_machine.travel(FILED_AT + timedelta(hours=73), tick=False):
        assert run_validation_batch(notify=False).accepted == COUNT
    return claims


def di_emails():
    return OutboxEmail.objects.filter(template="di_validated")


def test_one_task_per_chunk_and_each_employer_email_written_and_sent_once(
    validated, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(notify_validations_task, "delay", lambda **kw: calls.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_notifications(chunk=3) == 3
    assert calls == [{"limit": 3}] * 3
    with django_capture_on_commit_callbacks(execute=True):  # the workers run them
        assert [notify_validations_task(**kw) for kw in calls] == [3, 3, 1]
    assert notify_validations_chunk(limit=3) == 0  # a task run once more finds nothing
    send_outbox_emails(list(di_emails().values_list("pk", flat=True)))  # delivered twice
    bodies = [message.body for message in mail.outbox]
    assert len(bodies) == len(set(bodies)) == COUNT
    for claim in Claim.objects.select_related("establishment", "decision"):
        (email,) = [m for m in mail.outbox if claim.number in m.body]
        assert email.to == [claim.establishment.email]
        assert claim.decision.number in email.body
        assert claim.notified_at is not None


def test_a_chunk_writes_its_emails_in_a_constant_number_of_queries(
    validated, django_assert_num_queries, django_capture_on_commit_callbacks
):
    # savepoint, claim (SELECT … FOR UPDATE), one INSERT, notified_at UPDATE, release
    with django_assert_num_queries(5), django_capture_on_commit_callbacks() as callbacks:
        assert notify_validations_chunk(limit=1) == 1
    with django_assert_num_queries(5), django_capture_on_commit_callbacks() as more:
        assert notify_validations_chunk(limit=COUNT) == COUNT - 1
    assert len(callbacks) == len(more) == 1  # one sending task per chunk
    assert di_emails().count() == COUNT


def test_with_the_broker_down_the_batch_writes_the_emails_itself(
    establishment_a, monkeypatch, django_capture_on_commit_callbacks
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    with time_machine.travel(FILED_AT, tick=False):
        claim_with_lines(establishment_a, filed=True)
    monkeypatch.setattr(notify_validations_task, "delay", broker_down)
    monkeypatch.setattr(send_outbox_emails, "delay", broker_down)
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(FILED_AT + timedelta(hours=73), tick=False),
    ):
        assert run_validation_batch().accepted == 1
    assert di_emails().filter(status="pending").count() == 1  # for the sweep
    assert not Claim.objects.filter(notified_at__isnull=True).exists()
    assert mail.outbox == []
