"""Two overlapping runs on two PostgreSQL connections accept each request once."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connections

from apart.core.models import OutboxEmail
from dap import batching
from dap.models import BatchRun, Decision, RequestStatus, Transition
from dap.services.notifications import notify_pending_decisions
from dap.tacit import accept_overdue, run_tacit_batch
from dap.tests import factories

PARIS = ZoneInfo("Europe/Paris")
SENT = datetime(2020, 4, 6, 9, tzinfo=PARIS)
COUNT = 400

pytestmark = [
    pytest.mark.postgresql("FOR UPDATE SKIP LOCKED, advisory locks"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def backlog(establishment_a):
    factories.complete_fiche(establishment_a)
    return [
        factories.sent_request(establishment_a, SENT + timedelta(minutes=index))
        for index in range(COUNT)
    ]


def _in_thread(target, results, barrier, **kwargs):
    def work():
        try:
            barrier.wait()
            with time_machine.travel(SENT + timedelta(days=5), tick=False):
                results.append(target(**kwargs))
        finally:
            connections.close_all()  # this thread's own connection

    return threading.Thread(target=work)


def _both_at_once(target, **kwargs) -> list[int]:
    """`target` run on two connections released together; what each returned."""
    results: list[int] = []
    barrier = threading.Barrier(2)
    threads = [_in_thread(target, results, barrier, **kwargs) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_two_overlapping_runs_accept_each_request_once(backlog):
    results = _both_at_once(accept_overdue, chunk_size=7)
    print(f"accepted by each run: {results}")
    assert len(results) == 2 and sum(results) == COUNT
    assert Decision.objects.count() == COUNT
    assert Transition.objects.filter(to_status=RequestStatus.TACIT).count() == COUNT
    assert Decision.objects.values("request").distinct().count() == COUNT


def test_a_second_run_skips_while_the_lock_is_held(backlog):
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [batching._lock_key("dap-tacit")])
        with time_machine.travel(SENT + timedelta(days=5), tick=False):
            run = run_tacit_batch(notify=False)
        assert run.skipped and run.accepted == 0 and not Decision.objects.exists()
    finally:
        other.close()
    with time_machine.travel(SENT + timedelta(days=5), tick=False):
        assert run_tacit_batch(notify=False).accepted == COUNT
    assert BatchRun.objects.count() == 2


def test_two_workers_notifying_at_once_write_each_email_once(backlog):
    with time_machine.travel(SENT + timedelta(days=5), tick=False):
        accept_overdue()
    results = _both_at_once(notify_pending_decisions, chunk=9)
    print(f"notified by each worker: {results}")
    assert len(results) == 2 and sum(results) == COUNT
    assert not Decision.objects.filter(notified_at__isnull=True).exists()
    emails = OutboxEmail.objects.filter(template="dap_decision")
    assert emails.count() == COUNT
    codes = Decision.objects.values_list("code", flat=True)
    assert all(emails.filter(body_text__contains=code).count() == 1 for code in codes)
