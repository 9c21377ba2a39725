"""Employee lines of a DI: computed with the one barème function, saved in bulk, checked
against the DA (employees, total hours) and the annual quota per employee.

The number of queries does not depend on the number of lines: the barème is read once, the
lines are inserted with one `executemany`, and each limit is one aggregate query run after
the insert inside the transaction (rolled back when a limit is exceeded).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, DecimalField, Exists, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from apart.core.compiled import CompiledQuery
from indemnisation import rules
from indemnisation.computation import BaremeNotFound, find_bareme, hourly_amounts, indemnisation
from indemnisation.csv_import import EmployeeRow
from indemnisation.models import ACTIVE_STATUSES, Claim, ClaimLine

ZERO = Decimal("0")
_COLUMNS = [
    "claim_id",
    "position",
    "last_name",
    "first_name",
    "nir",
    "ntt",
    "identity",
    "hours_not_worked",
    "hours_worked",
    "hourly_pay",
    "contract_hours",
    "hours_compensated",
    "hourly_indemnity",
    "hourly_allocation",
    "indemnity",
    "allocation",
]


@dataclass
class LinesRefused(Exception):
    """Messages in French; nothing was saved."""

    messages: list[str]


def _values(claim: Claim, used, rows: list[EmployeeRow], first_position: int) -> list[tuple]:
    cache = {}
    values = []
    for offset, row in enumerate(rows):
        hourly = cache.get(row.hourly_pay)
        if hourly is None:
            hourly = cache[row.hourly_pay] = hourly_amounts(used, row.hourly_pay)
        result = indemnisation(
            used,
            hourly_pay=row.hourly_pay,
            hours_not_worked=row.hours_not_worked,
            hours_worked=row.hours_worked,
            contract_hours=row.contract_hours,
            hourly=hourly,
        )
        values.append(
            (
                claim.pk,
                first_position + offset,
                row.last_name,
                row.first_name,
                row.nir,
                row.ntt,
                row.nir or row.ntt,
                row.hours_not_worked,
                row.hours_worked,
                row.hourly_pay,
                row.contract_hours,
                result.hours_compensated,
                hourly.indemnity,
                hourly.allocation,
                result.indemnity,
                result.allocation,
            )
        )
    return values


def _insert(values: list[tuple]) -> None:
    table = connection.ops.quote_name(ClaimLine._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in _COLUMNS)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    adapt = connection.ops.adapt_decimalfield_value
    rows = [tuple(adapt(v) if isinstance(v, Decimal) else v for v in row) for row in values]
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _newer_version(number: str, version: str):
    return Claim.objects.filter(
        number=OuterRef(number), version__gt=OuterRef(version), status__in=ACTIVE_STATUSES
    )


def _others(number: str):
    """Lines of the other active DIs: other versions of this one excluded, and a DI replaced
    by a newer active version counted once (its latest version)."""
    newer = _newer_version("claim__number", "claim__version")
    return (
        ClaimLine.objects.filter(claim__status__in=ACTIVE_STATUSES)
        .exclude(claim__number=number)
        .exclude(Exists(newer))
    )


# The three checks run at every filing and every save of lines: their SQL is built once
# per process (apart.core.compiled), with the claim's values put in at each call.
_LINE_TOTALS = CompiledQuery(
    lambda claim_id: (
        ClaimLine.objects.filter(claim_id=claim_id)
        .order_by()
        .values("claim_id")
        .annotate(count=Count("pk"), hours=Sum("hours_compensated"))
        .values_list("count", "hours")
    ),
    int,
)
_HOURS_USED_BY_OTHERS = CompiledQuery(
    lambda decision_id, number: (
        Claim.objects.active()
        .filter(decision_id=decision_id)
        .exclude(number=number)
        .exclude(Exists(_newer_version("number", "version")))
        .order_by()
        .values("decision_id")
        .annotate(hours=Sum("total_hours_compensated"))
        .values_list("hours")
    ),
    int,
    str,
)


def _lines_with_earlier_hours(claim_id: int, number: str, first_day: date, last_day: date):
    """Each line of the claim with the hours of the same employee in the other active DIs
    of the calendar year (`month` is the first day of a month)."""
    earlier = (
        _others(number)
        .filter(claim__month__gte=first_day, claim__month__lte=last_day)
        .filter(identity=OuterRef("identity"))
        .order_by()
        .values("identity")
        .annotate(total=Sum("hours_compensated"))
        .values("total")
    )
    return (
        ClaimLine.objects.filter(claim_id=claim_id)
        .annotate(
            earlier=Coalesce(
                Subquery(earlier),
                Value(ZERO),
                output_field=DecimalField(max_digits=12, decimal_places=2),
            )
        )
        .values_list("position", "last_name", "first_name", "earlier", "hours_compensated")
        .order_by("position")
    )


_LINES_WITH_EARLIER_HOURS = CompiledQuery(_lines_with_earlier_hours, int, str, date, date)


def limit_errors(claim: Claim) -> list[str]:
    """What the saved lines of `claim` exceed: DA employees, DA hours, annual quotas."""
    decision = claim.decision
    errors = []
    count, hours = _LINE_TOTALS.first(claim.pk) or (0, None)
    hours = hours or ZERO
    if count > decision.employees:
        errors.append(
            f"La décision d'autorisation {decision.number} autorise {decision.employees} "
            f"salariés : la demande en compte {count}."
        )
    used = (_HOURS_USED_BY_OTHERS.first(decision.pk, claim.number) or (None,))[0] or ZERO
    if used + hours > decision.authorized_hours:
        errors.append(
            f"La décision d'autorisation {decision.number} autorise "
            f"{_hours(decision.authorized_hours)} : {_hours(used)} sont déjà demandées par "
            f"d'autres demandes, et celle-ci en compte {_hours(hours)}."
        )
    errors.extend(_quota_errors(claim))
    return errors


def _quota_errors(claim: Claim) -> list[str]:
    year = claim.month.year
    quota = rules.annual_quota(year, claim.decision.request.reason)
    # Read in one go: a server-side cursor (.iterator()) cost two more round trips and
    # more CPU than the rows, a few small columns even for a DI of 10,000 lines.
    over = _LINES_WITH_EARLIER_HOURS.all(
        claim.pk, claim.number, date(year, 1, 1), date(year, 12, 31)
    )
    messages = []
    for position, last, first, before, hours in over:
        if Decimal(before) + hours > quota:
            messages.append(
                f"Ligne {position} ({last} {first}) : le contingent annuel de {_hours(quota)} "
                f"par salarié serait dépassé en {year} ({_hours(Decimal(before))} déjà "
                f"indemnisées, {_hours(hours)} dans cette demande)."
            )
    return messages


def _hours(value: Decimal) -> str:
    text = f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(",00", "")
    return f"{text} h"


def _refresh_totals(claim: Claim, used) -> None:
    totals = claim.lines.aggregate(
        count=Count("pk"),
        not_worked=Sum("hours_not_worked"),
        compensated=Sum("hours_compensated"),
        indemnity=Sum("indemnity"),
        allocation=Sum("allocation"),
    )
    claim.employees_count = totals["count"]
    claim.total_hours_not_worked = totals["not_worked"] or ZERO
    claim.total_hours_compensated = totals["compensated"] or ZERO
    claim.total_indemnity = totals["indemnity"] or ZERO
    claim.total_allocation = totals["allocation"] or ZERO
    claim.bareme, claim.smic = used.line, used.smic
    claim.save()


def _bareme(claim: Claim):
    try:
        return find_bareme(claim.month, regime=claim.regime)
    except BaremeNotFound:
        raise LinesRefused(
            [f"Aucun barème du régime « {claim.get_regime_display()} » pour ce mois."]
        ) from None


def _save(claim: Claim, rows: list[EmployeeRow], *, replace: bool) -> None:
    if not claim.is_editable:
        raise LinesRefused(["Cette demande a été envoyée : ses salariés ne changent plus."])
    used = _bareme(claim)
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        if replace:
            locked.lines.all().delete()
            first = 1
        else:
            first = (
                locked.lines.order_by("-position").values_list("position", flat=True).first() or 0
            ) + 1
        _insert(_values(locked, used, rows, first))
        locked.decision = claim.decision
        errors = limit_errors(locked)
        if errors:
            transaction.set_rollback(True)
            raise LinesRefused(errors)
        _refresh_totals(locked, used)
    claim.refresh_from_db()


def claim_lines_import(*, claim: Claim, rows: list[EmployeeRow]) -> None:
    """Replace every line by the file's (all or nothing)."""
    _save(claim, rows, replace=True)


def claim_line_add(*, claim: Claim, row: EmployeeRow) -> None:
    identity = row.nir or row.ntt
    if claim.lines.filter(identity=identity).exists():
        raise LinesRefused(["Ce salarié (même NIR ou NTT) figure déjà dans la demande."])
    _save(claim, [row], replace=False)


def claim_line_delete(*, claim: Claim, position: int) -> None:
    if not claim.is_editable:
        raise LinesRefused(["Cette demande a été envoyée : ses salariés ne changent plus."])
    used = _bareme(claim)
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        locked.lines.filter(position=position).delete()
        _refresh_totals(locked, used)
    claim.refresh_from_db()


def copy_lines(*, source_pk: int, target_pk: int) -> None:
    """The lines of one DI copied to another in one statement (a new version)."""
    table = connection.ops.quote_name(ClaimLine._meta.db_table)
    columns = [c for c in _COLUMNS if c != "claim_id"]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (claim_id, {names}) SELECT %s, {names} FROM {table} "
            "WHERE claim_id = %s",
            [target_pk, source_pk],
        )
