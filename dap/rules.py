"""The legal figures of the DAP as dated rules, each with its source
(reference/apart-facts.md §0–§2). A rule is chosen by the date that matters for it (the
date the request is sent, or the period's start), never by today's date.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone


@dataclass(frozen=True)
class Dated:
    """A value in force from `start` (included) to `end` (included; None: still in force)."""

    start: date
    end: date | None
    value: object
    source: str

    def applies_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def _pick(rules: list[Dated], day: date) -> Dated:
    for rule in rules:
        if rule.applies_on(day):
            return rule
    raise LookupError(f"Pas de règle en vigueur le {day:%d/%m/%Y}.")


# Silence of the administration = acceptance, after this delay from the request's receipt.
TACIT_DELAYS = [
    Dated(
        date(1900, 1, 1),
        date(2020, 3, 25),
        timedelta(days=15),
        "Art. R5122-4 du code du travail : décision dans un délai de 15 jours.",
    ),
    Dated(
        date(2020, 3, 26),
        date(2020, 9, 30),
        timedelta(hours=48),
        "Décret n° 2020-325 du 25 mars 2020 (délai de 2 jours), jusqu'au 30 septembre "
        "2020 ; seed 003 : « délai de 48 heures ».",
    ),
    Dated(
        date(2020, 10, 1),
        None,
        timedelta(days=15),
        "Art. R5122-4 du code du travail : retour au délai de 15 jours au 1er octobre 2020.",
    ),
]

# Maximum duration of one authorisation, by the date the request is sent.
MAX_DURATIONS = [
    Dated(
        date(1900, 1, 1),
        date(2020, 3, 25),
        relativedelta(months=6),
        "Art. R5122-9 du code du travail (version antérieure au décret n° 2020-325).",
    ),
    Dated(
        date(2020, 3, 26),
        date(2021, 2, 28),
        relativedelta(months=12),
        "Décret n° 2020-325 du 25 mars 2020 : autorisation de 12 mois au plus.",
    ),
    Dated(
        date(2021, 3, 1),
        None,
        relativedelta(months=3),
        "Décrets n° 2020-1316 et n° 2020-1681 : 3 mois, renouvelables (6 mois sur 12).",
    ),
]

# Filing after employees were placed in AP: up to 30 days after, under the COVID rule.
LATE_FILING = [
    Dated(
        date(1900, 1, 1),
        date(2020, 3, 25),
        timedelta(days=0),
        "Art. R5122-2 du code du travail : demande préalable à la mise en activité partielle.",
    ),
    Dated(
        date(2020, 3, 26),
        None,
        timedelta(days=30),
        "Décret n° 2020-325 du 25 mars 2020 (art. R5122-3) : dans les 30 jours suivant le "
        "placement des salariés, pour les motifs de sinistre et de circonstances "
        "exceptionnelles.",
    ),
]
LATE_FILING_REASONS = ("disaster", "exceptional")

# Annual quota of hours per employee, by calendar year of the period.
ANNUAL_QUOTAS = [
    Dated(
        date(1900, 1, 1),
        date(2019, 12, 31),
        Decimal(1000),
        "Arrêté du 26 août 2013 : 1 000 heures par salarié et par an.",
    ),
    Dated(
        date(2020, 1, 1),
        date(2021, 12, 31),
        Decimal(1607),
        "Arrêtés du 31 mars 2020 (2020) et du 10 mai 2021 (2021) : 1 607 heures.",
    ),
    Dated(
        date(2022, 1, 1),
        None,
        Decimal(1000),
        "Arrêté du 26 août 2013 : 1 000 heures par salarié et par an.",
    ),
]
# Motif 4 (transformation, restructuration, modernisation): 100 h a year (arrêté 2013).
RESTRUCTURING_QUOTA = Decimal(100)

# At most the legal 35 h a week per employee (DIECCTE Guyane, apart-screens.md §3.1).
WEEKLY_HOURS_CAP = Decimal(35)


def _local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def tacit_delay(sent_at: datetime) -> Dated:
    return _pick(TACIT_DELAYS, _local_day(sent_at))


def tacit_deadline(sent_at: datetime) -> datetime:
    """When silence becomes acceptance for a request sent at `sent_at`."""
    return sent_at + tacit_delay(sent_at).value


def max_duration(sent_on: date) -> Dated:
    return _pick(MAX_DURATIONS, sent_on)


def late_filing(sent_on: date) -> Dated:
    return _pick(LATE_FILING, sent_on)


def annual_quota(year: int, reason: str) -> Decimal:
    if reason == "restructuring":
        return RESTRUCTURING_QUOTA
    return _pick(ANNUAL_QUOTAS, date(year, 1, 1)).value


def max_hours(*, start: date, end: date, employees: int) -> Decimal:
    """Hours the period and headcount allow: 35 h a week (7 h a day of a 5-day week)."""
    days = (end - start).days + 1
    weeks = Decimal(days) / Decimal(7)
    return (weeks * WEEKLY_HOURS_CAP * employees).quantize(Decimal("0.01"))


def delay_label(sent_at: datetime) -> str:
    delay = tacit_delay(sent_at).value
    hours = int(delay.total_seconds() // 3600)
    return f"{hours} heures" if hours < 72 else f"{delay.days} jours"
