from datetime import datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from apart.models import OutboxEmail
from dap.models import BatchKind
from indemnisation.batch import run_validation_batch
from indemnisation.models import ClaimStatus
from indemnisation.services.claims import claim_create, claim_file
from indemnisation.services.instruction import claim_reject, claim_take, claim_validate
from indemnisation.services.lines import claim_lines_import
from indemnisation.tests.helpers import APRIL_2020, PARIS, decision_for, row

pytestmark = pytest.mark.django_db
FILED_AT = datetime(2020, 5, 5, 10, tzinfo=PARIS)
S = ClaimStatus


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(FILED_AT, tick=False) as traveller:
        yield traveller


@pytest.fixture
def filed(establishment_a, employer_a):
    decision = decision_for(establishment_a)
    claim = claim_create(user=employer_a, code=decision.code, month=APRIL_2020, regime="standard")
    claim_lines_import(claim=claim, rows=[row(1), row(2)])
    claim_file(claim=claim, user=employer_a)
    return claim


def statuses(claim):
    return list(claim.transitions.values_list("from_status", "to_status"))


def di_emails():
    return OutboxEmail.objects.filter(template="di_validated")


def test_the_batch_leaves_a_di_filed_less_than_72_hours_ago(filed, clock):
    clock.move_to(FILED_AT + timedelta(hours=71, minutes=59))
    run = run_validation_batch()
    filed.refresh_from_db()
    assert (run.kind, run.accepted, filed.status) == (
        BatchKind.DI_VALIDATION,
        0,
        S.PENDING_VALIDATION,
    )


def test_after_72_hours_the_batch_validates_pays_logs_and_emails(
    filed, establishment_a, clock, django_capture_on_commit_callbacks
):
    clock.move_to(FILED_AT + timedelta(hours=72))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = run_validation_batch()
    assert not di_emails().exists()  # the emails are left to the workers' tasks
    callbacks[0]()  # the commit: the tasks are queued (run here: eager Celery)
    filed.refresh_from_db()
    assert (run.accepted, filed.status) == (1, S.PAYMENT_REQUESTED)
    assert filed.validated_at == FILED_AT + timedelta(hours=72)
    assert statuses(filed)[-2:] == [
        (S.PENDING_VALIDATION, S.VALIDATED),
        (S.VALIDATED, S.PAYMENT_REQUESTED),
    ]
    assert filed.transitions.last().batch_run_id == run.pk
    email = di_emails().get()
    assert email.recipient == establishment_a.email
    assert filed.number in email.subject
    with django_capture_on_commit_callbacks(execute=True):
        assert run_validation_batch().accepted == 0
    assert di_emails().count() == 1


def test_a_di_taken_by_an_agent_is_left_to_the_agent(filed, ud_agent_a, clock):
    claim_take(claim=filed, agent=ud_agent_a)
    clock.move_to(FILED_AT + timedelta(days=10))
    assert run_validation_batch().accepted == 0
    filed.refresh_from_db()
    assert filed.status == S.IN_INSTRUCTION


def test_an_agent_validates_then_payment_is_requested_and_the_employer_emailed(filed, ud_agent_a):
    claim_validate(claim=filed, agent=ud_agent_a, motive="")
    filed.refresh_from_db()
    assert filed.status == S.PAYMENT_REQUESTED
    assert filed.transitions.filter(to_status=S.VALIDATED).get().actor == ud_agent_a
    assert di_emails().count() == 1


def test_a_rejection_needs_a_motive(filed, ud_agent_a):
    with pytest.raises(ValidationError, match="motif du rejet"):
        claim_reject(claim=filed, agent=ud_agent_a, motive=" ")
    claim_reject(claim=filed, agent=ud_agent_a, motive="Taux horaires non justifiés.")
    filed.refresh_from_db()
    assert filed.status == S.REJECTED
    email = OutboxEmail.objects.get(template="di_rejected")
    assert "Motif : Taux horaires non justifiés." in email.body_text


def test_a_rejected_di_cannot_be_validated(filed, ud_agent_a):
    claim_reject(claim=filed, agent=ud_agent_a, motive="Doublon.")
    with pytest.raises(ValidationError, match="ne peut pas passer"):
        claim_validate(claim=filed, agent=ud_agent_a)


def test_the_command_runs_the_batch(filed, clock, capsys):
    clock.move_to(FILED_AT + timedelta(hours=80))
    call_command("di_validation_batch")
    assert "1 demande(s) d'indemnisation validée(s)." in capsys.readouterr().out


def test_the_dgefp_sees_the_di_batch_line_and_runs_it(client_of, dgefp_admin, filed, clock):
    from django.urls import reverse

    clock.move_to(FILED_AT + timedelta(hours=73))
    client = client_of(dgefp_admin)
    page = client.get(reverse("indemnisation:batch")).content.decode()
    assert (
        "Demandes en attente de validation : 1, dont 1 envoyées depuis plus de 72 heures." in page
    )
    assert client.post(reverse("indemnisation:batch_start")).status_code == 302
    filed.refresh_from_db()
    assert filed.status == S.PAYMENT_REQUESTED
    page = client.get(reverse("indemnisation:batch")).content.decode()
    assert "1 demande(s) validée(s) et mise(s) en paiement." in page
