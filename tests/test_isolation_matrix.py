"""Every URL × every persona × a real object (design: Roles, rights and isolation).

The URLs are read from the resolver, so a URL added later is in the matrix at once. A URL
that is in no class below makes the test fail: classify it (and, if it takes a new
parameter, add a filler in FILLERS that returns a real object).

Every parameter is filled with an object that exists (issue 10, hole 10): a refusal is
only proof when the object is there, a 404 on an id that does not exist proves nothing.
Back-office routes have a declared table of who gets what (BACKOFFICE); public URLs are
opened as every persona; the Django admin's URLs are in (ADMIN).

The 2020 bug "l'établissement A voit les informations de B" (seed 003) is checked on every
response: the SIRET and dénomination of the other establishment never appear.
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from habilitations.enums import AttachmentRole
from habilitations.models import Attachment

PERSONAS = [
    "anonymous",
    "employer_a",
    "employer_b",
    "accountant_a",
    "ud_agent_a",
    "ud_agent_other",
    "support_agent",
    "dgefp_admin",
]
SEES_A = {"employer_a", "accountant_a", "ud_agent_a", "support_agent", "dgefp_admin"}
MANAGES_A = {"employer_a", "accountant_a"}
ESTABLISHMENT_PERSONAS = {"employer_a", "employer_b", "accountant_a"}
# Whose responses must never show B's data, and whose must never show A's.
MUST_NOT_SEE_B = {"employer_a", "accountant_a", "ud_agent_a"}
MUST_NOT_SEE_A = {"employer_b", "ud_agent_other"}

# Outside the employer space: public pages, the account pages, back-office tools with
# their own tests. Listed one by one so that a new URL is never public by accident.
PUBLIC = {
    "home",
    "legal_notice",
    "accessibility",
    "terms",
    "technical_support",
    "health",
    "dev_mailbox",
    "dev_mailbox_email",
    "accounts:login",
    "accounts:logout",
    "accounts:forgotten_password",
    "accounts:forgotten_password_question",
    "accounts:forgotten_password_sent",
    "accounts:password_reset_link",
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:forgotten_identifiant",
    "accounts:forgotten_identifiant_question",
    "accounts:forgotten_identifiant_sent",
    "habilitations:create_space",
    "habilitations:create_space_form",
    "habilitations:create_space_done",
    "establishments:communes",
    "establishments:naf_search",
    "establishments:idcc_search",
    "establishments:service_contract",
    "indemnisation:simulator",
    "support:help",
    "support:faq",
    "support:entry",
    "support:entry_attachment",
    "support:assistance",
    "support:assistance_sent",
    "captcha-image",
    "captcha-image-2x",
    "captcha-audio",
    "captcha-refresh",
}
# Logged in, but no establishment data: the first-login password change.
ACCOUNT = {"accounts:first_password_change"}
# Logged in: a redirection to the person's own starting page, no data.
REDIRECT = {"landing"}
# Pages of the employer space without parameters: every logged-in persona gets its own
# (scoped) view of them; nothing of another establishment.
SPACE_GET = {
    "establishments:dashboard",
    "establishments:list",
    "establishments:user_request",
    "dap:list",
    "dap:decisions",
    "dap:search",
    "indemnisation:list",
    "indemnisation:csv_template",
}
# POST with an empty form: every logged-in persona gets the form back with its errors.
SPACE_POST_FORM = {"indemnisation:create"}
# POST, with the SIRET of A in the body.
SPACE_POST_SIRET = {"establishments:switch"}
# Read an object of A: those who see A; 404 for the others.
READ_A = {
    "establishments:detail",
    "establishments:users",
    "establishments:rib",
    "dap:detail",
    "dap:receipt",
    "dap:document",
    "dap:decision",
    "dap:decision_pdf",
    "indemnisation:detail",
    "indemnisation:recap",
    "indemnisation:lines_csv",
}
# Change an object of A (POST): who may, by route; 404 for those who cannot see A, 403
# for those who see it without this right.
MANAGE_A = {
    "establishments:user_remove": {"employer_a", "accountant_a"},
    # Only the principal user designates another one (issue 10, hole 6).
    "establishments:principal_change": {"employer_a"},
    "dap:send": MANAGES_A,
    "dap:document_upload": MANAGES_A,
    "dap:document_remove": MANAGES_A,
    "indemnisation:line_delete": MANAGES_A,
    "indemnisation:file": MANAGES_A,
    "indemnisation:withdraw": MANAGES_A,
    "indemnisation:new_version": MANAGES_A,
}
# Change an object of A with a form (POST, empty): its managers get the form back (400).
MANAGE_A_FORM = {"indemnisation:import", "indemnisation:line_add"}
# Forms that change an object of A (GET): its users who manage it get the page or a
# redirection with a message (e.g. a sent request cannot be edited); 404 for anyone else.
MANAGE_A_GET = {"dap:new", "dap:edit", "dap:avenant"}
# Instruction of A's requests (POST): only the UD agent of A's département.
INSTRUCT_A = {"dap:instruct", "indemnisation:instruct"}
# The agents' queue: agents (scoped to their départements) and national profiles.
AGENT_GET = {"dap:queue", "indemnisation:queue"}
# The DGEFP's batch line (support and DGEFP read) and button (DGEFP only).
DGEFP_GET = {"dap:batch", "indemnisation:batch"}
DGEFP_POST = {"dap:batch_start", "indemnisation:batch_start"}
AGENTS = {"ud_agent_a", "ud_agent_other", "support_agent", "dgefp_admin"}
SUPPORT = {"support_agent"}
DGEFP = {"dgefp_admin"}
READERS = SUPPORT | DGEFP
# Agents' back-office: (method, who is let in). Everyone else logged in gets 403.
BACKOFFICE = {
    "support:queue": ("get", READERS),
    "support:ticket": ("get", READERS),
    "support:ticket_reply": ("post", SUPPORT),
    "support:ticket_close": ("post", SUPPORT),
    "support:ticket_reopen": ("post", SUPPORT),
    "support:ticket_replace_referent": ("get", SUPPORT),
    "support:agents": ("get", DGEFP),
    "support:agent_new": ("get", DGEFP),
    "support:agent": ("get", DGEFP),
    "support:agent_suspend": ("post", DGEFP),
    "support:agent_reactivate": ("post", DGEFP),
    "support:audit_log": ("get", DGEFP),
    "support:banners": ("get", DGEFP),
    "support:banner_new": ("get", DGEFP),
    "support:banner_edit": ("get", DGEFP),
    "support:banner_end": ("post", DGEFP),
}

# How to fill each URL parameter with a real object: (route, parameter) first, then the
# parameter alone.
FILLERS = {
    ("support:entry_attachment", "attachment_id"): lambda world: world.entry_attachment.pk,
    ("support:entry_attachment", "slug"): lambda world: world.entry_attachment.entry.slug,
    "siret": lambda world: world.establishment_a.siret,
    "attachment_id": lambda world: world.accountant_attachment.pk,
    "reference": lambda world: world.ticket.reference,
    "slug": lambda world: world.entry_attachment.entry.slug,
    "token": lambda world: world.reset_token,
    "email_id": lambda world: world.email.pk,
    "key": lambda world: world.captcha_key,
    "number": lambda world: world.dap_a.number,
    "decision_number": lambda world: world.decision_a.number,
    "document_id": lambda world: world.document_a.pk,
    "claim_id": lambda world: claim_of_a(world).pk,
    "position": lambda world: 1,
}
PK_FILLERS = {
    "support:agent": lambda world: world.agent_habilitation.pk,
    "support:banner": lambda world: world.banner.pk,
}


def claim_of_a(world):
    """A filed DI of establishment A with one employee (made once per test)."""
    if not hasattr(world, "claim_a"):
        from indemnisation.tests.helpers import claim_with_lines

        world.claim_a = claim_with_lines(world.establishment_a, filed=True)
    return world.claim_a


@dataclass
class Route:
    name: str
    pattern: URLPattern
    params: list[str]

    def __str__(self):
        return self.name


def _walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace or namespace
            if entry.namespace and namespace:
                inner = f"{namespace}:{entry.namespace}"
            yield from _walk(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                name = "<media>" if "media" in str(entry.pattern) else f"<unnamed {entry.pattern}>"
            else:
                name = entry.name
            name = f"{namespace}:{name}" if namespace else name
            yield Route(name, entry, list(entry.pattern.regex.groupindex))


def all_routes() -> list[Route]:
    return [r for r in _walk(get_resolver().url_patterns) if not r.name.startswith("admin:")]


def classify(name: str) -> str | None:
    for label, names in (
        ("public", PUBLIC),
        ("account", ACCOUNT),
        ("redirect", REDIRECT),
        ("space_get", SPACE_GET),
        ("space_post_siret", SPACE_POST_SIRET),
        ("space_post_form", SPACE_POST_FORM),
        ("read_a", READ_A),
        ("manage_a", MANAGE_A),
        ("manage_a_get", MANAGE_A_GET),
        ("manage_a_form", MANAGE_A_FORM),
        ("instruct_a", INSTRUCT_A),
        ("agent_get", AGENT_GET),
        ("dgefp_get", DGEFP_GET),
        ("dgefp_post", DGEFP_POST),
        ("backoffice", BACKOFFICE),
    ):
        if name in names:
            return label
    return None


ROUTES = all_routes()


def test_every_url_is_classified():
    unclassified = [r.name for r in ROUTES if classify(r.name) is None]
    assert not unclassified, (
        f"URL(s) not classified in tests/test_isolation_matrix.py: {unclassified}. Add each one "
        "to PUBLIC, ACCOUNT, REDIRECT, SPACE_GET, READ_A, MANAGE_A, BACKOFFICE (or a new "
        "class) so the "
        "isolation "
        "matrix knows who may open it."
    )


@dataclass
class World:
    establishment_a: object
    establishment_b: object
    accountant_attachment: object
    ticket: object
    agent_habilitation: object
    banner: object
    entry_attachment: object
    email: object
    reset_token: str
    captcha_key: str
    dap_a: object = None
    decision_a: object = None
    document_a: object = None


def _dap_world(establishment_a, establishment_b):
    """A's sent DAP with a document and A's DA; B has the same (the other party's data)."""
    from django.utils import timezone

    from dap.models import Document
    from dap.tests import factories as dap_factories

    objects = {}
    for key, establishment in (("a", establishment_a), ("b", establishment_b)):
        dap_factories.complete_fiche(establishment)
        dap = dap_factories.sent_request(establishment, timezone.now())
        document = Document(
            request=dap, original_name="avis-cse.pdf", content_type="application/pdf", size=9
        )
        document.file.save("avis-cse.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        objects[key] = (dap, dap_factories.decision(establishment), document)
    return objects


@pytest.fixture
def world(request, establishment_a, establishment_b, employer_a, employer_b, accountant_a):
    from captcha.models import CaptchaStore

    from accounts.recovery import password_reset_request
    from apart.core.models import OutboxEmail
    from support.models import Category, Entry, EntryAttachment, InformationBanner
    from support.services.tickets import ticket_submit

    for persona in PERSONAS[4:]:
        request.getfixturevalue(persona)
    establishment_a.rib_file.save("rib.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    attachment = Attachment.objects.get(
        habilitation__user=accountant_a, role=AttachmentRole.ACCOUNTANT
    )
    category = Category.objects.create(name="Habilitations", slug="habilitations")
    entry = Entry.objects.create(category=category, title="Se connecter", slug="se-connecter",
                                 body="Comment se connecter.")  # fmt: skip
    entry_attachment = EntryAttachment.objects.create(entry=entry, title="Guide")
    entry_attachment.file.save("guide.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    ticket = ticket_submit(
        siret="73282932000074", denomination="ENTREPRISE TIERCE", requester_name="DURAND Luc",
        phone="+33102030405", email="luc.durand@exemple.fr", motif="habilitation",
        description="Mon référent est parti.",
    )  # fmt: skip
    agent = request.getfixturevalue("ud_agent_other")
    OutboxEmail.objects.all().delete()  # the dev mailbox lists emails: none of A or B
    email = OutboxEmail.objects.create(recipient="x@exemple.fr", subject="Essai", body_text="x")
    dap_a, decision_a, document_a = _dap_world(establishment_a, establishment_b)["a"]
    return World(
        dap_a=dap_a,
        decision_a=decision_a,
        document_a=document_a,
        establishment_a=establishment_a,
        establishment_b=establishment_b,
        accountant_attachment=attachment,
        ticket=ticket,
        agent_habilitation=agent.habilitations.get(),
        banner=InformationBanner.objects.create(message="Maintenance prévue."),
        entry_attachment=entry_attachment,
        email=email,
        reset_token=password_reset_request(user=request.getfixturevalue("ud_agent_a")),
        captcha_key=CaptchaStore.generate_key(),
    )


def filler(route: Route, param: str):
    if param == "pk":
        return next((f for p, f in PK_FILLERS.items() if route.name.startswith(p)), None)
    return FILLERS.get((route.name, param)) or FILLERS.get(param)


def fill(route: Route, world: World) -> str:
    missing = [p for p in route.params if filler(route, p) is None]
    if missing:
        pytest.fail(
            f"{route.name}: no filler for parameter(s) {missing}. Add to FILLERS in "
            "tests/test_isolation_matrix.py a function returning a real object."
        )
    kwargs = {p: filler(route, p)(world) for p in route.params}
    return reverse(route.name, kwargs=kwargs)


def login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(
        resolve_url(settings.LOGIN_URL) + "?next="
    )


def request_as(client, persona, route, url, world):
    label = classify(route.name)
    if label == "space_post_siret":
        return client.post(url, {"siret": world.establishment_a.siret})
    if label in ("manage_a", "manage_a_form", "instruct_a", "dgefp_post", "space_post_form") or (
        label == "backoffice" and BACKOFFICE[route.name][0] == "post"
    ):
        return client.post(url, {})
    return client.get(url)


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode("utf-8", "replace")


# For the DAP classes: the statuses a persona may get.
EXPECTED = {
    "manage_a_get": lambda p: (200, 302) if p in MANAGES_A else (404,),
    "manage_a_form": lambda p: (400,) if p in MANAGES_A else (404,),
    "space_post_form": lambda p: (400,),
    "instruct_a": lambda p: (302,) if p == "ud_agent_a" else (403, 404),
    "agent_get": lambda p: (200,) if p in AGENTS else (403,),
    "dgefp_get": lambda p: (200,) if p in ("support_agent", "dgefp_admin") else (403,),
    "dgefp_post": lambda p: (302,) if p == "dgefp_admin" else (403,),
}


def expect(route: Route, persona: str, response) -> None:
    label, status = classify(route.name), response.status_code
    if persona == "anonymous":
        assert login_redirect(response), f"anonymous got {status}"
        return
    if label in ("space_get", "account"):
        assert status == 200, status
    elif label == "redirect":
        assert status == 302 and not login_redirect(response), status
    elif label == "space_post_siret":
        assert status == (302 if persona in SEES_A else 404), status
    elif label == "read_a":
        assert status == (200 if persona in SEES_A else 404), status
    elif label == "manage_a":
        allowed = MANAGE_A[route.name]
        assert status == (302 if persona in allowed else 403 if persona in MANAGES_A else 404), (
            status
        )
    elif label in EXPECTED:
        assert status in EXPECTED[label](persona), status
    elif label == "backoffice":
        if persona in BACKOFFICE[route.name][1]:
            assert status in (200, 302, 400), status  # 400: let in, the empty form refused
        else:
            assert status == 403, status


def assert_no_leak(persona, response, world):
    text = body(response)
    if persona in MUST_NOT_SEE_B:
        other = world.establishment_b
    elif persona in MUST_NOT_SEE_A:
        other = world.establishment_a
    else:
        return
    assert other.siret not in text, f"{persona} sees the SIRET of {other.denomination}"
    assert other.denomination not in text, f"{persona} sees {other.denomination}"


def as_every_persona(request, route, check) -> None:
    """Run `check(client, persona)` for each persona on one route (one world per route keeps
    the matrix fast); report every persona that failed, not only the first."""
    failures = []
    for persona in PERSONAS:
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        try:
            with transaction.atomic():  # what one persona changes, the next one does not see
                check(client, persona)
                transaction.set_rollback(True)
        except AssertionError as error:
            failures.append(f"{persona}: {error}")
    assert not failures, f"{route.name}: " + "; ".join(failures)


PROTECTED = [r for r in ROUTES if classify(r.name) not in ("public", None)]


@pytest.mark.parametrize("route", PROTECTED, ids=str)
def test_isolation_matrix(request, world, route):
    url = fill(route, world)

    def check(client, persona):
        response = request_as(client, persona, route, url, world)
        expect(route, persona, response)
        assert_no_leak(persona, response, world)

    as_every_persona(request, route, check)


PUBLIC_ROUTES = [r for r in ROUTES if classify(r.name) == "public" and r.name != "accounts:logout"]


@pytest.mark.parametrize("route", PUBLIC_ROUTES, ids=str)
def test_public_urls_as_every_persona_show_no_other_establishment(request, world, route):
    url = fill(route, world)

    def check(client, persona):
        response = client.get(url)
        assert response.status_code < 500, response.status_code
        assert_no_leak(persona, response, world)
        if persona == "anonymous":
            text = body(response)
            for establishment in (world.establishment_a, world.establishment_b):
                assert establishment.siret not in text

    as_every_persona(request, route, check)
