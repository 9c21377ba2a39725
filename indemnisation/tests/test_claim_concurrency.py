"""Two creations of the same month on one DA at once (two tabs, a double click) make one
DI: the second is told which DI exists (PostgreSQL: two connections)."""

import threading
from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connections

from indemnisation.models import Claim
from indemnisation.services.claims import claim_create
from indemnisation.tests.helpers import APRIL_2020, PARIS, decision_for

pytestmark = [pytest.mark.postgresql("advisory locks"), pytest.mark.django_db(transaction=True)]
IN_MAY_2020 = datetime(2020, 5, 5, 10, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def clock():
    """The whole test (accounts and habilitations included) lives in May 2020; the frozen
    clock is the process's, so both threads see it."""
    with time_machine.travel(IN_MAY_2020, tick=False) as traveller:
        yield traveller


def test_two_simultaneous_creations_of_one_month_make_one_di(establishment_a, employer_a):
    decision = decision_for(establishment_a)
    barrier = threading.Barrier(2)
    made, refused = [], []

    def create():
        try:
            barrier.wait()
            made.append(
                claim_create(
                    user=employer_a, code=decision.code, month=APRIL_2020, regime="standard"
                )
            )
        except ValidationError as error:
            refused.append(error.messages[0])
        finally:
            connections.close_all()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(made) == 1 and len(refused) == 1
    assert made[0].number in refused[0]
    assert Claim.objects.filter(decision=decision, month=APRIL_2020).count() == 1
