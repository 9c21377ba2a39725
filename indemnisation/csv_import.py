"""The CSV file of a DI's employee lines: its template and its parser.

One line per employee, `;` separated (what a French spreadsheet writes; `,` is accepted
too), UTF-8 or Windows-1252, decimals with a comma or a point. Every bad line is reported
with its line number, its column and the reason; a file with any error imports nothing
(all or nothing, issue 12).
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from indemnisation.computation import LEGAL_MONTHLY_HOURS
from indemnisation.identity import FORMULA_STARTS, IdentityError, clean_identity, clean_name

COLUMNS = [
    ("nom", "Nom"),
    ("prenom", "Prénom"),
    ("nir", "NIR"),
    ("ntt", "NTT"),
    ("heures_chomees", "Heures chômées"),
    ("heures_travaillees", "Heures travaillées"),
    ("taux_horaire_brut", "Taux horaire brut"),
    ("heures_contrat", "Heures mensuelles du contrat"),
]
HEADERS = [key for key, _ in COLUMNS]
LABELS = dict(COLUMNS)
MAX_LINES = 20_000
MAX_PAY = Decimal("1000")
MAX_CONTRACT = Decimal("999")
EXAMPLE = [
    ["DUPONT", "Marie", "2 95 10 99 126 111 93", "", "35", "116,67", "12,50", "151,67"],
    ["MARTIN", "Ali", "", "1123456789ABC", "20", "60", "11,20", "80"],
]


def template_csv() -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADERS)
    writer.writerows(EXAMPLE)
    return out.getvalue()


@dataclass(frozen=True)
class EmployeeRow:
    last_name: str
    first_name: str
    nir: str
    ntt: str
    hours_not_worked: Decimal
    hours_worked: Decimal
    hourly_pay: Decimal
    contract_hours: Decimal


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    message: str

    def __str__(self):
        where = f"colonne « {LABELS.get(self.column, self.column)} »" if self.column else ""
        return f"Ligne {self.line}{', ' + where if where else ''} : {self.message}"


@dataclass
class ParseResult:
    rows: list[EmployeeRow]
    errors: list[LineError]

    @property
    def ok(self) -> bool:
        return not self.errors


def decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _decimal(raw: str, column: str, *, required: bool, default=None, maximum=None):
    text = (raw or "").strip().replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not text:
        if required:
            raise _Bad(column, "la valeur est obligatoire.")
        return default
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():  # "NaN", "Infinity" parse as Decimals
        raise _Bad(column, f"« {raw.strip()} » n'est pas un nombre (exemple : 12,50).")
    if value < 0:
        raise _Bad(column, "la valeur ne peut pas être négative.")
    if value.as_tuple().exponent < -2:
        raise _Bad(column, "deux décimales au plus.")
    if maximum is not None and value > maximum:
        raise _Bad(column, f"la valeur dépasse le maximum de {str(maximum).replace('.', ',')}.")
    return value


class _Bad(Exception):
    def __init__(self, column, message):
        self.column, self.message = column, message


def _row(values: dict) -> EmployeeRow:
    last, first = values["nom"].strip(), values["prenom"].strip()
    if not last:
        raise _Bad("nom", "le nom est obligatoire.")
    if not first:
        raise _Bad("prenom", "le prénom est obligatoire.")
    for column, value, what in (("nom", last, "le nom"), ("prenom", first, "le prénom")):
        try:
            clean_name(value, what=what)
        except IdentityError as error:
            raise _Bad(column, str(error)) from None
    if len(last) > 100 or len(first) > 100:
        raise _Bad("nom" if len(last) > 100 else "prenom", "100 caractères au plus.")
    try:
        nir, ntt = clean_identity(values["nir"], values["ntt"])
    except IdentityError as error:
        raise _Bad(
            "ntt" if values["ntt"].strip() and not values["nir"].strip() else "nir", str(error)
        ) from None
    not_worked = _decimal(
        values["heures_chomees"], "heures_chomees", required=True, maximum=LEGAL_MONTHLY_HOURS
    )
    worked = _decimal(
        values["heures_travaillees"],
        "heures_travaillees",
        required=False,
        default=Decimal("0"),
        maximum=MAX_CONTRACT,
    )
    pay = _decimal(values["taux_horaire_brut"], "taux_horaire_brut", required=True, maximum=MAX_PAY)
    if pay == 0:
        raise _Bad("taux_horaire_brut", "le taux horaire brut doit être supérieur à 0 €.")
    contract = _decimal(
        values["heures_contrat"],
        "heures_contrat",
        required=False,
        default=LEGAL_MONTHLY_HOURS,
        maximum=MAX_CONTRACT,
    )
    if contract == 0:
        raise _Bad("heures_contrat", "la durée du contrat doit être supérieure à 0 h.")
    return EmployeeRow(last.upper(), first, nir, ntt, not_worked, worked, pay, contract)


def _reader(text: str):
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return csv.reader(io.StringIO(text), delimiter=delimiter)


# A workbook saved as is, not "as CSV": XLSX/ODS are ZIP files, XLS an OLE2 file.
WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _file_error(content: bytes) -> LineError | None:
    if content.startswith(WORKBOOK_MAGIC):
        return LineError(
            1,
            "",
            "ce fichier est un classeur (Excel, LibreOffice), pas un fichier CSV : "
            "enregistrez-le au format « CSV (séparateur : point-virgule) ».",
        )
    if b"\x00" in content:
        return LineError(1, "", "le fichier contient des caractères nuls : ce n'est pas un CSV.")
    return None


def parse_employee_csv(content: bytes) -> ParseResult:
    bad_file = _file_error(content)
    if bad_file:
        return ParseResult([], [bad_file])
    reader = _reader(decode(content))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [key for key in HEADERS if key not in header]
    if missing:
        names = ", ".join(f"« {key} »" for key in missing)
        return ParseResult(
            [],
            [LineError(1, "", f"colonnes manquantes : {names}. Téléchargez le modèle de fichier.")],
        )
    index = {key: header.index(key) for key in HEADERS}
    rows, errors, seen = [], [], {}
    for number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) + len(errors) >= MAX_LINES:
            errors.append(LineError(number, "", f"le fichier dépasse {MAX_LINES} salariés."))
            break
        values = {key: cells[i] if i < len(cells) else "" for key, i in index.items()}
        try:
            row = _row(values)
        except _Bad as bad:
            errors.append(LineError(number, bad.column, bad.message))
            continue
        identity = row.nir or row.ntt
        if identity in seen:
            column = "nir" if row.nir else "ntt"
            errors.append(
                LineError(number, column, f"salarié déjà déclaré ligne {seen[identity]}.")
            )
            continue
        seen[identity] = number
        rows.append(row)
    if not rows and not errors:
        errors.append(LineError(2, "", "le fichier ne contient aucun salarié."))
    return ParseResult(rows if not errors else [], errors)


def _cell(value) -> str:
    """A value for the export: decimals with a comma; a text a spreadsheet would run as a
    formula is prefixed with an apostrophe (lines saved before names were checked)."""
    if not isinstance(value, str):
        return str(value).replace(".", ",")
    return "'" + value if value.startswith(FORMULA_STARTS) else value


EXPORT_HEADERS = HEADERS + ["heures_indemnisables", "indemnite", "allocation"]


def lines_csv(claim):
    """The saved lines as CSV rows (a generator, for a streaming response)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")

    def flush():
        value = out.getvalue()
        out.seek(0)
        out.truncate()
        return value

    writer.writerow(EXPORT_HEADERS)
    yield "\ufeff" + flush()
    fields = (
        "last_name first_name nir ntt hours_not_worked hours_worked hourly_pay contract_hours "
        "hours_compensated indemnity allocation"
    ).split()
    for values in claim.lines.values_list(*fields).iterator(chunk_size=2000):
        writer.writerow([_cell(value) for value in values])
        if out.tell() > 65536:
            yield flush()
    yield flush()
