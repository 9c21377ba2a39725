"""First login: « Changement du mot de passe pour <identifiant> » before anything else."""

import pytest
from django.urls import reverse

from accounts.forms import MISMATCH, SAME_AS_OLD, WRONG_OLD
from accounts.tests.helpers import log_in, page_text
from accounts.views import PASSWORD_CHANGED
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Nouveau-Passe9"


@pytest.fixture
def newcomer(client, employer_a):
    employer_a.must_change_password = True
    employer_a.save()
    log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    return employer_a


def change(client, old=DEFAULT_PASSWORD, new=NEW_PASSWORD, confirmation=None):
    return client.post(
        reverse("accounts:first_password_change"),
        {
            "old_password": old,
            "new_password": new,
            "confirmation": new if confirmation is None else confirmation,
        },
    )


def test_the_page_names_the_identifiant_and_states_the_rule(client, newcomer):
    text = page_text(client.get(reverse("accounts:first_password_change")))
    assert "Changement du mot de passe pour employeur.a1" in text
    assert "Le mot de passe doit être différent de l'identifiant et comporter 8 caractères" in text
    assert "Les caractères accentués ne sont pas autorisés." in text
    for label in [
        "Entrez l'ancien mot de passe",
        "Entrez le nouveau mot de passe",
        "Confirmez le nouveau mot de passe",
        "Changement du mot de passe",
    ]:
        assert label in text


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Cour1!", "Votre mot de passe doit comporter au moins 8 caractères"),
        ("MAJUSCULES1!", "Votre mot de passe n'a pas assez de minuscules"),
        ("minuscules1!", "Votre mot de passe n'a pas assez de majuscules"),
        ("SansChiffre!", "Votre mot de passe n'a pas assez de chiffres"),
        ("SansSpecial1", "Votre mot de passe n'a pas assez de caractères spéciaux"),
        ("Accentué1!", "Les caractères accentués ne sont pas autorisés"),
        ("Password1!", "Ce mot de passe est trop courant."),
    ],
)
def test_each_failed_rule_has_its_own_message(client, newcomer, password, message):
    response = change(client, new=password)
    assert message in page_text(response)
    newcomer.refresh_from_db()
    assert newcomer.must_change_password


def test_a_password_equal_to_the_identifiant_is_refused(client, newcomer):
    newcomer.identifiant = "Employeur.a1!"
    newcomer.save()
    response = change(client, new="Employeur.a1!")
    assert "ne doit pas être identique à votre identifiant" in page_text(response)


def test_a_confirmation_that_differs_is_refused(client, newcomer):
    response = change(client, confirmation="Autre-Passe9")
    assert MISMATCH in page_text(response)


def test_the_new_password_must_differ_from_the_old_one(client, newcomer):
    response = change(client, new=DEFAULT_PASSWORD)
    assert SAME_AS_OLD in page_text(response)


def test_a_wrong_old_password_is_refused(client, newcomer):
    response = change(client, old="Mauvais-Passe9")
    assert WRONG_OLD in page_text(response)
    newcomer.refresh_from_db()
    assert newcomer.check_password(DEFAULT_PASSWORD)


def test_a_successful_change_logs_out_and_invites_to_log_in_again(client, newcomer):
    response = change(client)
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session
    home = client.get(reverse("home"))
    assert PASSWORD_CHANGED in page_text(home)
    newcomer.refresh_from_db()
    assert not newcomer.must_change_password
    assert log_in(client, "employeur.a1", DEFAULT_PASSWORD).status_code == 200
    again = log_in(client, "employeur.a1", NEW_PASSWORD)
    assert again["Location"] == reverse("landing")


@pytest.mark.parametrize(
    "name", ["home", "establishments:dashboard", "accounts:forgotten_password", "dev_mailbox"]
)
def test_no_other_page_is_reachable_before_the_change(client, newcomer, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:first_password_change")


@pytest.mark.parametrize(
    "name",
    ["accounts:login", "establishments:user_request", "accounts:forgotten_identifiant", "home"],
)
def test_direct_posts_to_other_urls_are_turned_back(client, newcomer, name):
    response = client.post(reverse(name), {"anything": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:first_password_change")


def test_logging_out_stays_possible_before_the_change(client, newcomer):
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session


def test_the_change_page_needs_a_login(client):
    response = client.get(reverse("accounts:first_password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("home"))
