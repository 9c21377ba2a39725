from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from establishments.models import Establishment, SireneEstablishment
from establishments.tests.conftest import PDF_BYTES, VALID_BIC, VALID_IBAN, complete
from tests import factories


def fiche_url(establishment):
    return reverse("establishments:detail", args=[establishment.siret])


def form_data(establishment, nomenclatures, **overrides):
    naf, idcc = nomenclatures
    data = {
        "enseigne": "",
        "street_number": "12",
        "street_extension": "",
        "street_type": "RUE",
        "street_label": "DE LA PAIX",
        "address_complement": "",
        "postal_code": "75002",
        "city": "PARIS 2E ARRONDISSEMENT",
        "email": "contact@boulangerie-a.fr",
        "phone": "0144556677",
        "fax": "",
        "naf_code": naf.code,
        "headcount": "12",
        "convention": idcc.idcc,
        "iban": "FR76 3000 6000 0112 3456 7890 189",
        "bic": "agrifrpp882",
        "account_holder": "BOULANGERIE A",
        "rib_file": SimpleUploadedFile("rib.pdf", PDF_BYTES, content_type="application/pdf"),
    }
    data.update(overrides)
    return data


def test_a_new_fiche_is_incomplete_and_lists_what_is_missing(
    client_of, employer_a, establishment_a
):
    response = client_of(employer_a).get(fiche_url(establishment_a))
    assert response.status_code == 200
    assert "Incomplète" in response.text
    for label in ["Code NAF / APE", "Effectif", "IBAN", "BIC", "RIB (fichier)"]:
        assert label in establishment_a.missing_fiche_fields()
        assert label in response.text


def test_the_model_rule_and_the_sql_rule_agree(
    employer_a, establishment_a, establishment_b, nomenclatures
):
    complete(establishment_a, nomenclatures)
    assert establishment_a.is_complete
    assert not establishment_b.is_complete
    assert list(Establishment.objects.incomplete()) == [establishment_b]


def test_completing_the_fiche_makes_it_complete(
    client_of, employer_a, establishment_a, nomenclatures, communes
):
    client = client_of(employer_a)
    response = client.post(fiche_url(establishment_a), form_data(establishment_a, nomenclatures))
    assert response.status_code == 302, response.context["form"].errors
    establishment_a.refresh_from_db()
    assert establishment_a.is_complete
    assert establishment_a.iban == VALID_IBAN
    assert establishment_a.bic == VALID_BIC
    assert establishment_a.insee_code == "75102"
    assert establishment_a.city == "Paris 2e Arrondissement"
    assert establishment_a.rib_file.name.endswith(".pdf")
    page = client.get(fiche_url(establishment_a))
    assert "Complète" in page.text and "Incomplète" not in page.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("iban", "FR7630006000011234567890188", "L'IBAN saisi n'est pas valide"),
        ("bic", "AGRI", "Le BIC saisi n'est pas valide"),
        ("city", "MARSEILLE", "Cette ville ne correspond pas au code postal 75002"),
        ("postal_code", "00000", "Ce code postal est inconnu."),
    ],
)
def test_wrong_bank_details_or_address_are_refused(
    client_of, employer_a, establishment_a, nomenclatures, communes, field, value, message
):
    data = form_data(establishment_a, nomenclatures, **{field: value})
    response = client_of(employer_a).post(fiche_url(establishment_a), data)
    assert response.status_code == 200
    assert message in unescape(response.text)
    establishment_a.refresh_from_db()
    assert not establishment_a.iban


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not a pdf at all", "Le RIB doit être un fichier PDF, PNG ou JPEG."),
        (b"%PDF-" + b"0" * (1024 * 1024), "Le fichier du RIB dépasse 1 Mo."),
    ],
)
def test_the_rib_file_is_checked_by_content_and_size(
    client_of, employer_a, establishment_a, nomenclatures, communes, content, message
):
    upload = SimpleUploadedFile("rib.pdf", content, content_type="application/pdf")
    data = form_data(establishment_a, nomenclatures, rib_file=upload)
    response = client_of(employer_a).post(fiche_url(establishment_a), data)
    assert message in unescape(response.text)
    establishment_a.refresh_from_db()
    assert not establishment_a.rib_file


def test_the_siret_and_denomination_cannot_be_changed(
    client_of, employer_a, establishment_a, nomenclatures, communes
):
    data = form_data(establishment_a, nomenclatures, denomination="AUTRE", siret="1" * 14)
    client_of(employer_a).post(fiche_url(establishment_a), data)
    establishment_a.refresh_from_db()
    assert establishment_a.denomination == "BOULANGERIE A"


def test_sirene_known_values_are_shown_as_such(client_of, employer_a, establishment_a):
    SireneEstablishment.objects.create(
        siret=establishment_a.siret,
        siren=establishment_a.siren,
        denomination="BOULANGERIE A",
        street_label="DE LA PAIX",
        postal_code="75002",
    )
    response = client_of(employer_a).get(fiche_url(establishment_a))
    assert "Donnée SIRENE" in response.text
    assert "Connu de SIRENE (INSEE) : DE LA PAIX" in response.text


def test_the_principal_user_block_is_read_only(client_of, employer_a, establishment_a):
    response = client_of(employer_a).get(fiche_url(establishment_a))
    assert "Compte principal utilisateur (Personne à contacter)" in response.text
    assert f'value="{employer_a.email}"' in response.text
    assert 'id="principal-courriel"' in response.text


def test_the_principal_user_can_be_replaced_by_another_user_of_the_establishment(
    client_of, employer_a, establishment_a, employer_b
):
    colleague = factories.employer_of(establishment_a, principal=False)
    client = client_of(employer_a)
    url = reverse("establishments:principal_change", args=[establishment_a.siret])
    client.post(url, {"user": employer_b.pk})
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user == employer_a  # B's user is not a candidate
    client.post(url, {"user": colleague.pk})
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user == colleague


def test_a_plain_user_cannot_change_the_principal_user(client_of, employer_a, establishment_a):
    colleague = factories.employer_of(establishment_a, principal=False)
    url = reverse("establishments:principal_change", args=[establishment_a.siret])
    response = client_of(colleague).post(url, {"user": colleague.pk})
    assert response.status_code == 403


def test_agents_read_the_fiche_but_cannot_change_it(
    client_of, support_agent, establishment_a, nomenclatures, communes
):
    client = client_of(support_agent)
    page = client.get(fiche_url(establishment_a))
    assert page.status_code == 200
    assert "consultation" in page.text
    assert 'enctype="multipart/form-data"' not in page.text
    response = client.post(fiche_url(establishment_a), form_data(establishment_a, nomenclatures))
    assert response.status_code == 403


def test_the_rib_is_downloaded_only_through_the_scoped_lookup(
    client_of, employer_a, employer_b, establishment_a, nomenclatures
):
    complete(establishment_a, nomenclatures)
    url = reverse("establishments:rib", args=[establishment_a.siret])
    response = client_of(employer_a).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client_of(employer_b).get(url).status_code == 404
