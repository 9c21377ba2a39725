"""1,000,000 DAPs and avenants in every status over the seeded establishments, and the
200,000 décisions d'autorisation of the authorised ones (INSERT … SELECT generate_series).

Statuses, by row number g: 30 % draft, 35 % sent (half of them past their tacit deadline:
the batch's backlog), 10 % invalidated, 5 % refused, 12 % validated, 8 % tacitly accepted;
one in ten is an avenant. Numbers are 17 characters (« DAP » + département + « 20Z » +
8 digits), longer than the portal's 15, so they never meet a real one.
"""

from django.apps import apps
from django.utils import timezone

from bench.seeders.copy import scalar
from bench.seeders.establishments import SERIES_ESTABLISHED

NAME = "DAP et décisions"
# g % 100 → status
STATUS_SQL = """
    CASE WHEN g %% 100 < 30 THEN 'draft'
         WHEN g %% 100 < 65 THEN 'sent'
         WHEN g %% 100 < 75 THEN 'invalidated'
         WHEN g %% 100 < 80 THEN 'refused'
         WHEN g %% 100 < 92 THEN 'validated'
         ELSE 'tacit' END
"""


def models_present() -> bool:
    return "authorizationrequest" in {
        m._meta.model_name for m in apps.get_app_config("dap").get_models()
    }


def skipped_reason() -> str:
    return "modèles DAP absents de cette branche (issue 11 non fusionnée)"


def _seeded(cursor) -> int:
    return scalar(
        cursor, "SELECT count(*) FROM dap_authorizationrequest WHERE number LIKE '___%%20Z%%'"
    )


def wanted(volumes) -> bool:
    if not models_present() or volumes.daps <= 0:
        return False
    from django.db import connection

    with connection.cursor() as cursor:
        return _seeded(cursor) < volumes.daps


def seed(cursor, volumes) -> dict:
    have = _seeded(cursor)
    cursor.execute(
        "SELECT min(id), count(*) FROM establishments_establishment WHERE siret LIKE %s",
        [f"{SERIES_ESTABLISHED}%"],
    )
    first_establishment, establishments = cursor.fetchone()
    now = timezone.now()
    cursor.execute(
        f"""
        INSERT INTO dap_authorizationrequest (
            kind, number, establishment_id, status, reason, sub_reason, circumstances,
            closure, period_start, period_end, employees, hours, cse_opinion, prior_use,
            engagements, engagement_other, change_reason, created_at, updated_at, sent_at,
            first_sent_at, tacit_deadline, concluded_at)
        SELECT CASE WHEN g %% 10 = 0 THEN 'avenant' ELSE 'dap' END,
               CASE WHEN g %% 10 = 0 THEN 'AVE' ELSE 'DAP' END
                   || lpad(left(e.insee_code, 2), 3, '0') || '20Z' || lpad(g::text, 8, '0'),
               e.id, s.status, 'exceptional', 'coronavirus', 'Fermeture administrative',
               'closure', DATE '2020-03-16', DATE '2020-06-30', 1 + g %% 40, 100 + g %% 5000,
               'no_cse', false, '[]'::jsonb, '', '',
               %(now)s - make_interval(mins => g %% 100000), %(now)s,
               CASE WHEN s.status = 'draft' THEN NULL
                    ELSE %(now)s - interval '3 days' END,
               CASE WHEN s.status = 'draft' THEN NULL
                    ELSE %(now)s - interval '3 days' END,
               CASE WHEN s.status = 'sent' AND g %% 2 = 1 THEN %(now)s - interval '1 day'
                    WHEN s.status = 'sent' THEN %(now)s + interval '1 day' END,
               CASE WHEN s.status IN ('validated', 'tacit', 'refused')
                    THEN %(now)s - interval '1 day' END
        FROM generate_series(%(first)s, %(last)s) AS g
        CROSS JOIN LATERAL (SELECT {STATUS_SQL} AS status) s
        JOIN establishments_establishment e ON e.id = %(est)s + (g %% %(n_est)s)
        """,
        {"now": now, "first": have, "last": volumes.daps - 1, "est": first_establishment,
         "n_est": establishments},
    )  # fmt: skip
    written = {"dap_authorizationrequest": cursor.rowcount}
    cursor.execute(
        """
        INSERT INTO dap_decision (
            number, code, request_id, establishment_id, kind, period_start, period_end,
            authorized_hours, employees, requested_at, iban, bic, account_holder, created_at,
            notified_at)
        SELECT 'DA' || substr(r.number, 4), 'Z' || lpad(r.id::text, 9, '0'), r.id,
               r.establishment_id, CASE WHEN r.status = 'tacit' THEN 'tacit' ELSE 'express' END,
               r.period_start, r.period_end, r.hours, r.employees, r.sent_at,
               'FR7630006000011234567890189', 'AGRIFRPP', 'BENCH', r.concluded_at, r.concluded_at
        FROM dap_authorizationrequest r
        WHERE r.status IN ('validated', 'tacit') AND r.number LIKE '___%%20Z%%'
          AND NOT EXISTS (SELECT 1 FROM dap_decision d WHERE d.request_id = r.id)
        """
    )
    written["dap_decision"] = cursor.rowcount
    return written
