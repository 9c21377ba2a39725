"""Every URL × every persona × an object of establishment A (design: Roles, rights and isolation).

The URLs are read from the resolver, so a URL added later is in the matrix at once. A URL
that is in no class below makes the test fail: classify it (and, if it takes a new
parameter, add a filler in PARAM_FILLERS that builds an object of establishment A).

The 2020 bug "l'établissement A voit les informations de B" (seed 003) is checked on every
response: the SIRET and dénomination of the other establishment never appear.
"""

from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.shortcuts import resolve_url
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
    "<media>",  # DEBUG only (development); RIBs are served by establishments:rib
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
# Change an object of A: its users who manage it (POST); 404 for anyone else.
MANAGE_A = {
    "establishments:principal_change",
    "establishments:user_remove",
    "dap:send",
    "dap:document_upload",
    "dap:document_remove",
    "indemnisation:line_delete",
    "indemnisation:file",
    "indemnisation:withdraw",
    "indemnisation:new_version",
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
# Agents' back-office (support and DGEFP): establishment users and anonymous are refused.
BACKOFFICE_PREFIXES = (
    "support:queue",
    "support:ticket",
    "support:agent",
    "support:audit_log",
    "support:banner",
)

# How to fill each URL parameter with an object of establishment A.
PARAM_FILLERS = {
    "siret": lambda world: world.establishment_a.siret,
    "attachment_id": lambda world: world.accountant_attachment.pk,
    # back-office and public parameters: any value (the class only checks refusals)
    "reference": lambda world: "AP-INCONNU",
    "pk": lambda world: 999999,
    "slug": lambda world: "inconnu",
    "token": lambda world: "inconnu",
    "email_id": lambda world: 999999,
    "key": lambda world: "inconnu",
    "path": lambda world: "inconnu",
    "number": lambda world: world.dap_a.number,
    "decision_number": lambda world: world.decision_a.number,
    "document_id": lambda world: world.document_a.pk,
    "claim_id": lambda world: claim_of_a(world).pk,
    "position": lambda world: 1,
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
    ):
        if name in names:
            return label
    if name.startswith(BACKOFFICE_PREFIXES):
        return "backoffice"
    return None


ROUTES = all_routes()


def test_every_url_is_classified():
    unclassified = [r.name for r in ROUTES if classify(r.name) is None]
    assert not unclassified, (
        f"URL(s) not classified in tests/test_isolation_matrix.py: {unclassified}. Add each one "
        "to PUBLIC, ACCOUNT, REDIRECT, SPACE_GET, READ_A, MANAGE_A (or a new class) so the "
        "isolation "
        "matrix knows who may open it."
    )


@dataclass
class World:
    establishment_a: object
    establishment_b: object
    accountant_attachment: object
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
    for persona in PERSONAS[4:]:
        request.getfixturevalue(persona)
    establishment_a.rib_file.save("rib.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    attachment = Attachment.objects.get(
        habilitation__user=accountant_a, role=AttachmentRole.ACCOUNTANT
    )
    dap_a, decision_a, document_a = _dap_world(establishment_a, establishment_b)["a"]
    return World(establishment_a, establishment_b, attachment, dap_a, decision_a, document_a)


def fill(route: Route, world: World) -> str:
    missing = [p for p in route.params if p not in PARAM_FILLERS]
    if missing:
        pytest.fail(
            f"{route.name}: no filler for parameter(s) {missing}. Add to PARAM_FILLERS in "
            "tests/test_isolation_matrix.py a function building an object of establishment A."
        )
    kwargs = {p: PARAM_FILLERS[p](world) for p in route.params}
    return reverse(route.name, kwargs=kwargs)


def login_redirect(response) -> bool:
    return response.status_code == 302 and response.url.startswith(
        resolve_url(settings.LOGIN_URL) + "?next="
    )


def request_as(client, request, persona, route, url, world):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    label = classify(route.name)
    if label == "space_post_siret":
        return client.post(url, {"siret": world.establishment_a.siret})
    if label in ("manage_a", "manage_a_form", "instruct_a", "dgefp_post", "space_post_form"):
        return client.post(url, {})
    return client.get(url)


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("latin-1")
    return response.content.decode("utf-8", "replace")


# For each class: the statuses a persona may get (None: only "refused" is checked below).
EXPECTED = {
    "space_get": lambda p: (200,),
    "account": lambda p: (200,),
    "space_post_siret": lambda p: (302,) if p in SEES_A else (404,),
    "read_a": lambda p: (200,) if p in SEES_A else (404,),
    "manage_a": lambda p: (302,) if p in MANAGES_A else (404,),
    "manage_a_get": lambda p: (200, 302) if p in MANAGES_A else (404,),
    "manage_a_form": lambda p: (400,) if p in MANAGES_A else (404,),
    "space_post_form": lambda p: (400,),
    "instruct_a": lambda p: (302,) if p == "ud_agent_a" else (403, 404),
    "agent_get": lambda p: (200,) if p in AGENTS else (403,),
    "dgefp_get": lambda p: (200,) if p in ("support_agent", "dgefp_admin") else (403,),
    "dgefp_post": lambda p: (302,) if p == "dgefp_admin" else (403,),
}


def expect(label: str, persona: str, response) -> None:
    status = response.status_code
    if persona == "anonymous":
        assert login_redirect(response), f"anonymous got {status}"
    elif label == "redirect":
        assert status == 302 and not login_redirect(response), status
    elif label in EXPECTED:
        assert status in EXPECTED[label](persona), status
    elif label == "backoffice" and persona in ESTABLISHMENT_PERSONAS:
        assert status in (403, 404) or login_redirect(response), status


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


MATRIX = [
    pytest.param(route, persona, id=f"{route.name}-{persona}")
    for route in ROUTES
    if classify(route.name) not in ("public", None)
    for persona in PERSONAS
]


@pytest.mark.parametrize(("route", "persona"), MATRIX)
def test_isolation_matrix(client, request, world, route, persona):
    url = fill(route, world)
    response = request_as(client, request, persona, route, url, world)
    expect(classify(route.name), persona, response)
    assert_no_leak(persona, response, world)


@pytest.mark.parametrize("route", [r for r in ROUTES if classify(r.name) == "public"], ids=str)
def test_public_urls_never_show_an_establishment(client, world, route):
    if route.name in ("<media>", "accounts:logout") or "captcha" in route.name:
        return  # file serving, POST-only logout, captcha images: no page to read
    response = client.get(fill(route, world))
    text = body(response)
    for establishment in (world.establishment_a, world.establishment_b):
        assert establishment.siret not in text
