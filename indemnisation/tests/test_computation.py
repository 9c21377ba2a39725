"""Hand-worked cases of the barème, period by period and regime by regime.

Each expected value is worked by hand in the comment above it from the rates of
docs/bareme.md; oracles from the sources: the ASP's 2020 hourly caps ([France 3] 31.98 €,
[BDO] 27.41 €) and OpenFisca France's `tests/formulas/covid19/ap.yaml` (values copied).
"""

from datetime import date
from decimal import Decimal as D

import pytest

from indemnisation.computation import (
    BaremeNotFound,
    compensable_hours,
    compute,
    find_bareme,
    indemnisation,
)
from indemnisation.models import Regime

pytestmark = pytest.mark.django_db

STANDARD, PROTECTED, CLOSED, APLD = (
    Regime.STANDARD,
    Regime.PROTECTED,
    Regime.CLOSED,
    Regime.APLD,
)


def hourly(month, pay, regime=STANDARD):
    amounts = compute(month=month, hourly_pay=D(pay), hours_not_worked=D("1"), regime=regime)
    return amounts.hourly.indemnity, amounts.hourly.allocation


# 2020: décret 2020-325 and 2020-810; the 4.5 SMIC ceiling capped the allocation only.


def test_march_2020_20_euros_35_hours_gives_490_euros_indemnity_all_reimbursed():
    # 0.70 × 20 = 14.00 €/h for both; × 35 h = 490.00 €
    result = compute(month=date(2020, 3, 1), hourly_pay=D("20"), hours_not_worked=D("35"))
    assert (result.indemnity, result.allocation, result.reste_a_charge) == (
        D("490.00"),
        D("490.00"),
        D("0.00"),
    )


def test_the_2020_ceiling_is_45_68_euros_as_rounded_by_the_asp():
    # 4.5 × 10.15 = 45.675 → 45.68 (half up)
    assert find_bareme(date(2020, 4, 1)).ceiling == D("45.68")


def test_april_2020_high_pay_caps_the_allocation_at_31_98_but_not_the_indemnity():
    # allocation 0.70 × 45.68 = 31.976 → 31.98 (the ASP's figure); indemnity 0.70 × 60 = 42.00
    result = compute(month=date(2020, 4, 1), hourly_pay=D("60"), hours_not_worked=D("10"))
    assert result.hourly.allocation == D("31.98")
    assert result.hourly.indemnity == D("42.00")
    assert (result.indemnity, result.allocation, result.reste_a_charge) == (
        D("420.00"),
        D("319.80"),
        D("100.20"),
    )


def test_openfisca_oracles_for_may_2020():
    # OpenFisca ap_2020: 4000 € for 100 h → (4000/100) × 0.70 × 100 = 2800
    assert compute(
        month=date(2020, 5, 1), hourly_pay=D("40"), hours_not_worked=D("100")
    ).indemnity == D("2800.00")
    # OpenFisca ap_2020_high: 10000 € for 100 h → (10000/100) × 0.70 × 100 = 7000: no cap
    assert compute(
        month=date(2020, 5, 1), hourly_pay=D("100"), hours_not_worked=D("100")
    ).indemnity == D("7000.00")


def test_june_2020_standard_high_pay_is_reimbursed_27_41_euros_per_hour():
    # 0.60 × 45.68 = 27.408 → 27.41 (BDO); indemnity 0.70 × 60 = 42.00
    assert hourly(date(2020, 6, 1), "60") == (D("42.00"), D("27.41"))


def test_june_2020_standard_20_euros_leaves_70_euros_for_35_hours():
    # indemnity 14.00 × 35 = 490.00; allocation 0.60 × 20 = 12.00 × 35 = 420.00
    result = compute(month=date(2020, 6, 1), hourly_pay=D("20"), hours_not_worked=D("35"))
    assert (result.indemnity, result.allocation) == (D("490.00"), D("420.00"))


@pytest.mark.parametrize("regime", [PROTECTED, CLOSED])
def test_june_2020_protected_and_closed_are_reimbursed_70_percent(regime):
    assert hourly(date(2020, 6, 1), "20", regime) == (D("14.00"), D("14.00"))


