"""Outbox claims on two PostgreSQL connections at once: disjoint, and without waiting."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connections, transaction
from django.db.models import Q
from django.utils import timezone

from apart.core import outbox
from apart.core.models import OutboxEmail, OutboxStatus

pytestmark = [
    pytest.mark.postgresql("FOR UPDATE SKIP LOCKED"),
    pytest.mark.django_db(transaction=True),
]
COUNT = 450


@pytest.fixture
def backlog():
    """COUNT pending emails, old enough for the sweep."""
    OutboxEmail.objects.bulk_create(
        OutboxEmail(
            recipient=f"arriere{n}@exemple.fr",
            subject="Votre habilitation",
            template="bench_backlog",
            body_text="Bonjour.",
            created_at=timezone.now() - timedelta(minutes=10),
        )
        for n in range(COUNT)
    )


def in_thread(work) -> threading.Thread:
    def run():
        try:
            work()
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_a_claim_passes_over_the_rows_another_worker_is_claiming(backlog):
    held, other_done = threading.Event(), threading.Event()
    first: list[int] = []
    waited_for_nobody: list[bool] = []

    def hold_a_batch():
        with transaction.atomic():  # the claim's locks stay held until this commits
            first.extend(email.pk for email in outbox.claim_batch(Q(), limit=100))
            held.set()
            waited_for_nobody.append(other_done.wait(timeout=20))

    thread = in_thread(hold_a_batch)
    assert held.wait(timeout=20)
    second = [email.pk for email in outbox.claim_batch(Q(), limit=100)]
    other_done.set()
    thread.join(timeout=30)
    assert waited_for_nobody == [True]  # the second claim did not wait for the first commit
    assert len(first) == len(second) == 100
    assert not set(first) & set(second)
    sending = OutboxEmail.objects.filter(status=OutboxStatus.SENDING)
    assert set(sending.values_list("pk", flat=True)) == set(first) | set(second)
    assert set(sending.values_list("attempts", flat=True)) == {1}


def test_two_sweeps_at_once_send_every_email_exactly_once(backlog):
    barrier, tried = threading.Barrier(2), []

    def sweep():
        barrier.wait(timeout=20)
        tried.append(outbox.sweep(older_than_seconds=60, budget_seconds=60))

    for thread in [in_thread(sweep), in_thread(sweep)]:
        thread.join(timeout=120)
    print(f"tried by each sweep: {tried}")
    assert len(tried) == 2 and sum(tried) == COUNT
    recipients = [address for message in mail.outbox for address in message.to]
    assert len(recipients) == len(set(recipients)) == COUNT
    assert set(OutboxEmail.objects.values_list("status", "attempts")) == {(OutboxStatus.SENT, 1)}
