"""Indemnity and allocation of activité partielle: the one computation of the simulator and
of the demandes d'indemnisation.

`indemnisation()` is pure: it takes the barème used (a row of a regime and the SMIC of the
month) and Decimals, and returns Decimals. Only `find_bareme` reads the database, once per
month and regime, so a DI of 10,000 lines costs one lookup.

Shape of the rule (art. R5122-18, R5122-19 and D5122-13 of the Code du travail; decree
wording in force by period in docs/bareme.md):
- hours compensated = hours not worked, within the contract's monthly hours (never beyond
  them for a part-time employee) and the legal monthly duration, minus the hours worked;
- ceiling = 4.5 × the SMIC of the month. In 2020 it capped the allocation only (D5122-13 as
  set by décret 2020-325); from 2021 R5122-18 caps the indemnity too (`ceiling_caps`);
- indemnity per hour = indemnity rate × pay (capped when the row says so), at least the
  indemnity floor, but never more than the employee's own hourly pay for the floor;
- allocation per hour = allocation rate × capped pay, at least the allocation floor, never
  more than the indemnity per hour actually paid.

Rounding (written once, here): every hourly amount and the ceiling are rounded to the cent,
half up, as the ASP did (4.5 × 10.15 € = 45.675 € → 45.68 €, hence 31.98 €/h at 70 %); the
amount of a line is hours × hourly amount, rounded to the cent, half up; totals are sums of
rounded lines.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from indemnisation.models import Bareme, Regime, Smic

CENT = Decimal("0.01")
ZERO = Decimal("0.00")

# Durée légale: 35 h a week × 52 weeks / 12 months (art. L3121-27 C. trav.). Hours not worked
# above it are "chômées" but not compensable (art. R5122-19 and R5122-11).
LEGAL_MONTHLY_HOURS = Decimal("151.67")


class BaremeNotFound(Exception):
    """No barème row of this regime covers the month asked for."""


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class BaremeUsed:
    """The row of a regime for a month and the SMIC of that month."""

    line: Bareme
    smic: Smic

    @property
    def ceiling(self) -> Decimal:
        return to_cents(self.line.ceiling_smic_multiple * self.smic.hourly)


@dataclass(frozen=True)
class HourlyAmounts:
    bareme: BaremeUsed
    hourly_pay: Decimal
    capped_pay: Decimal
    indemnity: Decimal
    allocation: Decimal

    @property
    def is_capped(self) -> bool:
        return self.capped_pay < self.hourly_pay

    @property
    def indemnity_at_floor(self) -> bool:
        floor = self.bareme.line.indemnity_floor
        return self.indemnity == floor and self.hourly_pay > floor


@dataclass(frozen=True)
class Indemnisation:
    """Amounts for `employees` employees each with the same hours and pay."""

    hourly: HourlyAmounts
    hours_not_worked: Decimal
    hours_compensated: Decimal
    employees: int
    indemnity: Decimal
    allocation: Decimal

    @property
    def bareme(self) -> BaremeUsed:
        return self.hourly.bareme

    @property
    def reste_a_charge(self) -> Decimal:
        return self.indemnity - self.allocation

    @property
    def hours_reduced(self) -> bool:
        return self.hours_compensated < self.hours_not_worked


def hourly_amounts(bareme: BaremeUsed, hourly_pay: Decimal) -> HourlyAmounts:
    line = bareme.line
    capped = min(hourly_pay, bareme.ceiling)
    indemnity_base = capped if line.caps_indemnity else hourly_pay
    indemnity = max(
        to_cents(line.indemnity_rate * indemnity_base), min(line.indemnity_floor, hourly_pay)
    )
    allocation = max(to_cents(line.allocation_rate * capped), line.allocation_floor)
    return HourlyAmounts(
        bareme=bareme,
        hourly_pay=hourly_pay,
        capped_pay=capped,
        indemnity=indemnity,
        allocation=min(allocation, indemnity),
    )


def compensable_hours(
    hours_not_worked: Decimal, hours_worked: Decimal, contract_hours: Decimal
) -> Decimal:
    """Hours not worked within the contract's hours and the legal duration (R5122-19)."""
    room = min(contract_hours, LEGAL_MONTHLY_HOURS) - hours_worked
    return max(ZERO, min(hours_not_worked, room))


