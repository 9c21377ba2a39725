"""The employer's DAP: fiche gate, form checks, draft, send, documents, récépissé, avenant."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apart.core.models import OutboxEmail
from dap.models import AuthorizationRequest, Document, RequestStatus
from dap.services.instruction import request_invalidate, request_validate
from dap.tests import factories

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2020, 4, 6, 10, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _form(**overrides):
    data = {
        "reason": "exceptional",
        "sub_reason": "coronavirus",
        "circumstances": "Fermeture administrative.",
        "closure": "closure",
        "period_start": "2020-03-16",
        "period_end": "2020-06-30",
        "employees": "5",
        "hours": "1500",
        "cse_opinion": "no_cse",
    }
    data.update(overrides)
    return data


def test_incomplete_fiche_blocks_with_the_seed_message(client_of, employer_a, establishment_a):
    response = client_of(employer_a).get(reverse("dap:new", args=[establishment_a.siret]))
    text = response.content.decode()
    assert "impossible tant que votre fiche établissement n&#x27;est pas complète" in text
    assert reverse("establishments:detail", args=[establishment_a.siret]) in text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"period_end": "2020-03-01"}, "La date de fin doit être égale ou postérieure"),
        ({"hours": "99999"}, "plus que la durée légale du travail"),
        ({"period_end": "2021-06-30"}, "durée maximale d&#x27;une autorisation : 12 mois"),
        ({"period_start": "2020-02-01"}, "plus de 30 jours avant"),
        ({"employees": "50"}, "dépasse l&#x27;effectif"),
        ({"reason": "economic"}, "relève du motif"),
        ({"prior_use": "on"}, "souscrivez au moins un engagement"),
        ({"cse_opinion": "favourable"}, "Indiquez la date de l&#x27;avis du CSE"),
        ({"hours": "0"}, "supérieur à 0"),
    ],
)
def test_every_inconsistency_has_a_french_message(
    client_of, employer_a, establishment_a, overrides, message
):
    factories.complete_fiche(establishment_a)
    url = reverse("dap:new", args=[establishment_a.siret])
    response = client_of(employer_a).post(url, _form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not AuthorizationRequest.objects.exists()


def test_draft_send_receipt_invalidate_resend_validate(
    client_of, employer_a, establishment_a, ud_agent_a
):
    factories.complete_fiche(establishment_a)
    client = client_of(employer_a)
    response = client.post(reverse("dap:new", args=[establishment_a.siret]), _form())
    dap = AuthorizationRequest.objects.get()
    assert response.url == reverse("dap:detail", args=[dap.number])
    assert dap.status == RequestStatus.DRAFT and dap.number.startswith("DAP075")
    client.post(reverse("dap:send", args=[dap.number]))
    dap.refresh_from_db()
    assert dap.status == RequestStatus.SENT and dap.tacit_deadline == NOW + timedelta(hours=48)
    page = client.get(reverse("dap:detail", args=[dap.number.lower()])).content.decode()
    assert "acceptée tacitement au plus tard le mercredi 8 avril 2020 à 20h00" in page
    receipt = client.get(reverse("dap:receipt", args=[dap.number]))
    assert receipt["Content-Type"] == "application/pdf" and receipt.content.startswith(b"%PDF")
    request_invalidate(request=dap, agent=ud_agent_a, motive="Joindre l'avis du CSE.")
    assert OutboxEmail.objects.filter(template="dap_status").count() == 1
    client.post(reverse("dap:edit", args=[dap.number]), _form(employees="4"))
    client.post(reverse("dap:send", args=[dap.number]))
    dap.refresh_from_db()
    assert dap.status == RequestStatus.SENT and dap.employees == 4
    decision = request_validate(request=dap, agent=ud_agent_a, motive="Conforme.")
    page = client.get(reverse("dap:decision", args=[decision.number])).content.decode()
    assert decision.code in page and 'data-copy="' + decision.code in page
    assert "Joindre l&#x27;avis du CSE." in client.get(dap.get_absolute_url()).content.decode()
    pdf = client.get(reverse("dap:decision_pdf", args=[decision.number]))
    assert pdf.content.startswith(b"%PDF")
    receipts = OutboxEmail.objects.filter(template="dap_received", recipient=establishment_a.email)
    assert receipts.count() == 2
    assert "au plus tard le 08/04/2020 à 20h00" in receipts.last().body_text
    statuses = list(dap.transitions.values_list("to_status", flat=True))
    assert statuses == ["draft", "sent", "invalidated", "sent", "validated"]


def test_documents_three_of_400_kb(client_of, employer_a, establishment_a, settings):
    factories.complete_fiche(establishment_a)
    dap = factories.dap_request(establishment_a)
    client = client_of(employer_a)
    url = reverse("dap:document_upload", args=[dap.number])
    pdf = b"%PDF-1.4\n" + b"0" * (400 * 1024 - 9)
    for index in range(3):
        client.post(url, {"file": SimpleUploadedFile(f"p{index}.pdf", pdf)})
    assert Document.objects.count() == 3
    response = client.post(url, {"file": SimpleUploadedFile("p4.pdf", b"%PDF-1.4")}, follow=True)
    assert "limité à 3 pièces jointes" in response.content.decode()
    Document.objects.first().delete()
    big = SimpleUploadedFile("big.pdf", pdf + b"0" * 1024)
    response = client.post(url, {"file": big}, follow=True)
    assert "limitée à 400 Ko" in response.content.decode()
    fake = SimpleUploadedFile("faux.pdf", b"MZ\x90\x00 not a pdf")
    response = client.post(url, {"file": fake}, follow=True)
    assert "ni un PDF ni une image" in response.content.decode()
    assert Document.objects.count() == 2
    document = Document.objects.first()
    download = client.get(reverse("dap:document", args=[dap.number, document.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_avenant_of_an_authorised_dap(client_of, employer_a, establishment_a, ud_agent_a):
    factories.complete_fiche(establishment_a)
    decision = factories.decision(
        establishment_a, sent_at=NOW - timedelta(days=3), agent=ud_agent_a
    )
    client = client_of(employer_a)
    parent = decision.request
    url = reverse("dap:avenant", args=[parent.number])
    response = client.post(
        url, {"period_end": "2020-07-31", "employees": "8", "hours": "2000", "change_reason": ""}
    )
    assert "Indiquez le motif de l&#x27;avenant." in response.content.decode()
    client.post(
        url,
        {"period_end": "2020-07-31", "employees": "8", "hours": "2000", "change_reason": "Reprise"},
    )
    avenant = AuthorizationRequest.objects.get(kind="avenant")
    assert avenant.amends == parent and avenant.number.startswith("AVE")
    assert avenant.period_start == parent.period_start and avenant.employees == 8
    client.post(reverse("dap:send", args=[avenant.number]))
    avenant.refresh_from_db()
    assert avenant.status == RequestStatus.SENT


def test_search_exact_case_insensitive(client_of, employer_a, establishment_a, establishment_b):
    factories.complete_fiche(establishment_a)
    decision = factories.decision(establishment_a)
    other = factories.decision(factories.complete_fiche(establishment_b))
    client = client_of(employer_a)
    search = reverse("dap:search")
    text = client.get(search, {"q": f" {decision.request.number.lower()} "}).content.decode()
    assert decision.request.number in text
    text = client.get(search, {"q": decision.code.lower()}).content.decode()
    assert decision.number in text
    text = client.get(search, {"q": other.number}).content.decode()
    assert "Pas de résultat" in text and other.establishment.siret not in text
    text = client.get(search, {"q": establishment_a.siret}).content.decode()
    assert decision.request.number in text
    assert (
        decision.request.number
        not in client.get(search, {"q": decision.request.number[:-1]}).content.decode()
    )


def test_dashboard_blocks_show_real_data(client_of, employer_a, establishment_a):
    factories.complete_fiche(establishment_a)
    decision = factories.decision(establishment_a)
    pending = factories.sent_request(establishment_a, NOW)
    text = client_of(employer_a).get(reverse("establishments:dashboard")).content.decode()
    assert pending.number in text and decision.number in text and decision.code in text
    assert "acceptée tacitement au plus tard le 08/04/2020 à 20h00" in text
    assert date(2020, 4, 8)  # Wednesday: a working day, the 20h run after 10h00


def test_agents_never_see_drafts(client_of, ud_agent_a, establishment_a):
    factories.complete_fiche(establishment_a)
    draft = factories.dap_request(establishment_a)
    client = client_of(ud_agent_a)
    assert client.get(reverse("dap:detail", args=[draft.number])).status_code == 404
    assert draft.number not in client.get(reverse("dap:list")).content.decode()


def test_avenant_of_a_dap_started_long_ago_can_be_sent(client_of, employer_a, establishment_a):
    """The 30-day late-filing rule applies to the DAP, not to its avenant."""
    factories.complete_fiche(establishment_a)
    decision = factories.decision(
        establishment_a,
        sent_at=NOW - timedelta(days=40),
        period_start=date(2020, 2, 20),
        period_end=date(2020, 6, 30),
    )
    client = client_of(employer_a)
    client.post(
        reverse("dap:avenant", args=[decision.request.number]),
        {
            "period_end": "2020-07-31",
            "employees": "5",
            "hours": "1500",
            "change_reason": "Prolongation",
        },
    )
    avenant = AuthorizationRequest.objects.get(kind="avenant")
    client.post(reverse("dap:send", args=[avenant.number]))
    avenant.refresh_from_db()
    assert avenant.status == RequestStatus.SENT
