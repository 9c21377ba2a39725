from datetime import date, datetime
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import ValidationError

from habilitations.models import Habilitation
from indemnisation.models import ClaimStatus, Regime
from indemnisation.rules import filing_deadline
from indemnisation.services.claims import claim_create, claim_file, claim_withdraw
from indemnisation.services.lines import LinesRefused, claim_line_add, claim_lines_import
from indemnisation.tests.helpers import APRIL_2020, PARIS, decision_for, row

pytestmark = pytest.mark.django_db
IN_MAY_2020 = datetime(2020, 5, 5, 10, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def clock():
    """The whole test (accounts and habilitations included) lives in May 2020."""
    with time_machine.travel(IN_MAY_2020, tick=False) as traveller:
        yield traveller


@pytest.fixture
def decision(establishment_a, employer_a):
    return decision_for(establishment_a)


def create(employer, decision, month=APRIL_2020, regime=Regime.STANDARD):
    return claim_create(user=employer, code=decision.code.lower(), month=month, regime=regime)


def test_a_di_is_created_from_the_code_pasted_in_lower_case(employer_a, decision):
    claim = create(employer_a, decision)
    assert claim.status == ClaimStatus.PROVISIONAL
    assert claim.number.startswith("DI07520") and len(claim.number) == 14
    assert (claim.version, claim.establishment_id) == (1, decision.establishment_id)
    assert claim.transitions.get().to_status == ClaimStatus.PROVISIONAL


def test_another_employers_code_finds_nothing(employer_b, decision):
    with pytest.raises(ValidationError, match="Aucune décision d'autorisation"):
        create(employer_b, decision)


def test_a_month_outside_the_authorised_period_is_refused(employer_a, decision):
    with pytest.raises(ValidationError, match="pas dans la période autorisée"):
        create(employer_a, decision, month=date(2020, 7, 1))


def test_a_month_to_come_is_refused(employer_a, decision):
    with pytest.raises(ValidationError, match="qu'à partir de ce mois"):
        create(employer_a, decision, month=date(2020, 6, 1))


def test_one_di_per_month_and_da(employer_a, decision):
    first = create(employer_a, decision)
    with pytest.raises(ValidationError, match=first.number):
        create(employer_a, decision)


def test_a_regime_without_barème_that_month_is_refused(employer_a, decision):
    with pytest.raises(ValidationError, match="ne s'applique pas en avril 2020"):
        create(employer_a, decision, regime=Regime.PROTECTED)


# The filing deadline: 12 months, 6 for authorisations asked from 31 December 2020.


def test_the_deadline_is_12_months_for_2020_authorisations():
    asked = datetime(2020, 12, 30, 12, tzinfo=PARIS)
    assert filing_deadline(requested_at=asked, period_end=date(2020, 6, 30)) == date(2021, 6, 30)


def test_the_deadline_is_6_months_from_31_december_2020_as_in_the_ffb_example():
    # authorised 1 Feb – 30 Apr: due before 1 Nov (FFB)
    asked = datetime(2020, 12, 31, 9, tzinfo=PARIS)
    assert filing_deadline(requested_at=asked, period_end=date(2021, 4, 30)) == date(2021, 10, 31)


def test_creating_after_the_deadline_is_refused_on_a_frozen_clock(employer_a, decision):
    # period ends 30 June 2020, asked in March 2020: last day 30 June 2021
    Habilitation.objects.filter(user=employer_a).update(valid_until=date(2030, 1, 1))
    with time_machine.travel(datetime(2021, 6, 30, 23, tzinfo=PARIS), tick=False):
        claim_create(user=employer_a, code=decision.code, month=APRIL_2020, regime="standard")
    with time_machine.travel(datetime(2021, 7, 1, 0, 30, tzinfo=PARIS), tick=False):
        with pytest.raises(ValidationError, match="a pris fin le 30/06/2021"):
            claim_create(
                user=employer_a, code=decision.code, month=date(2020, 5, 1), regime="standard"
            )


# Lines and limits


def test_imported_lines_are_computed_with_the_bareme_of_the_month(employer_a, decision):
    claim = create(employer_a, decision)
    claim_lines_import(claim=claim, rows=[row(1), row(2, pay="60", worked="0", not_worked="10")])
    # 35 h × 14.00 = 490.00 (alloc 490.00); 10 h × 42.00 = 420.00 (alloc 10 × 31.98 = 319.80)
    assert (claim.employees_count, claim.total_indemnity, claim.total_allocation) == (
        2,
        D("910.00"),
        D("809.80"),
    )
    assert claim.bareme.valid_from == date(2020, 3, 1)
    line = claim.lines.get(position=2)
    assert (line.hourly_indemnity, line.hourly_allocation) == (D("42.00"), D("31.98"))


def test_a_part_time_line_is_compensated_within_its_contract(employer_a, decision):
    claim = create(employer_a, decision)
    claim_lines_import(claim=claim, rows=[row(1, not_worked="60", worked="30", contract="80")])
    assert claim.total_hours_compensated == D("50")


def test_more_employees_than_authorised_is_refused_and_nothing_saved(employer_a, decision):
    claim = create(employer_a, decision)
    with pytest.raises(LinesRefused) as refused:
        claim_lines_import(claim=claim, rows=[row(i) for i in range(1, 7)])
    assert "autorise 5 salariés : la demande en compte 6" in refused.value.messages[0]
    assert claim.lines.count() == 0


def test_the_total_of_hours_of_the_da_is_enforced_across_dis(establishment_a, employer_a):
    decision = decision_for(establishment_a, hours=D("100"))
    april = create(employer_a, decision)
    claim_lines_import(claim=april, rows=[row(1, not_worked="60", worked="0")])
    may = create(employer_a, decision, month=date(2020, 5, 1))
    with pytest.raises(LinesRefused) as refused:
        claim_lines_import(claim=may, rows=[row(1, not_worked="41", worked="0")])
    assert "autorise 100 h : 60 h sont déjà demandées" in refused.value.messages[0]


def test_the_annual_quota_per_employee_is_enforced(establishment_a, employer_a):
    # restructuring: 100 h a year (arrêté du 26 août 2013)
    decision = decision_for(establishment_a, reason="restructuring", sub_reason="")
    april = create(employer_a, decision)
    claim_lines_import(claim=april, rows=[row(1, not_worked="80", worked="0")])
    may = create(employer_a, decision, month=date(2020, 5, 1))
    with pytest.raises(LinesRefused) as refused:
        claim_lines_import(claim=may, rows=[row(1, not_worked="30", worked="0"), row(2)])
    assert refused.value.messages == [
        "Ligne 1 (SALARIE1 Camille) : le contingent annuel de 100 h par salarié serait "
        "dépassé en 2020 (80 h déjà indemnisées, 30 h dans cette demande)."
    ]


def test_the_same_employee_twice_by_form_is_refused(employer_a, decision):
    claim = create(employer_a, decision)
    claim_line_add(claim=claim, row=row(1))
    with pytest.raises(LinesRefused, match="figure déjà"):
        claim_line_add(claim=claim, row=row(1))
    claim_line_add(claim=claim, row=row(2, ntt="1123456789ABC"))
    assert list(claim.lines.values_list("position", flat=True)) == [1, 2]


# Filing and withdrawing


def test_filing_moves_to_en_attente_de_validation_and_freezes_the_lines(employer_a, decision):
    claim = create(employer_a, decision)
    claim_lines_import(claim=claim, rows=[row(1)])
    claim_file(claim=claim, user=employer_a)
    assert claim.status == ClaimStatus.PENDING_VALIDATION
    assert claim.sent_at == IN_MAY_2020
    with pytest.raises(LinesRefused, match="a été envoyée"):
        claim_lines_import(claim=claim, rows=[row(2)])


def test_an_empty_di_cannot_be_filed(employer_a, decision):
    claim = create(employer_a, decision)
    with pytest.raises(ValidationError, match="au moins un salarié"):
        claim_file(claim=claim, user=employer_a)


def test_a_withdrawn_di_frees_its_month(employer_a, decision):
    claim = create(employer_a, decision)
    claim_withdraw(claim=claim, user=employer_a)
    assert claim.status == ClaimStatus.WITHDRAWN
    assert create(employer_a, decision).pk != claim.pk


def test_a_paid_di_is_corrected_by_a_new_version_with_the_same_number(employer_a, decision):
    from indemnisation.services.claims import claim_new_version
    from indemnisation.services.transitions import claim_transition

    claim = create(employer_a, decision)
    claim_lines_import(claim=claim, rows=[row(1), row(2)])
    with pytest.raises(ValidationError, match="une fois son paiement effectué"):
        claim_new_version(claim=claim, user=employer_a)
    claim_file(claim=claim, user=employer_a)
    for status in (ClaimStatus.VALIDATED, ClaimStatus.PAYMENT_REQUESTED, ClaimStatus.PAYMENT_DONE):
        claim_transition(claim=claim, to=status, actor=None)
    second = claim_new_version(claim=claim, user=employer_a)
    assert (second.number, second.version, second.status) == (
        claim.number,
        2,
        ClaimStatus.PROVISIONAL,
    )
    assert second.lines.count() == 2
    # its own hours do not count twice against the DA: the first version is excluded
    claim_lines_import(claim=second, rows=[row(1, not_worked="40", worked="0")])
    assert second.total_hours_compensated == D("40")


def test_a_corrected_di_counts_once_in_the_quota_of_the_next_months(establishment_a, employer_a):
    from indemnisation.services.claims import claim_new_version
    from indemnisation.services.transitions import claim_transition

    # restructuring: 100 h a year; April v1 and v2 both 60 h, May 30 h → 90 h, not 150 h
    decision = decision_for(establishment_a, reason="restructuring", sub_reason="")
    april = create(employer_a, decision)
    claim_lines_import(claim=april, rows=[row(1, not_worked="60", worked="0")])
    claim_file(claim=april, user=employer_a)
    for status in (ClaimStatus.VALIDATED, ClaimStatus.PAYMENT_REQUESTED, ClaimStatus.PAYMENT_DONE):
        claim_transition(claim=april, to=status, actor=None)
    claim_new_version(claim=april, user=employer_a)
    may = create(employer_a, decision, month=date(2020, 5, 1))
    claim_lines_import(claim=may, rows=[row(1, not_worked="30", worked="0")])
    assert may.total_hours_compensated == D("30")
