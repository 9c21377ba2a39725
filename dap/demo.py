"""Demo requests and decisions for `load_demo` (idempotent: an establishment that already
has requests is left alone). Everything goes through the services, as a user would."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from dap import rules
from dap.models import AuthorizationRequest
from dap.services.decisions import decision_create
from dap.services.instruction import request_invalidate, request_refuse, request_validate
from dap.services.requests import avenant_create, request_create, request_send


def complete_fiche_for_demo(establishment, naf, convention, contact):
    """What a DAP needs of the fiche, with a valid demo IBAN (La Banque Postale format)."""
    establishment.naf_code = naf
    establishment.convention = convention
    establishment.headcount = establishment.headcount or 25
    establishment.principal_user = establishment.principal_user or contact
    establishment.iban = establishment.iban or "FR7630006000011234567890189"
    establishment.bic = establishment.bic or "AGRIFRPP"
    establishment.account_holder = establishment.account_holder or establishment.denomination
    if not establishment.rib_file:
        establishment.rib_file.save("rib-demo.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    establishment.save()


def _data(*, days_ago: int, weeks: int, employees: int, reason: str = "exceptional") -> dict:
    start = timezone.localdate() - timedelta(days=days_ago)
    end = start + timedelta(weeks=weeks) - timedelta(days=1)
    cap = rules.max_hours(start=start, end=end, employees=employees)
    return {
        "reason": reason,
        "sub_reason": "coronavirus" if reason == "exceptional" else "",
        "circumstances": "Baisse d'activité liée aux mesures sanitaires ; télétravail impossible.",
        "closure": "reduction",
        "period_start": start,
        "period_end": end,
        "employees": employees,
        "hours": (cap * Decimal("0.6")).quantize(Decimal("1")),
        "cse_opinion": "no_cse",
    }


def _sent(establishment, user, **kwargs):
    request = request_create(establishment=establishment, user=user, data=_data(**kwargs))
    return request_send(request=request, user=user)


def _backdate(request, days: int):
    """A request sent `days` ago (so that its tacit delay has run)."""
    sent_at = timezone.now() - timedelta(days=days)
    AuthorizationRequest.objects.filter(pk=request.pk).update(
        sent_at=sent_at, first_sent_at=sent_at, tacit_deadline=rules.tacit_deadline(sent_at)
    )
    request.refresh_from_db()
    return request


def load_demo_requests(*, establishment, user, agent) -> int:
    """Requests in every status for one establishment; returns how many were created."""
    if AuthorizationRequest.objects.filter(establishment=establishment).exists():
        return 0
    request_create(
        establishment=establishment, user=user, data=_data(days_ago=2, weeks=6, employees=4)
    )
    _sent(establishment, user, days_ago=3, weeks=8, employees=6)
    tacit = _backdate(_sent(establishment, user, days_ago=25, weeks=6, employees=5), 17)
    decision_create(request=tacit, actor=None, motive="Acceptation tacite (délai écoulé).")
    if agent is None:  # no UD agent of this département in the demo
        return AuthorizationRequest.objects.filter(establishment=establishment).count()
    invalidated = _sent(establishment, user, days_ago=5, weeks=4, employees=3)
    request_invalidate(
        request=invalidated,
        agent=agent,
        motive="Joindre l'avis du CSE et préciser la baisse d'activité.",
    )
    validated = _sent(establishment, user, days_ago=20, weeks=10, employees=8)
    validated = request_validate(
        request=validated, agent=agent, motive="Demande complète et justifiée."
    ).request
    avenant = avenant_create(
        parent=validated,
        user=user,
        data={"employees": 10, "change_reason": "Deux salariés de plus concernés."},
    )
    request_send(request=avenant, user=user)
    refused = _sent(establishment, user, days_ago=-3, weeks=6, employees=2, reason="economic")
    request_refuse(request=refused, agent=agent, motive="Motif économique non justifié.")
    return AuthorizationRequest.objects.filter(establishment=establishment).count()
