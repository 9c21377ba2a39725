"""NAF and IDCC combos of the fiche: searchable inputs resolved on the server."""

import json
from html import unescape

import pytest
from django.urls import reverse

from establishments.combo import IDCC, NAF
from establishments.models import ConventionCollective, NafCode
from establishments.tests.test_fiche import fiche_url, form_data


@pytest.fixture
def naf_codes(db):
    NafCode.objects.create(code="56.10A", label="Restauration traditionnelle")
    NafCode.objects.create(code="56.10C", label="Restauration de type rapide")
    NafCode.objects.create(code="55.10Z", label="Hôtels et hébergement similaire")


@pytest.mark.parametrize("typed", ["56.10A", "5610a", "56.10A — Restauration traditionnelle"])
def test_a_code_is_resolved_however_it_is_typed(naf_codes, typed):
    assert NAF.resolve(typed).code == "56.10A"


def test_words_of_one_label_resolve_without_accents_or_case(naf_codes):
    assert NAF.resolve("hotels").code == "55.10Z"


def test_an_unknown_code_and_ambiguous_words_say_what_to_do(naf_codes):
    with pytest.raises(Exception, match="« 99.99Z » n'existe pas"):
        NAF.resolve("99.99Z")
    with pytest.raises(Exception, match="Plusieurs libellés.*56.10A.*56.10C"):
        NAF.resolve("restauration")
    with pytest.raises(Exception, match="Aucun code NAF"):
        NAF.resolve("astronautique")


def test_an_idcc_number_is_padded(db):
    ConventionCollective.objects.create(idcc="0843", title="Boulangerie-pâtisserie")
    assert IDCC.resolve("843").idcc == "0843"


def test_the_json_lookup_suggests_codes_and_labels(client, naf_codes):
    response = client.get(reverse("establishments:naf_search"), {"q": "restau"})
    values = [row["value"] for row in json.loads(response.content)]
    assert values == [
        "56.10A — Restauration traditionnelle",
        "56.10C — Restauration de type rapide",
    ]
    by_code = client.get(reverse("establishments:naf_search"), {"q": "55"})
    assert [row["value"][:6] for row in json.loads(by_code.content)] == ["55.10Z"]


def test_the_fiche_has_no_option_list_and_shows_the_current_code(
    client_of, employer_a, establishment_a, nomenclatures
):
    naf, idcc = nomenclatures
    establishment_a.naf_code, establishment_a.convention = naf, idcc
    establishment_a.save()
    response = client_of(employer_a).get(fiche_url(establishment_a))
    assert response.text.count("<option") == 0
    assert f'value="{naf.code} — {naf.label}"' in response.text
    assert 'list="codes-naf"' in response.text and '<datalist id="codes-naf">' in response.text


def test_the_fiche_saves_a_label_chosen_in_the_list_and_refuses_a_wrong_code(
    client_of, employer_a, establishment_a, nomenclatures, communes
):
    naf, idcc = nomenclatures
    client = client_of(employer_a)
    chosen = form_data(establishment_a, nomenclatures, naf_code=f"{naf.code} — {naf.label}")
    assert client.post(fiche_url(establishment_a), chosen).status_code == 302
    establishment_a.refresh_from_db()
    assert establishment_a.naf_code == naf
    wrong = form_data(establishment_a, nomenclatures, convention="7777")
    response = client.post(fiche_url(establishment_a), wrong)
    assert response.status_code == 200
    assert "Le code IDCC « 7777 » n'existe pas." in unescape(response.text)
