import shutil
import subprocess
from html import unescape

import pytest
from django.urls import reverse

from apart.core.fields import SIRET_CHECKSUM

pytestmark = pytest.mark.django_db

CONTRACT = {
    "firm_name": "CABINET DUPONT EXPERTISE",
    "firm_siret": "732 829 320 00074",
    "firm_order_number": "14-000123",
    "firm_address": "3 rue des Comptes\n75009 Paris",
    "signatory": "Jeanne Dupont, expert-comptable associée",
    "client_siret": "73282932000074",
    "client_denomination": "BOULANGERIE DE LA PAIX",
    "client_signatory": "Marc Petit, gérant",
}


def test_the_service_contract_page_is_public_and_explains_the_mandate(client):
    page = unescape(client.get(reverse("establishments:service_contract")).text)
    assert "CONTRAT DE PRESTATION" in page
    assert "Pensez à créer un utilisateur de l'entreprise" in page
    assert "200 établissements" in page


def test_the_contract_pdf_is_prefilled_with_the_firm_and_the_client(client, tmp_path):
    response = client.post(reverse("establishments:service_contract"), CONTRACT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "contrat-de-prestation-73282932000074.pdf" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF-")
    pdf = tmp_path / "contrat.pdf"
    pdf.write_bytes(response.content)
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for value in [
            "CABINET DUPONT EXPERTISE",
            "732 829 320 00074",
            "14-000123",
            "BOULANGERIE DE LA PAIX",
            "Marc Petit, gérant",
        ]:
            assert value in text, value
    if shutil.which("pdffonts"):
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        assert "Marianne" in fonts  # the DSFR font, embedded


def test_a_wrong_siret_is_refused(client):
    response = client.post(
        reverse("establishments:service_contract"), {**CONTRACT, "client_siret": "73282932000075"}
    )
    assert response.status_code == 200
    assert SIRET_CHECKSUM in unescape(response.text)


def test_the_public_pdf_generation_is_limited_per_address(client, settings, monkeypatch):
    from establishments import views

    monkeypatch.setattr(views, "CONTRACT_PDFS_PER_WINDOW", 1)
    url = reverse("establishments:service_contract")
    assert client.post(url, CONTRACT).status_code == 200
    assert client.post(url, CONTRACT).status_code == 429
