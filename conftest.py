"""Personas and the strict harness shared by every test module."""

import pytest
from django.core.cache import cache

from habilitations.enums import Profile
from tests import factories


def ensure_reference_rows() -> None:
    """The rows the data migrations create: the ASP's applications, the barème and SMIC,
    the base documentaire.

    A transactional test (browser, worker) ends with a flush that empties every table;
    with --reuse-db the next run, or the next test of this run, would find them gone
    (issue 10, hole 11). Each loader is the one its migration uses, idempotent
    (update_or_create). A new data migration must add its loader here.
    """
    from habilitations.applications import ensure_applications
    from habilitations.models import Application
    from indemnisation.bareme_data import ensure_bareme
    from indemnisation.models import Bareme, Smic
    from support import faq_content
    from support.models import Category, Entry
    from support.sanitize import sanitize_html

    ensure_applications(Application)
    ensure_bareme(Bareme, Smic)
    faq_content.load(Category, Entry, sanitize_html)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference rows once per session (a reused database may have been flushed)."""
    with django_db_blocker.unblock():
        ensure_reference_rows()


@pytest.fixture(autouse=True)
def _reference_rows(request, django_db_blocker):
    """Before every database test: put back the reference rows if a flush emptied them
    (one cheap query; the flush of a transactional test runs after any teardown of ours)."""
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    ):
        from indemnisation.models import Bareme

        request.getfixturevalue("django_db_setup")  # the test database, never the real one
        with django_db_blocker.unblock():
            if not Bareme.objects.exists():
                ensure_reference_rows()
    yield


@pytest.fixture(autouse=True)
def _isolated_cache():
    from support.maintenance import forget_cached_maintenance

    cache.clear()
    forget_cached_maintenance()  # and each process's own copy of the window
    yield
    cache.clear()
    forget_cached_maintenance()


@pytest.fixture(autouse=True)
def _postgresql_only(request):
    """Tests marked `postgresql("why")` (row locks, advisory locks, COPY…) are skipped, with
    the reason printed, when DATABASE_URL is not PostgreSQL; CI runs them on PostgreSQL."""
    marker = request.node.get_closest_marker("postgresql")
    if marker is None:
        return
    from django.db import connection

    if connection.vendor != "postgresql":
        why = ", ".join(marker.args) or "row locks, advisory locks"
        reason = f"needs PostgreSQL ({why}) — DATABASE_URL is {connection.vendor}"
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)


@pytest.fixture
def establishment_a(db):
    return factories.EstablishmentFactory(denomination="BOULANGERIE A", postal_code="75002")


@pytest.fixture
def establishment_b(db):
    return factories.EstablishmentFactory(
        denomination="GARAGE B",
        postal_code="69001",
        city="LYON 1ER ARRONDISSEMENT",
        insee_code="69381",
    )


@pytest.fixture
def employer_a(establishment_a):
    return factories.employer_of(establishment_a, identifiant="employeur.a1")


@pytest.fixture
def employer_b(establishment_b):
    return factories.employer_of(establishment_b, identifiant="employeur.b1")


@pytest.fixture
def accountant_a(establishment_a):
    return factories.accountant_of(establishment_a, identifiant="comptable.a1")


@pytest.fixture
def ud_agent_a(db):
    return factories.agent(Profile.UD_AGENT, "75", identifiant="agent.ud75")


@pytest.fixture
def ud_agent_other(db):
    return factories.agent(Profile.UD_AGENT, "13", identifiant="agent.ud13")


@pytest.fixture
def support_agent(db):
    return factories.agent(Profile.SUPPORT, identifiant="support.asp1")


@pytest.fixture
def dgefp_admin(db):
    return factories.agent(Profile.DGEFP, identifiant="admin.dgefp1")


@pytest.fixture
def client_of(client):
    """`client_of(user)`: a test client logged in as that persona."""

    def login_as(user):
        client.force_login(user)
        return client

    return login_as


@pytest.fixture
def sessions_on_the_test_clock(settings):
    """Sessions whose expiry follows a frozen clock. With Redis, `cached_db` sessions also
    expire by Redis's own TTL, counted in real time, which time-machine cannot move; the
    local-memory cache follows the frozen clock as Redis follows the real one."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
