"""Throttling without enumeration: login (django-axes) and the recovery pages."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.helpers import log_in, page_text, solved_challenge
from accounts.views import WRONG_CREDENTIALS
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

LIMIT = 5  # AXES_FAILURE_LIMIT


def fail_logins(client, identifiant, times=LIMIT):
    return [log_in(client, identifiant, "Mauvais-Passe9") for _ in range(times)]


def test_the_fifth_failure_locks_with_a_message_saying_when_to_retry(client, employer_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        responses = fail_logins(client, "employeur.a1")
        locked = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert [r.status_code for r in responses[:-1]] == [200] * (LIMIT - 1)
    assert responses[-1].status_code == 429
    assert locked.status_code == 429
    text = page_text(locked)
    assert "Trop de tentatives" in text
    retry = timezone.localtime(start + datetime.timedelta(minutes=15)).strftime("%H:%M")
    assert f"vous pourrez réessayer à partir de {retry}, dans 15 minutes" in text
    assert locked["Retry-After"] == "900"


def test_the_lockout_ends_after_fifteen_minutes_and_is_not_extended_by_retries(client, employer_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail_logins(client, "employeur.a1")
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        assert log_in(client, "employeur.a1", "Mauvais-Passe9").status_code == 429
        assert "dans 5 minutes" in page_text(log_in(client, "employeur.a1", DEFAULT_PASSWORD))
    with time_machine.travel(start + datetime.timedelta(minutes=15, seconds=1), tick=False):
        response = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert response["Location"] == reverse("landing")


def test_an_unknown_identifiant_is_locked_exactly_like_a_known_one(client, employer_a):
    known = fail_logins(Client(REMOTE_ADDR="10.0.0.1"), "employeur.a1")
    unknown = fail_logins(Client(REMOTE_ADDR="10.0.0.2"), "personne.inconnue1")
    assert [r.status_code for r in known] == [r.status_code for r in unknown]
    assert WRONG_CREDENTIALS in page_text(unknown[0])


def test_the_lockout_applies_per_identifiant_from_any_address(employer_a):
    fail_logins(Client(REMOTE_ADDR="10.0.0.1"), "employeur.a1")
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert log_in(other_address, "employeur.a1", DEFAULT_PASSWORD).status_code == 429


def test_the_lockout_applies_per_address_across_identifiants(employer_a, employer_b):
    attacker = Client(REMOTE_ADDR="10.0.0.1")
    for number in range(LIMIT):
        log_in(attacker, f"devine.nom{number}", "Mauvais-Passe9")
    assert log_in(attacker, "employeur.b1", DEFAULT_PASSWORD).status_code == 429
    assert (
        log_in(Client(REMOTE_ADDR="10.0.0.2"), "employeur.b1", DEFAULT_PASSWORD).status_code == 302
    )


def test_wrong_secret_answers_lock_the_login_of_that_identifiant(employer_a):
    for number in range(LIMIT):
        client = Client(REMOTE_ADDR=f"10.0.1.{number}")
        client.post(
            reverse("accounts:forgotten_password"),
            {"identifiant": "employeur.a1", **solved_challenge()},
        )
        client.post(reverse("accounts:forgotten_password_question"), {"answer_0": "Rex"})
    response = log_in(Client(REMOTE_ADDR="10.0.2.1"), "employeur.a1", DEFAULT_PASSWORD)
    assert response.status_code == 429


def test_secret_answers_are_throttled_before_hashing(client, employer_a, monkeypatch):
    client.post(
        reverse("accounts:forgotten_password"),
        {"identifiant": "employeur.a1", **solved_challenge()},
    )
    for _ in range(LIMIT):
        client.post(reverse("accounts:forgotten_password_question"), {"answer_0": "Rex"})
    checks = []
    monkeypatch.setattr(type(employer_a), "check_secret_answer", lambda *a: checks.append(a))
    response = client.post(reverse("accounts:forgotten_password_question"), {"answer_0": "Médor"})
    assert response.status_code == 429
    assert checks == []
    assert "vous pourrez réessayer" in page_text(response)


def test_the_recovery_throttle_ends_after_fifteen_minutes(client, employer_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(
            reverse("accounts:forgotten_identifiant"),
            {"email": employer_a.email, **solved_challenge()},
        )
        for _ in range(LIMIT):
            client.post(reverse("accounts:forgotten_identifiant_question"), {"answer_0": "Rex"})
        blocked = client.post(
            reverse("accounts:forgotten_identifiant_question"), {"answer_0": "Médor"}
        )
    assert blocked.status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        client.post(
            reverse("accounts:forgotten_identifiant"),
            {"email": employer_a.email, **solved_challenge()},
        )
        response = client.post(
            reverse("accounts:forgotten_identifiant_question"), {"answer_0": "Médor"}
        )
    assert response["Location"] == reverse("accounts:forgotten_identifiant_sent")


def test_wrong_operations_are_throttled_per_address(client):
    for _ in range(LIMIT):
        client.post(
            reverse("accounts:forgotten_password"),
            {"identifiant": "x.y1", **solved_challenge(), "captcha": "99"},
        )
    response = client.post(
        reverse("accounts:forgotten_password"), {"identifiant": "x.y1", **solved_challenge()}
    )
    assert response.status_code == 429


def test_forged_reset_links_are_throttled_per_address(client):
    for number in range(LIMIT):
        client.get(reverse("accounts:password_reset_link", args=[f"faux{number}"]))
    response = client.post(reverse("accounts:password_reset"), {"new_password": "x"})
    assert response.status_code == 429
    link = client.get(reverse("accounts:password_reset_link", args=["faux-encore"]))
    assert link.status_code == 429


@pytest.mark.parametrize("flow", ["password", "identifiant"])
def test_a_known_and_an_unknown_account_cost_the_same_hashing(
    client, employer_a, flow, monkeypatch
):
    """Same work whether or not the account exists: one answer hash either way."""
    from django.contrib.auth.hashers import MD5PasswordHasher

    calls = []
    original = MD5PasswordHasher.encode
    monkeypatch.setattr(
        MD5PasswordHasher,
        "encode",
        lambda self, *a, **k: calls.append(1) or original(self, *a, **k),
    )
    counts = []
    for typed in (
        ["employeur.a1", "personne.inconnue1"]
        if flow == "password"
        else [employer_a.email, "personne@inconnue.fr"]
    ):
        calls.clear()
        field = "identifiant" if flow == "password" else "email"
        fresh = Client()
        fresh.post(reverse(f"accounts:forgotten_{flow}"), {field: typed, **solved_challenge()})
        response = fresh.post(reverse(f"accounts:forgotten_{flow}_question"), {"answer_0": "Rex"})
        assert "La réponse à la question secrète est incorrecte." in page_text(response)
        counts.append(len(calls))
    assert counts[0] == counts[1] == 1
