"""The demo's DAP pages as each profile sees them: dashboard blocks, the UD queue, the DGEFP
line — real data, no placeholder, no serious accessibility violation."""

from io import StringIO

import pytest
from django.core.management import call_command

from establishments.models import ConventionCollective, NafCode
from tests.browser.conftest import axe_violations, describe, screenshot

pytestmark = pytest.mark.browser


def log_in(page, identifiant):
    page.context.clear_cookies()
    page.goto("/")
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill("Demo-2020!")
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


def check(page, name):
    screenshot(page, name)
    text = page.content()
    assert "pas encore disponible" not in text
    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_demo_pages_of_each_profile(page, transactional_db):
    NafCode.objects.create(code="56.10A", label="Restauration traditionnelle")
    ConventionCollective.objects.create(idcc="1979", title="Hôtels, cafés, restaurants")
    call_command("load_demo", stdout=StringIO())

    log_in(page, "demo.employeur")
    page.goto("/etablissements/tableau-de-bord/")
    assert page.get_by_text("acceptée tacitement au plus tard").first.is_visible()
    check(page, "dap-demo-dashboard")
    page.goto("/dap/")
    check(page, "dap-demo-list")

    log_in(page, "demo.agent75")
    page.goto("/dap/instruction/")
    assert page.get_by_text("BRASSERIE DÉMO PARIS").first.is_visible()
    check(page, "dap-demo-queue")

    log_in(page, "demo.dgefp")
    page.goto("/dap/traitements/acceptation-tacite/")
    page.get_by_role("button", name="LANCER LE TRAITEMENT MAINTENANT").click()
    page.wait_for_load_state()
    check(page, "dap-demo-batch")
