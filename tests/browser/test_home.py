import pytest

from support.models import InformationBanner
from tests.browser.conftest import axe_violations, describe, screenshot

pytestmark = pytest.mark.browser


def test_home_page_shows_the_main_blocks_and_passes_axe(page):
    InformationBanner.objects.create(
        title="Information",
        message="Fermeture du service pour maintenance de 17h à 21h ce jour",
    )
    page.goto("/")
    for text in [
        "ACTIVITÉ PARTIELLE",
        "MA PREMIÈRE CONNEXION",
        "CRÉER MON ESPACE",
        "CONTRAT DE PRESTATION",
        "MON ESPACE PERSONNEL",
        "BESOIN D'AIDE ?",
        "Simulation de l'indemnisation de l'employeur en cas d'activité partielle",
        "Fermeture du service pour maintenance de 17h à 21h ce jour",
    ]:
        assert page.get_by_text(text, exact=False).first.is_visible(), text
    assert page.get_by_label("Identifiant").is_visible()
    assert page.get_by_label("Mot de passe").is_visible()
    screenshot(page, "home")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
