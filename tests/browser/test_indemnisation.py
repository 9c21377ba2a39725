"""The DI journey in Chromium: an employer files a DI for a DA by CSV import, a UD agent
validates it, the employer gets the email (dev mailbox) and downloads the récapitulatif."""

import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from habilitations.enums import Profile
from indemnisation.csv_import import HEADERS
from indemnisation.models import Claim, ClaimStatus
from indemnisation.tests.helpers import decision_for, nir_for
from tests import factories
from tests.browser.conftest import axe_violations, describe, screenshot

pytestmark = pytest.mark.browser


def log_in(page, identifiant):
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill(factories.DEFAULT_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def csv_bytes() -> bytes:
    lines = [";".join(HEADERS)]
    lines.append(f"DUPONT;Marie;{nir_for(1)};;35;116,67;20;151,67")
    lines.append("MARTIN;Ali;;1123456789ABC;20;60;12,50;80")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def da(transactional_db):
    establishment = factories.EstablishmentFactory(
        denomination="BRASSERIE DU CANAL", postal_code="75010", insee_code="75110"
    )
    factories.employer_of(establishment, identifiant="employeur.canal1")
    factories.agent(Profile.UD_AGENT, "75", identifiant="agent.ud75")
    today = timezone.localdate()
    start = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return decision_for(
        establishment,
        sent_at=timezone.now() - timedelta(days=40),
        period_start=start,
        period_end=today + timedelta(days=30),
    )


def test_employer_files_by_csv_agent_validates_employer_gets_email_and_pdf(page, da, tmp_path):
    month = da.period_start
    log_in(page, "employeur.canal1")
    page.goto("/indemnisation/")
    page.get_by_label("Code indemnisation").fill(da.code.lower())
    page.get_by_label("Mois", exact=True).select_option(str(month.month))
    page.get_by_label("Année").select_option(str(month.year))
    page.get_by_role("button", name="Créer la demande").click()
    page.wait_for_selector(
        "h1:has-text('Demande d’indemnisation'), h1:has-text(\"Demande d'indemnisation\")"
    )
    claim = Claim.objects.get()

    page.locator("input[name=file]").set_input_files(
        {"name": "salaries.csv", "mimeType": "text/csv", "buffer": csv_bytes()}
    )
    page.get_by_role("button", name="Importer le fichier").click()
    page.wait_for_selector("text=2 salarié(s) importé(s).")
    # 2026 standard: 35 h × 0.60 × 20 = 420.00; MARTIN: contract 80 − 60 worked = 20 h ×
    # max(0.60 × 12.50, 9.52 floor) = 9.52 → 190.40 (0.60 × 12.50 = 7.50 < 9.52 ≤ 12.50)
    claim.refresh_from_db()
    assert claim.employees_count == 2
    assert page.locator("#total-indemnite").inner_text().replace("\u202f", " ") == (
        f"{claim.total_indemnity:,.2f} €".replace(",", " ").replace(".", ",")
    )
    screenshot(page, "di-imported")
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    page.get_by_role("button", name="Envoyer la demande").click()
    page.wait_for_selector("#statut:has-text('En attente de validation')")
    page.goto("/indemnisation/")
    assert page.get_by_role("link", name=claim.number).is_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations)

    log_in(page, "agent.ud75")
    page.get_by_role("link", name="INSTRUCTION DES DI").first.click()
    page.wait_for_load_state()
    violations = axe_violations(page)
    assert violations == [], describe(violations)
    screenshot(page, "di-queue")
    page.get_by_role("link", name=claim.number).click()
    page.get_by_text("Valider et mettre en paiement").click()
    page.get_by_role("button", name="Enregistrer la décision").click()
    page.wait_for_selector("#statut:has-text('Paiement demandé')")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAYMENT_REQUESTED

    log_in(page, "employeur.canal1")
    page.goto("/dev/courriels/")
    page.get_by_text(f"Demande d'indemnisation {claim.number} validée").first.click()
    page.wait_for_load_state()
    assert page.get_by_text("est validée et mise en paiement").first.is_visible()
    page.goto(f"/indemnisation/{claim.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le récapitulatif (PDF)").click()
    path = tmp_path / "recap.pdf"
    download.value.save_as(path)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "RÉCAPITULATIF DE LA DEMANDE D'INDEMNISATION" in text
    assert "Demande validée le" in text
    assert claim.number in text
    screenshot(page, "di-validated")
