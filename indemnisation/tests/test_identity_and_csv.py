from decimal import Decimal as D

import pytest

from indemnisation.csv_import import parse_employee_csv, template_csv
from indemnisation.identity import IdentityError, clean_identity, clean_nir, clean_ntt

GOOD_NIR = "2 95 10 99 126 111 93"
CORSICA_NIR = "185122A12345648"  # key: 97 − (1851219123456 mod 97) = 48
HEADER = "nom;prenom;nir;ntt;heures_chomees;heures_travaillees;taux_horaire_brut;heures_contrat\n"


def test_a_nir_with_its_right_key_is_kept_without_spaces():
    assert clean_nir(GOOD_NIR) == "295109912611193"
    assert clean_nir(CORSICA_NIR.lower()) == CORSICA_NIR


def test_a_nir_with_a_wrong_key_is_refused_in_french():
    with pytest.raises(IdentityError, match="La clé du NIR ne correspond pas"):
        clean_nir("295109912611194")


def test_a_short_nir_is_refused():
    with pytest.raises(IdentityError, match="15 caractères"):
        clean_nir("29510991261")


def test_an_ntt_of_11_to_40_characters_starting_with_1_or_2_is_accepted():
    assert clean_ntt("1123456789abc") == "1123456789ABC"
    with pytest.raises(IdentityError, match="commencer par 1 ou 2"):
        clean_ntt("3123456789ABC")
    with pytest.raises(IdentityError):
        clean_ntt("1234")


def test_exactly_one_of_nir_and_ntt():
    assert clean_identity("", "1123456789ABC") == ("", "1123456789ABC")
    with pytest.raises(IdentityError, match="pas les deux"):
        clean_identity(GOOD_NIR, "1123456789ABC")
    with pytest.raises(IdentityError, match="Indiquez le NIR"):
        clean_identity("", "")


def test_the_template_parses_without_error():
    result = parse_employee_csv(template_csv().encode())
    assert result.ok
    assert [row.last_name for row in result.rows] == ["DUPONT", "MARTIN"]
    assert result.rows[0].hours_worked == D("116.67")
    assert result.rows[1].ntt == "1123456789ABC"


def test_windows_1252_with_commas_and_defaults():
    content = (
        "nom,prenom,nir,ntt,heures_chomees,heures_travaillees,taux_horaire_brut,heures_contrat\n"
        f'LÉGER,Zoé,{GOOD_NIR},,35,,"12,5",\n'
    ).encode("cp1252")
    result = parse_employee_csv(content)
    assert result.ok, result.errors
    row = result.rows[0]
    assert (row.last_name, row.hourly_pay, row.hours_worked, row.contract_hours) == (
        "LÉGER",
        D("12.5"),
        D("0"),
        D("151.67"),
    )


def test_every_bad_line_is_reported_and_nothing_is_kept():
    content = HEADER + (
        f"DUPONT;Marie;{GOOD_NIR};;35;0;12,50;151,67\n"
        "DURAND;Paul;295109912611194;;35;0;12;151,67\n"
        ";Jean;;1123456789ABC;35;0;12;151,67\n"
        "ROUX;Léa;;1123456789ABD;beaucoup;0;12;151,67\n"
        "BLANC;Eva;;1123456789ABE;200;0;12;151,67\n"
        "NOIR;Tom;;1123456789ABF;10;0;0;151,67\n"
        f"DUPONT;Marie;{GOOD_NIR};;35;0;12,50;151,67\n"
    )
    result = parse_employee_csv(content.encode())
    assert result.rows == []
    assert [(e.line, e.column) for e in result.errors] == [
        (3, "nir"),
        (4, "nom"),
        (5, "heures_chomees"),
        (6, "heures_chomees"),
        (7, "taux_horaire_brut"),
        (8, "nir"),
    ]
    assert str(result.errors[0]) == (
        "Ligne 3, colonne « NIR » : La clé du NIR ne correspond pas : vérifiez le numéro."
    )
    assert "déjà déclaré ligne 2" in str(result.errors[-1])
    assert "« beaucoup » n'est pas un nombre" in str(result.errors[2])


def test_a_file_without_the_columns_says_which_are_missing():
    result = parse_employee_csv(b"nom;prenom\nA;B\n")
    assert "colonnes manquantes" in str(result.errors[0])
    assert "« heures_chomees »" in str(result.errors[0])


def test_an_empty_file_is_refused():
    assert "aucun salarié" in str(parse_employee_csv(HEADER.encode()).errors[0])
