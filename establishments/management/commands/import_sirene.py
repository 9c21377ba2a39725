"""`manage.py import_sirene [path]`: load INSEE's SIRENE establishments stock file.

Reads the official `StockEtablissement` CSV (plain, .gz or INSEE's .zip) as a stream
and upserts it in batches, so the full ~40 M-row file runs in constant memory and a
re-run updates rather than duplicates. A malformed line is reported with its line
number and skipped. The legal unit's name is not in that file: an optional
`denominationUniteLegale` column (joined from StockUniteLegale) is used when present.
Without a path, the small real sample of establishments/data/ is loaded.
"""

import csv
import re
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from establishments.management.commands._csvfiles import open_text
from establishments.models import SireneEstablishment

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "sirene_sample.csv"
REQUIRED_COLUMNS = ["siret", "siren", "codePostalEtablissement", "libelleCommuneEtablissement"]
OPTIONAL_COLUMNS = [
    "denominationUsuelleEtablissement",
    "denominationUniteLegale",
    "enseigne1Etablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "complementAdresseEtablissement",
    "codeCommuneEtablissement",
    "activitePrincipaleEtablissement",
    "etatAdministratifEtablissement",
    "trancheEffectifsEtablissement",
]
FIELDS = {field.name: field for field in SireneEstablishment._meta.concrete_fields}
COLUMNS = list(FIELDS)
MAX_LENGTHS = {name: field.max_length for name, field in FIELDS.items() if field.max_length}
UPSERT = (
    "INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({key}) DO UPDATE SET {updates}"
).format(
    table=SireneEstablishment._meta.db_table,
    columns=", ".join(FIELDS[name].column for name in COLUMNS),
    values=", ".join(["%s"] * len(COLUMNS)),
    key=FIELDS["siret"].column,
    updates=", ".join(
        f"{FIELDS[name].column} = excluded.{FIELDS[name].column}"
        for name in COLUMNS
        if name != "siret"
    ),
)
SIRET_RE = re.compile(r"^\d{14}$")

# INSEE's codes for the type of street, spelt out as the form shows them.
STREET_TYPES = {
    "ALL": "ALLEE", "AV": "AVENUE", "BD": "BOULEVARD", "CAR": "CARREFOUR", "CHE": "CHEMIN",
    "CHS": "CHAUSSEE", "CITE": "CITE", "COR": "CORNICHE", "CRS": "COURS", "DOM": "DOMAINE",
    "DSC": "DESCENTE", "ECA": "ECART", "ESP": "ESPLANADE", "FG": "FAUBOURG",
    "GR": "GRANDE RUE", "HAM": "HAMEAU", "HLE": "HALLE", "IMP": "IMPASSE", "LD": "LIEU-DIT",
    "LOT": "LOTISSEMENT", "MAR": "MARCHE", "MTE": "MONTEE", "PASS": "PASSAGE", "PL": "PLACE",
    "PLN": "PLAINE", "PLT": "PLATEAU", "PRO": "PROMENADE", "PRV": "PARVIS", "QUA": "QUARTIER",
    "QUAI": "QUAI", "RES": "RESIDENCE", "RLE": "RUELLE", "ROC": "ROCADE", "RPT": "ROND-POINT",
    "RTE": "ROUTE", "RUE": "RUE", "SEN": "SENTIER", "SQ": "SQUARE", "TPL": "TERRE-PLEIN",
    "TRA": "TRAVERSE", "VLA": "VILLA", "VLGE": "VILLAGE",
}  # fmt: skip


class MalformedLine(ValueError):
    pass


class Command(BaseCommand):
    help = "Importe le fichier StockEtablissement de la base SIRENE de l'INSEE (CSV, .gz ou .zip)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_PATH))
        parser.add_argument("--batch-size", type=int, default=5000)

    def handle(self, *args, path, batch_size, **options):
        path = Path(path)
        if not path.exists():
            raise CommandError(f"Fichier introuvable : {path}")
        started = time.monotonic()
        with open_text(path) as text:
            imported, skipped = self.import_stream(csv.reader(text), batch_size)
        elapsed = max(time.monotonic() - started, 1e-6)
        self.stdout.write(
            self.style.SUCCESS(
                f"{imported} établissements importés, {skipped} lignes ignorées "
                f"en {elapsed:.1f} s ({imported / elapsed:.0f} lignes/s)."
            )
        )

    def import_stream(self, reader, batch_size: int) -> tuple[int, int]:
        header = next(reader, None)
        if header is None:
            raise CommandError("Fichier vide.")
        missing = [column for column in REQUIRED_COLUMNS if column not in header]
        if missing:
            raise CommandError(f"Colonnes manquantes : {', '.join(missing)}")
        index = {column: position for position, column in enumerate(header)}
        batch, imported, skipped = [], 0, 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                skipped += self.report(reader.line_num, str(error))
                continue
            try:
                batch.append(self.establishment(row, index, len(header)))
            except MalformedLine as error:
                skipped += self.report(reader.line_num, str(error))
                continue
            if len(batch) >= batch_size:
                imported += self.save(batch)
                batch = []
        return imported + self.save(batch), skipped

    def report(self, line_number: int, reason: str) -> int:
        self.stderr.write(f"Ligne {line_number} ignorée : {reason}")
        return 1

    def establishment(self, row: list[str], index: dict, width: int) -> tuple:
        """The row's values in the order of COLUMNS, cut to the columns' lengths."""
        if len(row) != width:
            raise MalformedLine(f"{len(row)} colonnes au lieu de {width}")

        def value(column: str) -> str:
            return row[index[column]].strip() if column in index else ""

        siret, siren = value("siret"), value("siren")
        if not SIRET_RE.match(siret) or siret[:9] != siren:
            raise MalformedLine(f"SIRET invalide « {siret[:20]} »")
        street_type = value("typeVoieEtablissement")
        values = {
            "siret": siret,
            "siren": siren,
            "denomination": value("denominationUsuelleEtablissement")
            or value("denominationUniteLegale")
            or value("enseigne1Etablissement"),
            "enseigne": value("enseigne1Etablissement"),
            "street_number": value("numeroVoieEtablissement"),
            "street_extension": value("indiceRepetitionEtablissement"),
            "street_type": STREET_TYPES.get(street_type, street_type),
            "street_label": value("libelleVoieEtablissement"),
            "address_complement": value("complementAdresseEtablissement"),
            "postal_code": value("codePostalEtablissement"),
            "city": value("libelleCommuneEtablissement"),
            "insee_code": value("codeCommuneEtablissement"),
            "naf_code": value("activitePrincipaleEtablissement"),
            "is_active": value("etatAdministratifEtablissement") != "F",
            "headcount_band": value("trancheEffectifsEtablissement").replace("NN", ""),
        }
        return tuple(
            values[name][: MAX_LENGTHS[name]] if name in MAX_LENGTHS else values[name]
            for name in COLUMNS
        )

    @staticmethod
    def save(batch: list[tuple]) -> int:
        """Upsert a batch in one statement run many times (the ORM's per-row cost is
        what limits the rate of a 40 M-row import; INSERT … ON CONFLICT is understood by
        both PostgreSQL and SQLite)."""
        if not batch:
            return 0
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(UPSERT, batch)
        return len(batch)
