"""Hole 8 of issue 10: a new password may not contain the identifiant (reset included)."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from accounts.validators import password_problems
from tests import factories

CONTAINS = "Votre nouveau mot de passe ne doit pas contenir votre identifiant"


@pytest.mark.parametrize(
    "password", ["Employeur.a1!X", "X1!employeur.a1", "aB1!EMPLOYEUR.A1zz", "employeur.a1"]
)
def test_a_password_containing_the_identifiant_is_refused(password):
    assert any("identifiant" in problem for problem in password_problems(password, "employeur.a1"))


def test_an_unrelated_password_is_accepted():
    assert password_problems("Bonjour-2024!x", "employeur.a1") == []


@pytest.mark.django_db
def test_the_reset_form_refuses_it(client):
    from django.urls import reverse

    from accounts import recovery

    user = factories.UserFactory(identifiant="employeur.z1")
    raw = recovery.password_reset_request(user=user)
    url = reverse("accounts:password_reset_link", args=[raw])
    page = client.get(url, follow=True)
    response = client.post(
        page.redirect_chain[-1][0] if page.redirect_chain else url,
        {"new_password": "Xx1!employeur.z1", "new_password_confirm": "Xx1!employeur.z1"},
    )
    assert CONTAINS in response.content.decode().replace("&#x27;", "'")
    with pytest.raises(ValidationError):
        validate_password("Xx1!employeur.z1", user)
