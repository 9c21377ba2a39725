"""Holes 7 and 8 of issue 10: NUL bytes and oversized bodies refused at the door.

NUL bytes raised 500s on PostgreSQL (« A string literal cannot contain NUL characters »):
captcha URLs, searches, the establishment switch, ticket references, some anonymous.
Run this module with DATABASE_URL pointing at PostgreSQL to see the original failure.
"""

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db
REFUSED = "Votre saisie contient des caractères non autorisés"

ANONYMOUS_GETS = [
    "/code-securite/image/abc%00def/",
    "/code-securite/audio/abc%00def.wav",
    "/aide/base-documentaire/?q=paie%00",
    "/aide/demande-assistance/?motif=%00",
    "/etablissements/communes/?code_postal=75%00",
    "/dev/courriels/?destinataire=a%00b",
    "/?x=%00",
]


@pytest.mark.parametrize("url", ANONYMOUS_GETS)
def test_anonymous_nul_in_urls_is_a_clean_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_searches_and_the_switch_refuse_nul(client_of, accountant_a, establishment_a):
    client = client_of(accountant_a)
    assert client.get("/etablissements/?q=BOUL%00").status_code == 400
    assert client.get("/etablissements/?tri=%00&page=%00").status_code == 400
    response = client.post(reverse("establishments:switch"), {"siret": "7328\x00293200074"})
    assert response.status_code == 400
    assert REFUSED in response.content.decode()


def test_ticket_references_refuse_nul(client_of, support_agent):
    client = client_of(support_agent)
    assert client.get("/aide/support/demandes/AP%00123/").status_code == 400
    assert client.get("/aide/support/demandes/?q=%00").status_code == 400


def test_a_nul_in_a_login_or_public_form_is_refused(client):
    response = client.post(reverse("accounts:login"), {"username": "a\x00b", "password": "x"})
    assert response.status_code == 400
    response = client.post(
        reverse("support:assistance"), {"siret": "\x00", "description": "bonjour\x00"}
    )
    assert response.status_code == 400


def test_a_declared_huge_body_is_refused_before_it_is_read(client):
    class Exploding:
        def read(self, *args):  # the body must not be read
            raise AssertionError("body read")

        readline = read

    response = client.generic(
        "POST",
        reverse("support:assistance"),
        data=b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(100 * 1024 * 1024),
        **{"wsgi.input": Exploding()},
    )
    assert response.status_code == 413
    assert "Envoi trop volumineux" in response.content.decode()


def test_a_large_non_file_body_is_refused_cleanly(client):
    response = client.post(reverse("support:assistance"), {"description": "x" * (2 * 1024 * 1024)})
    assert response.status_code in (400, 413)


def test_an_ordinary_post_still_works(client):
    user = factories.UserFactory(identifiant="personne.x")
    response = Client().post(
        reverse("accounts:login"), {"username": user.identifiant, "password": "x"}
    )
    assert response.status_code == 200
