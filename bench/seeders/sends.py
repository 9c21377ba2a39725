"""What the « DAP send » and « DI send » scenarios file: drafts that can be sent TODAY.

The other seeders' drafts have 2020 periods that today's dated rules refuse (late filing,
maximum duration); these are built from today's date so that the real checks pass:
`send_problems` for a DAP, `check_month` and `limit_errors` for a DI
(tests/test_bench_sends.py runs the real send on every seeded row, so a change of rule
that breaks the seed fails there, not in the middle of a benchmark).

One expert-comptable, `bench.comptable` (password of the bench accounts), holds 200
complete bench establishments, so one logged-in session drives every send:
- BENCH_SENDABLE_DAPS DAP drafts (numbers « DAP » + département + « ENV » + 8 digits):
  exceptional circumstances (coronavirus), a period of 60 days starting in a week, at most
  ten employees within the fiche's headcount, 70 hours each;
- BENCH_SENDABLE_DIS Provisoire DIs (« DIY » + 9 digits) of ten employees with a valid
  NIR each, for last month, each on a DA of its own (a validated DAP « … IND … » of last
  month to the end of next month) so that no DA's hours or headcount run out.

A run sends some of them: the next `bench.seed` tops both up (and refreshes the rows whose
dates went stale). Rows go in by INSERT … SELECT generate_series.
"""

from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from bench.seeders.copy import scalar
from bench.seeders.establishments import BENCH_PASSWORD, SERIES_ESTABLISHED

NAME = "DAP et DI à envoyer aujourd'hui"
SENDER = "bench.comptable"
ESTABLISHMENTS = 200  # MAX_ESTABLISHMENTS_PER_MANAGER
LINES_PER_CLAIM = 10
DRAFT_LIKE = "DAP___ENV%"
AUTHORISED_LIKE = "DAP___IND%"
CLAIM_LIKE = "DIY%"
# A draft's period starts a week after seeding and lasts 60 days: sendable for 37 days by
# the late-filing rule (30 days), within any maximum duration since 2020 (3 months).
START_AFTER, PERIOD_DAYS, FRESH_DAYS = 7, 60, 30
HOURS_PER_EMPLOYEE = Decimal(70)
# A DI line: 70 hours not worked of a full-time month at 15 € an hour.
LINE = {
    "hourly_pay": Decimal("15.00"),
    "hours_not_worked": Decimal("70.00"),
    "hours_worked": Decimal("81.67"),
    "contract_hours": Decimal("151.67"),
}


def models_present() -> bool:
    from django.apps import apps

    return "ClaimLine" in {m.__name__ for m in apps.get_app_config("indemnisation").get_models()}


def skipped_reason() -> str:
    return "rien à compléter"


def wanted(volumes) -> bool:
    if not models_present():
        return False
    from django.db import connection

    with connection.cursor() as cursor:
        if _habilitation(cursor) is None:
            return volumes.sendable_daps > 0 or volumes.sendable_dis > 0
        return (
            len(sendable_daps(cursor)) < volumes.sendable_daps
            or len(sendable_dis(cursor)) < volumes.sendable_dis
        )


def seed(cursor, volumes) -> dict:
    now = timezone.now()
    written = _sender(cursor, now)
    establishments = _establishments(cursor)
    if not establishments:
        raise RuntimeError("aucun établissement de bench complet : lancez d'abord leur seeder")
    written.update(_drafts(cursor, volumes, establishments, now))
    written.update(_claims(cursor, volumes, establishments, now))
    return written


# ---------------------------------------------------------------------------------------
# What the scenarios read back (bench/report.py, bench/queries.py, bench/profile.py).


def sendable_daps(cursor, *, newest_first: bool = False) -> list[str]:
    """Numbers of the seeded drafts that today's rules let `SENDER` send."""
    cursor.execute(
        f"""
        SELECT number FROM dap_authorizationrequest
        WHERE number LIKE %s AND status = 'draft' AND period_start >= %s
        ORDER BY id {"DESC" if newest_first else ""}
        """,
        [DRAFT_LIKE, timezone.localdate() - timedelta(days=FRESH_DAYS - 1)],
    )
    return [row[0] for row in cursor.fetchall()]


def sendable_dis(cursor, *, newest_first: bool = False) -> list[int]:
    """Ids of the seeded Provisoire DIs still within their month and filing deadline."""
    today = timezone.localdate()
    cursor.execute(
        f"""
        SELECT c.id FROM indemnisation_claim c
        JOIN dap_decision d ON d.id = c.decision_id
        WHERE c.number LIKE %s AND c.status = 8 AND c.month <= %s AND d.period_end >= %s
        ORDER BY c.id {"DESC" if newest_first else ""}
        """,
        [CLAIM_LIKE, today, today - relativedelta(months=6)],
    )
    return [row[0] for row in cursor.fetchall()]


