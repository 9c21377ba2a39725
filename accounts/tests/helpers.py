"""Helpers shared by the accounts tests."""

import html
import re

from django.core import mail
from django.urls import reverse

from apart.core import challenge
from apart.core.models import OutboxEmail


def solved_challenge() -> dict:
    """Fields of a freshly solved « Veuillez résoudre l'opération suivante » challenge."""
    a, b, token = challenge.new_challenge()
    return {"challenge": token, "captcha": str(a + b)}


def log_in(client, identifiant, password):
    return client.post(reverse("accounts:login"), {"username": identifiant, "password": password})


def page_text(response) -> str:
    """The page as a person reads it: no tags, entities decoded, spaces collapsed."""
    text = re.sub(r"<[^>]+>", " ", response.content.decode())
    text = re.sub(r"\s+", " ", html.unescape(text))
    return re.sub(r" ([.,])", r"\1", text)


def emails_to(address, template=None):
    emails = OutboxEmail.objects.filter(recipient=address)
    if template:
        emails = emails.filter(template=template)
    return list(emails.order_by("created_at", "id"))


def reset_link_in(email: OutboxEmail) -> str:
    match = re.search(r"https?://\S+/mot-de-passe-oublie/jeton/[^/\s]+/", email.body_text)
    assert match, email.body_text
    return match.group(0)


def local_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def sent_messages():
    return mail.outbox
