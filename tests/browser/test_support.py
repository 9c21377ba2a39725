"""Journey of seed 000 case 2.1: the referent left, an anonymous requester asks the
assistance, an ASP support agent replaces the referent, the new referent logs in."""

import re

import pytest

from habilitations.enums import ApplicationCode, Profile
from habilitations.models import Application
from support.tests.utils import real_siret
from tests import factories
from tests.browser.conftest import axe_violations, describe, screenshot

pytestmark = pytest.mark.browser

NEW_EMAIL = "julie.martin@exemple.fr"


@pytest.fixture
def world(transactional_db):
    Application.objects.get_or_create(
        code=ApplicationCode.APART, defaults={"name": "Activité Partielle (APART)"}
    )
    establishment = factories.EstablishmentFactory(
        siret=real_siret(777), denomination="BOULANGERIE DU COIN"
    )
    departed = factories.employer_of(establishment, identifiant="ancien.referent1")
    agent = factories.agent(Profile.SUPPORT, identifiant="support.asp1")
    return establishment, departed, agent


def log_in(page, identifiant, password):
    page.goto("/")
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def open_email(page, subject_part):
    page.goto(f"/dev/courriels/?destinataire={NEW_EMAIL}")
    page.get_by_role("link", name=re.compile(subject_part)).first.click()
    return page.locator(".apart-mail-body").inner_text()


def test_referent_replacement_journey(page, world):
    establishment, departed, agent = world

    # 1. An anonymous requester sends « Habilitation à l'extranet ».
    page.goto("/aide/")
    assert page.get_by_text("Que voulez-vous faire ?").is_visible()
    screenshot(page, "support-01-besoin-d-aide")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Envoyer une demande d'assistance").click()
    page.get_by_label("N° de Siret").fill(establishment.siret)
    page.get_by_label("Dénomination établissement").fill(establishment.denomination)
    page.get_by_label("Nom et prénom").fill("MARTIN Julie")
    page.get_by_label("N° de téléphone").fill("06 12 34 56 78")
    page.get_by_label("Adresse électronique").fill(NEW_EMAIL)
    page.get_by_label("Motif de la demande").select_option(label="Habilitation à l'extranet")
    description = page.get_by_label("Description de la demande")
    description.fill("Notre référent a quitté l'entreprise, je le remplace.")
    counter = page.locator("#description-compteur [data-counter-visual]")
    assert counter.inner_text() == "947 caractères restants sur 1000"
    page.get_by_label("Recopier le code ci-contre").fill("PASSED")
    screenshot(page, "support-02-formulaire")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="ENVOYER").click()
    page.get_by_role("heading", name="Demande d'assistance envoyée").wait_for()
    reference = page.locator(".apart-reference").inner_text()
    screenshot(page, "support-03-envoyee")

    # 2. The support agent logs in and replaces the referent.
    log_in(page, agent.identifiant, factories.DEFAULT_PASSWORD)
    page.goto("/aide/support/demandes/")
    screenshot(page, "support-04-file")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("link", name=reference).click()
    assert page.get_by_text(departed.identifiant).first.is_visible()
    screenshot(page, "support-05-demande")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("link", name="Remplacer le référent").click()
    assert page.get_by_label("Courriel", exact=True).input_value() == NEW_EMAIL
    page.get_by_label("Confirmer courriel").fill(NEW_EMAIL)  # typed again by the agent
    page.locator("label[for=id_requester_checked]").click()
    assert page.get_by_label("J'ai vérifié l'identité du demandeur").is_checked()
    page.get_by_label("Question secrète").fill("Ville de naissance ?")
    page.get_by_label("Réponse", exact=False).last.fill("Lyon")
    screenshot(page, "support-06-remplacement")
    page.get_by_role("button", name="Remplacer le référent").click()
    page.get_by_text("devient le référent de l'établissement").wait_for()
    assert page.get_by_text("Demandeur vérifié").is_visible()
    screenshot(page, "support-07-remplace")
    page.get_by_role("button", name="DÉCONNEXION").click()

    # 3. The new referent's three emails are in the development mailbox.
    page.goto(f"/dev/courriels/?destinataire={NEW_EMAIL}")
    for subject in [
        "Identifiant de connexion",
        "Mot de passe de connexion",
        "Habilitation à l'activité partielle",
    ]:
        assert page.get_by_role("link", name=re.compile(subject)).count() >= 1, subject
    screenshot(page, "support-08-courriels")
    identifiant = re.search(
        r"identifiant de connexion:\s*(\S+)", open_email(page, "Identifiant de connexion")
    ).group(1)
    password = re.search(r"\[(.+?)\]", open_email(page, "Mot de passe de connexion")).group(1)

    # 4. The new referent logs in and must change the temporary password.
    log_in(page, identifiant, password)
    page.wait_for_url(re.compile(r"/compte/changement-mot-de-passe/"))
    screenshot(page, "support-09-premiere-connexion")


def test_base_documentaire_search_and_fiche_pass_axe(page, transactional_db):
    from support import faq_content
    from support.models import Category, Entry
    from support.sanitize import sanitize_html

    faq_content.load(Category, Entry, sanitize_html)
    page.goto("/aide/base-documentaire/")
    screenshot(page, "support-10-base-documentaire")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_label("Rechercher dans la base documentaire").fill("mot de passe")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="J'ai oublié mon mot de passe").click()
    assert page.get_by_text("La procédure est valable 60 min").is_visible()
    page.goto("/aide/base-documentaire/difficultes-de-connexion/")
    screenshot(page, "support-11-fiche-difficultes-de-connexion")
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_dgefp_opens_an_agent_s_rights_and_publishes_a_banner(page, transactional_db):
    Application.objects.get_or_create(
        code=ApplicationCode.APART, defaults={"name": "Activité Partielle (APART)"}
    )
    admin = factories.agent(Profile.DGEFP, identifiant="admin.dgefp1")
    log_in(page, admin.identifiant, factories.DEFAULT_PASSWORD)
    page.goto("/aide/administration/agents/nouveau/")
    page.get_by_label("Nom", exact=True).fill("Durand")
    page.get_by_label("Prénom").fill("Paul")
    page.get_by_label("Courriel", exact=True).fill("paul.durand@direccte.gouv.fr")
    page.get_by_label("Confirmer courriel").fill("paul.durand@direccte.gouv.fr")
    page.get_by_label("Téléphone").fill("01 44 55 66 77")
    page.locator("label[for=id_profile_0]").click()
    page.get_by_label("Départements (périmètre territorial)").fill("75 92")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Ouvrir les droits").click()
    page.get_by_text("sont ouverts").wait_for()
    screenshot(page, "support-12-agent")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Suspendre l'agent").click()
    page.get_by_text("L'agent est suspendu.").wait_for()
    page.goto("/aide/administration/bandeaux/nouveau/")
    page.get_by_label("Message", exact=True).fill(
        "Fermeture du service pour maintenance de 17h à 21h ce jour"
    )
    page.get_by_role("button", name="Enregistrer").click()
    page.get_by_text("Le bandeau a été enregistré.").wait_for()
    screenshot(page, "support-13-bandeaux")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.goto("/")
    assert page.get_by_text(
        "Fermeture du service pour maintenance de 17h à 21h ce jour"
    ).is_visible()