def sendable(cursor, key: str, *, newest_first: bool = False) -> list:
    """The items of a send scenario (bench/scenarios.py SENDS): DAP numbers or DI ids."""
    pick = sendable_daps if key == "dap_envoi" else sendable_dis
    return pick(cursor, newest_first=newest_first)


def count_sent(cursor, key: str, items: list) -> int:
    """How many of `items` were really sent: the scenario's redirect is the same whether the
    send succeeded or was refused (the message says which), so successes are counted here."""
    if key == "dap_envoi":
        sql = (
            "SELECT count(*) FROM dap_authorizationrequest "
            "WHERE number = ANY(%s) AND status = 'sent'"
        )
        values = [str(item) for item in items]
    else:
        sql = "SELECT count(*) FROM indemnisation_claim WHERE id = ANY(%s) AND status = 19"
        values = [int(item) for item in items]
    return scalar(cursor, sql, [values])


# ---------------------------------------------------------------------------------------
# The sender and its establishments.


def _habilitation(cursor) -> int | None:
    cursor.execute(
        "SELECT h.id FROM habilitations_habilitation h JOIN accounts_user u ON u.id = h.user_id "
        "WHERE u.identifiant = %s",
        [SENDER],
    )
    row = cursor.fetchone()
    return row[0] if row else None


def _sender(cursor, now) -> dict:
    """The account, its APART habilitation (valid from a month ago) and 200 attachments."""
    cursor.execute(
        """
        INSERT INTO accounts_user (password, is_superuser, identifiant, last_name, first_name,
            email, phone, secret_question, secret_answer_hash, must_change_password,
            is_active, is_staff, date_joined)
        SELECT %s, false, %s, 'COMPTABLE', 'Bench', 'comptable@bench.exemple.fr',
               '0600000000', 'Ville de naissance ?', %s, false, true, false, %s
        WHERE NOT EXISTS (SELECT 1 FROM accounts_user WHERE identifiant = %s)
        """,
        [make_password(BENCH_PASSWORD), SENDER, make_password("limoges"), now, SENDER],
    )
    written = {"accounts_user": cursor.rowcount}
    today = timezone.localdate(now)
    # Moved forward at each seeding: a bench database kept for a year still logs it in.
    cursor.execute(
        """
        UPDATE habilitations_habilitation h SET valid_from = %s, valid_until = %s
        FROM accounts_user u WHERE u.id = h.user_id AND u.identifiant = %s
        """,
        [today - timedelta(days=30), today + timedelta(days=335), SENDER],
    )
    cursor.execute(
        """
        INSERT INTO habilitations_habilitation
            (user_id, application_id, profile, status, valid_from, valid_until, notified_at,
             created_at)
        SELECT u.id, a.id, 'establishment', 'active', %s, %s, %s, %s
        FROM accounts_user u CROSS JOIN habilitations_application a
        WHERE a.code = 'APART' AND u.identifiant = %s
          AND NOT EXISTS (SELECT 1 FROM habilitations_habilitation h WHERE h.user_id = u.id)
        """,
        [today - timedelta(days=30), today + timedelta(days=335), now, now, SENDER],
    )
    written["habilitations_habilitation"] = cursor.rowcount
    habilitation = _habilitation(cursor)
    attached = scalar(
        cursor,
        "SELECT count(*) FROM habilitations_attachment WHERE habilitation_id = %s",
        [habilitation],
    )
    written["habilitations_attachment"] = 0
    if not attached:
        written["habilitations_attachment"] = _attach(cursor, habilitation, now)
    return written


def _attach(cursor, habilitation: int, now) -> int:
    """The last 200 complete bench establishments (far from bench.employeur40 and the DI
    sample the read scenarios use), with room for a DI's ten employees."""
    from establishments.models import Establishment

    ids = list(
        Establishment.objects.filter(
            siret__startswith=str(SERIES_ESTABLISHED), headcount__gte=LINES_PER_CLAIM
        )
        .exclude(pk__in=Establishment.objects.incomplete().values("pk"))
        .order_by("-pk")
        .values_list("pk", flat=True)[:ESTABLISHMENTS]
    )
    cursor.execute(
        """
        INSERT INTO habilitations_attachment (habilitation_id, establishment_id, role, added_at)
        SELECT %s, e, 'accountant', %s FROM unnest(%s::bigint[]) AS e
        """,
        [habilitation, now, ids],
    )
    return cursor.rowcount


