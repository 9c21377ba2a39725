"""Issue 13 on « Créer mon espace »: what each person is told, and no dead end."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.person_form import CIVIL_STATUS_WARNING
from establishments.models import Commune
from establishments.reference import CEDEX_HINT, communes_for_postal_code, departement_of
from habilitations.forms import (
    ESTABLISHMENT_HAS_ACCOUNT,
    POSTAL_CODE_UNKNOWN,
    CreateSpaceForm,
)
from habilitations.models import AccountRequest
from habilitations.tests.conftest import NEW_SIRET, real_siret, siret_kept, step2_data, text_of
from habilitations.tests.test_create_space_siret import post as post_step_1
from tests import factories

URL = reverse("habilitations:create_space_form")
PREFILLED = "Vos informations ont été renseignées, vous pouvez les modifier si besoin."


# Step 1: nothing is revealed before the captcha and the terms are through (issue 13, §8)


@pytest.mark.django_db
@pytest.mark.parametrize("overrides", [{"captcha_1": "FAUX"}, {"accept_terms": None}])
def test_step_1_tells_nothing_of_an_existing_account_before_captcha_and_terms(client, overrides):
    establishment = factories.EstablishmentFactory(siret=real_siret(3))
    factories.employer_of(establishment)
    content = text_of(post_step_1(client, siret=establishment.siret, **overrides))
    assert ESTABLISHMENT_HAS_ACCOUNT not in content
    assert siret_kept(client) is None


# Step 2: the civil-status warning is shown once, then ENVOYER goes through (seed 002)


def test_the_civil_status_warning_is_shown_once_then_the_request_goes_through(submit_step2):
    first = text_of(submit_step2(last_name="SERVICE RH"))
    assert CIVIL_STATUS_WARNING in first
    assert re.search(r'<input type="hidden" name="confirm_civil_status" value="1"', first)
    assert AccountRequest.objects.count() == 0
    response = submit_step2(last_name="SERVICE RH", confirm_civil_status="1")
    assert response.status_code == 302
    assert AccountRequest.objects.count() == 1


# Step 2's wording and order


def test_nothing_prefilled_means_no_prefilled_sentence(at_step2):
    assert PREFILLED not in text_of(at_step2().get(URL))


def test_what_insee_knows_is_announced_as_prefilled(at_step2, sirene_known):
    assert PREFILLED in text_of(at_step2(sirene_known.siret).get(URL))


def test_the_tab_order_follows_the_visual_order_of_the_emails_and_phone(at_step2):
    content = text_of(at_step2().get(URL))
    positions = [
        content.index(f'id="id_{name}"')
        for name in ("establishment_email", "establishment_email_confirm", "phone", "fax")
    ]
    assert positions == sorted(positions)


def test_the_contact_note_keeps_the_seed_sentence(at_step2):
    assert (
        "Si vous renseignez une adresse mail incorrecte, il vous sera impossible de recevoir "
        "ces informations." in text_of(at_step2().get(URL))
    )


def test_the_siret_is_shown_grouped(at_step2):
    assert 'value="732 829 320 00074"' in text_of(at_step2().get(URL))


# Errors that guide (RGAA 11.10)


def test_a_refused_step_2_has_an_error_title_and_a_summary_linking_each_field(submit_step2):
    content = text_of(submit_step2(phone="12", postal_code="", captcha_1="FAUX"))
    assert re.search(r"<title>\s*Erreur : ", content)
    summary = content[content.index("data-error-summary") :]
    for field in ("phone", "postal_code", "captcha_1"):
        assert f'href="#id_{field}"' in summary, field
    assert "Le formulaire contient" in summary


def test_a_good_page_has_no_error_title(at_step2):
    content = text_of(at_step2().get(URL))
    assert "Erreur :" not in content
    assert "data-error-summary" not in content


# Without JavaScript, the Ville list comes from the server, with no captcha spent


def test_show_cities_fills_the_list_without_checking_anything(at_step2):
    client = at_step2()
    data = step2_data(postal_code="01000", city="", captcha_1="", afficher_villes="1")
    content = text_of(client.post(URL, data))
    assert "Saint-Denis-lès-Bourg" in content and "Bourg-en-Bresse" in content
    assert "Erreur :" not in content and "data-error-summary" not in content
    assert 'value="BOULANGERIE DU MAIL"' in content  # what was typed is kept
    city_tag = re.search(r'<select[^>]*id="id_city"[^>]*>', content).group(0)
    assert "autofocus" in city_tag
    assert AccountRequest.objects.count() == 0


def test_the_show_cities_button_is_offered_for_a_typed_postal_code(at_step2):
    assert 'name="afficher_villes"' in text_of(at_step2().get(URL))


# CEDEX codes (La Poste publishes them; data/cedex.csv, data/cedex.md)


@pytest.mark.django_db
def test_the_shipped_cedex_codes_are_loaded_with_the_communes():
    call_command("import_communes", verbosity=0)
    nanterre = communes_for_postal_code("92009")
    assert [(c.insee_code, c.name) for c in nanterre] == [("92050", "Nanterre")]
    assert not getattr(nanterre[0], "fallback", False)


@pytest.mark.parametrize(
    ("code", "departement"),
    [("92057", "92"), ("13271", "13"), ("97262", "972"), ("20090", "2A"), ("20290", "2B")],
)
def test_the_departement_of_a_cedex_code(code, departement):
    assert departement_of(code) == departement


@pytest.fixture
def hauts_de_seine(communes):
    Commune.objects.bulk_create(
        [
            Commune(postal_code="92000", insee_code="92050", name="Nanterre", departement="92"),
            Commune(postal_code="92400", insee_code="92026", name="Courbevoie", departement="92"),
        ]
    )


def test_an_unknown_cedex_code_offers_the_communes_of_its_departement(hauts_de_seine):
    communes = communes_for_postal_code("92057")
    assert [c.name for c in communes] == ["Courbevoie", "Nanterre"]
    form = CreateSpaceForm(
        step2_data(postal_code="92057", city="92026"), siret=NEW_SIRET, sirene={}
    )
    assert form.is_valid(), form.errors
    assert form.cedex_hint == CEDEX_HINT
    assert form.establishment_data()["city"] == "Courbevoie"


def test_the_communes_json_marks_the_departement_fallback(client, hauts_de_seine):
    data = client.get(reverse("establishments:communes"), {"code_postal": "92057"}).json()
    assert data[0] == {"insee_code": "92026", "name": "Courbevoie", "fallback": True}
    exact = client.get(reverse("establishments:communes"), {"code_postal": "92000"}).json()
    assert exact == [{"insee_code": "92050", "name": "Nanterre"}]


def test_a_code_of_no_departement_says_what_to_do(communes):
    form = CreateSpaceForm(step2_data(postal_code="99999"), siret=NEW_SIRET, sirene={})
    assert not form.is_valid()
    assert form.errors["postal_code"] == [POSTAL_CODE_UNKNOWN]
    assert "Vérifiez-le" in POSTAL_CODE_UNKNOWN
