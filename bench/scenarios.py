"""The pages and filings of the benchmark, each measured against the ceiling."""

from dataclasses import dataclass

SIMULATION = (
    "/indemnisation/simulateur/?mode=salarie&month=4&year=2020&majore=non"
    "&hourly_pay=15&hours_worked=0&hours_not_worked=151.67"
)


@dataclass(frozen=True)
class Scenario:
    key: str
    label: str
    path: str
    mode: str = "get"  # get | login | filing | post
    cookie: str = ""
    expect: int = 200
    data: str = ""  # a data file of bench/run.py's work directory
    kind: str = "read"  # read | filing | login | ceiling
    user: str = ""  # who is logged in, for the SQL query count
    location: str = ""  # "post": the redirect of a success, "{}" being the item


CEILING = Scenario("plafond", "plafond (vue triviale)", "/bench/plafond/", kind="ceiling")
# The sends: POST path and the redirect of a send, "{}" being one item of the data file
# (a DAP number, a DI id) of bench/seeders/sends.py.
SENDS = {
    "dap_envoi": ("/dap/demandes/{}/envoyer/", "/dap/demandes/{}/"),
    "di_envoi": ("/indemnisation/{}/envoyer/", "/indemnisation/{}/"),
}
SEND_LABELS = {
    "dap_envoi": "envoi d'une DAP (brouillon → envoyée, accusé de réception)",
    "di_envoi": "envoi d'une DI (10 salariés, contrôles de la DA et du contingent)",
}


def scenarios(context: dict) -> list[Scenario]:
    cookies = context["cookies"]
    fiche = f"/etablissements/{context['fiche_siret']}/"
    return [
        Scenario("accueil", "accueil (anonyme)", "/"),
        Scenario("aide", "aide", "/aide/"),
        Scenario("simulateur", "simulateur (GET)", "/indemnisation/simulateur/"),
        Scenario("simulation", "simulateur, calcul (formulaire envoyé)", SIMULATION),
        Scenario("creer1", "créer mon espace, étape 1 (GET)", "/habilitations/creer-mon-espace/"),
        Scenario(
            "depot", "créer mon espace, étapes 1 + 2 POST (dépôt)", "", mode="filing",
            data="sirets", kind="filing",
        ),
        Scenario(
            "connexion", "connexion POST (Argon2 compris)", "/compte/connexion/", mode="login",
            data="logins", kind="login",
        ),
        Scenario(
            "tdb_comptable", "tableau de bord, expert-comptable 200 SIRET",
            "/etablissements/tableau-de-bord/", cookie=cookies["demo.comptable"],
            user="demo.comptable",
        ),
        Scenario(
            "liste", "liste des établissements, 200 SIRET", "/etablissements/",
            cookie=cookies["demo.comptable"], user="demo.comptable",
        ),
        Scenario(
            "recherche", "liste des établissements, recherche", "/etablissements/?q=DEMO+15",
            cookie=cookies["demo.comptable"], user="demo.comptable",
        ),
        Scenario(
            "tdb_employeur", "tableau de bord employeur", "/etablissements/tableau-de-bord/",
            cookie=cookies["demo.employeur"], user="demo.employeur",
        ),
        Scenario(
            "fiche", "fiche établissement (modifiable)", fiche,
            cookie=cookies["demo.employeur"], user="demo.employeur",
        ),
        Scenario(
            "support", "file du support", "/aide/support/demandes/",
            cookie=cookies["demo.support"], user="demo.support",
        ),
        *dap_scenarios(context),
        *di_scenarios(context),
        *send_scenarios(context),
    ]  # fmt: skip


def send_scenarios(context: dict) -> list[Scenario]:
    """DAP send and DI send by the seeded expert-comptable, one draft per POST; a send counts
    on its redirect and is confirmed in the database after the run (bench/report.py)."""
    sender = context.get("sender")
    if not sender:
        return []
    return [
        Scenario(
            key, SEND_LABELS[key], path, mode="post", cookie=context["cookies"][sender],
            expect=302, data=key, kind="filing", user=sender, location=location,
        )
        for key, (path, location) in SENDS.items()
    ]  # fmt: skip


def di_scenarios(context: dict) -> list[Scenario]:
    """The DI pages once issue 12 is in the tree and its volumes are seeded."""
    employer = context.get("di_employer")
    if not employer:
        return []
    cookie = context["cookies"][employer]
    return [
        Scenario("di_liste", "mes DI (employeur)", "/indemnisation/", cookie=cookie, user=employer),
        Scenario(
            "di_fiche", "une DI (10 salariés)", f"/indemnisation/{context['di_claim']}/",
            cookie=cookie, user=employer,
        ),
    ]  # fmt: skip


def dap_scenarios(context: dict) -> list[Scenario]:
    """The DAP pages once issue 11 is in the tree and its volumes are seeded."""
    if not context.get("dap_number"):
        return []
    cookies = context["cookies"]
    return [
        Scenario(
            "dap_file", "file d'instruction DAP, UD 75, statut envoyée",
            "/dap/instruction/?status=sent", cookie=cookies["demo.agent75"], user="demo.agent75",
        ),
        Scenario(
            "dap_recherche", "recherche d'une DAP par numéro (UD 75)",
            f"/dap/recherche/?q={context['dap_number']}", cookie=cookies["demo.agent75"],
            user="demo.agent75",
        ),
        Scenario(
            "dap_liste", "mes DAP (employeur)", "/dap/", cookie=cookies["bench.employeur40"],
            user="bench.employeur40",
        ),
    ]  # fmt: skip
