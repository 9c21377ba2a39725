"""Journeys of the employer space in Chromium: complete the fiche; 200-SIRET accountant search."""

import pytest

from establishments.models import Commune, ConventionCollective, NafCode
from habilitations.enums import ApplicationCode
from habilitations.models import Application
from tests import factories
from tests.browser.conftest import axe_violations, describe, screenshot

pytestmark = pytest.mark.browser

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def reference(transactional_db):
    Application.objects.get_or_create(
        code=ApplicationCode.APART, defaults={"name": "Activité Partielle (APART)"}
    )
    Commune.objects.create(
        postal_code="75002", insee_code="75102", name="Paris 2e Arrondissement", departement="75"
    )
    NafCode.objects.create(code="10.71C", label="Boulangerie et boulangerie-pâtisserie")
    ConventionCollective.objects.create(idcc="0843", title="Boulangerie-pâtisserie artisanale")
    ConventionCollective.objects.create(idcc="9999", title="Sans convention collective")


def log_in(page, identifiant):
    page.goto("/")
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def test_an_employer_completes_its_fiche_and_sees_it_complete(page, reference):
    establishment = factories.EstablishmentFactory(denomination="BOULANGERIE DE LA PAIX")
    factories.employer_of(establishment, identifiant="employeur.paix1")
    log_in(page, "employeur.paix1")
    page.goto("/etablissements/tableau-de-bord/")
    assert page.get_by_text("BONJOUR, employeur.paix1").first.is_visible()
    assert page.get_by_text("Votre fiche établissement est incomplète !").is_visible()
    assert page.get_by_text("Incomplète").first.is_visible()
    screenshot(page, "employer-dashboard-incomplete")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.get_by_role("link", name="BOULANGERIE DE LA PAIX").first.click()
    page.wait_for_selector("h1:has-text('Fiche établissement')")
    page.get_by_label("Ville").fill("Paris 2e Arrondissement")
    page.get_by_label("Code NAF / APE").fill("10.71C")
    page.get_by_label("Effectif").fill("8")
    page.get_by_label("Convention collective (IDCC)").fill("0843")
    page.get_by_label("IBAN").fill("FR76 3000 6000 0112 3456 7890 189")
    page.get_by_label("BIC").fill("AGRIFRPP882")
    page.get_by_label("Titulaire du compte").fill("BOULANGERIE DE LA PAIX")
    page.locator("input[name=rib_file]").set_input_files(
        {"name": "rib.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="ENREGISTRER").click()
    page.wait_for_selector("text=La fiche établissement a été enregistrée.")
    assert page.locator("h1 .fr-badge").text_content().strip() == "Complète"
    screenshot(page, "employer-fiche-complete")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    page.goto("/etablissements/tableau-de-bord/")
    assert page.get_by_text("Votre fiche établissement est incomplète !").count() == 0
    assert page.get_by_text("Complète", exact=True).first.is_visible()


def test_an_accountant_with_200_sirets_searches_the_list(page, reference):
    establishments = [
        factories.EstablishmentFactory(denomination=f"CLIENT {n:03d}") for n in range(200)
    ]
    factories.accountant_of(*establishments, identifiant="cabinet.compta1")
    log_in(page, "cabinet.compta1")
    page.goto("/etablissements/")
    assert page.get_by_text("200 établissements").is_visible()
    assert page.locator("nav.fr-pagination").is_visible()
    screenshot(page, "accountant-list")
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    siret = establishments[123].siret
    page.get_by_label("Rechercher un établissement").fill(
        f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    )
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_selector("text=1 établissement")
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "CLIENT 123" in rows.first.inner_text()

    page.get_by_label("Rechercher un établissement").fill("client 19")
    page.get_by_label("Trier par").select_option("-denomination")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_selector("text=10 établissements")
    assert "CLIENT 199" in page.locator("tbody tr").first.inner_text()
    screenshot(page, "accountant-search")

    page.goto("/etablissements/tableau-de-bord/")
    assert page.get_by_text(
        "Pensez à créer un utilisateur de l'entreprise pour l'ajouter"
    ).is_visible()
    page.get_by_label("Établissement courant").select_option(establishments[42].siret)
    page.get_by_role("button", name="Changer d'établissement").click()
    page.wait_for_selector("text=Établissement courant : CLIENT 042.")
    screenshot(page, "accountant-dashboard")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
