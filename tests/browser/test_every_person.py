"""Issue 13 in Chromium: errors that guide (focus), the keyboard alone, no JavaScript, a phone,
and axe-core on every page of every journey at 1280 and 375 px (screenshots of each)."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from establishments.models import Commune
from tests.browser.conftest import axe_violations, describe

pytestmark = pytest.mark.browser

SCREENS = Path(
    os.environ.get("APART_SCREENS_DIR")
    or Path(__file__).resolve().parents[2] / "test-artifacts" / "screens"
)
WIDTHS = (1280, 375)
DEMO_PASSWORD = "Demo-2020!"


@pytest.fixture
def communes(transactional_db):
    rows = [
        ("01000", "01053", "Bourg-en-Bresse", "01"),
        ("01000", "01344", "Saint-Denis-lès-Bourg", "01"),
        ("75002", "75102", "Paris 2e Arrondissement", "75"),
        ("92000", "92050", "Nanterre", "92"),
        ("92400", "92026", "Courbevoie", "92"),
    ]
    Commune.objects.bulk_create(
        Commune(postal_code=p, insee_code=i, name=n, departement=d) for p, i, n, d in rows
    )


def check(page, name: str) -> None:
    """axe (zero serious or critical), nothing off-screen at 375 px, a screenshot per width."""
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert violations == [], f"{name} @ {width}px\n{describe(violations)}"
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, f"{name} @ {width}px: {overflow}px off-screen"
        page.screenshot(path=str(SCREENS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def focused(page) -> str:
    return page.evaluate(
        "(() => { const e = document.activeElement;"
        " return e.id || e.getAttribute('name') || e.textContent.trim().slice(0, 40); })()"
    )


def tab_to(page, wanted: str, limit: int = 120) -> list[str]:
    """Press Tab until the focused element's id (or name, or text) is `wanted`; the stops."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(focused(page))
        if stops[-1] == wanted:
            return stops
    raise AssertionError(f"{wanted!r} never reached by Tab; stops: {stops}")


def log_in(page, identifiant: str) -> None:
    page.goto("/compte/connexion/")
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_load_state()


# Errors that guide: the focus goes to the summary, its links into the fields


def test_a_refused_form_moves_the_focus_to_the_summary_and_its_links_to_fields(page):
    page.goto("/habilitations/creer-mon-espace/")
    page.get_by_role("button", name="VALIDER").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    assert page.title().startswith("Erreur : ")
    links = summary.get_by_role("link")
    assert links.count() >= 3  # Siret, code de sécurité, conditions générales
    links.first.click()
    expect(page.locator("#id_siret")).to_be_focused()


# « Créer mon espace » with the keyboard alone


def test_create_space_with_the_keyboard_alone(page, communes):
    page.goto("/")
    tab_to(page, "CRÉER MON ESPACE")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Veuillez indiquer votre numéro de Siret").wait_for()
    tab_to(page, "id_siret")
    page.keyboard.type("732 829 320 00074")
    tab_to(page, "id_captcha_1")
    page.keyboard.type("PASSED")
    tab_to(page, "id_accept_terms")
    page.keyboard.press("Space")
    tab_to(page, "VALIDER")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="CRÉATION DE COMPTE D'ACCÈS").wait_for()

    # The greyed ENVOYER is reachable and, activated early, says what is missing.
    tab_to(page, "ENVOYER")
    send = page.get_by_role("button", name="ENVOYER")
    expect(send).to_have_attribute("aria-disabled", "true")
    page.keyboard.press("Enter")
    missing = page.locator("#champs-manquants")
    expect(missing).to_be_focused()
    expect(missing).to_contain_text("Dénomination de l'établissement")
    expect(missing).to_contain_text("Code postal")
    check(page, "create-space-2-missing-listed")

    page.keyboard.press("Shift+Tab")  # back to the top of the form, then forward
    page.locator("#id_denomination").focus()  # (the start of the form, as a skip link would)
    page.keyboard.type("BOULANGERIE DU MAIL")
    for field, text in [
        ("id_street_number", "12"),
        ("id_street_label", "DU MAIL"),
        ("id_postal_code", "75002"),
    ]:
        tab_to(page, field)
        page.keyboard.type(text)
    expect(page.locator("#id_city")).to_have_value("75102")  # one commune: chosen at once
    stops = tab_to(page, "id_establishment_email")
    page.keyboard.type("contact@boulangerie.fr")
    stops = tab_to(page, "id_phone")
    assert stops == ["id_establishment_email_confirm", "id_phone"], stops  # visual order
    page.keyboard.type("01 42 33 44 55")
    page.locator("#id_establishment_email_confirm").focus()
    page.keyboard.type("contact@boulangerie.fr")
    for field, text in [
        ("id_last_name", "Menuça"),
        ("id_first_name", "Gérard"),
        ("id_user_phone", "06 12 34 56 78"),
        ("id_email", "gerard.menuca@exemple.fr"),
        ("id_email_confirm", "gerard.menuca@exemple.fr"),
        ("id_secret_question", "Nom de mon premier chien ?"),
        ("id_secret_answer", "Médor"),
        ("id_captcha_1", "PASSED"),
    ]:
        tab_to(page, field)
        page.keyboard.type(text)
    expect(send).to_have_attribute("aria-disabled", "false")
    tab_to(page, "ENVOYER")
    page.keyboard.press("Enter")
    page.get_by_text("Votre demande de création de compte a bien été transmise").wait_for()
    check(page, "create-space-3-done")


