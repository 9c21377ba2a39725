import itertools

import pytest

from tests.faults.services import Portal, PostgresServer, RedisServer

_numbers = itertools.count()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/faults/" in str(item.fspath):
            item.add_marker(pytest.mark.faults)


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    """One private cluster; the template database migrated once, with the communes the
    créer mon espace form needs."""
    server = PostgresServer(tmp_path_factory.mktemp("pg"))
    server.init()
    portal = Portal(tmp_path_factory.mktemp("migrate"), server.url, "")
    portal.manage("migrate", "--noinput")
    portal.shell(
        "from establishments.models import Commune; Commune.objects.create(postal_code='75002',"
        " insee_code='75102', name='Paris 2e Arrondissement', departement='75')"
    )
    yield server
    server.stop("fast")
    server.remove()


@pytest.fixture
def database_url(postgres):
    """A fresh database per test, copied from the migrated one."""
    name = f"apart_faults_{next(_numbers)}"
    with __import__("psycopg").connect(postgres.dsn("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE apart_faults")
    return postgres.url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def portal(tmp_path, database_url, redis):
    portal = Portal(tmp_path, database_url, redis.url)
    yield portal
    portal.stop_all()
