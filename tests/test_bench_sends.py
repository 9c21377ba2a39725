"""The drafts `bench.seed` writes for the « DAP send » and « DI send » scenarios can really
be sent, by today's rules (bench/seeders/sends.py).

The benchmark counts a send only when it happened; if a rule changes (a delay, a maximum
duration, a quota) and the seeded rows no longer pass it, this fails here rather than in a
load run full of refused sends. The seeders run on a small volume against the test
database, then the real services send every seeded row, and the portal a few of them.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from accounts.models import User
from apart.core.models import OutboxEmail
from bench.seed import Volumes
from bench.seeders import establishments, sends
from dap.models import AuthorizationRequest, RequestStatus, Transition
from establishments.models import Commune, ConventionCollective, NafCode
from indemnisation.identity import clean_nir
from indemnisation.models import Claim, ClaimStatus, ClaimTransition
from indemnisation.services.claims import claim_file

pytestmark = [pytest.mark.postgresql("the bench seeders write with COPY"), pytest.mark.django_db]
PARIS = ZoneInfo("Europe/Paris")
# 30 bench establishments: 14 have a complete fiche and room for a DI's ten employees.
VOLUMES = Volumes(
    establishments=30, unfiled=0, tickets=0, daps=0, das=0, di_lines=0,
    sendable_daps=12, sendable_dis=6,
)  # fmt: skip


# Today (what the benchmark meets), and April 2020, when other rules were in force
# (12-month authorisations, 48-hour tacit delay, 1,607 hours a year).
@pytest.fixture(params=["today", "april-2020"])
def clock(request):
    if request.param == "today":
        yield None
        return
    with time_machine.travel(datetime(2020, 4, 15, 10, tzinfo=PARIS), tick=False) as traveller:
        yield traveller


@pytest.fixture
def seeded(clock, db):
    Commune.objects.create(
        postal_code="75011", insee_code="75111", name="PARIS 11E ARRONDISSEMENT",
        departement="75",
    )  # fmt: skip
    NafCode.objects.create(code="56.10A", label="Restauration traditionnelle")
    ConventionCollective.objects.create(idcc="1979", title="Hôtels, cafés, restaurants")
    seed()
    return User.objects.get(identifiant=sends.SENDER)


def seed() -> dict:
    written = {}
    with connection.cursor() as cursor:
        for seeder in (establishments, sends):
            if seeder.wanted(VOLUMES):
                written.update(seeder.seed(cursor, VOLUMES))
    return written


def sendable(key):
    with connection.cursor() as cursor:
        return sends.sendable(cursor, key)


def test_every_seeded_dap_draft_is_sent_by_the_real_service(seeded):
    from dap.services.requests import request_send

    numbers = sendable("dap_envoi")
    assert len(numbers) == VOLUMES.sendable_daps
    for number in numbers:
        request_send(request=AuthorizationRequest.objects.get(number=number), user=seeded)
    sent = AuthorizationRequest.objects.filter(number__in=numbers, status=RequestStatus.SENT)
    assert sent.count() == len(numbers)
    assert OutboxEmail.objects.filter(template="dap_received").count() == len(numbers)
    with connection.cursor() as cursor:
        assert sends.count_sent(cursor, "dap_envoi", numbers) == len(numbers)


def test_every_seeded_di_is_filed_by_the_real_service(seeded):
    ids = sendable("di_envoi")
    assert len(ids) == VOLUMES.sendable_dis
    claims = Claim.objects.filter(pk__in=ids).prefetch_related("lines")
    for claim in claims:
        lines = list(claim.lines.all())
        assert len(lines) == sends.LINES_PER_CLAIM == claim.employees_count
        assert all(clean_nir(line.nir) == line.nir == line.identity for line in lines)
        claim_file(claim=claim, user=seeded)
        assert claim.status == ClaimStatus.PENDING_VALIDATION
    with connection.cursor() as cursor:
        assert sends.count_sent(cursor, "di_envoi", ids) == len(ids)


def test_the_sender_sends_both_through_the_portal(seeded, client_of):
    client = client_of(seeded)
    for number in sendable("dap_envoi")[:2]:
        response = client.post(reverse("dap:send", args=[number]))
        assert response.status_code == 302
        assert response["Location"] == reverse("dap:detail", args=[number])
        dap = AuthorizationRequest.objects.select_related("establishment").get(number=number)
        assert dap.status == RequestStatus.SENT and dap.tacit_deadline is not None
        assert Transition.objects.filter(request=dap, to_status="sent", actor=seeded).exists()
        assert OutboxEmail.objects.filter(recipient=dap.establishment.email).exists()
    for pk in sendable("di_envoi")[:2]:
        response = client.post(reverse("indemnisation:file", args=[pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("indemnisation:detail", args=[pk])
        assert Claim.objects.get(pk=pk).status == ClaimStatus.PENDING_VALIDATION
        assert ClaimTransition.objects.filter(claim_id=pk, to_status=19, actor=seeded).exists()


def test_seeding_again_tops_up_what_a_run_sent(seeded, client_of):
    client = client_of(seeded)
    for number in sendable("dap_envoi")[:3]:
        client.post(reverse("dap:send", args=[number]))
    for pk in sendable("di_envoi")[:2]:
        client.post(reverse("indemnisation:file", args=[pk]))
    assert len(sendable("dap_envoi")) == VOLUMES.sendable_daps - 3
    written = seed()
    assert written["dap_authorizationrequest (brouillons)"] == 3
    assert written["indemnisation_claim"] == 2
    assert len(sendable("dap_envoi")) == VOLUMES.sendable_daps
    assert len(sendable("di_envoi")) == VOLUMES.sendable_dis
    assert seed() == {}  # nothing is missing: nothing written
