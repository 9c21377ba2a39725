"""1,000,000 DI lines: 100,000 demandes d'indemnisation (one per second seeded DA, April
2020) of ten employees each, in every status of the codebook (INSERT … SELECT).

The backlog of the 72 h batch: one DI in five (those whose number is a multiple of 5,
`OVERDUE_EVERY`) is « En attente de validation » and was filed four days ago, as after a
weekend of the 2020 rush; the others cycle through every status, filed two days ago (those
« En attente de validation » among them are not due yet). DIs past validation were validated
and their employer notified the day before.

Numbers are « DI » + « Z » + 9 digits, never a real one. Amounts follow the 2020 barème
(70 % of the gross hourly pay for 151.67 hours, allocation as much): plausible, not
recomputed line by line.
"""

from django.apps import apps
from django.utils import timezone

from bench.seeders.copy import scalar

NAME = "demandes d'indemnisation"
REFERENCE_MODELS = {"Bareme", "Smic"}
LINES_PER_CLAIM = 10
STATUSES = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19, 20, 26]
VALIDATED = [9, 10, 11, 12, 13, 14, 15, 16]  # validated on the way to their status
PENDING_VALIDATION = 19
OVERDUE_EVERY = 5


def models_present() -> bool:
    names = {model.__name__ for model in apps.get_app_config("indemnisation").get_models()}
    return "ClaimLine" in names


def skipped_reason() -> str:
    return "modèles DI absents de cette branche (issue 12 non fusionnée)"


def _seeded(cursor) -> int:
    return scalar(cursor, "SELECT count(*) FROM indemnisation_claim WHERE number LIKE 'DIZ%%'")


def wanted(volumes) -> bool:
    if not models_present() or volumes.di_lines <= 0:
        return False
    from django.db import connection

    with connection.cursor() as cursor:
        return _seeded(cursor) * LINES_PER_CLAIM < volumes.di_lines


def seed(cursor, volumes) -> dict:
    claims = volumes.di_lines // LINES_PER_CLAIM
    have = _seeded(cursor)
    now = timezone.now()
    statuses = "ARRAY[" + ",".join(str(s) for s in STATUSES) + "]"
    validated = ",".join(str(s) for s in VALIDATED)
    cursor.execute(
        f"""
        INSERT INTO indemnisation_claim (
            number, version, month, regime, status, created_at, updated_at, sent_at,
            validated_at, notified_at, employees_count, total_hours_not_worked,
            total_hours_compensated, total_indemnity, total_allocation, decision_id,
            establishment_id)
        SELECT 'DIZ' || lpad(d.rn::text, 9, '0'), 1, DATE '2020-04-01', 'standard',
               d.status, %(now)s, %(now)s,
               %(now)s - CASE WHEN d.overdue THEN interval '4 days' ELSE interval '2 days' END,
               CASE WHEN d.status IN ({validated}) THEN %(now)s - interval '1 day' END,
               CASE WHEN d.status IN ({validated}) THEN %(now)s - interval '1 day' END,
               {LINES_PER_CLAIM}, {LINES_PER_CLAIM} * 151.67, {LINES_PER_CLAIM} * 151.67,
               {LINES_PER_CLAIM} * 1592.54, {LINES_PER_CLAIM} * 1592.54, d.id,
               d.establishment_id
        FROM (SELECT id, establishment_id, rn, rn %% {OVERDUE_EVERY} = 0 AS overdue,
                     CASE WHEN rn %% {OVERDUE_EVERY} = 0 THEN {PENDING_VALIDATION}
                          ELSE ({statuses})[1 + rn %% {len(STATUSES)}] END AS status
              FROM (SELECT id, establishment_id, row_number() OVER (ORDER BY id) AS rn
                    FROM dap_decision WHERE number LIKE 'DA___20Z%%') numbered) d
        WHERE d.rn %% 2 = 0 AND d.rn / 2 > %(have)s AND d.rn / 2 <= %(claims)s
        """,
        {"now": now, "have": have, "claims": claims},
    )
    written = {"indemnisation_claim": cursor.rowcount}
    # Without fresh statistics the planner takes the new claims for a handful and checks
    # NOT EXISTS by scanning the growing line table once per claim (quadratic: minutes).
    cursor.execute("ANALYZE indemnisation_claim, indemnisation_claimline")
    cursor.execute(
        f"""
        INSERT INTO indemnisation_claimline (
            claim_id, position, last_name, first_name, nir, ntt, identity, hours_not_worked,
            hours_worked, hourly_pay, contract_hours, hours_compensated, hourly_indemnity,
            hourly_allocation, indemnity, allocation)
        SELECT c.id, p, 'SALARIE', 'Prénom', '', '', 'BENCH' || c.id || '-' || p, 151.67, 0,
               15.00, 151.67, 151.67, 10.50, 10.50, 1592.54, 1592.54
        FROM indemnisation_claim c
        CROSS JOIN generate_series(1, {LINES_PER_CLAIM}) AS p
        WHERE c.number LIKE 'DIZ%%'
          AND NOT EXISTS (SELECT 1 FROM indemnisation_claimline l WHERE l.claim_id = c.id)
        """
    )
    written["indemnisation_claimline"] = cursor.rowcount
    return written
