from django.urls import reverse

from establishments.tests.conftest import complete
from tests import factories

WARNING = (
    "La création d'une demande d'autorisation préalable est impossible tant que votre fiche "
    "établissement n'est pas complète."
)


def dashboard(client):
    from html import unescape

    return unescape(client.get(reverse("establishments:dashboard")).text)


def test_the_dashboard_shows_the_blocks_and_the_incomplete_warning(
    client_of, employer_a, establishment_a
):
    page = dashboard(client_of(employer_a))
    for text in [
        "BONJOUR, employeur.a1",
        "DEMANDE CRÉATION DE COMPTE",
        "DÉCONNEXION",
        "Votre fiche établissement est incomplète !",
        WARNING,
        "Mes Établissements",
        "BOULANGERIE A",
        establishment_a.siret,
        "75002",
        "Incomplète",
        "Voir tous mes Établissements",
        "Mes Demandes d'Autorisation Préalable",
        "Créer une nouvelle demande",
        "Voir toutes mes DAP",
        "Mes Décisions d'Autorisation",
        "Mes Demandes d'Indemnisation",
        "Voir toutes mes DI",
    ]:
        assert text in page, text


def test_a_complete_fiche_removes_the_warning(
    client_of, employer_a, establishment_a, nomenclatures
):
    complete(establishment_a, nomenclatures)
    page = dashboard(client_of(employer_a))
    assert "Votre fiche établissement est incomplète !" not in page
    assert "Complète" in page


def test_the_accountant_gets_the_advice_and_a_switcher(
    client_of, accountant_a, establishment_a, establishment_b
):
    page = dashboard(client_of(accountant_a))
    assert "Pensez à créer un utilisateur de l'entreprise" in page
    other = factories.EstablishmentFactory(denomination="CLIENT DEUX")
    factories.AttachmentFactory(
        habilitation=accountant_a.habilitations.get(), establishment=other, role="accountant"
    )
    client = client_of(accountant_a)
    response = client.post(reverse("establishments:switch"), {"siret": other.siret})
    assert response.status_code == 302
    assert client.session["current_establishment"] == other.siret
    page = dashboard(client)
    assert page.index("CLIENT DEUX") < page.index("BOULANGERIE A", page.index("Mes Établissements"))
    assert "GARAGE B" not in page


def test_the_switcher_refuses_an_establishment_not_visible(
    client_of, accountant_a, establishment_b
):
    response = client_of(accountant_a).post(
        reverse("establishments:switch"), {"siret": establishment_b.siret}
    )
    assert response.status_code == 404


def test_the_dap_and_di_lists_explain_an_honest_empty_state(client_of, employer_a, establishment_a):
    client = client_of(employer_a)
    from html import unescape

    dap = unescape(client.get(reverse("dap:list")).text)
    assert "Mes Demandes d'Autorisation Préalable" in dap
    assert "pas encore disponible" not in dap
    assert "impossible tant que votre fiche établissement n'est pas complète" in dap
    assert establishment_a.siret in dap  # the fiche to complete
    decisions = unescape(client.get(reverse("dap:decisions")).text)
    assert "Mes Décisions d'Autorisation" in decisions
    di = unescape(client.get(reverse("indemnisation:list")).text)
    assert "Mes Demandes d'Indemnisation" in di and "Créer une nouvelle demande" in di


def test_an_agent_sees_a_count_not_a_switcher_of_every_establishment(client_of, support_agent):
    """The support sees every establishment (200,000 in production): the tableau de bord
    counts them and shows five, it never lists them all in a switcher."""
    for n in range(12):
        factories.EstablishmentFactory(denomination=f"ENTREPRISE {n:02d}")
    client = client_of(support_agent)
    page = dashboard(client)
    assert "Établissement courant" not in page
    assert "5 établissements affichés sur 12." in page
    assert page.count("ENTREPRISE ") == 5
