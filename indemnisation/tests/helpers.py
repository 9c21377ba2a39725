"""DIs for tests: a DA of the DAP's factories and employee rows."""

from datetime import date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from dap.tests import factories as dap_factories
from indemnisation.csv_import import EmployeeRow
from indemnisation.identity import clean_nir

PARIS = ZoneInfo("Europe/Paris")


def nir_for(index: int) -> str:
    """A valid NIR per index (the key computed as the NIR defines it)."""
    body = f"1850575{index:06d}"
    return clean_nir(body + f"{97 - int(body) % 97:02d}")


def row(index=1, *, not_worked="35", worked="116.67", pay="20", contract="151.67", ntt=""):
    return EmployeeRow(
        last_name=f"SALARIE{index}",
        first_name="Camille",
        nir="" if ntt else nir_for(index),
        ntt=ntt,
        hours_not_worked=D(not_worked),
        hours_worked=D(worked),
        hourly_pay=D(pay),
        contract_hours=D(contract),
    )


def decision_for(establishment, *, sent_at=None, **fields):
    """A DA of 16 March – 30 June 2020 for 5 employees and 1 000 h unless told."""
    sent_at = sent_at or datetime(2020, 3, 20, 10, tzinfo=PARIS)
    return dap_factories.decision(establishment, sent_at=sent_at, **fields)


APRIL_2020 = date(2020, 4, 1)


def claim_with_lines(establishment, *, lines=1, filed=False):
    """A Provisoire DI of April 2020 with `lines` employees, on a new DA of `establishment`
    (made directly: the services' date checks belong to their own tests)."""
    from dap.numbering import departement_of
    from indemnisation.models import Claim, ClaimStatus, ClaimTransition
    from indemnisation.services.lines import claim_lines_import
    from indemnisation.services.numbering import claim_number

    decision = decision_for(establishment, employees=max(lines, 5), hours=D(max(1000, 35 * lines)))
    claim = Claim.objects.create(
        number="TMP",
        decision=decision,
        establishment=establishment,
        month=APRIL_2020,
        regime="standard",
    )
    claim.number = claim_number(departement=departement_of(establishment), year=2020, pk=claim.pk)
    claim.save(update_fields=["number"])
    ClaimTransition.objects.create(claim=claim, to_status=ClaimStatus.PROVISIONAL)
    claim_lines_import(claim=claim, rows=[row(i) for i in range(1, lines + 1)])
    if filed:
        from indemnisation.services.transitions import claim_transition

        claim_transition(claim=claim, to=ClaimStatus.PENDING_VALIDATION, actor=None)
    return claim
