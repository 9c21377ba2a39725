"""The first content of the base documentaire, written from the FAQ SI APART of the DGEFP
(seeds 000, 001: « Process de récupération des identifiants », 14/04/2020; seed 003:
« FAQ SI Activité partielle – COVID-19 »). Loaded by a data migration and by
`manage.py load_faq` (idempotent: matched by slug, updated in place)."""

ASSISTANCE_HABILITATION = "/aide/demande-assistance/?motif=habilitation"

CATEGORIES = [
    ("acces", "Accès à l'extranet (connexion, identifiants)", 1),
    ("generalites", "Généralités", 2),
    ("dap-da", "Demandes d'autorisation préalable (DAP) et décisions d'autorisation (DA)", 3),
    ("indemnisation", "Demandes d'indemnisation (DI) et simulateur", 4),
]

VIGILANCE = """
<p><strong>Attention : deux points de vigilance :</strong></p>
<ul>
<li><strong>La procédure est valable 60 min</strong>, il faut donc être disponible pendant
ce délai.</li>
<li><strong>Vérifiez dans les spams</strong> (courriers indésirables) de votre messagerie si
vous ne voyez pas le courriel.</li>
</ul>
"""

CASE_2_MESSAGE = (
    "« L'établissement pour lequel vous demandez une création de compte a déjà créé un compte "
    "utilisateur. Veuillez-vous connecter sous ce compte pour ajouter le nouvel utilisateur. »"
)

# Entries of earlier versions that described screens the portal does not offer yet (DI
# follow-up…): unpublished on load, so that no entry promises what is not there.
WITHDRAWN = [
    "suivre-validation-di",
    "creation-di-procedure",
    "salaries-etrangers-ntt",
]

