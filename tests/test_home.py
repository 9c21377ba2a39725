from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from support.models import InformationBanner

pytestmark = pytest.mark.django_db


def test_home_page_has_the_blocks_of_the_seeds(client):
    html = client.get("/").content.decode()
    for text in [
        "ACTIVITÉ PARTIELLE",
        "MA PREMIÈRE CONNEXION",
        "Pour accéder à vos services en ligne, vous devez d'abord créer un espace pour "
        "l'entreprise que vous représentez.",
        "CRÉER MON ESPACE",
        "EXPERT-COMPTABLE",
        "CONTRAT DE PRESTATION",
        "MON ESPACE PERSONNEL",
        "Ne pas saisir d'adresse de messagerie",
        "J'ai oublié mon identifiant",
        "J'ai oublié mon mot de passe",
        "Connexion",
        "Annuler",
        "Estimez le montant remboursé par l'État au titre d'une période d'activité partielle",
        "BESOIN D'AIDE ?",
        "Consultez notre base documentaire ou contactez le support technique.",
        "Mentions légales",
        "Conditions générales d'utilisation",
        "Contacter le support technique",
    ]:
        assert text.replace("'", "&#x27;") in html or text in html, text


def test_home_page_is_in_french_with_skip_links(client):
    html = client.get("/").content.decode()
    assert '<html lang="fr"' in html
    assert 'href="#contenu"' in html


def test_active_banner_is_shown_and_expired_one_hidden(client):
    now = timezone.now()
    InformationBanner.objects.create(
        message="Fermeture du service pour maintenance de 17h à 21h ce jour",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    InformationBanner.objects.create(
        message="Un incident technique s'est produit hier",
        starts_at=now - timedelta(days=3),
        ends_at=now - timedelta(days=2),
    )
    InformationBanner.objects.create(message="Annonce future", starts_at=now + timedelta(days=1))
    html = client.get("/").content.decode()
    assert "Fermeture du service pour maintenance de 17h à 21h ce jour" in html
    assert "Un incident technique" not in html
    assert "Annonce future" not in html


@pytest.mark.parametrize(
    "path", ["/mentions-legales/", "/conditions-generales-utilisation/", "/support-technique/"]
)
def test_legal_pages_have_real_content(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(response.content) > 3000


def test_unknown_page_is_a_french_404_in_the_layout(client):
    response = client.get("/nexiste-pas/")
    assert response.status_code == 404
    assert "Page non trouvée" in response.content.decode()


def test_health_endpoint_answers(client):
    assert client.get("/sante/").json()["status"] == "ok"


def test_cached_banners_start_on_time_and_edits_show_at_once(client):
    now = timezone.now()
    banner = InformationBanner.objects.create(
        message="Ouverture du service demain", starts_at=now + timedelta(minutes=5)
    )
    assert "Ouverture du service demain" not in client.get("/").content.decode()  # now cached
    with time_machine.travel(now + timedelta(minutes=6), tick=False):
        assert "Ouverture du service demain" in client.get("/").content.decode()
        banner.message = "Ouverture du service ce matin"
        banner.save()
        assert "Ouverture du service ce matin" in client.get("/").content.decode()


def test_the_home_login_form_carries_each_visitors_own_csrf_token(db, settings):
    """The blank login form is rendered once per process (apart_ui.unbound_form): each
    visitor still gets the token of their own CSRF cookie, and can log in with it."""
    from django.test import Client

    from tests import factories

    settings.DEBUG = False  # the cached path (DEBUG renders every time)
    user = factories.employer_of(factories.EstablishmentFactory(), identifiant="accueil.un")
    tokens = []
    for _ in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get("/").content.decode()
        token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
        assert "@@" not in token and len(token) == 64
        tokens.append(token)
        response = visitor.post(
            reverse("accounts:login"),
            {"csrfmiddlewaretoken": token, "username": user.identifiant,
             "password": factories.DEFAULT_PASSWORD},
        )  # fmt: skip
        assert response.status_code == 302
    assert tokens[0] != tokens[1]
