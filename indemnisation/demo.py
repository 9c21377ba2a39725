"""Demo DIs for `load_demo` (idempotent: a DA that already has DIs is left alone). Everything
goes through the services, as an employer and an agent would."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from dap.models import Decision
from indemnisation.csv_import import EmployeeRow
from indemnisation.identity import clean_nir
from indemnisation.models import Claim
from indemnisation.services.claims import claim_create, claim_file
from indemnisation.services.instruction import claim_validate
from indemnisation.services.lines import LinesRefused, claim_lines_import

NAMES = [("MARTIN", "Léa"), ("BERNARD", "Hugo"), ("PETIT", "Inès"), ("DURAND", "Lucas")]


def _nir(index: int) -> str:
    body = f"2900575{100 + index:06d}"
    return clean_nir(body + f"{97 - int(body) % 97:02d}")


def _rows(count: int) -> list[EmployeeRow]:
    return [
        EmployeeRow(
            last_name=last,
            first_name=first,
            nir=_nir(index) if index % 4 else "",
            ntt="" if index % 4 else f"1{index:012d}",
            hours_not_worked=Decimal("35"),
            hours_worked=Decimal("116.67") if index % 2 else Decimal("80"),
            hourly_pay=Decimal("12.50") + index * 3,
            contract_hours=Decimal("151.67") if index % 2 else Decimal("115"),
        )
        for index, (last, first) in enumerate(NAMES[:count])
    ]


def load_demo_claims(*, user, agent=None) -> int:
    """For each DA of the user's establishments without DI: a DI of its first month, filed;
    validated by the agent when there is one. Returns how many DIs were created."""
    created = 0
    today = timezone.localdate()
    for decision in Decision.objects.visible_to(user).filter(period_start__lte=today):
        if Claim.objects.filter(decision=decision).exists():
            continue
        try:
            claim = claim_create(
                user=user, code=decision.code, month=decision.period_start, regime="standard"
            )
            claim_lines_import(claim=claim, rows=_rows(min(decision.employees, len(NAMES))))
            claim_file(claim=claim, user=user)
        except (ValidationError, LinesRefused):
            continue  # a DA whose month or limits do not allow a demo DI
        created += 1
        if agent is not None and created == 1:
            claim_validate(claim=claim, agent=agent, motive="Demande conforme.")
    return created
