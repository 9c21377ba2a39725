"""Oracles: public reference values of reference/apart-facts.md §3.6 (barème by period),
the ASP's 2020 hourly caps ([S-France3] 31.98 €, [S-BDO] 27.41 €) and the 70 % example of the
official simulator (20 €/h → 14 €/h)."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from indemnisation.computation import (
    Band,
    BaremeNotFound,
    ceiling_pay,
    compute,
    find_bareme,
    hourly_amounts,
    indemnisation,
    simulate_employee,
    simulate_employer,
)
from indemnisation.models import Bareme

pytestmark = pytest.mark.django_db


def unsaved_bareme(**overrides):
    values = dict(
        valid_from=date(2020, 3, 1),
        valid_until=date(2020, 5, 31),
        majore=False,
        allocation_rate=D("0.70"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.03"),
        indemnity_floor=D("8.03"),
        ceiling_smic_multiple=D("4.5"),
        smic_hourly=D("10.15"),
    )
    return Bareme(**{**values, **overrides})


def months(first, last):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


# The loaded barème


def test_every_month_from_march_2020_to_october_2021_has_exactly_one_standard_row():
    for month in months(date(2020, 3, 1), date(2021, 10, 1)):
        assert Bareme.objects.covering(month).filter(majore=False).count() == 1, month


def test_the_taux_majore_exists_from_june_2020_only():
    assert Bareme.objects.covering(date(2020, 5, 1)).filter(majore=True).count() == 0
    for month in months(date(2020, 6, 1), date(2021, 10, 1)):
        assert Bareme.objects.covering(month).filter(majore=True).count() == 1, month


def test_every_loaded_row_names_its_source():
    assert not Bareme.objects.filter(source="").exists()


def test_months_before_march_2020_have_no_bareme():
    with pytest.raises(BaremeNotFound):
        find_bareme(date(2020, 2, 1))


def test_months_after_october_2021_have_no_bareme():
    with pytest.raises(BaremeNotFound):
        find_bareme(date(2021, 11, 1))


def test_any_day_of_the_month_finds_the_row_of_the_month():
    assert find_bareme(date(2020, 5, 31)).valid_from == date(2020, 3, 1)


def test_the_taux_majore_asked_for_march_2020_falls_back_to_the_standard_row():
    row = find_bareme(date(2020, 3, 1), majore=True)
    assert not row.majore
    assert row.allocation_rate == D("0.70")


def test_overlapping_periods_of_the_same_regime_are_refused():
    row = unsaved_bareme(valid_from=date(2020, 5, 1), valid_until=date(2020, 6, 30))
    with pytest.raises(ValidationError, match="chevauche"):
        row.clean()


def test_an_end_date_before_the_start_date_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        unsaved_bareme(valid_from=date(2030, 2, 1), valid_until=date(2030, 1, 1)).save()


def test_rates_are_shown_as_percentages():
    row = find_bareme(date(2021, 6, 1))
    assert (str(row.allocation_percent), str(row.indemnity_percent)) == ("52", "70")


# Reference values by period


def test_march_2020_20_euros_35_hours_gives_490_euros_indemnity_all_reimbursed():
    result = compute(month=date(2020, 3, 1), hourly_pay=D("20"), hours_not_worked=D("35"))
    assert result.hourly.indemnity == D("14.00")
    assert result.indemnity == D("490.00")
    assert result.allocation == D("490.00")
    assert result.reste_a_charge == D("0.00")
    assert result.bareme.valid_from == date(2020, 3, 1)


def test_june_2020_standard_regime_reimburses_60_percent_and_leaves_70_euros_to_pay():
    result = compute(month=date(2020, 6, 1), hourly_pay=D("20"), hours_not_worked=D("35"))
    assert result.indemnity == D("490.00")
    assert result.allocation == D("420.00")
    assert result.reste_a_charge == D("70.00")


def test_june_2020_taux_majore_still_reimburses_70_percent():
    result = compute(
        month=date(2020, 6, 1), hourly_pay=D("20"), hours_not_worked=D("35"), majore=True
    )
    assert result.bareme.majore
    assert result.allocation == D("490.00")


def test_pay_at_the_2020_smic_gets_the_8_03_floor_for_indemnity_and_allocation():
    result = compute(month=date(2020, 4, 1), hourly_pay=D("10.15"), hours_not_worked=D("35"))
    assert result.hourly.indemnity == D("8.03")
    assert result.hourly.allocation == D("8.03")
    assert result.indemnity == result.allocation == D("281.05")


def test_the_floor_becomes_8_11_in_january_2021():
    result = compute(month=date(2021, 1, 1), hourly_pay=D("10.25"), hours_not_worked=D("10"))
    assert result.hourly.allocation == D("8.11")


def test_pay_below_the_floor_is_compensated_at_the_pay_itself_and_reimbursed_no_more():
    result = compute(month=date(2020, 4, 1), hourly_pay=D("7.50"), hours_not_worked=D("10"))
    assert result.hourly.indemnity == D("7.50")
    assert result.hourly.allocation == D("7.50")


def test_the_2020_ceiling_of_4_5_smic_is_45_68_euros_as_rounded_by_the_asp():
    assert ceiling_pay(find_bareme(date(2020, 3, 1))) == D("45.68")


def test_high_pay_in_april_2020_is_capped_at_31_98_euros_per_hour():
    result = compute(month=date(2020, 4, 1), hourly_pay=D("60"), hours_not_worked=D("10"))
    assert result.hourly.is_capped
    assert result.hourly.indemnity == D("31.98")
    assert result.allocation == D("319.80")


def test_high_pay_in_june_2020_standard_regime_is_reimbursed_27_41_euros_per_hour():
    result = compute(month=date(2020, 6, 1), hourly_pay=D("60"), hours_not_worked=D("1"))
    assert result.hourly.allocation == D("27.41")
    assert result.hourly.indemnity == D("31.98")


def test_july_2021_standard_regime_pays_60_percent_and_reimburses_36_percent_with_7_30_floor():
    result = compute(month=date(2021, 7, 1), hourly_pay=D("20"), hours_not_worked=D("10"))
    assert result.hourly.indemnity == D("12.00")
    assert result.hourly.allocation == D("7.30")
    assert result.reste_a_charge == D("47.00")


def test_october_2021_taux_majore_has_the_8_30_floor():
    result = compute(
        month=date(2021, 10, 1), hourly_pay=D("10.48"), hours_not_worked=D("1"), majore=True
    )
    assert result.hourly.allocation == D("8.30")


def test_the_computation_needs_no_database_when_given_a_row():
    amounts = hourly_amounts(unsaved_bareme(allocation_rate=D("0.60")), D("20"))
    assert (amounts.indemnity, amounts.allocation) == (D("14.00"), D("12.00"))


def test_amounts_for_several_employees_are_multiplied_after_rounding_each():
    result = indemnisation(
        unsaved_bareme(), hourly_pay=D("20"), hours_not_worked=D("0.5"), employees=3
    )
    assert result.indemnity == D("21.00")


def test_zero_hours_not_worked_gives_nothing():
    result = indemnisation(unsaved_bareme(), hourly_pay=D("20"), hours_not_worked=D("0"))
    assert result.indemnity == result.allocation == D("0.00")


# The two modes


def test_employee_pay_for_the_month_adds_hours_worked_and_indemnity():
    result = simulate_employee(
        find_bareme(date(2020, 3, 1)),
        hourly_pay=D("20"),
        hours_worked=D("116.67"),
        hours_not_worked=D("35"),
    )
    assert result.pay_for_hours_worked == D("2333.40")
    assert result.monthly_pay == D("2823.40")


def test_employer_simulation_sums_the_bands():
    result = simulate_employer(
        find_bareme(date(2020, 6, 1)),
        [Band(3, D("10.15"), D("35")), Band(2, D("20"), D("35")), Band(1, D("60"), D("10"))],
    )
    assert [band.indemnity for band in result.bands] == [D("843.15"), D("980.00"), D("319.80")]
    assert [band.allocation for band in result.bands] == [D("843.15"), D("840.00"), D("274.10")]
    assert result.employees == 6
    assert result.indemnity == D("2142.95")
    assert result.allocation == D("1957.25")
    assert result.reste_a_charge == D("185.70")
