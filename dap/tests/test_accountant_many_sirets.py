"""An expert-comptable with more establishments than the DAP page lists (demo: 200 SIRET)
must still reach the « Créer une nouvelle demande » of each one (external QA review)."""

from django.urls import reverse

from apart.templatetags.apart_ui import siret
from tests import factories


def test_every_mandated_establishment_can_start_a_dap(db, client_of, settings):
    settings.DAP_NEW_REQUEST_SHOWN = 5
    establishments = [
        factories.EstablishmentFactory(denomination=f"CLIENT {n:02}") for n in range(8)
    ]
    last = establishments[-1]
    accountant = factories.accountant_of(*establishments, identifiant="comptable.huit")
    client = client_of(accountant)
    page = client.get(reverse("dap:list")).content.decode()
    assert "5 établissements affichés sur 8" in page
    assert f"CLIENT 04 ({siret(establishments[4].siret)})" in page
    assert f"CLIENT 07 ({siret(last.siret)})" not in page
    found = client.get(reverse("dap:list"), {"siret": f"{last.siret[:9]} {last.siret[9:]}"})
    text = found.content.decode()
    assert f"CLIENT 07 ({siret(last.siret)})" in text and "CLIENT 04" not in text