def _establishments(cursor) -> list[tuple[int, str, int]]:
    """(id, département, headcount) of the sender's establishments, in a fixed order."""
    from establishments.models import Establishment

    cursor.execute(
        "SELECT establishment_id FROM habilitations_attachment "
        "WHERE habilitation_id = %s AND revoked_at IS NULL ORDER BY establishment_id",
        [_habilitation(cursor)],
    )
    ids = [row[0] for row in cursor.fetchall()]
    rows = (
        Establishment.objects.with_departement()
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", "departement_code", "headcount")
    )
    return [(pk, departement, headcount) for pk, departement, headcount in rows]


def _series(establishments) -> dict:
    """The establishments as SQL arrays, joined on `k = g % n`."""
    return {
        "ids": [e[0] for e in establishments],
        "deps": [e[1] for e in establishments],
        "heads": [e[2] for e in establishments],
        "n": len(establishments),
    }


_ESTABLISHMENT_OF_G = """
    JOIN (SELECT k - 1 AS k, id, dep, head
          FROM unnest(%(ids)s::bigint[], %(deps)s::text[], %(heads)s::int[])
               WITH ORDINALITY AS t(id, dep, head, k)) e ON e.k = g %% %(n)s
"""


# ---------------------------------------------------------------------------------------
# DAP drafts.


def _drafts(cursor, volumes, establishments, now) -> dict:
    today = timezone.localdate(now)
    start = today + timedelta(days=START_AFTER)
    end = start + timedelta(days=PERIOD_DAYS - 1)
    # Stale drafts (their start now too far back) are moved forward rather than left behind.
    cursor.execute(
        """
        UPDATE dap_authorizationrequest SET period_start = %s, period_end = %s
        WHERE number LIKE %s AND status = 'draft' AND period_start < %s
        """,
        [start, end, DRAFT_LIKE, today - timedelta(days=FRESH_DAYS - 1)],
    )
    refreshed = cursor.rowcount
    missing = volumes.sendable_daps - len(sendable_daps(cursor))
    first = scalar(
        cursor, "SELECT count(*) FROM dap_authorizationrequest WHERE number LIKE %s", [DRAFT_LIKE]
    )
    inserted = 0
    if missing > 0:
        _insert_requests(
            cursor, status="draft", infix="ENV", first=first, count=missing,
            start=start, end=end, now=now, establishments=establishments,
        )  # fmt: skip
        inserted = cursor.rowcount
    return {"dap_authorizationrequest (brouillons)": inserted + refreshed}


def _insert_requests(cursor, *, status, infix, first, count, start, end, now, establishments):
    sent = status != "draft"
    cursor.execute(
        f"""
        INSERT INTO dap_authorizationrequest (
            kind, number, establishment_id, status, reason, sub_reason, circumstances,
            closure, period_start, period_end, employees, hours, cse_opinion, prior_use,
            engagements, engagement_other, change_reason, created_by_id, created_at,
            updated_at, sent_at, first_sent_at, concluded_at)
        SELECT 'dap', 'DAP' || lpad(e.dep, 3, '0') || %(infix)s || lpad(g::text, 8, '0'),
               e.id, %(status)s, 'exceptional', 'coronavirus',
               'Fermeture administrative de l''établissement (mesures sanitaires).',
               'closure', %(start)s, %(end)s, least(e.head, {LINES_PER_CLAIM}),
               least(e.head, {LINES_PER_CLAIM}) * %(hours)s, 'no_cse', false, '[]'::jsonb,
               '', '', u.id, %(now)s, %(now)s, %(sent)s, %(sent)s, %(sent)s
        FROM generate_series(%(first)s, %(last)s) AS g
        {_ESTABLISHMENT_OF_G}
        CROSS JOIN (SELECT id FROM accounts_user WHERE identifiant = %(sender)s) u
        """,
        {
            "infix": infix, "status": status, "start": start, "end": end,
            "hours": HOURS_PER_EMPLOYEE if not sent else Decimal(300), "now": now,
            "sent": now if sent else None, "first": first, "last": first + count - 1,
            "sender": SENDER, **_series(establishments),
        },
    )  # fmt: skip


# ---------------------------------------------------------------------------------------
# Demandes d'indemnisation, each on a DA of its own.


def _claims(cursor, volumes, establishments, now) -> dict:
    missing = volumes.sendable_dis - len(sendable_dis(cursor))
    if missing <= 0:
        return {}
    today = timezone.localdate(now)
    month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)  # last month
    first = scalar(
        cursor, "SELECT count(*) FROM dap_authorizationrequest WHERE number LIKE %s",
        [AUTHORISED_LIKE],
    )  # fmt: skip
    _insert_requests(
        cursor, status="validated", infix="IND", first=first, count=missing, start=month,
        end=month + relativedelta(months=3) - timedelta(days=1), now=now,
        establishments=establishments,
    )  # fmt: skip
    written = {"dap_authorizationrequest (autorisées)": cursor.rowcount}
    cursor.execute(
        """
        INSERT INTO dap_decision (
            number, code, request_id, establishment_id, kind, period_start, period_end,
            authorized_hours, employees, requested_at, iban, bic, account_holder, created_at,
            notified_at)
        SELECT 'DA' || substr(r.number, 4), 'Y' || lpad(r.id::text, 9, '0'), r.id,
               r.establishment_id, 'express', r.period_start, r.period_end, r.hours,
               r.employees, r.sent_at, 'FR7630006000011234567890189', 'AGRIFRPP', 'BENCH',
               %s, %s
        FROM dap_authorizationrequest r
        WHERE r.number LIKE %s
          AND NOT EXISTS (SELECT 1 FROM dap_decision d WHERE d.request_id = r.id)
        """,
        [now, now, AUTHORISED_LIKE],
    )
    written["dap_decision"] = cursor.rowcount
    written.update(_claim_rows(cursor, month, now))
    return written


