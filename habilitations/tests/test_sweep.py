"""The account-request sweep isolates each row: a failing request does not stop the others."""

import pytest

from habilitations import services, tasks
from habilitations.enums import RequestStatus
from habilitations.models import AccountRequest
from tests import factories

pytestmark = pytest.mark.django_db


def stored_request(n: int) -> AccountRequest:
    return AccountRequest.objects.create(
        siret=factories.valid_siret(n),
        establishment_data={
            "denomination": f"BOULANGERIE {n}",
            "street_label": "DU MAIL",
            "postal_code": "75002",
            "city": "PARIS 2E ARRONDISSEMENT",
        },
        last_name=f"Durand{chr(64 + n)}",
        first_name="Paul",
        phone="+33612345678",
        email=f"paul{n}@exemple.fr",
        secret_question="Ville de naissance ?",
        secret_answer_hash="x",
    )


def test_the_sweep_carries_on_past_a_failing_request(monkeypatch):
    broken, healthy = stored_request(1), stored_request(2)
    process = services._process

    def fails_for_the_first(request):
        if request.pk == broken.pk:
            raise RuntimeError("a bug in one row")
        process(request)

    monkeypatch.setattr(services, "_process", fails_for_the_first)
    assert tasks.sweep_account_requests(older_than_seconds=0) == 2
    broken.refresh_from_db()
    healthy.refresh_from_db()
    assert broken.status == RequestStatus.RECEIVED  # left for the next sweep
    assert healthy.status == RequestStatus.PROCESSED
