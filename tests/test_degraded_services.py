"""Pages keep a clear answer when a service fails (issue 10, faults survived; the real
services are killed in tests/faults/, these are the fast checks of the same code)."""

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from apart.core.cache import TolerantRedisCache


def test_a_database_outage_is_a_french_503_not_a_500(monkeypatch, db):
    from apart import middleware

    def database_gone(*args, **kwargs):
        raise OperationalError("connection to server failed: Connection refused")

    monkeypatch.setattr(middleware, "current_maintenance", database_gone)
    response = Client(raise_request_exception=False).get("/aide/")
    assert response.status_code == 503
    assert "Service momentanément indisponible" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_a_cache_whose_redis_is_down_answers_misses():
    cache = TolerantRedisCache("redis://127.0.0.1:1/0", {})  # nothing listens on port 1
    assert cache.get("x") is None
    assert cache.get("x", "défaut") == "défaut"
    assert cache.add("x", 1) is False
    assert cache.incr("compteur") == 1
    cache.set("x", 1)
    cache.delete("x")


@pytest.mark.django_db
@override_settings(
    CACHES={
        "default": {
            "BACKEND": "apart.core.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }  # fmt: skip
)
def test_public_pages_work_while_redis_is_down(client):
    from django.core import cache as cache_module

    cache_module.caches._settings = None  # re-read CACHES
    for url in ["/", "/aide/demande-assistance/", "/habilitations/creer-mon-espace/"]:
        assert client.get(url).status_code == 200, url