ENTRIES = [
    # --- Fiche pratique ---------------------------------------------------------------
    {
        "slug": "difficultes-de-connexion",
        "kind": "fiche",
        "category": "acces",
        "position": 0,
        "title": "Difficultés de connexion",
        "body": f"""
<p>Cette fiche pratique reprend le « Process de récupération des identifiants » : suivez les
étapes dans l'ordre et repérez le cas qui est le vôtre.</p>
<h2>1) Créer mon espace</h2>
<p>Allez sur la <a href="/">page d'accueil</a> et cliquez sur « <strong>CRÉER MON ESPACE</strong> »
(bloc MA PREMIÈRE CONNEXION).</p>
<h2>2) Indiquer le N° de Siret</h2>
<p>Saisissez le n° de SIRET de l'établissement et le code du contrôle de sécurité, acceptez les
conditions générales d'utilisation et cliquez sur VALIDER.</p>
<h2>Cas n°1 : l'établissement n'est pas connu du système</h2>
<p>Renseignez les informations nécessaires à la création du compte (information établissement,
compte utilisateur à créer, question secrète et réponse) et suivez la procédure. Vous recevez
trois courriels : votre IDENTIFIANT, votre MOT DE PASSE provisoire, puis votre HABILITATION.</p>
<h2>Cas n°2 : l'établissement existe déjà</h2>
<p>L'application renvoie le message suivant : {CASE_2_MESSAGE}</p>
<h3>Cas 2.1 : l'utilisateur précédent de ce compte a quitté l'entreprise, et vous n'avez plus
accès à la boîte mail déclarée</h3>
<p>Vous devez remplir un formulaire de demande d'assistance, via le menu « Besoin d'aide ? » /
<a href="{ASSISTANCE_HABILITATION}">Envoyer une demande d'assistance</a>, et renseigner le motif
« <strong>Habilitation à l'extranet</strong> ». Après vérification, le support de l'ASP
désigne le nouveau référent de l'établissement, qui reçoit ses identifiant, mot de passe et
habilitation.</p>
<h3>Cas 2.2 : vous n'avez pas connaissance de vos identifiant et / ou mot de passe</h3>
<ol>
<li>Cliquez sur « <strong>J'ai oublié mon identifiant</strong> » et suivez la procédure.</li>
<li>Cliquez sur « <strong>J'ai oublié mon mot de passe</strong> » et suivez la procédure.</li>
</ol>
{VIGILANCE}
<h2>Cas n°3 : vous n'avez toujours rien reçu</h2>
<p>Il est possible que vos serveurs d'entreprise bloquent les messages qui vous sont transmis ou
qu'une intervention plus lourde doive être effectuée par l'ASP. Dans ce cas, il faut
« <strong>Envoyer une demande d'assistance technique</strong> » en choisissant le motif
« <strong>Habilitation à l'extranet</strong> » : cliquez sur « Besoin d'aide ? », choisissez
« Envoyer une demande d'assistance », puis le motif « Habilitation à l'extranet » dans
« Motif de la demande ».</p>
<p><a href="{ASSISTANCE_HABILITATION}">Envoyer une demande d'assistance « Habilitation à
l'extranet »</a></p>
""",
    },
    # --- Accès ---------------------------------------------------------------------------
    {
        "slug": "creer-mon-espace",
        "kind": "faq",
        "category": "acces",
        "position": 1,
        "title": "Comment créer l'espace de mon établissement ?",
        "body": """
<p>Pour accéder à vos services en ligne, vous devez d'abord créer un espace pour l'entreprise
que vous représentez. Pour cela, munissez-vous au préalable de votre SIRET avant de commencer la
procédure.</p>
<ol>
<li>Sur la <a href="/">page d'accueil</a>, cliquez sur « CRÉER MON ESPACE ».</li>
<li>Saisissez le N° de Siret de l'établissement pour lequel vous demandez une création de compte
et le code du contrôle de sécurité, acceptez les conditions générales d'utilisation puis
cliquez sur VALIDER.</li>
<li>Complétez l'information établissement et le compte utilisateur à créer (nom, prénom,
téléphone, courriel, question secrète et réponse).</li>
</ol>
<p>Vous êtes expert-comptable et vous représentez un établissement ? Utilisez le bouton
« CONTRAT DE PRESTATION » de la page d'accueil.</p>
""",
    },
    {
        "slug": "etablissement-inconnu-cas-1",
        "kind": "faq",
        "category": "acces",
        "position": 2,
        "title": "Cas n°1 : l'établissement n'est pas connu du système",
        "body": """
<p>Renseignez les informations nécessaires à la création du compte, et suivez la procédure :
information établissement (dénomination, adresse, téléphone fixe, courriel établissement) et
compte utilisateur à créer (nom, prénom, téléphone, courriel, question secrète, réponse).</p>
<p>Vous recevez ensuite trois courriels : l'IDENTIFIANT de connexion, le MOT DE PASSE
provisoire (à saisir sans les crochets), puis l'HABILITATION, qui indique la date à compter de
laquelle vous pouvez vous connecter. Conservez-les.</p>
""",
    },
    {
        "slug": "etablissement-deja-inscrit-cas-2",
        "kind": "faq",
        "category": "acces",
        "position": 3,
        "title": "Cas n°2 : l'établissement a déjà un compte",
        "body": f"""
<p>Si l'établissement existe déjà, l'application renvoie le message suivant :
{CASE_2_MESSAGE}</p>
<ul>
<li><strong>Cas 2.1</strong> : l'utilisateur précédent de ce compte a quitté l'entreprise et vous
n'avez plus accès à la boîte mail déclarée : remplissez un formulaire de
<a href="{ASSISTANCE_HABILITATION}">demande d'assistance</a> avec le motif « Habilitation à
l'extranet ».</li>
<li><strong>Cas 2.2</strong> : vous n'avez pas connaissance de vos identifiant et / ou mot de
passe : cliquez sur « J'ai oublié mon identifiant » et / ou « J'ai oublié mon mot de passe »
et suivez la procédure.</li>
</ul>
""",
    },
    {
        "slug": "referent-parti-cas-2-1",
        "kind": "faq",
        "category": "acces",
        "position": 4,
        "title": "Cas 2.1 : le référent de l'établissement a quitté l'entreprise",
        "body": f"""
<p>L'utilisateur précédent de ce compte a quitté l'entreprise, et vous n'avez plus accès à la
boîte mail déclarée : vous devez remplir un formulaire de demande d'assistance, via le menu
« Besoin d'aide ? » / Envoyer une demande d'assistance, et renseigner le motif
« <strong>Habilitation à l'extranet</strong> ».</p>
<p>Indiquez le N° de Siret, la dénomination de l'établissement et vos coordonnées. Le support
de l'ASP vérifie votre demande, puis vous désigne comme nouveau référent : vous recevez vos
identifiant, mot de passe et habilitation par courriel. L'ancien référent n'a plus accès à
l'établissement.</p>
<p><a href="{ASSISTANCE_HABILITATION}">Envoyer une demande d'assistance « Habilitation à
l'extranet »</a></p>
""",
    },
    {
        "slug": "premiere-connexion",
        "kind": "faq",
        "category": "acces",
        "position": 5,
        "title": "Ma première connexion",
        "body": """
<p>Vous pouvez vous connecter une fois reçu le courriel d'HABILITATION, à compter de la date
qu'il indique.</p>
<ol>
<li>Dans MON ESPACE PERSONNEL, saisissez votre <strong>identifiant</strong> (par exemple
prenom.nom1) : ne pas saisir d'adresse de messagerie.</li>
<li>Saisissez le mot de passe provisoire reçu par courriel, sans les crochets [ ].</li>
<li>À la première connexion, vous devez changer votre mot de passe : ancien mot de passe,
nouveau mot de passe et confirmation. Le nouveau mot de passe comporte au moins 8 caractères,
dont au moins une minuscule, une majuscule, un chiffre et un caractère spécial (par exemple
, ? ! : ; % #), sans caractère accentué, et différent de l'identifiant.</li>
<li>Reconnectez-vous ensuite avec votre nouveau mot de passe.</li>
</ol>
<p>Le même identifiant et le même mot de passe servent sur les autres extranets de l'ASP
(SYLAé, Service Civique, Entreprises Adaptées…).</p>
""",
    },
    {
        "slug": "mot-de-passe-oublie",
        "kind": "faq",
        "category": "acces",
        "position": 6,
        "title": "J'ai oublié mon mot de passe",
        "body": f"""
<ol>
<li>Sur la <a href="/">page d'accueil</a>, cliquez sur « <strong>J'ai oublié mon mot de
passe</strong> ».</li>
<li>Saisissez votre identifiant (pas votre adresse de messagerie) et le résultat de l'opération
demandée, puis répondez à votre question secrète.</li>
<li>Un courriel « Réinitialisation de votre mot de passe » vous est envoyé : cliquez sur le lien
qu'il contient et indiquez votre nouveau mot de passe.</li>
</ol>
{VIGILANCE}
<p>Si le lien a expiré, recommencez la procédure pour recevoir un nouveau lien.</p>
""",
    },
    {
        "slug": "identifiant-oublie",
        "kind": "faq",
        "category": "acces",
        "position": 7,
        "title": "J'ai oublié mon identifiant",
        "body": f"""
<ol>
<li>Sur la <a href="/">page d'accueil</a>, cliquez sur « <strong>J'ai oublié mon
identifiant</strong> ».</li>
<li>Saisissez votre courriel et le résultat de l'opération demandée, puis cliquez sur
Continuer.</li>
<li>Répondez à votre question secrète et validez : votre identifiant vous est envoyé par
courriel.</li>
</ol>
{VIGILANCE}
<p>Sans la réponse à la question secrète, l'identifiant ne peut pas être retrouvé : envoyez une
<a href="{ASSISTANCE_HABILITATION}">demande d'assistance « Habilitation à l'extranet »</a>.</p>
""",
    },
    {
        "slug": "rien-recu-cas-3",
        "kind": "faq",
        "category": "acces",
        "position": 8,
        "title": "Cas n°3 : je n'ai toujours rien reçu",
        "body": f"""
<p>Il est possible que vos serveurs d'entreprise bloquent les messages qui vous sont transmis ou
qu'une intervention plus lourde doive être effectuée par l'ASP. Vérifiez d'abord vos spams,
puis « Envoyez une demande d'assistance technique » en choisissant le motif
« <strong>Habilitation à l'extranet</strong> ».</p>
<p><a href="{ASSISTANCE_HABILITATION}">Envoyer une demande d'assistance</a></p>
""",
    },
    {
        "slug": "compte-sylae-ou-autre-extranet",
        "kind": "faq",
        "category": "acces",
        "position": 9,
        "title": "J'ai déjà un compte SYLAé ou sur un autre extranet de l'ASP",
        "body": """
<p>Un établissement ayant déjà des comptes sur d'autres SI de l'ASP doit tout de même faire la
demande de « <em>Création d'espace personnel</em> » (CRÉER MON ESPACE) sur la page de connexion
de l'extranet Activité Partielle. L'habilitation sera en revanche donnée sur le couple
identifiant / mot de passe existant déjà : vous recevez seulement le courriel d'HABILITATION.</p>
<p>Si vous ne vous souvenez plus de vos identifiant et / ou mot de passe SYLAé, il est possible
de les retrouver grâce à la même procédure : « J'ai oublié mon identifiant » et / ou « J'ai
oublié mon mot de passe ».</p>
""",
    },
    {
        "slug": "changement-expert-comptable",
        "kind": "faq",
        "category": "acces",
        "position": 10,
        "title": "Changement d'expert-comptable : comment conserver l'accès aux dossiers ?",
        "body": """
<p>L'expert-comptable qui crée l'espace d'un établissement doit penser à créer aussi un
utilisateur de l'entreprise et à l'ajouter au SIRET qu'il gère (DEMANDE CRÉATION DE COMPTE).
Cela permet de sécuriser le compte et de conserver l'accès aux dossiers de l'entreprise : il
sera ainsi possible à l'entreprise de créer un nouvel utilisateur de manière autonome, en cas de
changement de cabinet comptable.</p>
""",
    },
    # --- Généralités ------------------------------------------------------------------------
    {
        "slug": "espace-documentaire-pieces-jointes",
        "kind": "faq",
        "category": "generalites",
        "position": 1,
        "title": "Espace documentaire : combien de pièces jointes puis-je déposer ?",
        "body": """
<p>L'espace documentaire est limité à <strong>3 pièces jointes de 400 ko chacune</strong>,
ceci afin de garantir la performance de l'extranet Activité Partielle alors qu'il fait l'objet
d'une très forte sollicitation.</p>
<p>Réduisez si besoin la taille de vos documents (numérisation en noir et blanc, résolution
plus faible) ou regroupez-les en un seul fichier.</p>
""",
    },
    {
        "slug": "agents-autres-services-etat",
        "kind": "faq",
        "category": "generalites",
        "position": 2,
        "title": "Des agents d'autres services de l'État peuvent-ils instruire les demandes ?",
        "body": """
<p>Ce cas de figure est tout à fait possible, l'accès au SI étant possible de n'importe quel
ordinateur connecté à internet. Il faut demander cependant une <strong>ouverture de
droit</strong> comme tout agent travaillant en DIRECCTE : l'administrateur de la DGEFP crée le
compte de l'agent, lui donne son rôle et son périmètre territorial (départements).</p>
""",
    },
    {
        "slug": "navigateurs",
        "kind": "faq",
        "category": "generalites",
        "position": 3,
        "title": "Quel navigateur utiliser ?",
        "body": """
<p>En 2020, le fonctionnement nominal de l'extranet était assuré sous Mozilla Firefox mais
semblait moins systématique avec les autres navigateurs. Le portail fonctionne désormais avec
les versions récentes de tous les navigateurs courants (Firefox, Chrome, Edge, Safari).
Si une page ne s'affiche pas correctement, mettez votre navigateur à jour puis
<a href="/aide/demande-assistance/">envoyez une demande d'assistance</a>.</p>
""",
    },
    # --- DAP / DA ---------------------------------------------------------------------------
    {
        "slug": "validation-tacite-48h",
        "kind": "faq",
        "category": "dap-da",
        "position": 1,
        "title": "Qu'est-ce que l'acceptation tacite d'une DAP en 48 heures ?",
        "body": """
<p>La règle de gestion est la suivante : « <em>L'acceptation tacite est effectuée
automatiquement après un délai de 48 heures sans conclusion (invalidation, refus ou validation)
de l'instruction de la DAP par l'UD</em> ».</p>
<p>Le délai est de 48 heures pour les demandes envoyées du 26 mars au 30 septembre 2020, de
15 jours pour les autres (article R5122-4 du code du travail). Le traitement d'acceptation
tacite tourne à 6h et 20h chaque jour ouvré (heure de Paris) : il prend toutes les DAP
<strong>et tous les avenants</strong> dont le délai est écoulé sans conclusion, quel que soit le
temps écoulé depuis le traitement précédent, et jamais une demande avant la fin de son délai.
Chaque demande envoyée indique la date et l'heure auxquelles elle sera acceptée tacitement au
plus tard. La décision d'autorisation est alors disponible dans l'espace de l'établissement et
l'employeur en est informé par courriel.</p>
""",
    },
    {
        "slug": "recherche-dap-numero-lettres",
        "kind": "faq",
        "category": "dap-da",
        "position": 2,
        "title": "Rechercher une DAP, une DA ou une DI dont le numéro contient des lettres",
        "body": """
<p>Les numéros de DAP, d'avenant, de DA et de DI contiennent des lettres et des chiffres. La
recherche par numéro est exacte et ne tient compte ni des majuscules et minuscules, ni des
espaces : saisissez ou collez le numéro complet dans
<a href="/dap/recherche/">Rechercher une demande ou une décision</a>. La recherche par
<strong>N° de Siret</strong> (14 chiffres) donne toutes les demandes et décisions de
l'établissement.</p>
<p>Le code pour l'indemnisation figure sur la décision d'autorisation, avec un bouton pour le
copier ; il ne contient ni 0 ni O, ni 1, I ou L.</p>
""",
    },
    # --- DI ---------------------------------------------------------------------------------
    {
        "slug": "simulateur-indemnisation",
        "kind": "faq",
        "category": "indemnisation",
        "position": 1,
        "title": "Simuler le montant de l'indemnisation",
        "body": """
<p>« Simulation de l'indemnisation de l'employeur en cas d'activité partielle » : estimez le
montant remboursé par l'État au titre d'une période d'activité partielle des salariés, depuis
la <a href="/">page d'accueil</a> du portail.</p>
<p>Le ministère du Travail a également mis en ligne un simulateur :
<a href="https://www.simulateurap.emploi.gouv.fr/">https://www.simulateurap.emploi.gouv.fr/</a>.</p>
""",
    },
]


def load(Category, Entry, sanitize, *, only: set[str] | None = None) -> tuple[int, int]:
    """Create or update the shipped content (or only the entries of these slugs); returns
    (created, updated)."""
    categories = {}
    for slug, name, position in CATEGORIES:
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
    created = updated = 0
    for item in ENTRIES:
        if only is not None and item["slug"] not in only:
            continue
        _entry, was_created = Entry.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "kind": item["kind"],
                "category": categories[item["category"]],
                "title": item["title"],
                "body": sanitize(" ".join(item["body"].split("\n")).strip()),
                "position": item["position"],
                "published": True,
            },
        )
        created += was_created
        updated += not was_created
    Entry.objects.filter(slug__in=WITHDRAWN).update(published=False)
    return created, updated