# Without JavaScript


@pytest.fixture
def no_js_page(browser, live_server, transactional_db):
    from habilitations.applications import ensure_applications
    from habilitations.models import Application

    ensure_applications(Application)
    context = browser.new_context(
        locale="fr-FR", base_url=live_server.url, java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_without_javascript_the_server_fills_the_ville_list(no_js_page, communes):
    page = no_js_page
    page.goto("/habilitations/creer-mon-espace/")
    page.get_by_label("N° de Siret").fill("73282932000074")
    page.get_by_label("Recopier le code ci-contre").fill("PASSED")
    page.locator("#id_accept_terms").check(force=True)
    page.get_by_role("button", name="VALIDER").click()
    page.get_by_label("Dénomination de l'établissement").fill("BOULANGERIE DU MAIL")
    page.get_by_label("Code postal").fill("01000")
    page.get_by_role("button", name="Afficher les villes de ce code postal").click()
    # (JavaScript is off: read the HTML rather than evaluate anything in the page)
    html = page.content()
    city = re.search(r'<select[^>]*id="id_city".*?</select>', html, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", city) == [
        "Choisissez la ville",
        "Bourg-en-Bresse",
        "Saint-Denis-lès-Bourg",
    ]
    assert "data-error-summary" not in html  # nothing checked, no captcha spent
    assert 'value="BOULANGERIE DU MAIL"' in html
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENS / f"create-space-nojs-villes-{width}.png"), full_page=True)
    # A CEDEX code unknown to the base: the département's communes and what to do.
    page.get_by_label("Code postal").fill("92057")
    page.get_by_role("button", name="Afficher les villes de ce code postal").click()
    html = page.content()
    assert ">Courbevoie</option>" in html
    assert (
        "S&#x27;il s&#x27;agit d&#x27;un code CEDEX" in html
        or "S'il s'agit d'un code CEDEX" in html
    )


def test_without_javascript_the_mobile_menu_opens(no_js_page):
    page = no_js_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/")
    menu = page.locator("#menu-mobile")
    link = menu.get_by_role("link", name="Créer mon espace")
    assert not link.is_visible()
    page.locator("a.apart-nojs-only", has_text="Menu").click()
    assert page.url.endswith("#menu-mobile")
    assert link.is_visible()
    assert menu.get_by_role("link", name="Se connecter").is_visible()
    page.screenshot(path=str(SCREENS / "menu-mobile-nojs-375.png"))


# A phone


