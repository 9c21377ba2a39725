"""Hole 8 of issue 10 (person-form part): DEMANDE CRÉATION DE COMPTE applies créer mon
espace's rules (one person form for the four forms, issue 9): markup in names is refused,
the phone is checked."""

from html import unescape

import pytest
from django.urls import reverse

from habilitations.enums import AttachmentRole
from habilitations.models import AccountRequest


def request_data(establishment, **overrides):
    data = {
        "establishment": establishment.siret,
        "role": AttachmentRole.USER,
        "last_name": "Martin",
        "first_name": "Léa",
        "phone": "0144556678",
        "email": "lea.martin@boulangerie-a.fr",
        "email_confirm": "lea.martin@boulangerie-a.fr",
        "secret_question": "Ville de naissance ?",
        "secret_answer": "Rouen",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("last_name", "<script>alert(1)</script>"),
        ("first_name", '<a href="https://evil.example">Léa</a>'),
        ("last_name", "Martin<b>"),
    ],
)
def test_markup_in_names_is_refused(client_of, employer_a, establishment_a, field, value):
    response = client_of(employer_a).post(
        reverse("establishments:user_request"), request_data(establishment_a, **{field: value})
    )
    assert response.status_code == 200
    assert "Caractères non autorisés" in unescape(response.text)
    assert not AccountRequest.objects.exists()


@pytest.mark.parametrize("phone", ["abc", "12", "+99 12", "0000000000000000000"])
def test_an_invalid_phone_is_refused(client_of, employer_a, establishment_a, phone):
    response = client_of(employer_a).post(
        reverse("establishments:user_request"), request_data(establishment_a, phone=phone)
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("phone")
    assert not AccountRequest.objects.exists()
