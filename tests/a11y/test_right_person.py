"""Issue 13, §3, §4 and §8 outside « Créer mon espace »: text for the right person, search
as people type, login that comes back, the seeds' words in emails and forms."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.tests.helpers import log_in, page_text
from apart.core.outbox import deliver
from apart.core.search import fold
from apart.templatetags.apart_ui import siret as siret_filter
from habilitations.enums import ApplicationCode
from habilitations.models import Application, Habilitation
from support.faq_content import WITHDRAWN
from support.models import Entry
from tests import factories
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


# §3 Text for the right person


@pytest.mark.parametrize("url_name", ["dap:list", "dap:decisions", "indemnisation:list"])
def test_agents_never_read_the_employer_s_words(client_of, ud_agent_a, url_name):
    text = page_text(client_of(ud_agent_a).get(reverse(url_name)))
    assert "pour vos établissements" not in text
    assert "Créer une nouvelle demande" not in text
    assert "Mes Demandes" not in text and "Mes Décisions" not in text
    assert "Vous n'avez encore envoyé" not in text


def test_the_employer_keeps_the_seed_s_words(client_of, employer_a):
    text = page_text(client_of(employer_a).get(reverse("dap:list")))
    assert "Mes Demandes d'Autorisation Préalable" in text


def test_an_agent_s_list_does_not_open_on_no_result_for_a_search(client_of, ud_agent_other):
    text = page_text(client_of(ud_agent_other).get(reverse("establishments:list")))
    assert "Aucun établissement ne correspond à votre recherche" not in text
    assert "Aucun établissement de votre périmètre" in text
    assert "Mes Établissements" not in text


def test_no_developer_text_on_the_employer_pages(client_of, employer_a):
    for url_name in ("dap:list", "dap:decisions", "indemnisation:list"):
        text = page_text(client_of(employer_a).get(reverse(url_name)))
        assert "pas encore disponible" not in text and "réplique" not in text, url_name


# Menus: the current entry is marked, « Besoin d'aide ? » appears once


def _current_links(response) -> list[str]:
    return re.findall(r'<a[^>]*aria-current="page"[^>]*>([^<]*)</a>', response.content.decode())


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("home", "Accueil"),
        ("habilitations:create_space", "Créer mon espace"),
        ("support:help", "BESOIN D'AIDE ?"),
        ("support:faq", "BESOIN D'AIDE ?"),
        ("accounts:login", "Se connecter"),
    ],
)
def test_the_public_menus_mark_the_current_page(client, url_name, current):
    links = _current_links(client.get(reverse(url_name)))
    assert current in links  # (a breadcrumb may mark the page too)
    assert not {"Accueil", "Créer mon espace", "Se connecter", "BESOIN D'AIDE ?"} - {current} & set(
        links
    )


@pytest.mark.parametrize(
    ("url_name", "current"),
    [
        ("establishments:list", "ÉTABLISSEMENTS"),
        ("dap:list", "DEMANDES D'AUTORISATION PRÉALABLE"),
        ("dap:decisions", "DÉCISIONS D'AUTORISATION"),
        ("indemnisation:list", "DEMANDES D'INDEMNISATION"),
        ("establishments:user_request", "DEMANDE CRÉATION DE COMPTE"),
    ],
)
def test_the_employer_menu_marks_the_current_section(client_of, employer_a, url_name, current):
    links = _current_links(client_of(employer_a).get(reverse(url_name)))
    assert links and set(links) == {current}


def test_the_detail_of_an_establishment_is_in_the_establishments_section(
    client_of, employer_a, establishment_a
):
    url = reverse("establishments:detail", args=[establishment_a.siret])
    links = _current_links(client_of(employer_a).get(url))
    assert "ÉTABLISSEMENTS" in links  # and the breadcrumb's last item
    assert "DEMANDES D'INDEMNISATION" not in links


def test_help_is_offered_once_in_the_header(client):
    content = client.get(reverse("home")).content.decode()
    header = content[content.index("<header") : content.index("</header>")]
    desktop = header[: header.index('id="menu-mobile"')]
    assert desktop.count("BESOIN D'AIDE ?") + desktop.count("Besoin d'aide ?") == 1
    nav = header[header.index('id="navigation-principale"') :]
    assert "Besoin d'aide" not in nav


def test_the_header_offers_se_connecter_to_a_visitor(client):
    content = client.get(reverse("habilitations:create_space")).content.decode()
    assert f'href="{reverse("accounts:login")}"' in content and "Se connecter" in content


def test_the_mobile_menu_opens_without_javascript(client):
    content = client.get(reverse("home")).content.decode()
    assert 'href="#menu-mobile"' in content  # the no-JS « Menu », styled by apart.css
    menu_links = re.search(r'class="fr-header__menu-links">(.*?)</div>', content, re.S).group(1)
    assert "Se connecter" in menu_links  # the tools are in the menu without DSFR's copy


# §2 A protected page opened while logged out comes back after login, same site only


def test_login_comes_back_to_the_page_asked(client, employer_a):
    response = client.get(reverse("dap:decisions"))
    assert response.status_code == 302
    home = client.get(response["Location"])
    assert 'name="next" value="/dap/decisions/"' in home.content.decode()
    response = client.post(
        reverse("accounts:login"),
        {"username": "employeur.a1", "password": DEFAULT_PASSWORD, "next": "/dap/decisions/"},
    )
    assert response["Location"] == "/dap/decisions/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_login_never_goes_to_another_site(client, employer_a, target):
    response = client.post(
        reverse("accounts:login"),
        {"username": "employeur.a1", "password": DEFAULT_PASSWORD, "next": target},
    )
    assert response["Location"] == reverse("landing")


# §8 SYLAé-only accounts (seed 003)


def test_a_sylae_only_account_is_told_to_make_its_creation_request(client):
    user = factories.UserFactory(identifiant="sylae.seule")
    sylae = Application.objects.get_or_create(
        code=ApplicationCode.SYLAE, defaults={"name": "SYLAé"}
    )[0]
    factories.HabilitationFactory(user=user, application=sylae)
    response = log_in(client, "sylae.seule", DEFAULT_PASSWORD)
    text = page_text(response)
    assert "« Création d'espace personnel »" in text
    assert f'href="{reverse("habilitations:create_space")}"' in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not Habilitation.objects.apart().filter(user=user).exists()


# §4 Search as people type


def test_fold_removes_accents_and_case():
    assert fold("DÉMO Oublié Œuvre") == "demo oublie oeuvre"


@pytest.fixture
def clients_of_accountant(db):
    names = [("BOULANGERIE DÉMO", "AIX-EN-PROVENCE"), ("GARAGE DU MAÏL", "SAINT-ÉTIENNE")]
    establishments = [
        factories.EstablishmentFactory(denomination=name, city=city) for name, city in names
    ]
    return factories.accountant_of(*establishments), establishments


@pytest.mark.parametrize(
    ("query", "index"),
    [("demo", 0), ("Démo", 0), ("boulangerie d", 0), ("du mail", 1), ("saint-etienne", 1),
     ("aix", 0)],
)  # fmt: skip
def test_the_accountant_finds_a_client_by_part_of_name_or_city(
    client_of, clients_of_accountant, query, index
):
    accountant, establishments = clients_of_accountant
    page = client_of(accountant).get(reverse("establishments:list"), {"q": query})
    assert list(page.context["page_obj"].object_list) == [establishments[index]]


def test_the_accountant_finds_a_client_by_siren(client_of, clients_of_accountant):
    accountant, establishments = clients_of_accountant
    siren = establishments[1].siret[:9]
    page = client_of(accountant).get(reverse("establishments:list"), {"q": siren})
    assert establishments[1] in page.context["page_obj"].object_list


def test_the_base_documentaire_search_ignores_accents(client):
    found = Entry.objects.published().search("oublie")
    assert any("oublié" in entry.title for entry in found)
    assert Entry.objects.published().search("IDENTIFIANT").exists()


# §8 Base documentaire: the filters' words, no entry promising what is not there


def test_the_base_documentaire_filters_read_as_in_the_seeds(client):
    content = client.get(reverse("support:faq")).content.decode()
    assert ">Questions fréquentes</option>" in content
    assert ">Fiches pratiques</option>" in content
    assert "Question fréquentes" not in content


def test_no_withdrawn_entry_is_published():
    assert not Entry.objects.published().filter(slug__in=WITHDRAWN).exists()


# §8 Assistance form: required fields marked « * »


def test_the_assistance_form_marks_its_required_fields(client):
    text = page_text(client.get(reverse("support:assistance")))
    for label in ("N° de Siret *", "Dénomination établissement *", "Motif de la demande *"):
        assert label in text, label
    assert "Les champs avec * sont à renseigner obligatoirement." in text


# §8 Emails


def test_the_reset_email_comes_from_the_validation_sender(client, employer_a):
    from apart.core.models import OutboxEmail

    email = OutboxEmail.objects.create(
        recipient="a@exemple.fr", template="password_reset", subject="s", body_text="b"
    )
    email.attempts = 1
    deliver(email)
    assert mail.outbox[-1].from_email.startswith("Agence de Services et de Paiement (Validation)")


def test_the_habilitation_email_keeps_the_seed_s_text():
    from django.template.loader import render_to_string

    body = render_to_string(
        "emails/apart_habilitation_body.txt",
        {"base_url": "http://x", "habilitation": factories.HabilitationFactory()},
    )
    assert "\"Besoin d'aide ?\" à gauche de l'écran." in body
    assert "pourrez vous connecter à compter du" in body


@pytest.mark.parametrize(
    ("raw", "shown"),
    [("35600000000048", "356 000 000 00048"), ("356000000", "356 000 000"), ("abc", "abc")],
)
def test_sirets_are_grouped_by_one_filter(raw, shown):
    assert siret_filter(raw) == shown