def test_on_a_phone_the_login_is_one_tap_away(page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/habilitations/creer-mon-espace/")
    login = page.locator("a.apart-navbar-login")
    expect(login).to_be_visible()
    assert login.bounding_box()["y"] < 200
    login.click()
    page.get_by_label("Identifiant").wait_for()
    expect(page.get_by_label("Identifiant")).to_be_in_viewport()


def test_a_table_scrolls_with_the_keyboard_on_a_phone(page):
    call_command("load_demo", verbosity=0)
    log_in(page, "demo.comptable")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/etablissements/")
    region = page.locator(".fr-table__container[tabindex='0']").first
    expect(region).to_have_attribute("role", "region")
    assert "tableau" in region.get_attribute("aria-label")
    region.focus()
    before = region.evaluate("e => e.scrollLeft")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    wide = region.evaluate("e => e.scrollWidth > e.clientWidth")
    if wide:  # the browser may scroll smoothly: wait for the move rather than read at once
        page.wait_for_function(
            "([e, before]) => e.scrollLeft > before",
            arg=[region.element_handle(), before],
            timeout=3000,
        )


# A protected page comes back after login


def test_a_protected_page_comes_back_after_login(page):
    call_command("load_demo", verbosity=0)
    page.goto("/dap/decisions/")
    page.get_by_label("Identifiant").fill("demo.employeur")
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.wait_for_url(re.compile(r"/dap/decisions/$"))


# axe on every page of every journey, 1280 and 375 px


def test_every_page_of_every_journey(page, communes):
    call_command("load_demo", verbosity=0)
    public = [
        ("public-home", "/"),
        ("public-login", "/compte/connexion/"),
        ("public-create-space-1", "/habilitations/creer-mon-espace/"),
        ("public-forgotten-identifiant", "/compte/identifiant-oublie/"),
        ("public-forgotten-password", "/compte/mot-de-passe-oublie/"),
        ("public-help", "/aide/"),
        ("public-faq", "/aide/base-documentaire/"),
        ("public-faq-search", "/aide/base-documentaire/?q=oublie"),
        ("public-assistance", "/aide/demande-assistance/"),
        ("public-simulator", "/indemnisation/simulateur/"),
        ("public-accessibility", "/accessibilite/"),
        ("public-legal", "/mentions-legales/"),
        ("public-terms", "/conditions-generales-utilisation/"),
    ]
    for name, url in public:
        page.goto(url)
        check(page, name)

    page.goto("/compte/connexion/")
    page.get_by_role("button", name="Connexion").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check(page, "public-login-errors")
    page.goto("/aide/demande-assistance/")
    page.get_by_role("button", name="ENVOYER").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    check(page, "public-assistance-errors")
    page.goto("/habilitations/creer-mon-espace/")
    page.get_by_label("N° de Siret").fill("73282932000074")
    page.get_by_label("Recopier le code ci-contre").fill("PASSED")
    page.locator("label[for=id_accept_terms]").click(position={"x": 4, "y": 8})
    page.get_by_role("button", name="VALIDER").click()
    page.get_by_role("heading", name="CRÉATION DE COMPTE D'ACCÈS").wait_for()
    check(page, "create-space-2-form")
    page.locator("form[data-create-space]").evaluate("f => f.requestSubmit()")
    page.get_by_label("Code postal").fill("92057")
    expect(page.locator("#aide-ville")).to_contain_text("CEDEX")
    check(page, "create-space-2-cedex")

    journeys = {
        "demo.employeur": [
            ("employer-dashboard", "/etablissements/tableau-de-bord/"),
            ("employer-establishments", "/etablissements/"),
            ("employer-user-request", "/etablissements/demande-creation-compte/"),
            ("employer-dap", "/dap/"),
            ("employer-decisions", "/dap/decisions/"),
            ("employer-di", "/indemnisation/"),
        ],
        "demo.comptable": [
            ("accountant-establishments", "/etablissements/"),
            ("accountant-search-city", "/etablissements/?q=paris"),
            ("accountant-contract", "/etablissements/contrat-de-prestation/"),
        ],
        "demo.agent75": [
            ("agent-establishments", "/etablissements/"),
            ("agent-dap", "/dap/"),
            ("agent-di", "/indemnisation/"),
        ],
        "demo.support": [("support-queue", "/aide/support/demandes/")],
        "demo.dgefp": [
            ("dgefp-agents", "/aide/administration/agents/"),
            ("dgefp-new-agent", "/aide/administration/agents/nouveau/"),
            ("dgefp-banners", "/aide/administration/bandeaux/"),
            ("dgefp-journal", "/aide/administration/journal/"),
        ],
    }
    for identifiant, pages in journeys.items():
        page.context.clear_cookies()
        log_in(page, identifiant)
        for name, url in pages:
            page.goto(url)
            check(page, name)
        if identifiant == "demo.employeur":
            page.goto("/etablissements/")
            page.locator("tbody a").first.click()
            page.get_by_role("heading", name=re.compile("Fiche établissement")).wait_for()
            check(page, "employer-fiche")
            page.get_by_label("BIC").fill("AGRI")
            page.get_by_role("button", name="ENREGISTRER").click()
            expect(page.locator("[data-error-summary]")).to_be_focused()
            check(page, "employer-fiche-errors")
            page.get_by_role("link", name=re.compile("Utilisateurs")).first.click()
            page.wait_for_load_state()
            check(page, "employer-users")
