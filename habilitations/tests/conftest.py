"""Reference data and helpers for the « Créer mon espace » tests."""

import html

import pytest
from django.test import RequestFactory
from django.urls import reverse

from establishments.models import Commune
from habilitations.views import SIRET_COOKIE, recall, signed
from tests.factories import seed_004_sirene, valid_siret

# A SIRET that passes its key and that neither SIRENE nor the extranet knows here.
NEW_SIRET = "73282932000074"


@pytest.fixture
def communes(db):
    rows = [
        ("75002", "75102", "Paris 2e Arrondissement", "75"),
        ("44500", "44055", "La Baule-Escoublac", "44"),
        ("97100", "97105", "Basse-Terre", "971"),
        ("67000", "67482", "Strasbourg", "67"),
        ("01000", "01053", "Bourg-en-Bresse", "01"),
        ("01000", "01344", "Saint-Denis-lès-Bourg", "01"),
    ]
    return Commune.objects.bulk_create(
        Commune(postal_code=p, insee_code=i, name=n, departement=d) for p, i, n, d in rows
    )


@pytest.fixture
def sirene_known(db):
    return seed_004_sirene()


def step2_data(**overrides) -> dict:
    """A complete, valid step 2 (seed 002 case 1: Gérard Menuça)."""
    data = {
        "denomination": "BOULANGERIE DU MAIL",
        "street_number": "12",
        "street_extension": "B",
        "street_type": "RUE",
        "street_label": "DU MAIL",
        "address_complement": "",
        "postal_code": "75002",
        "city": "75102",
        "establishment_email": "contact@boulangerie-du-mail.fr",
        "establishment_email_confirm": "contact@boulangerie-du-mail.fr",
        "phone": "01 42 33 44 55",
        "fax": "",
        "last_name": "Menuça",
        "first_name": "Gérard",
        "user_phone": "06 12 34 56 78",
        "email": "gerard.menuca@exemple.fr",
        "email_confirm": "gerard.menuca@exemple.fr",
        "secret_question": "Nom de mon premier chien ?",
        "secret_answer": "Médor",
        "captcha_0": "clé",
        "captcha_1": "PASSED",
    }
    data.update(overrides)
    return data


@pytest.fixture
def at_step2(client, communes):
    """`at_step2(siret)`: a client whose step 1 was validated for that SIRET."""

    def start(siret: str = NEW_SIRET):
        client.cookies[SIRET_COOKIE] = signed(SIRET_COOKIE, siret)
        return client

    return start


@pytest.fixture
def submit_step2(at_step2, django_capture_on_commit_callbacks):
    """`submit_step2(siret=…, **fields)`: post step 2 and run what waits for the commit."""

    def submit(siret: str = NEW_SIRET, **overrides):
        client = at_step2(siret)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("habilitations:create_space_form"), step2_data(**overrides)
            )
        return response

    return submit


def siret_kept(client) -> str | None:
    """The SIRET that step 1 left for step 2 (its signed cookie), as the server reads it."""
    morsel = client.cookies.get(SIRET_COOKIE)
    request = RequestFactory().get(
        "/", HTTP_COOKIE=f"{SIRET_COOKIE}={morsel.value}" if morsel else ""
    )
    return recall(request, SIRET_COOKIE)


def text_of(response) -> str:
    """The page as text, HTML entities decoded (messages contain apostrophes)."""
    return html.unescape(response.content.decode())


def real_siret(n: int) -> str:
    return valid_siret(n, series=7)