def test_2020_smic_pay_gets_the_8_03_floor():
    # 0.70 × 10.15 = 7.105 → 7.11 < 8.03 → 8.03; × 35 h = 281.05
    result = compute(month=date(2020, 4, 1), hourly_pay=D("10.15"), hours_not_worked=D("35"))
    assert (result.hourly.indemnity, result.hourly.allocation) == (D("8.03"), D("8.03"))
    assert result.indemnity == D("281.05")


def test_pay_below_the_floor_is_compensated_at_the_pay_itself_and_reimbursed_no_more():
    assert hourly(date(2020, 4, 1), "7.50") == (D("7.50"), D("7.50"))


def test_apld_july_2020_floor_is_7_23_for_the_allocation():
    # 0.60 × 10.15 = 6.09 < 7.23; indemnity 0.70 × 10.15 = 7.11 < 8.03 → 8.03
    assert hourly(date(2020, 7, 1), "10.15", APLD) == (D("8.03"), D("7.23"))


# 2021: décret 2020-1786 (floors 8.11, ceiling on the indemnity too), décrets 2021-671/674.


def test_january_2021_smic_pay_gets_the_8_11_floors():
    # 0.70 × 10.25 = 7.175 → 7.18 < 8.11 ; 0.60 × 10.25 = 6.15 < 8.11
    assert hourly(date(2021, 1, 1), "10.25") == (D("8.11"), D("8.11"))


def test_from_2021_the_ceiling_caps_the_indemnity_too():
    # ceiling 4.5 × 10.25 = 46.125 → 46.13; 0.70 × 46.13 = 32.291 → 32.29; 0.60 → 27.678 → 27.68
    assert find_bareme(date(2021, 3, 1)).ceiling == D("46.13")
    assert hourly(date(2021, 3, 1), "60") == (D("32.29"), D("27.68"))


def test_june_2021_standard_allocation_is_52_percent():
    assert hourly(date(2021, 6, 1), "20") == (D("14.00"), D("10.40"))


def test_july_2021_standard_pays_60_reimburses_36_with_the_7_30_floor():
    # indemnity 0.60 × 20 = 12.00; allocation 0.36 × 20 = 7.20 < 7.30; 10 h → 120 − 73 = 47
    result = compute(month=date(2021, 7, 1), hourly_pay=D("20"), hours_not_worked=D("10"))
    assert (result.hourly.indemnity, result.hourly.allocation) == (D("12.00"), D("7.30"))
    assert result.reste_a_charge == D("47.00")


def test_protected_sectors_step_down_the_allocation_while_the_indemnity_stays_70():
    # July 2021: 0.60 × 20 = 12.00; August 2021: 0.52 × 20 = 10.40; indemnity 14.00 both
    assert hourly(date(2021, 7, 1), "20", PROTECTED) == (D("14.00"), D("12.00"))
    assert hourly(date(2021, 8, 1), "20", PROTECTED) == (D("14.00"), D("10.40"))


def test_closed_businesses_keep_70_percent_in_summer_2021():
    assert hourly(date(2021, 8, 1), "20", CLOSED) == (D("14.00"), D("14.00"))


def test_october_2021_standard_floor_is_7_47_not_7_30():
    # 0.36 × 20 = 7.20 < 7.47 (décret 2021-1252)
    assert hourly(date(2021, 10, 1), "20") == (D("12.00"), D("7.47"))


def test_october_2021_closed_floor_is_8_30_with_the_10_48_smic():
    # 0.70 × 10.48 = 7.336 → 7.34 < 8.30; ceiling 4.5 × 10.48 = 47.16
    assert hourly(date(2021, 10, 1), "10.48", CLOSED) == (D("8.30"), D("8.30"))
    assert find_bareme(date(2021, 10, 1)).ceiling == D("47.16")


# 2022 to today: standard 36 % / 60 %, floors raised with the SMIC; APLD 60 % / 70 %.


