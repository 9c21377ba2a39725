"""Requests and decisions for tests (also used by the DI's tests)."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from dap import numbering, rules
from dap.models import AuthorizationRequest, Reason, RequestKind, RequestStatus
from dap.services.decisions import decision_create


def complete_fiche(establishment):
    """Fill what a DAP needs of the fiche (bank details, NAF, IDCC, RIB, contact)."""
    from django.core.files.base import ContentFile

    from establishments.models import ConventionCollective, NafCode

    naf, _ = NafCode.objects.get_or_create(code="56.10A", defaults={"label": "Restauration"})
    idcc, _ = ConventionCollective.objects.get_or_create(
        idcc="1979", defaults={"title": "Hôtels, cafés, restaurants"}
    )
    establishment.naf_code = naf
    establishment.convention = idcc
    establishment.headcount = 12
    establishment.iban = "FR7630006000011234567890189"
    establishment.bic = "AGRIFRPP"
    establishment.account_holder = establishment.denomination
    if not establishment.rib_file:
        establishment.rib_file.save("rib.pdf", ContentFile(b"%PDF-1.4 rib"), save=False)
    establishment.save()
    return establishment


def dap_request(establishment, *, status=RequestStatus.DRAFT, sent_at=None, user=None, **fields):
    values = {
        "kind": RequestKind.DAP,
        "reason": Reason.EXCEPTIONAL,
        "sub_reason": "coronavirus",
        "circumstances": "Fermeture administrative (arrêté du 14 mars 2020).",
        "closure": "closure",
        "period_start": date(2020, 3, 16),
        "period_end": date(2020, 6, 30),
        "employees": 5,
        "hours": Decimal("1000"),
        "cse_opinion": "no_cse",
        **fields,
    }
    request = AuthorizationRequest.objects.create(
        establishment=establishment,
        number=f"TMP{timezone.now().timestamp()}",
        created_by=user,
        status=status,
        **values,
    )
    request.number = numbering.request_number(
        kind=request.kind,
        departement=numbering.departement_of(establishment),
        year=values["period_start"].year,
        pk=request.pk,
    )
    if sent_at is not None:
        request.sent_at = request.first_sent_at = sent_at
        request.tacit_deadline = rules.tacit_deadline(sent_at)
    request.save()
    return request


def sent_request(establishment, sent_at, **fields):
    return dap_request(establishment, status=RequestStatus.SENT, sent_at=sent_at, **fields)


def decision(establishment, *, sent_at=None, agent=None, **fields):
    """An authorised DAP and its DA, decided by `agent` (None: as the batch would)."""
    sent_at = sent_at or timezone.now()
    request = sent_request(establishment, sent_at, **fields)
    return decision_create(request=request, actor=agent, motive="Demande conforme.")
