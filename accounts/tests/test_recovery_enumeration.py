"""Hole 4 of issue 10: the recovery question step must not tell accounts apart.

- A decoy question (unknown identifiant or email) is drawn from the questions real
  accounts use (those shared by several accounts, so no one's own question leaks), and is
  stable for one input: probing twice gives the same question, as for a real account.
- Showing a question is counted per client: 14 probes in 5 seconds are slowed.
"""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import recovery
from accounts.tests.helpers import solved_challenge
from tests import factories

pytestmark = pytest.mark.django_db
SHARED = "Ville de naissance de mon père ?"


@pytest.fixture
def real_questions(db):
    for number in range(3):
        factories.UserFactory(identifiant=f"porteur.q{number}", secret_question=SHARED)
    factories.UserFactory(identifiant="unique.q1", secret_question="Surnom de ma tante Ginette ?")


def test_a_decoy_is_a_question_real_accounts_use(real_questions):
    for typed in ["inconnu.a1", "personne.b2", "x.y3", "zz.top4"]:
        assert recovery.password_question(typed) == SHARED
        assert recovery.identifiant_questions(f"{typed}@exemple.fr") == [SHARED]


def test_a_question_used_by_one_account_only_is_never_a_decoy(real_questions):
    decoys = {recovery.decoy_question(f"inconnu.{n}") for n in range(50)}
    assert "Surnom de ma tante Ginette ?" not in decoys
    assert not decoys & set(recovery.FALLBACK_DECOYS)


def test_a_decoy_is_stable_per_input_and_varies_between_inputs(db):
    for number, question in enumerate(["Nom de mon chat ?", "Ma rue ?", "Mon club ?"] * 3):
        factories.UserFactory(identifiant=f"porteur.r{number}", secret_question=question)
    first = [recovery.decoy_question(f"inconnu.{n}") for n in range(40)]
    again = [recovery.decoy_question(f"inconnu.{n}") for n in range(40)]
    assert first == again
    assert len(set(first)) > 1


def probe(client, identifiant):
    return client.post(
        reverse("accounts:forgotten_password"), {"identifiant": identifiant, **solved_challenge()}
    )


def test_probing_questions_is_slowed_per_client(real_questions):
    prober = Client(REMOTE_ADDR="198.51.100.20")
    statuses = [probe(prober, f"devine.nom{number}").status_code for number in range(14)]
    assert 429 in statuses
    assert statuses.index(429) <= 10
    assert probe(Client(REMOTE_ADDR="198.51.100.21"), "porteur.q0").status_code == 302


def test_probing_emails_is_slowed_per_client(real_questions):
    prober = Client(REMOTE_ADDR="198.51.100.30")
    url = reverse("accounts:forgotten_identifiant")
    statuses = [
        prober.post(url, {"email": f"devine{n}@exemple.fr", **solved_challenge()}).status_code
        for n in range(14)
    ]
    assert 429 in statuses
