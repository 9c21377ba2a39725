"""A DI of 10,000 employee lines: CSV parsing, computation and saving (`make bench`).

Runs in a throwaway database (SQLite under a temporary APART_VAR_DIR, or the database of
BENCH_DATABASE_URL), never in the portal's own. Prints the time of each step and the number
of queries, for 1,000 and for 10,000 lines (BENCH_DI_LINES), to show that the number of
queries does not grow with the lines. Target: under 5 s for 10,000 lines.
"""

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[2]
LINES = int(os.environ.get("BENCH_DI_LINES", "10000"))
sys.path.insert(0, str(ROOT))


def csv_content(count: int) -> bytes:
    from indemnisation.csv_import import HEADERS
    from indemnisation.tests.helpers import nir_for

    rows = [";".join(HEADERS)]
    for n in range(1, count + 1):
        pay = f"{11 + n % 40},{n % 100:02d}"
        rows.append(f"NOM{n};Prénom;{nir_for(n)};;35;100;{pay};151,67")
    return ("\n".join(rows) + "\n").encode()


def one_run(establishment, count: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from indemnisation.csv_import import parse_employee_csv
    from indemnisation.services.lines import claim_lines_import
    from indemnisation.tests.helpers import claim_with_lines

    claim = claim_with_lines(establishment, lines=0)
    claim.decision.employees = count
    claim.decision.authorized_hours = 35 * count
    claim.decision.save()
    content = csv_content(count)
    start = time.perf_counter()
    result = parse_employee_csv(content)
    parsed = time.perf_counter()
    assert result.ok, result.errors[:3]
    with CaptureQueriesContext(connection) as queries:
        claim_lines_import(claim=claim, rows=result.rows)
    saved = time.perf_counter()
    assert claim.employees_count == count
    print(
        f"{count:>6} lines: parse {parsed - start:5.2f} s, compute + save {saved - parsed:5.2f} s, "
        f"total {saved - start:5.2f} s, {len(queries)} queries "
        f"(allocation {claim.total_allocation} €) [{connection.vendor}]"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.update({"APART_VAR_DIR": scratch, "DJANGO_SETTINGS_MODULE": "apart.settings"})
        os.environ.pop("DATABASE_URL", None)
        if os.environ.get("BENCH_DATABASE_URL"):
            os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], check=True, cwd=ROOT
        )
        import django

        django.setup()
        import time_machine

        from tests.factories import EstablishmentFactory

        with time_machine.travel(datetime(2020, 5, 5, 10, tzinfo=ZoneInfo("Europe/Paris"))):
            establishment = EstablishmentFactory(postal_code="75002")
            for count in (1000, LINES):
                one_run(establishment, count)


if __name__ == "__main__":
    main()
