"""In Chromium: an employer sends a DAP, the UD agent invalidates it, the employer completes
and sends it again, the agent validates, the employer opens the DA and copies its code."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dap.models import AuthorizationRequest, Decision
from dap.tests.factories import complete_fiche
from habilitations.enums import Profile
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


def no_violations(page):
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def agent_decides(page, number, decision, motive):
    log_in(page, "agent.ud75")
    page.goto("/dap/instruction/")
    page.get_by_role("link", name=number).click()
    page.get_by_text(decision, exact=False).first.click()
    page.get_by_label("Motif").fill(motive)
    screenshot(page, f"dap-agent-{decision.split()[0].lower()}")
    page.get_by_role("button", name="ENREGISTRER LA DÉCISION").click()
    page.wait_for_load_state()


def test_dap_sent_invalidated_completed_validated_and_code_copied(page, transactional_db):
    establishment = complete_fiche(
        factories.EstablishmentFactory(denomination="BRASSERIE DU CANAL")
    )
    factories.employer_of(establishment, identifiant="employeur.canal")
    factories.agent(Profile.UD_AGENT, "75", identifiant="agent.ud75")
    start = timezone.localdate() - timedelta(days=5)

    log_in(page, "employeur.canal")
    page.goto("/dap/")
    page.get_by_role("link", name="Créer une nouvelle demande — BRASSERIE DU CANAL").click()
    page.get_by_label("Motif de recours").select_option(
        label="Toute autre circonstance de caractère exceptionnel"
    )
    page.get_by_label("Sous-motif").select_option(label="Coronavirus")
    page.get_by_label("Circonstances détaillées").fill("Fermeture administrative.")
    page.get_by_label("Réduction ou suspension d'activité").select_option("closure")
    page.get_by_label("Date de début de la période prévisionnelle").fill(start.isoformat())
    page.get_by_label("Date de fin de la période prévisionnelle").fill(
        (start + timedelta(days=27)).isoformat()
    )
    page.get_by_label("Nombre de salariés concernés").fill("5")
    page.get_by_label("Nombre d'heures chômées prévisionnelles").fill("700")
    page.locator("select[name=cse_opinion]").select_option("no_cse")
    screenshot(page, "dap-form")
    page.get_by_role("button", name="ENREGISTRER LE BROUILLON").click()
    page.get_by_role("button", name="ENVOYER LA DEMANDE").click()
    page.wait_for_selector("text=acceptée tacitement au plus tard")
    number = AuthorizationRequest.objects.get().number
    screenshot(page, "dap-sent")
    no_violations(page)

    agent_decides(page, number, "Invalider", "Préciser l'effectif réellement concerné.")
    assert page.get_by_text("Invalidée, à compléter").first.is_visible()

    log_in(page, "employeur.canal")
    page.goto(f"/dap/demandes/{number}/")
    assert page.get_by_text("Préciser l'effectif réellement concerné.").is_visible()
    page.get_by_role("link", name="MODIFIER").click()
    page.get_by_label("Nombre de salariés concernés").fill("4")
    page.get_by_label("Nombre d'heures chômées prévisionnelles").fill("500")
    page.get_by_role("button", name="ENREGISTRER LE BROUILLON").click()
    page.get_by_role("button", name="ENVOYER LA DEMANDE").click()
    page.wait_for_selector("text=acceptée tacitement au plus tard")

    agent_decides(page, number, "Valider", "Demande complète.")
    decision = Decision.objects.get()
    assert decision.employees == 4

    log_in(page, "employeur.canal")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto("/dap/decisions/")
    page.get_by_role("link", name=decision.number).click()
    # The clipboard answers the page that has the focus only: with two browsers running
    # side by side (pytest -n 2) this one may not have it.
    page.bring_to_front()
    page.get_by_role("button", name="Copier le code").click()
    page.wait_for_selector(f"text=Code copié : {decision.code}")
    assert page.evaluate("navigator.clipboard.readText()") == decision.code
    screenshot(page, "dap-decision-code-copied")
    no_violations(page)
