"""Seed 002 §2 « Première connexion » and §3 « Vous avez oublié votre mot de passe », end to
end in Chromium, reading every email in the development mailbox (/dev/courriels/)."""

import re

import pytest

from habilitations.enums import ApplicationCode
from habilitations.models import Application
from habilitations.services import account_request_process, account_request_submit
from tests import factories
from tests.browser.conftest import axe_violations, describe, screenshot

pytestmark = pytest.mark.browser

EMAIL = "ilmen.foplus@exemple.fr"
NEW_PASSWORD = "Nouveau-Passe9"
RESET_PASSWORD = "Encore-Autre7"


@pytest.fixture
def created_account(transactional_db):
    """A processed « créer mon espace » request: the IDENTIFIANT, MOT DE PASSE and
    HABILITATION emails are in the outbox, as after seed 002 case 1."""
    # transactional_db empties the tables the data migration filled.
    Application.objects.get_or_create(
        code=ApplicationCode.APART, defaults={"name": ApplicationCode.APART.label}
    )
    establishment = factories.EstablishmentFactory(denomination="CLEAN DESK")
    request = account_request_submit(
        siret=establishment.siret,
        establishment_data={},
        last_name="Foplus",
        first_name="Ilmen",
        phone="0612345678",
        email=EMAIL,
        secret_question="cylindrée",
        secret_answer="1200",
    )
    return account_request_process(request_id=request.pk).user


def open_email(page, subject_start: str) -> str:
    page.goto(f"/dev/courriels/?destinataire={EMAIL}")
    page.get_by_role("link", name=re.compile("^" + re.escape(subject_start))).first.click()
    page.wait_for_selector(".apart-mail-body")
    return page.locator(".apart-mail-body").inner_text()


def solve_operation(page, field_label="Veuillez résoudre l'opération suivante"):
    # (after a refused attempt the error summary names the field too: read the label)
    label = page.locator("label", has_text=re.compile(re.escape(field_label) + r" : \d+ \+ \d+ ="))
    a, b = map(int, re.findall(r"(\d+) \+ (\d+)", label.inner_text())[0])
    page.locator(f"#{label.get_attribute('for')}").fill(str(a + b))


def log_in(page, identifiant, password):
    page.goto("/")
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()


def test_premiere_connexion(page, created_account):
    body = open_email(page, "Identifiant de connexion")
    identifiant = created_account.identifiant
    assert identifiant in body
    body = open_email(page, "Mot de passe de connexion")
    temporary = re.search(r"\[(.+?)\]", body).group(1)

    log_in(page, identifiant, temporary)
    heading = page.get_by_role("heading", name=f"Changement du mot de passe pour {identifiant}")
    heading.wait_for()
    screenshot(page, "auth-01-changement-mot-de-passe")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    # No other page before the change.
    page.goto("/etablissements/tableau-de-bord/")
    heading.wait_for()

    page.get_by_label("Entrez l'ancien mot de passe").fill(temporary)
    page.get_by_label("Entrez le nouveau mot de passe").fill("sansmajuscule9!")
    page.get_by_label("Confirmez le nouveau mot de passe").fill("sansmajuscule9!")
    page.get_by_role("button", name="Changement du mot de passe").click()
    page.get_by_text("Votre mot de passe n'a pas assez de majuscules").first.wait_for()
    screenshot(page, "auth-02-regle-non-respectee")

    page.get_by_label("Entrez l'ancien mot de passe").fill(temporary)
    page.get_by_label("Entrez le nouveau mot de passe").fill(NEW_PASSWORD)
    page.get_by_label("Confirmez le nouveau mot de passe").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Changement du mot de passe").click()
    page.get_by_text("Votre mot de passe a été changé.").wait_for()
    assert page.url.endswith("/")  # back on the home page
    screenshot(page, "auth-03-retour-accueil")

    log_in(page, identifiant, NEW_PASSWORD)
    page.wait_for_url("**/etablissements/tableau-de-bord/")
    screenshot(page, "auth-04-espace")


def test_vous_avez_oublie_votre_mot_de_passe(page, created_account, live_server, settings):
    settings.PORTAL_BASE_URL = live_server.url  # the emailed link points at this server
    created_account.must_change_password = False
    created_account.save()
    identifiant = created_account.identifiant

    page.goto("/")
    page.get_by_role("link", name="J'ai oublié mon mot de passe").click()
    page.get_by_role("heading", name="GESTION DU MOT DE PASSE").wait_for()
    page.get_by_label("Identifiant").fill(EMAIL)
    solve_operation(page)
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Opération impossible pour ce type d'utilisateur").first.wait_for()
    page.get_by_text("Entrez votre identifiant pour réinitialiser votre mot de passe.").wait_for()
    screenshot(page, "auth-10-adresse-au-lieu-identifiant")

    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label(re.compile("Veuillez résoudre")).fill("99")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text(
        "Le captcha n'a pas été entré correctement. Essayez à nouveau."
    ).first.wait_for()

    page.get_by_label("Identifiant").fill(identifiant)
    solve_operation(page)
    screenshot(page, "auth-11-identifiant-et-operation")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Envoyer").click()

    page.get_by_text("Question secrète : cylindrée").wait_for()
    page.get_by_label("Réponse secrète").fill("1200")
    screenshot(page, "auth-12-question-secrete")
    page.get_by_role("button", name="Valider").click()
    page.get_by_text("Un mail de confirmation a été envoyé").wait_for()
    screenshot(page, "auth-13-mail-envoye")

    open_email(page, "Réinitialisation de votre mot de passe")
    screenshot(page, "auth-14-courriel")
    page.locator(".apart-mail-body a").first.click()
    page.get_by_text("Vous devez indiquer votre nouveau mot de passe").wait_for()
    assert page.get_by_label("Adresse de messagerie").input_value() == EMAIL
    page.get_by_label("Nouveau mot de passe").fill(RESET_PASSWORD)
    page.get_by_label("Confirmation").fill("Pas-Pareil7")
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Les mots de passe ne correspondent pas").first.wait_for()
    screenshot(page, "auth-15-ne-correspondent-pas")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.get_by_label("Nouveau mot de passe").fill(RESET_PASSWORD)
    page.get_by_label("Confirmation").fill(RESET_PASSWORD)
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text("Votre mot de passe a été changé").wait_for()
    screenshot(page, "auth-16-mot-de-passe-change")

    log_in(page, identifiant, RESET_PASSWORD)
    page.wait_for_url("**/etablissements/tableau-de-bord/")