def indemnisation(
    bareme: BaremeUsed,
    *,
    hourly_pay: Decimal,
    hours_not_worked: Decimal,
    hours_worked: Decimal = ZERO,
    contract_hours: Decimal = LEGAL_MONTHLY_HOURS,
    employees: int = 1,
    hourly: HourlyAmounts | None = None,
) -> Indemnisation:
    """The computation of one DI line or one simulator band.

    `hourly` may be passed when many lines share the same pay (the DI import caches it).
    """
    hourly = hourly or hourly_amounts(bareme, hourly_pay)
    hours = compensable_hours(hours_not_worked, hours_worked, contract_hours)
    return Indemnisation(
        hourly=hourly,
        hours_not_worked=hours_not_worked,
        hours_compensated=hours,
        employees=employees,
        indemnity=to_cents(hourly.indemnity * hours) * employees,
        allocation=to_cents(hourly.allocation * hours) * employees,
    )


def find_bareme(month: date, *, regime: str = Regime.STANDARD) -> BaremeUsed:
    """The row of `regime` for the month of `month` and the SMIC of that month."""
    first = month.replace(day=1)
    line = Bareme.objects.for_month(first, regime=regime)
    smic = Smic.at(first)
    if line is None or smic is None:
        raise BaremeNotFound(month)
    return BaremeUsed(line=line, smic=smic)


def compute(
    *,
    month: date,
    hourly_pay: Decimal,
    hours_not_worked: Decimal,
    regime: str = Regime.STANDARD,
    **hours,
) -> Indemnisation:
    """One employee's month: indemnity, allocation, reste à charge and the barème used."""
    return indemnisation(
        find_bareme(month, regime=regime),
        hourly_pay=hourly_pay,
        hours_not_worked=hours_not_worked,
        **hours,
    )


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
    bareme: BaremeUsed,
    *,
    hourly_pay: Decimal,
    hours_worked: Decimal,
    hours_not_worked: Decimal,
    contract_hours: Decimal = LEGAL_MONTHLY_HOURS,
) -> EmployeeSimulation:
    return EmployeeSimulation(
        indemnisation=indemnisation(
            bareme,
            hourly_pay=hourly_pay,
            hours_not_worked=hours_not_worked,
            hours_worked=hours_worked,
            contract_hours=contract_hours,
        ),
        hours_worked=hours_worked,
        pay_for_hours_worked=to_cents(hours_worked * hourly_pay),
    )


@dataclass(frozen=True)
class Band:
    employees: int
    hourly_pay: Decimal
    hours_not_worked: Decimal
    contract_hours: Decimal = LEGAL_MONTHLY_HOURS


@dataclass(frozen=True)
class EmployerSimulation:
    """« Simulation employeur »: one result per band of employees and the totals."""

    bareme: BaremeUsed
    bands: list[Indemnisation]

    @property
    def indemnity(self) -> Decimal:
        return sum((band.indemnity for band in self.bands), ZERO)

    @property
    def allocation(self) -> Decimal:
        return sum((band.allocation for band in self.bands), ZERO)

    @property
    def reste_a_charge(self) -> Decimal:
        return self.indemnity - self.allocation

    @property
    def employees(self) -> int:
        return sum(band.employees for band in self.bands)


def simulate_employer(bareme: BaremeUsed, bands: list[Band]) -> EmployerSimulation:
    return EmployerSimulation(
        bareme=bareme,
        bands=[
            indemnisation(
                bareme,
                hourly_pay=band.hourly_pay,
                hours_not_worked=band.hours_not_worked,
                contract_hours=band.contract_hours,
                employees=band.employees,
            )
            for band in bands
        ],
    )
