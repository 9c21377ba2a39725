"""« Mon Compte — J'ai oublié mon identifiant » (seed 002 §4), several accounts included."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.recovery import FALLBACK_DECOYS
from accounts.recovery_views import WRONG_ANSWER
from accounts.tests.helpers import emails_to, page_text, solved_challenge
from tests import factories

pytestmark = pytest.mark.django_db

START = reverse("accounts:forgotten_identifiant")
QUESTION = reverse("accounts:forgotten_identifiant_question")
SENT = reverse("accounts:forgotten_identifiant_sent")


def ask(client, email, **overrides):
    return client.post(START, {"email": email, **solved_challenge(), **overrides})


def test_the_first_page_asks_courriel_and_operation(client):
    text = page_text(client.get(START))
    assert "Mon Compte" in text
    assert "J'ai oublié mon identifiant" in text
    assert "Courriel" in text
    assert "Veuillez résoudre l'opération suivante : " in text
    assert "Continuer" in text


def test_a_wrong_operation_result_is_refused(client, employer_a):
    response = ask(client, employer_a.email, captcha="99")
    assert "Le captcha n'a pas été entré correctement. Essayez à nouveau." in page_text(response)


def test_the_question_step_cannot_be_skipped(client):
    assert client.get(QUESTION)["Location"] == START
    assert client.post(QUESTION, {"answer_0": "Médor"})["Location"] == START


def test_the_secret_question_is_shown_and_the_right_answer_emails_the_identifiant(
    client, employer_a
):
    assert ask(client, employer_a.email.upper())["Location"] == QUESTION
    text = page_text(client.get(QUESTION))
    assert "Question secrète : Nom de mon premier animal ?" in text
    assert "Réponse secrète" in text
    assert "Valider" in text
    response = client.post(QUESTION, {"answer_0": "medor"})
    assert response["Location"] == SENT
    assert "Un mail contenant votre identifiant" in page_text(client.get(SENT))
    [email] = emails_to(employer_a.email, "identifiant_reminder")
    assert email.subject == "Identifiant de connexion à l'Agence de Services et de Paiement (ASP)"
    assert "Voici votre identifiant de connexion:" in email.body_text
    assert "employeur.a1" in email.body_text


def test_a_wrong_answer_points_to_the_assistance_form(client, employer_a):
    ask(client, employer_a.email)
    response = client.post(QUESTION, {"answer_0": "Rex"})
    assert WRONG_ANSWER in page_text(response)
    assert f'href="{reverse("support:assistance")}?motif=habilitation"' in response.content.decode()
    assert emails_to(employer_a.email) == []
    assert AccessAttempt.objects.get(username="employeur.a1").failures_since_start == 1


def test_the_assistance_link_is_offered_before_any_answer(client, employer_a):
    ask(client, employer_a.email)
    response = client.get(QUESTION)
    assert f"{reverse('support:assistance')}?motif=habilitation" in response.content.decode()


def test_an_unknown_email_gets_a_decoy_question_and_the_same_refusal(client):
    ask(client, "personne@inconnue.fr")
    text = page_text(client.get(QUESTION))
    assert any(f"Question secrète : {q}" in text for q in FALLBACK_DECOYS)
    response = client.post(QUESTION, {"answer_0": "Médor"})
    assert WRONG_ANSWER in page_text(response)
    assert emails_to("personne@inconnue.fr") == []


@pytest.fixture
def shared_mailbox(db):
    """Two accounts on one email with different questions, a third with the first's."""
    first = factories.UserFactory(
        identifiant="anne.martin1", email="compta@exemple.fr", secret_answer="Médor"
    )
    second = factories.UserFactory(
        identifiant="paul.durand1",
        email="compta@exemple.fr",
        secret_question="Ville de naissance ?",
        secret_answer="Lyon",
    )
    third = factories.UserFactory(
        identifiant="anne.martin2", email="compta@exemple.fr", secret_answer="Médor"
    )
    return first, second, third


def test_each_question_of_an_email_with_several_accounts_is_shown_once(client, shared_mailbox):
    ask(client, "compta@exemple.fr")
    text = page_text(client.get(QUESTION))
    assert "Plusieurs comptes utilisent cette adresse mail" in text
    assert text.count("Question secrète : Nom de mon premier animal ?") == 1
    assert text.count("Question secrète : Ville de naissance ?") == 1


def test_every_account_whose_answer_is_right_gets_its_identifiant(client, shared_mailbox):
    ask(client, "compta@exemple.fr")
    response = client.post(QUESTION, {"answer_0": "Médor", "answer_1": ""})
    assert response["Location"] == SENT
    bodies = " ".join(e.body_text for e in emails_to("compta@exemple.fr", "identifiant_reminder"))
    assert "anne.martin1" in bodies and "anne.martin2" in bodies
    assert "paul.durand1" not in bodies


def test_a_wrong_answer_to_one_account_does_not_stop_the_other(client, shared_mailbox):
    ask(client, "compta@exemple.fr")
    response = client.post(QUESTION, {"answer_0": "Rex", "answer_1": "lyon"})
    assert response["Location"] == SENT
    [email] = emails_to("compta@exemple.fr", "identifiant_reminder")
    assert "paul.durand1" in email.body_text
    assert AccessAttempt.objects.filter(username="anne.martin1").exists()


def test_at_least_one_answer_is_needed_when_several_questions_are_shown(client, shared_mailbox):
    ask(client, "compta@exemple.fr")
    response = client.post(QUESTION, {"answer_0": "", "answer_1": " "})
    assert "Répondez à au moins une question secrète." in page_text(response)
