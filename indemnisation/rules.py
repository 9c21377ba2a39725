"""The DI's dated rules, each with its source. A rule is chosen by the date that matters for
it (when the authorisation was asked), never by today's date."""

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from dap.rules import Dated, annual_quota

__all__ = ["annual_quota", "filing_deadline", "filing_rule", "AUTO_VALIDATION_DELAY"]

# Deadline to file a DI after the end of the authorised period, by the date the
# authorisation was asked (apart-facts.md §3.5).
FILING_DEADLINES = [
    Dated(
        date(1900, 1, 1),
        date(2020, 12, 30),
        relativedelta(months=12),
        "Art. R5122-5 du code du travail : dans l'année suivant la fin de la période autorisée.",
    ),
    Dated(
        date(2020, 12, 31),
        None,
        relativedelta(months=6),
        "Art. L5122-1 IV du code du travail (ordonnance n° 2020-1639) : dans les 6 mois "
        "suivant la fin de la période autorisée, pour les autorisations demandées à compter "
        "du 31 décembre 2020.",
    ),
]

# The 2020 batch (apart-facts.md §3.4): a complete DI not stopped by an agent is validated
# and put into payment 72 hours after it was filed.
AUTO_VALIDATION_DELAY = timedelta(hours=72)


def filing_rule(requested_at: datetime) -> Dated:
    day = timezone.localtime(requested_at).date()
    return next(rule for rule in FILING_DEADLINES if rule.applies_on(day))


def filing_deadline(*, requested_at: datetime, period_end: date) -> date:
    """The last day a DI of this authorisation may be filed: the months run from the day
    after the period's end (authorised 1 Feb–30 Apr: due before 1 Nov, FFB)."""
    return period_end + timedelta(days=1) + filing_rule(requested_at).value - timedelta(days=1)
