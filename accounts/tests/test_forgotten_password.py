"""GESTION DU MOT DE PASSE (seed 002 §3) and the reset token's rules."""

import datetime
import hashlib

import pytest
import time_machine
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordResetToken
from accounts.recovery import DECOY_QUESTIONS
from accounts.recovery_views import WRONG_ANSWER
from accounts.tests.helpers import (
    emails_to,
    local_path,
    log_in,
    page_text,
    reset_link_in,
    solved_challenge,
)
from apart.core import challenge
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouveau-Passe9"
START = reverse("accounts:forgotten_password")
QUESTION = reverse("accounts:forgotten_password_question")
RESET = reverse("accounts:password_reset")


def ask(client, identifiant="employeur.a1", **overrides):
    return client.post(START, {"identifiant": identifiant, **solved_challenge(), **overrides})


def answer(client, text="Médor"):
    return client.post(QUESTION, {"answer_0": text})


def request_link(client, identifiant="employeur.a1") -> str:
    ask(client, identifiant)
    answer(client)
    return local_path(reset_link_in(emails_to_user(identifiant)[-1]))


def emails_to_user(identifiant):
    from accounts.models import User

    return emails_to(User.objects.get(identifiant=identifiant).email, "password_reset")


def set_new_password(client, new=NEW_PASSWORD, confirmation=None):
    return client.post(
        RESET, {"new_password": new, "confirmation": new if confirmation is None else confirmation}
    )


def test_the_first_page_asks_identifiant_and_operation(client):
    text = page_text(client.get(START))
    assert "GESTION DU MOT DE PASSE" in text
    assert "Identifiant" in text
    assert "Veuillez résoudre l'opération suivante : " in text


def test_a_wrong_operation_result_is_refused_with_the_seed_message(client, employer_a):
    response = ask(client, captcha="99")
    assert "Le captcha n'a pas été entré correctement. Essayez à nouveau." in page_text(response)
    assert QUESTION not in response.get("Location", "")


def test_a_solved_operation_serves_only_once(client, employer_a):
    fields = solved_challenge()
    client.post(START, {"identifiant": "employeur.a1", **fields})
    replay = client.post(START, {"identifiant": "employeur.a1", **fields})
    assert challenge.WRONG_MESSAGE in page_text(replay)


def test_a_tampered_operation_is_refused(client, employer_a):
    response = ask(client, challenge="bidon", captcha="4")
    assert challenge.WRONG_MESSAGE in page_text(response)


def test_an_email_typed_instead_of_the_identifiant_is_refused(client, employer_a):
    text = page_text(ask(client, identifiant=employer_a.email))
    assert "Opération impossible pour ce type d'utilisateur" in text
    assert (
        "Entrez votre identifiant pour réinitialiser votre mot de passe. Cliquez ensuite sur le "
        "lien transmis par mail." in text
    )


def test_the_question_step_cannot_be_skipped(client, employer_a):
    assert client.get(QUESTION)["Location"] == START
    assert answer(client)["Location"] == START
    assert emails_to(employer_a.email) == []


def test_the_secret_question_of_the_account_is_asked(client, employer_a):
    response = ask(client)
    assert response["Location"] == QUESTION
    text = page_text(client.get(QUESTION))
    assert "Question secrète : Nom de mon premier animal ?" in text
    assert "Réponse secrète" in text


def test_an_unknown_identifiant_gets_a_stable_decoy_question_and_the_same_refusal(client):
    ask(client, "personne.inconnue1")
    first = page_text(client.get(QUESTION))
    [shown] = [q for q in DECOY_QUESTIONS if f"Question secrète : {q}" in first]
    ask(client, "personne.inconnue1")
    assert f"Question secrète : {shown}" in page_text(client.get(QUESTION))
    assert WRONG_ANSWER in page_text(answer(client, "Médor"))


def test_a_wrong_answer_is_refused_and_counts_as_a_failed_login(client, employer_a):
    ask(client)
    response = answer(client, "Rex")
    assert WRONG_ANSWER in page_text(response)
    assert "?motif=habilitation" in response.content.decode()
    assert AccessAttempt.objects.get(username="employeur.a1").failures_since_start == 1
    assert emails_to(employer_a.email) == []


def test_the_right_answer_sends_the_reset_email(client, employer_a):
    ask(client)
    response = answer(client, "  MEDOR ")  # compared without case, accents or spaces
    assert response["Location"] == reverse("accounts:forgotten_password_sent")
    assert "Un mail de confirmation a été envoyé" in page_text(client.get(response["Location"]))
    [email] = emails_to(employer_a.email)
    assert email.subject == "Réinitialisation de votre mot de passe"
    assert "Cliquez ici pour réinitialiser votre mot de passe :" in email.body_text
    assert reset_link_in(email).startswith("http://127.0.0.1:8000/compte/")


