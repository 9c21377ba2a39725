"""A double click on « Envoyer » files a DI once: the two POSTs arrive together, on two
PostgreSQL connections; the filing view's scoped lookup locks the row (SELECT … FOR
UPDATE), so the second waits, then finds the DI sent (one transition)."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from indemnisation import views as claim_views
from indemnisation.models import Claim, ClaimStatus, ClaimTransition
from indemnisation.tests.helpers import PARIS, claim_with_lines
from tests.concurrency import post_twice_at_once, wait_for_each_other

pytestmark = [
    pytest.mark.postgresql("row locks on two connections"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def rendezvous(monkeypatch):
    wait_for_each_other(monkeypatch, claim_views, "file_locked")


@pytest.fixture(autouse=True)
def clock():
    """An April 2020 DI is filed in May 2020 (the frozen clock is the process's)."""
    with time_machine.travel(datetime(2020, 5, 5, 10, tzinfo=PARIS), tick=False) as traveller:
        yield traveller


def test_two_simultaneous_filings_of_one_di_file_it_once(employer_a, establishment_a):
    claim = claim_with_lines(establishment_a, lines=3)
    statuses = post_twice_at_once(employer_a, reverse("indemnisation:file", args=[claim.pk]))
    assert statuses == [302, 302]
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.PENDING_VALIDATION
    filed = ClaimTransition.objects.filter(claim=claim, to_status=ClaimStatus.PENDING_VALIDATION)
    assert filed.count() == 1
