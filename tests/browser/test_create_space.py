"""« CRÉER MON ESPACE » in Chromium: seed 002 case 1, from the home page to the three emails."""

import re

import pytest
from playwright.sync_api import expect

from establishments.models import Commune
from tests.browser.conftest import axe_violations, describe, screenshot
from tests.factories import seed_004_sirene

pytestmark = pytest.mark.browser

SIRET = "732 829 320 00074"
EMAIL = "gerard.menuca@exemple.fr"


@pytest.fixture
def communes(transactional_db):
    Commune.objects.bulk_create(
        [
            Commune(
                postal_code="01000", insee_code="01053", name="Bourg-en-Bresse", departement="01"
            ),
            Commune(
                postal_code="01000",
                insee_code="01344",
                name="Saint-Denis-lès-Bourg",
                departement="01",
            ),
            Commune(
                postal_code="75002",
                insee_code="75102",
                name="Paris 2e Arrondissement",
                departement="75",
            ),
        ]
    )


def fill_step_1(page, siret=SIRET):
    page.goto("/")
    page.get_by_role("link", name="CRÉER MON ESPACE", exact=True).click()
    page.get_by_role("heading", name="Veuillez indiquer votre numéro de Siret").wait_for()
    page.get_by_label("N° de Siret").fill(siret)
    page.get_by_label("Recopier le code ci-contre").fill("PASSED")
    page.locator("label[for=id_accept_terms]").click(position={"x": 4, "y": 8})
    assert page.locator("#id_accept_terms").is_checked()
    screenshot(page, "create_space_step1")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="VALIDER").click()


def fill_step_2(page, send):
    page.get_by_label("Dénomination de l'établissement").fill("BOULANGERIE DU MAIL")
    page.get_by_label("Numéro de voie").fill("12")
    page.get_by_label("Type de voie").fill("RUE")
    page.get_by_label("Libellé de la voie").fill("DU MAIL")
    city = page.get_by_label("Ville")
    assert city.locator("option").first.inner_text() == "veuillez saisir un code postal"
    page.get_by_label("Code postal").fill("01000")
    city.locator('option[value="01344"]').wait_for(state="attached")
    city.select_option("01344")
    page.get_by_label("Code postal").fill("75002")
    expect(city).to_have_value("75102")  # a single commune: chosen at once
    page.get_by_label("Courriel établissement", exact=False).first.fill("contact@boulangerie.fr")
    page.get_by_label("Confirmer courriel établissement").fill("contact@boulangerie.fr")
    page.get_by_label("Téléphone fixe").fill("01 42 33 44 55")
    page.get_by_label("Nom *", exact=True).fill("Menuça")
    page.get_by_label("Prénom").fill("Gérard")
    page.get_by_label("Téléphone *", exact=True).fill("06 12 34 56 78")
    page.get_by_label("Courriel *", exact=True).fill("Gérard.Menuça@exemple.fr")
    page.get_by_label("Confirmer courriel *", exact=True).fill(EMAIL)
    page.get_by_label("Question secrète").fill("Nom de mon premier chien ?")
    page.get_by_label("Réponse").fill("Médor")
    expect(send).to_be_disabled()  # the captcha is still empty
    page.get_by_label("Recopier le code ci-contre").fill("PASSED")
    expect(send).to_be_enabled()


def test_a_new_person_creates_a_space_and_reads_the_three_emails(page, communes):
    fill_step_1(page)
    page.get_by_role(
        "heading", name="CRÉATION DE COMPTE D'ACCÈS À L'EXTRANET ACTIVITÉ PARTIELLE"
    ).wait_for()
    send = page.get_by_role("button", name="ENVOYER")
    expect(send).to_be_disabled()
    fill_step_2(page, send)
    screenshot(page, "create_space_step2_filled")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    send.click()
    page.get_by_text("Votre demande de création de compte a bien été transmise").wait_for()
    screenshot(page, "create_space_done")

    page.goto(f"/dev/courriels/?destinataire={EMAIL}")
    subjects = page.locator("tbody a").all_inner_texts()
    assert sorted(subjects) == sorted(
        [
            "Identifiant de connexion à l'Agence de Services et de Paiement (ASP)",
            "Mot de passe de connexion à l'Agence de Services et de Paiement (ASP)",
            "Habilitation à l'activité partielle",
        ]
    )
    page.get_by_role("link", name="Identifiant de connexion").click()
    assert "gerard.menuca1" in page.locator(".apart-mail-body").inner_text()
    screenshot(page, "create_space_email_identifiant")
    page.go_back()
    page.get_by_role("link", name="Mot de passe de connexion").click()
    body = page.locator(".apart-mail-body").inner_text()
    assert re.search(r"Voici votre nouveau mot de passe de connexion: \[[^\]\s]{8,}\]", body)
    assert "Il doit être saisi sans les crochets []." in body
    page.go_back()
    page.get_by_role("link", name="Habilitation à l'activité partielle").click()
    assert "votre habilitation est activée" in page.locator(".apart-mail-body").inner_text()
    screenshot(page, "create_space_email_habilitation")


def test_a_bad_step_2_shows_the_seed_messages_under_the_fields(page, communes):
    fill_step_1(page)
    send = page.get_by_role("button", name="ENVOYER")
    fill_step_2(page, send)
    page.get_by_label("Téléphone fixe").fill("12")
    page.get_by_label("Confirmer courriel *", exact=True).fill("autre@exemple.fr")
    page.get_by_label("Nom *", exact=True).fill("SERVICE RH")
    send.click()
    page.get_by_text("Veuillez saisir un numéro valide.").first.wait_for()
    message = "Les champs Courriel et Confirmer courriel de l'utilisateur ne sont pas identiques."
    form = page.locator("form[data-create-space]")  # under the fields (and in the summary)
    assert form.get_by_text(message).count() == 2
    assert form.get_by_text("Merci de saisir votre état civil uniquement.").is_visible()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title().startswith("Erreur : ")
    screenshot(page, "create_space_step2_errors")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_what_insee_knows_is_prefilled_and_greyed(page, communes):
    """Seed 004: SOCIETE IMMOBILIERE TOURISTIQUE, known to SIRENE."""
    seed_004_sirene()
    fill_step_1(page, siret="005 780 960 00042")
    page.get_by_text("Les champs grisés sont renseignés par défaut").wait_for()
    denomination = page.get_by_label("Dénomination de l'établissement")
    expect(denomination).to_have_value("SOCIETE IMMOBILIERE TOURISTIQUE")
    expect(denomination).not_to_be_editable()
    expect(page.get_by_label("Code postal")).not_to_be_editable()
    expect(page.get_by_label("Ville")).to_have_value("44055")
    expect(page.get_by_label("Libellé de la voie")).to_have_value("LA PLAGES")
    expect(page.get_by_label("Courriel établissement", exact=False).first).to_be_editable()
    screenshot(page, "create_space_step2_sirene")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