def test_the_token_is_stored_only_as_its_sha256(client, employer_a):
    link = request_link(client)
    raw = link.rstrip("/").rsplit("/", 1)[1]
    token = PasswordResetToken.objects.get(user=employer_a)
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in token.token_hash


def test_the_reset_page_lists_the_rules_and_shows_the_email(client, employer_a):
    link = request_link(client)
    response = client.get(link)
    assert response["Location"] == RESET  # the token leaves the address bar
    response = client.get(RESET)
    text = page_text(response)
    assert f'value="{employer_a.email}"' in response.content.decode()
    for expected in [
        "Vous devez indiquer votre nouveau mot de passe",
        "Le jeton envoyé par mail vous permet de réinitialiser votre mot de passe. Pour recevoir "
        "un nouveau jeton, cliquez ici.",
        "Votre mot de passe doit respecter les contraintes suivantes :",
        "Nombre minimum de caractères : 8",
        "Nombre minimum de majuscules : 1",
        "Votre nouveau mot de passe ne doit pas être identique à votre identifiant",
        "Adresse de messagerie",
        "Nouveau mot de passe",
        "Confirmation",
        "Envoyer",
    ]:
        assert expected in text, expected


def test_a_mismatch_is_refused(client, employer_a):
    client.get(request_link(client))
    response = set_new_password(client, confirmation="Autre-Passe9")
    assert "Les mots de passe ne correspondent pas" in page_text(response)


def test_a_password_without_upper_case_is_refused_with_the_seed_message(client, employer_a):
    client.get(request_link(client))
    response = set_new_password(client, new="minuscules-9")
    assert "Votre mot de passe n'a pas assez de majuscules" in page_text(response)


def test_the_new_password_is_set_and_the_token_used(client, employer_a):
    client.get(request_link(client))
    response = set_new_password(client)
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert "Votre mot de passe a été changé" in page_text(client.get(response["Location"]))
    assert log_in(client, "employeur.a1", NEW_PASSWORD)["Location"] == reverse("landing")


def test_a_reset_clears_the_forced_change_and_the_lockout(client, employer_a):
    employer_a.must_change_password = True
    employer_a.save()
    for _ in range(5):
        log_in(client, "employeur.a1", "Mauvais-Passe9")
    assert log_in(client, "employeur.a1", DEFAULT_PASSWORD).status_code == 429
    # The lockout is per identifiant and per address: reset from another address.
    other = client.__class__(REMOTE_ADDR="10.0.0.2")
    other.get(request_link(other))
    set_new_password(other)
    employer_a.refresh_from_db()
    assert not employer_a.must_change_password
    assert not AccessAttempt.objects.filter(username="employeur.a1").exists()
    fresh = client.__class__(REMOTE_ADDR="10.0.0.3")
    assert log_in(fresh, "employeur.a1", NEW_PASSWORD)["Location"] == reverse("landing")


@pytest.mark.parametrize(("minutes", "valid"), [(59, True), (61, False)])
def test_the_link_is_valid_for_sixty_minutes(client, employer_a, minutes, valid):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        link = request_link(client)
    with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
        response = client.get(link)
    if valid:
        assert response["Location"] == RESET
    else:
        assert response.status_code == 410
        assert "Pour recevoir un nouveau jeton, cliquez ici." in page_text(response)


def test_a_form_opened_at_59_minutes_is_refused_when_sent_at_61(client, employer_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        link = request_link(client)
    with time_machine.travel(start + datetime.timedelta(minutes=59), tick=False):
        client.get(link)
        assert client.get(RESET).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=61), tick=False):
        response = set_new_password(client)
    assert response.status_code == 410
    employer_a.refresh_from_db()
    assert employer_a.check_password(DEFAULT_PASSWORD)


def test_a_used_link_cannot_serve_again(client, employer_a):
    link = request_link(client)
    client.get(link)
    set_new_password(client)
    again = client.get(link)
    assert again.status_code == 410


def test_a_new_request_replaces_the_previous_link(client, employer_a):
    first = request_link(client)
    second = request_link(client)
    assert first != second
    assert client.get(first).status_code == 410
    assert client.get(second)["Location"] == RESET
    assert PasswordResetToken.objects.filter(user=employer_a).count() == 1


def test_the_reset_form_needs_a_link(client):
    assert client.get(RESET).status_code == 410
    assert set_new_password(client).status_code == 410


def test_a_forged_link_is_refused(client):
    response = client.get(reverse("accounts:password_reset_link", args=["inventé"]))
    assert response.status_code == 410
