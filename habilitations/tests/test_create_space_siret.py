"""Step 1 of « Créer mon espace »: SIRET, captcha and terms of use (seeds 002, 001)."""

import re

import pytest
from captcha.conf import settings as captcha_settings
from django.urls import reverse

from apart.core.captcha import CAPTCHA_INVALID, CAPTCHA_REQUIRED
from apart.core.fields import SIRET_CHECKSUM, SIRET_FORMAT
from habilitations.forms import (
    ESTABLISHMENT_HAS_ACCOUNT,
    SIRET_REQUIRED,
    TERMS_REQUIRED,
)
from habilitations.tests.conftest import real_siret, siret_kept, text_of
from tests import factories

URL = reverse("habilitations:create_space")


def post(client, **overrides):
    data = {"siret": "73282932000074", "captcha_0": "clé", "captcha_1": "PASSED"}
    data["accept_terms"] = "on"
    data.update(overrides)
    return client.post(URL, {k: v for k, v in data.items() if v is not None})


@pytest.mark.django_db
def test_the_page_shows_the_seed_wording_and_is_public(client):
    content = text_of(client.get(URL))
    for text in [
        "Veuillez indiquer votre numéro de Siret",
        "Veuillez saisir le numéro de Siret de l'établissement pour lequel vous demandez "
        "une création de compte",
        "N° de Siret *",
        "Contrôle de sécurité :",
        "Recopier le code ci-contre *",
        "J'accepte les",
        f'href="{reverse("terms")}"',
        "VALIDER",
        "ANNULER",
    ]:
        assert text in content


@pytest.mark.django_db
def test_the_captcha_image_has_a_french_alternative(client):
    content = text_of(client.get(URL))
    assert 'alt="captcha"' not in content
    assert "Code de sécurité de 8 caractères à recopier" in content


@pytest.mark.django_db
def test_the_captcha_offers_a_labelled_audio_version(client, monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", "/usr/bin/flite")
    content = text_of(client.get(URL))
    assert "Écouter la version audio" in content
    assert re.search(r'href="/code-securite/audio/\w+\.wav"', content)


@pytest.mark.django_db
def test_the_captcha_image_and_audio_are_served_without_logging_in(client, monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_FLITE_PATH", None)
    content = text_of(client.get(URL))
    image = re.search(r'src="(/code-securite/image/\w+/)"', content).group(1)
    response = client.get(image)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


@pytest.mark.django_db
def test_cancel_goes_back_home_without_saving(client):
    content = text_of(client.get(URL))
    assert f'href="{reverse("home")}">ANNULER' in content
    assert siret_kept(client) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("", SIRET_REQUIRED),
        ("1234", SIRET_FORMAT),
        ("7328293200007A", SIRET_FORMAT),
        ("732829320000745", SIRET_FORMAT),
        ("73282932000075", SIRET_CHECKSUM),
        ("35600000012345", SIRET_CHECKSUM),
    ],
)
def test_a_bad_siret_is_refused_with_a_clear_message(client, siret, message):
    response = post(client, siret=siret)
    assert response.status_code == 200
    assert message in text_of(response)
    assert siret_kept(client) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("73282932000074", "73282932000074"),
        ("732 829 320 00074", "73282932000074"),
        ("35600000000048", "35600000000048"),  # La Poste's head office: Luhn key
        ("35600000049837", "35600000049837"),  # La Poste's exception: digit sum % 5
    ],
)
def test_a_good_siret_is_kept_for_step_2(client, typed, kept):
    response = post(client, siret=typed)
    assert response.status_code == 302
    assert response.url == reverse("habilitations:create_space_form")
    assert siret_kept(client) == kept


@pytest.mark.django_db
def test_an_establishment_that_has_an_account_gets_the_error_of_seed_001(client):
    establishment = factories.EstablishmentFactory(siret=real_siret(1))
    factories.employer_of(establishment)
    response = post(client, siret=establishment.siret)
    assert ESTABLISHMENT_HAS_ACCOUNT in text_of(response)
    assert siret_kept(client) is None


@pytest.mark.django_db
def test_an_establishment_known_without_principal_user_may_be_created(client):
    establishment = factories.EstablishmentFactory(siret=real_siret(2))
    assert post(client, siret=establishment.siret).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(("answer", "message"), [("", CAPTCHA_REQUIRED), ("FAUX", CAPTCHA_INVALID)])
def test_the_captcha_must_be_copied(client, answer, message):
    response = post(client, captcha_1=answer)
    assert message in text_of(response)
    assert siret_kept(client) is None


@pytest.mark.django_db
def test_the_terms_of_use_must_be_accepted(client):
    response = post(client, accept_terms=None)
    assert TERMS_REQUIRED in text_of(response)
    assert siret_kept(client) is None
