"""Files and names a spreadsheet or an attacker produces (QA of the DI side): formula cells,
NUL bytes, workbooks saved as is, "NaN"."""

import pytest
from django.urls import reverse

from indemnisation.csv_import import HEADERS, parse_employee_csv
from indemnisation.tests.helpers import claim_with_lines, nir_for

pytestmark = pytest.mark.django_db


def csv_bytes(*lines: str) -> bytes:
    return (";".join(HEADERS) + "\n" + "".join(line + "\n" for line in lines)).encode()


def errors_of(content: bytes) -> list[str]:
    return [str(error) for error in parse_employee_csv(content).errors]


@pytest.mark.parametrize("name", ["=1+2", "+33 6", "-2+3", "@SUM(A1)"])
def test_a_name_starting_like_a_formula_is_refused_at_import(name):
    errors = errors_of(csv_bytes(f"{name};Ali;{nir_for(1)};;35;116,67;12,50;151,67"))
    assert errors == [
        "Ligne 2, colonne « Nom » : Le nom ne peut pas commencer par « = », « + », « - » ou « @ »."
    ]
    errors = errors_of(csv_bytes(f"DUPONT;{name};{nir_for(1)};;35;116,67;12,50;151,67"))
    assert errors[0].startswith("Ligne 2, colonne « Prénom » : Le prénom ne peut pas commencer")


def test_a_name_starting_like_a_formula_is_refused_in_the_form(
    client_of, employer_a, establishment_a
):
    claim = claim_with_lines(establishment_a, lines=1)
    response = client_of(employer_a).post(
        reverse("indemnisation:line_add", args=[claim.pk]),
        {
            "last_name": '=HYPERLINK("http://x")',
            "first_name": "Ali",
            "nir": nir_for(2),
            "hours_not_worked": "10",
            "hourly_pay": "12,50",
        },
    )
    assert response.status_code == 400
    assert "Le nom ne peut pas commencer par" in response.content.decode()
    assert claim.lines.count() == 1


def test_the_export_neutralises_cells_a_spreadsheet_would_run(
    client_of, employer_a, establishment_a
):
    claim = claim_with_lines(establishment_a, lines=2)
    # Lines saved before the names were checked.
    claim.lines.filter(position=1).update(last_name="=1+2", first_name="@SUM(A1)")
    claim.lines.filter(position=2).update(last_name="-2+3", first_name="+33")
    response = client_of(employer_a).get(reverse("indemnisation:lines_csv", args=[claim.pk]))
    rows = [
        line.split(";")
        for line in b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    ]
    cells = [cell for row in rows[1:] for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")]
    assert rows[1][:2] == ["'=1+2", "'@SUM(A1)"]
    assert rows[2][:2] == ["'-2+3", "'+33"]


def test_a_nul_byte_in_the_file_is_refused():
    errors = errors_of(csv_bytes(f"DUP\x00ONT;Ali;{nir_for(1)};;35;116,67;12,50;151,67"))
    assert errors == ["Ligne 1 : le fichier contient des caractères nuls : ce n'est pas un CSV."]


@pytest.mark.parametrize("magic", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_a_workbook_saved_as_is_is_named_as_such(magic):
    errors = errors_of(magic + b"\x00" * 100)
    assert errors == [
        "Ligne 1 : ce fichier est un classeur (Excel, LibreOffice), pas un fichier CSV : "
        "enregistrez-le au format « CSV (séparateur : point-virgule) »."
    ]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN"])
def test_nan_and_infinity_are_not_numbers(value):
    errors = errors_of(csv_bytes(f"DUPONT;Ali;{nir_for(1)};;{value};116,67;12,50;151,67"))
    assert errors == [
        f"Ligne 2, colonne « Heures chômées » : « {value} » n'est pas un nombre (exemple : 12,50)."
    ]


def test_a_nul_byte_in_the_search_never_reaches_the_database(client_of, employer_a):
    """On PostgreSQL the query itself failed (DataError, a 500); SQLite accepted it. The
    portal's guard now refuses a NUL byte at the door, before any view runs."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_of(employer_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("indemnisation:list"), {"q": "DI\x00075"})
    assert response.status_code == 400
    assert not [query for query in queries if "\x00" in query["sql"]]


def test_a_huge_value_gets_one_message_in_the_simulator(client):
    response = client.get(
        reverse("indemnisation:simulator"),
        {
            "year": "2026",
            "month": "11",
            "regime": "standard",
            "hours_worked": "0",
            "hours_not_worked": "99999999999999999999",
            "hourly_pay": "12,50",
        },
    )
    errors = response.context["form"].errors["hours_not_worked"]
    assert len(errors) == 1
