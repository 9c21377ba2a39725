"""`manage.py import_communes [path]`: load the (postal code, commune) pairs.

The default file is the compact CSV of establishments/data/, regenerated from Etalab's
découpage administratif by scripts/regenerate_communes.py. Re-running it gives the same
table: rows are upserted and pairs no longer in the file are removed.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from establishments.management.commands._csvfiles import open_text
from establishments.models import Commune

DATA = Path(__file__).resolve().parents[2] / "data"
DEFAULT_PATH = DATA / "communes.csv"
# CEDEX codes (data/cedex.md says where they come from), loaded with the default file.
CEDEX_PATH = DATA / "cedex.csv"
COLUMNS = {"postal_code", "insee_code", "name", "departement"}
BATCH_SIZE = 2000


class Command(BaseCommand):
    help = "Importe les communes et leurs codes postaux (postal_code,insee_code,name,departement)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))

    def handle(self, *args, path, **options):
        path = Path(path)
        communes = self.read(path)
        if path == DEFAULT_PATH and CEDEX_PATH.exists():
            known = {(c.postal_code, c.insee_code) for c in communes}
            cedex = [c for c in self.read(CEDEX_PATH) if (c.postal_code, c.insee_code) not in known]
            communes += cedex
        with transaction.atomic():
            Commune.objects.bulk_create(
                communes,
                batch_size=BATCH_SIZE,
                update_conflicts=True,
                unique_fields=["postal_code", "insee_code"],
                update_fields=["name", "departement"],
            )
            removed = self.remove_stale({(c.postal_code, c.insee_code) for c in communes})
        self.stdout.write(
            self.style.SUCCESS(f"{len(communes)} communes importées, {removed} retirées.")
        )

    def read(self, path: Path) -> list[Commune]:
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        with open_text(path) as text:
            reader = csv.DictReader(text)
            missing = COLUMNS - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"Colonnes manquantes : {', '.join(sorted(missing))}")
            return [self.commune(row) for row in reader]

    @staticmethod
    def commune(row: dict) -> Commune:
        return Commune(
            postal_code=row["postal_code"].strip(),
            insee_code=row["insee_code"].strip(),
            name=row["name"].strip(),
            departement=row["departement"].strip(),
        )

    @staticmethod
    def remove_stale(kept: set[tuple[str, str]]) -> int:
        stale = [
            pk
            for pk, postal_code, insee_code in Commune.objects.values_list(
                "pk", "postal_code", "insee_code"
            )
            if (postal_code, insee_code) not in kept
        ]
        for start in range(0, len(stale), BATCH_SIZE):
            Commune.objects.filter(pk__in=stale[start : start + BATCH_SIZE]).delete()
        return len(stale)
