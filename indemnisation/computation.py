"""Indemnity and allocation of activité partielle, computed from a barème row.

Shared by the public simulator and the demandes d'indemnisation. The functions are pure: they
take a barème row (any object with the `Bareme` attributes) and Decimals, and return Decimals.
Only `find_bareme` reads the database.

Shape of the rule (art. R5122-18 and D5122-13 of the Code du travail, reference/apart-facts.md
§3.6 and §3.8):
- the gross hourly pay is capped at `ceiling_smic_multiple` × SMIC;
- indemnity paid to the employee per hour not worked = indemnity rate × capped pay, at least
  the indemnity floor, but never more than the employee's own hourly pay;
- allocation reimbursed by the State per hour = allocation rate × capped pay, at least the
  allocation floor, and never more than the indemnity actually paid.

Amounts are rounded to the cent, half up, at each hourly step as the ASP did: the 2020 ceiling
4.5 × 10.15 € = 45.675 € becomes 45.68 €, hence 31.98 €/h at 70 % and 27.41 €/h at 60 %
([S-France3] [S-BDO]).
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from indemnisation.models import Bareme

CENT = Decimal("0.01")

# Durée légale: 35 h a week × 52 weeks / 12 months (art. L3121-27 C. trav.). Hours not worked
# above it are "chômées" but not compensable (art. R5122-19 and R5122-11).
LEGAL_MONTHLY_HOURS = Decimal("151.67")


class BaremeNotFound(Exception):
    """No barème row covers the month asked for."""


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class HourlyAmounts:
    bareme: Bareme
    hourly_pay: Decimal
    capped_pay: Decimal
    indemnity: Decimal
    allocation: Decimal

    @property
    def is_capped(self) -> bool:
        return self.capped_pay < self.hourly_pay


@dataclass(frozen=True)
class Indemnisation:
    """Amounts for `employees` employees each with `hours_not_worked` hours not worked."""

    hourly: HourlyAmounts
    hours_not_worked: Decimal
    employees: int
    indemnity: Decimal
    allocation: Decimal

    @property
    def bareme(self) -> Bareme:
        return self.hourly.bareme

    @property
    def reste_a_charge(self) -> Decimal:
        return self.indemnity - self.allocation


def ceiling_pay(bareme: Bareme) -> Decimal:
    return to_cents(bareme.ceiling_smic_multiple * bareme.smic_hourly)


def hourly_amounts(bareme: Bareme, hourly_pay: Decimal) -> HourlyAmounts:
    capped = min(hourly_pay, ceiling_pay(bareme))
    indemnity = max(
        to_cents(bareme.indemnity_rate * capped), min(bareme.indemnity_floor, hourly_pay)
    )
    allocation = max(to_cents(bareme.allocation_rate * capped), bareme.allocation_floor)
    return HourlyAmounts(
        bareme=bareme,
        hourly_pay=hourly_pay,
        capped_pay=capped,
        indemnity=indemnity,
        allocation=min(allocation, indemnity),
    )


def indemnisation(
    bareme: Bareme, *, hourly_pay: Decimal, hours_not_worked: Decimal, employees: int = 1
) -> Indemnisation:
    hourly = hourly_amounts(bareme, hourly_pay)
    return Indemnisation(
        hourly=hourly,
        hours_not_worked=hours_not_worked,
        employees=employees,
        indemnity=to_cents(hourly.indemnity * hours_not_worked) * employees,
        allocation=to_cents(hourly.allocation * hours_not_worked) * employees,
    )


def find_bareme(month: date, *, majore: bool = False) -> Bareme:
    """The barème row for the month of `month`; the standard one when no majoré row exists."""
    row = Bareme.objects.for_month(month.replace(day=1), majore=majore)
    if row is None:
        raise BaremeNotFound(month)
    return row


def compute(
    *, month: date, hourly_pay: Decimal, hours_not_worked: Decimal, majore: bool = False
) -> Indemnisation:
    """One employee's month: indemnity, allocation, reste à charge and the barème row used."""
    bareme = find_bareme(month, majore=majore)
    return indemnisation(bareme, hourly_pay=hourly_pay, hours_not_worked=hours_not_worked)


@dataclass(frozen=True)
class EmployeeSimulation:
    """« Simulation salarié »: the employee's gross pay for the month."""

    indemnisation: Indemnisation
    hours_worked: Decimal
    pay_for_hours_worked: Decimal

    @property
    def monthly_pay(self) -> Decimal:
        return self.pay_for_hours_worked + self.indemnisation.indemnity


def simulate_employee(
    bareme: Bareme, *, hourly_pay: Decimal, hours_worked: Decimal, hours_not_worked: Decimal
) -> EmployeeSimulation:
    return EmployeeSimulation(
        indemnisation=indemnisation(
            bareme, hourly_pay=hourly_pay, hours_not_worked=hours_not_worked
        ),
        hours_worked=hours_worked,
        pay_for_hours_worked=to_cents(hours_worked * hourly_pay),
    )


@dataclass(frozen=True)
class Band:
    employees: int
    hourly_pay: Decimal
    hours_not_worked: Decimal


@dataclass(frozen=True)
class EmployerSimulation:
    """« Simulation employeur »: one result per band of employees and the totals."""

    bareme: Bareme
    bands: list[Indemnisation]

    @property
    def indemnity(self) -> Decimal:
        return sum((band.indemnity for band in self.bands), Decimal("0.00"))

    @property
    def allocation(self) -> Decimal:
        return sum((band.allocation for band in self.bands), Decimal("0.00"))

    @property
    def reste_a_charge(self) -> Decimal:
        return self.indemnity - self.allocation

    @property
    def employees(self) -> int:
        return sum(band.employees for band in self.bands)


def simulate_employer(bareme: Bareme, bands: list[Band]) -> EmployerSimulation:
    return EmployerSimulation(
        bareme=bareme,
        bands=[
            indemnisation(
                bareme,
                hourly_pay=band.hourly_pay,
                hours_not_worked=band.hours_not_worked,
                employees=band.employees,
            )
            for band in bands
        ],
    )
