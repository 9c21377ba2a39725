"""The Django admin's URLs in the isolation matrix (issue 10, hole 10).

Every admin URL, filled with a real row of its model, is opened as the portal's personas
(none of them is staff: each is sent to the admin's login page), and as a superuser with
a valid DGEFP habilitation, who is let in. The superuser's suspension is covered by
habilitations/tests/test_sessions_end.py.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse

from habilitations.enums import Profile
from tests import factories
from tests.test_isolation_matrix import _walk, body

PORTAL_PERSONAS = ["anonymous", "employer_a", "accountant_a", "support_agent", "dgefp_admin"]
ADMIN_ROUTES = [
    r
    for r in _walk(get_resolver().url_patterns)
    if r.name.startswith("admin:") and "<unnamed" not in r.name  # unnamed: redirections
]
# django-dsfr's admin form has a URLField without assume_scheme (its own warning).
pytestmark = pytest.mark.filterwarnings("ignore:The default scheme will be changed")
NOT_A_PAGE = {"admin:logout", "admin:login"}  # POST-only logout; the login page is public


def by_model(route):
    model_admin = getattr(route.pattern.callback, "model_admin", None)
    return model_admin.model if model_admin else None


def make_rows(establishment_a, employer_a):
    """One real row of every model the admin shows (most exist already)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from dsfr.models import DsfrConfig

    from establishments.models import Commune, ConventionCollective, NafCode
    from habilitations.services import account_request_submit
    from support.models import AuditEntry, Category, Entry, InformationBanner
    from support.services.tickets import ticket_submit

    access = {"user_agent": "x", "ip_address": "127.0.0.1", "username": "x", "http_accept": "x",
              "path_info": "/"}  # fmt: skip
    AccessAttempt.objects.create(**access, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**access)
    AccessLog.objects.create(**access)
    Group.objects.create(name="Lecteurs")
    DsfrConfig.objects.get_or_create()
    Commune.objects.create(postal_code="75002", insee_code="75102", name="Paris", departement="75")
    ConventionCollective.objects.create(idcc="0843", title="Boulangerie")
    NafCode.objects.create(code="10.71C", label="Boulangerie")
    factories.seed_004_sirene()
    category = Category.objects.create(name="Habilitations", slug="habilitations")
    Entry.objects.create(category=category, title="Se connecter", slug="se-connecter", body="x")
    InformationBanner.objects.create(message="Maintenance prévue.")
    AuditEntry.objects.create(actor=employer_a, action="banner_create", target="bandeau")
    ticket_submit(siret=establishment_a.siret, denomination="A", requester_name="X Y",
                  phone="+33102030405", email="x@exemple.fr", motif="habilitation",
                  description="")  # fmt: skip
    account_request_submit(siret=establishment_a.siret, establishment_data={}, last_name="Z",
                           first_name="Y", phone="0612345678", email="y.z@exemple.fr",
                           secret_question="Question ?", secret_answer="reponse")  # fmt: skip


def admin_url(route, establishment_a) -> str:
    kwargs = {}
    model = by_model(route)
    if route.name == "admin:view_on_site":
        content_type = ContentType.objects.get_for_model(establishment_a)
        return reverse(route.name, args=[content_type.pk, establishment_a.pk])
    for param in route.params:
        if param == "object_id":
            row = model.objects.order_by("pk").first()
            assert row is not None, f"{route.name}: no {model.__name__} row to open"
            kwargs[param] = str(row.pk)
        elif param == "app_label":
            kwargs[param] = "establishments"
    return reverse(route.name, kwargs=kwargs)


def refused_to_everyone(route, superuser) -> bool:
    """The admin itself offers this action to nobody (e.g. adding axes rows)."""
    model_admin = getattr(route.pattern.callback, "model_admin", None)
    if model_admin is None:
        return False
    fake = RequestFactory().get("/")
    fake.user = superuser
    if route.name.endswith("_add"):
        return not model_admin.has_add_permission(fake)
    if route.name.endswith("_delete"):
        return not model_admin.has_delete_permission(fake)
    return False


@pytest.fixture
def superuser(db):
    user = factories.agent(Profile.DGEFP, identifiant="admin.super1")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=str)
def test_admin_urls_let_in_only_a_habilitated_superuser(
    request, route, establishment_a, employer_a, accountant_a, superuser
):
    make_rows(establishment_a, employer_a)
    url = admin_url(route, establishment_a)
    failures = []
    for persona in PORTAL_PERSONAS:
        client = Client()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        response = client.get(url)
        if route.name in NOT_A_PAGE:
            ok = response.status_code < 500
        else:
            ok = response.status_code == 302 and (
                "/admin/login/" in response.url
                or (persona == "anonymous" and "?next=" in response.url)
            )
        if not ok:
            failures.append(f"{persona}: {response.status_code}")
    client = Client()
    client.force_login(superuser)
    response = client.get(url)
    allowed = (200, 302, 405) if route.name in NOT_A_PAGE else (200, 302)
    if route.name == "admin:view_on_site":
        allowed = (302, 404)  # let in; 404 when the model has no page on the site
    elif route.name == "admin:autocomplete" or refused_to_everyone(route, superuser):
        allowed = (403,)  # let in, but no field to complete / nobody may add such rows
    if response.status_code not in allowed:
        failures.append(f"superuser: {response.status_code} {body(response)[:200]}")
    assert not failures, f"{route.name} ({url}): " + "; ".join(failures)
