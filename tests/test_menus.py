"""The menus follow the access policy (apart.context_processors.navigation)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERSONAS = ["employer_a", "accountant_a", "ud_agent_a", "support_agent", "dgefp_admin"]
EXPECTED = {
    # persona: (DEMANDE CRÉATION DE COMPTE, DEMANDES D'ASSISTANCE, AGENTS ET DROITS)
    "employer_a": (True, False, False),
    "accountant_a": (True, False, False),
    "ud_agent_a": (False, False, False),
    "support_agent": (False, True, False),
    "dgefp_admin": (False, True, True),
}


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_menus_of_each_persona(request, client_of, persona):
    user = request.getfixturevalue(persona)
    page = client_of(user).get(reverse("support:help")).content.decode()
    shown = (
        f'href="{reverse("establishments:user_request")}"' in page,
        "DEMANDES D'ASSISTANCE</a>" in page,
        "AGENTS ET DROITS</a>" in page,
    )
    assert shown == EXPECTED[persona]


@pytest.mark.parametrize(
    "persona,url",
    [
        ("employer_a", "indemnisation:list"),
        ("ud_agent_a", "indemnisation:queue"),
        ("support_agent", "indemnisation:batch"),
        ("dgefp_admin", "indemnisation:batch"),
    ],
)
def test_each_persona_reaches_its_di_page_from_the_menu(request, client_of, persona, url):
    user = request.getfixturevalue(persona)
    page = client_of(user).get(reverse("support:help")).content.decode()
    assert f'href="{reverse(url)}"' in page
