"""Rows per second of `import_sirene` on a generated StockEtablissement file (`make bench`).

Runs in a throwaway database (SQLite under a temporary APART_VAR_DIR, or the database of
BENCH_DATABASE_URL), never in the portal's own: 200,000 synthetic rows by default
(BENCH_SIRENE_ROWS).
"""

import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROWS = int(os.environ.get("BENCH_SIRENE_ROWS", "200000"))
sys.path.insert(0, str(ROOT))

from establishments.synthetic import synthetic_siret  # noqa: E402


def write_stock_file(path: Path) -> None:
    sample = ROOT / "establishments" / "data" / "sirene_sample.csv"
    with sample.open(newline="") as handle:
        reader = csv.DictReader(handle)
        header, template = reader.fieldnames, next(reader)
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        for n in range(ROWS):
            siret = synthetic_siret(n, series=5)
            writer.writerow(
                {**template, "siret": siret, "siren": siret[:9], "nic": siret[9:],
                 "denominationUniteLegale": f"ENTREPRISE {n}"}
            )  # fmt: skip


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "APART_VAR_DIR": scratch, "DJANGO_SETTINGS_MODULE": "apart.settings"}
        env.pop("DATABASE_URL", None)
        if os.environ.get("BENCH_DATABASE_URL"):
            env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        stock = Path(scratch) / "StockEtablissement_bench.csv"
        write_stock_file(stock)
        for run in ("first import", "second import (upsert)"):
            start = time.perf_counter()
            subprocess.run(
                [*manage, "import_sirene", str(stock)], env=env, check=True, cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
            elapsed = time.perf_counter() - start
            print(f"{run:<24} {ROWS} rows in {elapsed:5.1f} s: {ROWS / elapsed:8.0f} rows/s")


if __name__ == "__main__":
    main()
