"""A double click on « Envoyer » files a DI once: the two POSTs arrive together, on two
PostgreSQL connections; the filing view's scoped lookup locks the row (SELECT … FOR
UPDATE), so the second waits, then finds the DI sent (one transition)."""

import threading
from datetime import datetime

import pytest
import time_machine
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from indemnisation.models import Claim, ClaimStatus, ClaimTransition
from indemnisation.tests.helpers import PARIS, claim_with_lines

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        reason = f"needs PostgreSQL (row locks on two connections) — {connection.vendor} here"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def rendezvous(monkeypatch):
    """Each POST, once its lookup is done, waits up to a second for the other one: without
    the row lock both would read the draft and go on together; with it the second is still
    blocked in its lookup, so the first goes on alone after the second."""
    import indemnisation.views as view_module

    real = view_module.file_locked
    meeting = threading.Barrier(2, timeout=1)

    def after_rendezvous(**kwargs):
        try:
            meeting.wait()
        except threading.BrokenBarrierError:
            pass
        return real(**kwargs)

    monkeypatch.setattr(view_module, "file_locked", after_rendezvous)


@pytest.fixture(autouse=True)
def clock():
    """An April 2020 DI is filed in May 2020 (the frozen clock is the process's)."""
    with time_machine.travel(datetime(2020, 5, 5, 10, tzinfo=PARIS), tick=False) as traveller:
        yield traveller


def test_two_simultaneous_filings_of_one_di_file_it_once(employer_a, establishment_a):
    claim = claim_with_lines(establishment_a, lines=3)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(employer_a)
    barrier = threading.Barrier(2)
    statuses = []

    def file(client):
        try:
            barrier.wait()
            statuses.append(client.post(reverse("indemnisation:file", args=[claim.pk])).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=file, args=[client]) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [302, 302]
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PENDING_VALIDATION
    filed = ClaimTransition.objects.filter(claim=claim, to_status=ClaimStatus.PENDING_VALIDATION)
    assert filed.count() == 1
