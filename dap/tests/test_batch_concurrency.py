"""Two overlapping runs on two PostgreSQL connections accept each request once."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, connections

from dap import batching
from dap.models import BatchRun, Decision, RequestStatus, Transition
from dap.tacit import accept_overdue, run_tacit_batch
from dap.tests import factories

PARIS = ZoneInfo("Europe/Paris")
SENT = datetime(2020, 4, 6, 9, tzinfo=PARIS)
COUNT = 400

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        reason = (
            "needs PostgreSQL (FOR UPDATE SKIP LOCKED, advisory locks) — DATABASE_URL is "
            f"{connection.vendor}; CI runs it on PostgreSQL"
        )
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)


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


def test_two_overlapping_runs_accept_each_request_once(backlog):
    results: list[int] = []
    barrier = threading.Barrier(2)
    threads = [_in_thread(accept_overdue, results, barrier, chunk_size=7) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
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
