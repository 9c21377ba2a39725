"""Reference data behind the form: the SIRENE import and the communes by postal code."""

import gzip
import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from stdnum.fr import siret

from establishments.models import Commune, SireneEstablishment
from establishments.services import sirene_initial

DATA = Path(__file__).resolve().parents[2] / "establishments" / "data"
HEADER = (
    "siren,nic,siret,etablissementSiege,denominationUsuelleEtablissement,enseigne1Etablissement,"
    "numeroVoieEtablissement,indiceRepetitionEtablissement,typeVoieEtablissement,"
    "libelleVoieEtablissement,complementAdresseEtablissement,codePostalEtablissement,"
    "libelleCommuneEtablissement,codeCommuneEtablissement,activitePrincipaleEtablissement,"
    "etatAdministratifEtablissement,trancheEffectifsEtablissement\n"
)


def run(command: str, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_every_siret_of_the_sirene_sample_passes_its_key():
    lines = (DATA / "sirene_sample.csv").read_text().splitlines()[1:]
    sirets = [line.split(",")[2] for line in lines]
    assert len(sirets) >= 50
    assert all(siret.is_valid(number) for number in sirets)
    assert {"35600000000048", "13000637200010", "00578096000042"} <= set(sirets)


@pytest.mark.django_db
def test_the_sample_is_imported_by_default_and_a_rerun_changes_nothing():
    out, err = run("import_sirene")
    count = SireneEstablishment.objects.count()
    assert count >= 50 and err == ""
    assert "lignes/s" in out
    run("import_sirene")
    assert SireneEstablishment.objects.count() == count
    poste = SireneEstablishment.objects.get(siret="35600000000048")
    assert (poste.denomination, poste.postal_code, poste.street_type) == (
        "LA POSTE",
        "75015",
        "RUE",
    )


@pytest.mark.django_db
def test_the_imported_sample_prefills_the_form_of_seed_004():
    run("import_sirene")
    initial = sirene_initial("00578096000042")
    assert initial["denomination"] == "SOCIETE IMMOBILIERE TOURISTIQUE"
    assert initial["address_complement"] == "FACE HOTEL ROYAL"
    assert (initial["postal_code"], initial["insee_code"]) == ("44500", "44055")


@pytest.mark.django_db
def test_a_malformed_line_is_reported_with_its_number_and_skipped(tmp_path):
    path = tmp_path / "StockEtablissement.csv"
    path.write_text(
        HEADER + "356000000,00048,35600000000048,true,,,9,,RUE,DU COLONEL PIERRE AVIA,,75015,PARIS,"
        "75115,53.10Z,A,53\n"
        + "123,45,12345,true\n"
        + "356000000,00048,3560000000004X,true,,,9,,RUE,X,,75015,PARIS,75115,53.10Z,A,53\n"
        + '005780960,00042,00578096000042,true,,"MA ""PLAGE""",,,,LA PLAGES,FACE HOTEL ROYAL,'
        "44500,LA BAULE-ESCOUBLAC,44055,68.20B,F,NN\n"
    )
    out, err = run("import_sirene", str(path))
    assert "Ligne 3 ignorée" in err and "Ligne 4 ignorée" in err
    assert "2 établissements importés, 2 lignes ignorées" in out
    closed = SireneEstablishment.objects.get(siret="00578096000042")
    assert (closed.denomination, closed.is_active, closed.headcount_band) == (
        'MA "PLAGE"',
        False,
        "",
    )


@pytest.mark.django_db
def test_the_legal_unit_name_is_used_when_the_establishment_has_none(tmp_path):
    path = tmp_path / "stock.csv"
    path.write_text(
        "siren,nic,siret,denominationUniteLegale,codePostalEtablissement,"
        "libelleCommuneEtablissement,typeVoieEtablissement\n"
        "356000000,00048,35600000000048,LA POSTE,75015,PARIS,AV\n"
    )
    run("import_sirene", str(path))
    poste = SireneEstablishment.objects.get()
    assert (poste.denomination, poste.street_type) == ("LA POSTE", "AVENUE")


@pytest.mark.django_db
def test_communes_are_imported_from_the_shipped_file_and_a_rerun_changes_nothing(tmp_path):
    run("import_communes")
    count = Commune.objects.count()
    assert count > 35000
    assert Commune.objects.filter(postal_code="75002", insee_code="75102").exists()
    assert not Commune.objects.filter(insee_code="75056").exists()  # Paris: its arrondissements
    run("import_communes")
    assert Commune.objects.count() == count


@pytest.mark.django_db
def test_a_commune_gone_from_the_file_is_removed_on_reimport(tmp_path):
    Commune.objects.create(
        postal_code="99999", insee_code="99999", name="Disparue", departement="99"
    )
    path = tmp_path / "communes.csv"
    path.write_text("postal_code,insee_code,name,departement\n44500,44055,La Baule-Escoublac,44\n")
    out, _ = run("import_communes", str(path))
    assert list(Commune.objects.values_list("name", flat=True)) == ["La Baule-Escoublac"]
    assert "1 retirées" in out


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("75002", [{"insee_code": "75102", "name": "Paris 2e Arrondissement"}]),
        (
            "01000",
            [
                {"insee_code": "01053", "name": "Bourg-en-Bresse"},
                {"insee_code": "01344", "name": "Saint-Denis-lès-Bourg"},
            ],
        ),
        ("97100", [{"insee_code": "97105", "name": "Basse-Terre"}]),
        ("99999", []),
        ("7500", []),
        ("abcde", []),
        ("", []),
    ],
)
def test_the_postal_code_lookup_returns_the_communes_as_json(client, communes, code, expected):
    response = client.get(reverse("establishments:communes"), {"code_postal": code})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == expected


@pytest.mark.django_db
def test_the_postal_code_lookup_is_public_and_read_only(client, communes):
    url = reverse("establishments:communes")
    assert url == "/etablissements/communes/"
    assert client.post(url, {"code_postal": "75002"}).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", [".zip", ".gz"])
def test_the_stock_file_is_read_as_insee_ships_it_compressed(tmp_path, suffix):
    text = HEADER + (
        "356000000,00048,35600000000048,true,,,9,,RUE,DU COLONEL PIERRE AVIA,,75015,PARIS,"
        "75115,53.10Z,A,53\n"
    )
    path = tmp_path / f"StockEtablissement_utf8{suffix}"
    if suffix == ".zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("StockEtablissement_utf8.csv", text)
    else:
        path.write_bytes(gzip.compress(text.encode()))
    out, err = run("import_sirene", str(path))
    assert "1 établissements importés" in out and err == ""
    assert SireneEstablishment.objects.filter(siret="35600000000048").exists()