def _claim_rows(cursor, month: date, now) -> dict:
    """A Provisoire DI of ten lines on each new DA, amounts by the barème of the month."""
    from indemnisation.computation import find_bareme, indemnisation

    used = find_bareme(month)  # BaremeNotFound: the portal could not create this DI either
    line = indemnisation(used, **LINE)
    have = scalar(cursor, "SELECT count(*) FROM indemnisation_claim WHERE number LIKE %s",
                  [CLAIM_LIKE])  # fmt: skip
    cursor.execute(
        f"""
        INSERT INTO indemnisation_claim (
            number, version, month, regime, status, created_by_id, created_at, updated_at,
            employees_count, total_hours_not_worked, total_hours_compensated,
            total_indemnity, total_allocation, bareme_id, smic_id, decision_id,
            establishment_id)
        SELECT 'DIY' || lpad((%(have)s + row_number() OVER (ORDER BY d.id))::text, 9, '0'),
               1, %(month)s, 'standard', 8, r.created_by_id, %(now)s, %(now)s,
               {LINES_PER_CLAIM}, {LINES_PER_CLAIM} * %(not_worked)s,
               {LINES_PER_CLAIM} * %(compensated)s, {LINES_PER_CLAIM} * %(indemnity)s,
               {LINES_PER_CLAIM} * %(allocation)s, %(bareme)s, %(smic)s, d.id,
               d.establishment_id
        FROM dap_decision d JOIN dap_authorizationrequest r ON r.id = d.request_id
        WHERE r.number LIKE %(authorised)s
          AND NOT EXISTS (SELECT 1 FROM indemnisation_claim c WHERE c.decision_id = d.id)
        """,
        {
            "have": have, "month": month, "now": now, "not_worked": line.hours_not_worked,
            "compensated": line.hours_compensated, "indemnity": line.indemnity,
            "allocation": line.allocation, "bareme": used.line.pk, "smic": used.smic.pk,
            "authorised": AUTHORISED_LIKE,
        },
    )  # fmt: skip
    written = {"indemnisation_claim": cursor.rowcount}
    # NIR: « 18505 » and eight digits (claim number × 10 + line), key 97 − n mod 97.
    cursor.execute(
        f"""
        INSERT INTO indemnisation_claimline (
            claim_id, position, last_name, first_name, nir, ntt, identity, hours_not_worked,
            hours_worked, hourly_pay, contract_hours, hours_compensated, hourly_indemnity,
            hourly_allocation, indemnity, allocation)
        SELECT c.id, p, 'SALARIE', 'Camille', n.nir, '', n.nir, %(not_worked)s,
               %(worked)s, %(pay)s, %(contract)s, %(compensated)s, %(hourly_indemnity)s,
               %(hourly_allocation)s, %(indemnity)s, %(allocation)s
        FROM indemnisation_claim c
        CROSS JOIN generate_series(1, {LINES_PER_CLAIM}) AS p
        CROSS JOIN LATERAL (
            SELECT '18505' || lpad((substr(c.number, 4)::bigint * 10 + p - 1)::text, 8, '0')
                AS body) b
        CROSS JOIN LATERAL (
            SELECT b.body || lpad((97 - b.body::bigint %% 97)::text, 2, '0') AS nir) n
        WHERE c.number LIKE %(claims)s
          AND NOT EXISTS (SELECT 1 FROM indemnisation_claimline l WHERE l.claim_id = c.id)
        """,
        {
            "not_worked": LINE["hours_not_worked"], "worked": LINE["hours_worked"],
            "pay": LINE["hourly_pay"], "contract": LINE["contract_hours"],
            "compensated": line.hours_compensated, "hourly_indemnity": line.hourly.indemnity,
            "hourly_allocation": line.hourly.allocation, "indemnity": line.indemnity,
            "allocation": line.allocation, "claims": CLAIM_LIKE,
        },
    )  # fmt: skip
    written["indemnisation_claimline"] = cursor.rowcount
    return written
