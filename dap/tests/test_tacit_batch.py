"""The tacit-acceptance batch with a frozen clock (seed 003's bugs as tests)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from apart.core.models import OutboxEmail
from dap.models import BatchRun, Decision, RequestStatus, Transition
from dap.tacit import run_tacit_batch
from dap.tests import factories

PARIS = ZoneInfo("Europe/Paris")
SENT = datetime(2020, 4, 6, 9, 30, tzinfo=PARIS)  # a Monday, under the 48 h rule


@pytest.fixture
def fiche(establishment_a):
    return factories.complete_fiche(establishment_a)


def _run_at(moment):
    with time_machine.travel(moment, tick=False):
        return run_tacit_batch()


def test_47h59_not_accepted_48h00_accepted(fiche, django_capture_on_commit_callbacks):
    request = factories.sent_request(fiche, SENT)
    run = _run_at(SENT + timedelta(hours=47, minutes=59))
    request.refresh_from_db()
    assert (run.accepted, request.status) == (0, RequestStatus.SENT)
    with django_capture_on_commit_callbacks(execute=True):  # the emails are queued after commit
        run = _run_at(SENT + timedelta(hours=48))
    request.refresh_from_db()
    assert (run.accepted, request.status) == (1, RequestStatus.TACIT)
    decision = Decision.objects.get(request=request)
    assert decision.kind == "tacit" and decision.number == "DA" + request.number[3:]
    assert decision.iban == fiche.iban and decision.requested_at == SENT
    log = Transition.objects.get(request=request, to_status=RequestStatus.TACIT)
    assert log.actor is None and log.from_status == RequestStatus.SENT and log.batch_run == run
    email = OutboxEmail.objects.get(template="dap_decision")
    assert email.recipient == fiche.email and decision.code in email.body_text


def test_concluded_at_47h_untouched(fiche, ud_agent_a):
    request = factories.sent_request(fiche, SENT)
    with time_machine.travel(SENT + timedelta(hours=47), tick=False):
        from dap.services.instruction import request_refuse

        request_refuse(request=request, agent=ud_agent_a, motive="Motif non justifié.")
    run = _run_at(SENT + timedelta(days=5))
    request.refresh_from_db()
    assert (run.accepted, request.status) == (0, RequestStatus.REFUSED)
    assert not Decision.objects.exists()


def test_run_skipped_three_days_takes_everything(fiche):
    """Seed 003: « Exemple des journées 25, 26 et 27 non pris dans le batch »."""
    requests = [
        factories.sent_request(fiche, SENT + timedelta(days=day, hours=hour))
        for day in range(3)
        for hour in (0, 5, 11)
    ]
    run = _run_at(SENT + timedelta(days=9))
    assert run.accepted == len(requests)
    assert Decision.objects.count() == len(requests)
    assert _run_at(SENT + timedelta(days=10)).accepted == 0  # idempotent


def test_avenants_are_taken(fiche):
    parent = factories.sent_request(fiche, SENT)
    _run_at(SENT + timedelta(hours=48))
    avenant = factories.sent_request(
        fiche, SENT + timedelta(days=3), kind="avenant", amends=parent, employees=8
    )
    run = _run_at(SENT + timedelta(days=5, hours=1))
    avenant.refresh_from_db()
    assert run.accepted == 1 and avenant.status == RequestStatus.TACIT
    assert avenant.decision.employees == 8 and avenant.decision.number.startswith("DA")


def test_fifteen_days_outside_the_covid_window(fiche):
    sent = datetime(2020, 10, 5, 10, tzinfo=PARIS)
    request = factories.sent_request(fiche, sent)
    assert _run_at(sent + timedelta(days=14, hours=23)).accepted == 0
    assert _run_at(sent + timedelta(days=15)).accepted == 1
    request.refresh_from_db()
    assert request.status == RequestStatus.TACIT


def test_run_is_recorded(fiche):
    factories.sent_request(fiche, SENT)
    run = _run_at(SENT + timedelta(days=2))
    assert BatchRun.objects.get() == run and run.finished_at is not None
