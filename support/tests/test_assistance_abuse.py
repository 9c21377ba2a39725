"""Hole 5 of issue 10: the assistance form cannot be used to mail strangers.

- the acknowledgement goes to an address nobody verified: it quotes none of the free
  text typed (description, names), only the reference, the date, the motif and the SIRET;
- tickets are limited per address and per client;
- a solved captcha answers once, even when two requests race with it.
"""

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore
from django.db.models.query import QuerySet
from django.test import Client
from django.urls import reverse

from apart.core.captcha import captcha_field
from apart.core.models import OutboxEmail
from support.models import Ticket
from support.tests.test_assistance_form import valid_data

pytestmark = pytest.mark.django_db
URL = reverse("support:assistance")
PHISHING = "Votre compte sera suspendu : validez-le sur https://asp-verification.example/"


def test_the_acknowledgement_quotes_no_free_text(client):
    client.post(
        URL,
        valid_data(
            email="victime@exemple.fr",
            description=PHISHING,
            requester_name="Cliquez https://evil.example",
            denomination="ASP Service validation",
        ),
    )
    ticket = Ticket.objects.get()
    ack = OutboxEmail.objects.get(recipient="victime@exemple.fr")
    for text in (ack.subject, ack.body_text, ack.body_html):
        assert "asp-verification.example" not in text
        assert "evil.example" not in text
        assert "ASP Service validation" not in text
        assert ticket.reference in ack.body_text
    support_copy = OutboxEmail.objects.exclude(recipient="victime@exemple.fr").get()
    assert PHISHING in support_copy.body_text  # the support still reads everything


def test_tickets_are_limited_per_address(client):
    statuses = [
        Client(REMOTE_ADDR=f"198.51.100.{n}").post(URL, valid_data(email="cible@exemple.fr"))
        for n in range(5)
    ]
    assert [r.status_code for r in statuses][:3] == [302, 302, 302]
    assert statuses[-1].status_code == 429
    assert "Trop de demandes" in statuses[-1].content.decode()
    assert OutboxEmail.objects.filter(recipient="cible@exemple.fr").count() == 3


def test_tickets_are_limited_per_client(client):
    sender = Client(REMOTE_ADDR="198.51.100.50")
    statuses = [
        sender.post(URL, valid_data(email=f"cible{n}@exemple.fr")).status_code for n in range(8)
    ]
    assert statuses[:5] == [302] * 5
    assert statuses[-1] == 429
    assert Ticket.objects.count() == 5


def test_a_captcha_answers_once_even_when_two_requests_race(monkeypatch):
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)
    key = CaptchaStore.generate_key()
    answer = CaptchaStore.objects.get(hashkey=key).response
    seen_by_both = CaptchaStore.objects.get(hashkey=key)  # read before either deletes it
    field = captcha_field()
    field.clean([key, answer])

    real_first = QuerySet.first

    def stale_first(queryset):
        if queryset.model is CaptchaStore:
            return seen_by_both
        return real_first(queryset)

    monkeypatch.setattr(QuerySet, "first", stale_first)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        field.clean([key, answer])
