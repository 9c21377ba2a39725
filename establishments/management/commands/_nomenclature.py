"""A (code, label) nomenclature loaded from CSV: shared by import_naf and import_idcc."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from establishments.management.commands._csvfiles import open_text


class NomenclatureCommand(BaseCommand):
    model = None
    default_path: Path
    key_column = key_field = label_column = label_field = ""

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(self.default_path))

    def handle(self, *args, path, **options):
        path = Path(path)
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        rows = self.read(path)
        with transaction.atomic():
            self.model.objects.bulk_create(
                [self.model(**{self.key_field: k, self.label_field: v}) for k, v in rows.items()],
                batch_size=1000,
                update_conflicts=True,
                unique_fields=[self.key_field],
                update_fields=[self.label_field],
            )
        self.stdout.write(self.style.SUCCESS(f"{len(rows)} entrées importées."))

    def read(self, path: Path) -> dict[str, str]:
        with open_text(path) as text:
            reader = csv.DictReader(text)
            missing = {self.key_column, self.label_column} - set(reader.fieldnames or [])
            if missing:
                raise CommandError(f"Colonnes manquantes : {', '.join(sorted(missing))}")
            return {
                row[self.key_column].strip(): " ".join(row[self.label_column].split())
                for row in reader
                if row[self.key_column].strip()
            }