@pytest.mark.parametrize(
    "month,allocation_floor,indemnity_floor",
    [
        (date(2022, 3, 1), "7.53", "8.37"),
        (date(2022, 6, 1), "7.73", "8.59"),
        (date(2022, 9, 1), "7.88", "8.76"),
        (date(2023, 2, 1), "8.03", "8.92"),
        (date(2023, 6, 1), "8.21", "9.12"),
        (date(2024, 3, 1), "8.30", "9.22"),
        (date(2025, 1, 1), "8.46", "9.40"),
        (date(2026, 2, 1), "8.57", "9.52"),
    ],
)
def test_standard_floors_by_period_at_the_smic(month, allocation_floor, indemnity_floor):
    # at 12 €/h: 0.60 × 12 = 7.20 and 0.36 × 12 = 4.32, both under every floor
    assert hourly(month, "12") == (D(indemnity_floor), D(allocation_floor))


def test_december_2026_uses_the_smic_of_june_2026_for_the_ceiling():
    # 4.5 × 12.31 = 55.395 → 55.40; 0.60 × 55.40 = 33.24; 0.36 × 55.40 = 19.944 → 19.94
    used = find_bareme(date(2026, 12, 1))
    assert (used.smic.hourly, used.ceiling) == (D("12.31"), D("55.40"))
    assert hourly(date(2026, 12, 1), "100") == (D("33.24"), D("19.94"))


def test_apld_today_has_the_9_52_floors():
    # 0.70 × 12.31 = 8.617 → 8.62 < 9.52; 0.60 × 12.31 = 7.386 < 9.52
    assert hourly(date(2026, 12, 1), "12.31", APLD) == (D("9.52"), D("9.52"))
    # 0.70 × 20 = 14.00; 0.60 × 20 = 12.00
    assert hourly(date(2026, 12, 1), "20", APLD) == (D("14.00"), D("12.00"))


@pytest.mark.parametrize(
    "month,regime",
    [
        (date(2020, 2, 1), STANDARD),
        (date(2020, 5, 1), PROTECTED),
        (date(2021, 9, 1), PROTECTED),
        (date(2022, 2, 1), CLOSED),
        (date(2020, 6, 1), APLD),
    ],
)
def test_a_regime_outside_its_period_has_no_bareme(month, regime):
    with pytest.raises(BaremeNotFound):
        find_bareme(month, regime=regime)


# Hours compensated (R5122-19) and rounding


def test_a_part_time_employee_is_never_compensated_beyond_the_contract():
    # contract 80 h, worked 30 h: at most 50 h compensated out of 60 declared
    assert compensable_hours(D("60"), D("30"), D("80")) == D("50")
    result = compute(
        month=date(2020, 4, 1),
        hourly_pay=D("20"),
        hours_not_worked=D("60"),
        hours_worked=D("30"),
        contract_hours=D("80"),
    )
    assert (result.hours_compensated, result.indemnity) == (D("50"), D("700.00"))
    assert result.hours_reduced


def test_hours_above_the_legal_duration_are_not_compensated():
    # 151.67 − 120 = 31.67 h out of 40
    assert compensable_hours(D("40"), D("120"), D("169")) == D("31.67")


def test_hours_worked_beyond_the_contract_leave_nothing():
    assert compensable_hours(D("10"), D("90"), D("80")) == D("0")


def test_rounding_is_half_up_at_the_cent_for_the_hour_then_the_line():
    # 0.70 × 20.05 = 14.035 → 14.04; × 0.5 h = 7.02
    result = compute(month=date(2020, 4, 1), hourly_pay=D("20.05"), hours_not_worked=D("0.5"))
    assert (result.hourly.indemnity, result.indemnity) == (D("14.04"), D("7.02"))


def test_several_employees_are_multiplied_after_rounding_each():
    used = find_bareme(date(2020, 3, 1))
    result = indemnisation(used, hourly_pay=D("20"), hours_not_worked=D("0.5"), employees=3)
    assert result.indemnity == D("21.00")


def test_zero_hours_not_worked_gives_nothing():
    result = compute(month=date(2020, 4, 1), hourly_pay=D("20"), hours_not_worked=D("0"))
    assert result.indemnity == result.allocation == D("0.00")
