"""Personas and the strict harness shared by every test module."""

import pytest
from django.core.cache import cache

from habilitations.enums import Profile
from tests import factories


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference rows once per session (a reused database may have been flushed)."""
    from habilitations.applications import ensure_applications
    from habilitations.models import Application
    from indemnisation.bareme_data import ensure_bareme
    from indemnisation.models import Bareme, Smic

    with django_db_blocker.unblock():
        ensure_applications(Application)
        ensure_bareme(Bareme, Smic)


@pytest.fixture(autouse=True)
def _isolated_cache():
    cache.clear()
    yield
    cache.clear()


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
