"""The secret answer of « Créer mon espace » between the web request and the worker.

The web request seals it (no Argon2 there: ~25 ms of CPU each, the filing rush's largest
cost); the worker hashes it into the account and the request keeps nothing of it.
"""

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import User
from accounts.tests.helpers import emails_to, local_path, reset_link_in, solved_challenge
from apart.core.sealed import InvalidToken, seal, unseal
from habilitations import tasks
from habilitations.enums import RequestOutcome, RequestStatus
from habilitations.models import AccountRequest
from habilitations.services import SECRET_ANSWER_PURPOSE, account_request_process
from habilitations.tests.conftest import NEW_SIRET
from tests import factories

ANSWER = "Médor"


@pytest.fixture
def broker_down(monkeypatch):
    """The task is not sent: the request waits in the database, as during an outage."""
    sent = []
    monkeypatch.setattr(tasks.process_account_request, "delay", lambda *args: sent.append(args))
    return sent


def stored_row_text(request: AccountRequest) -> str:
    """The whole row as a copy of the database shows it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM habilitations_accountrequest WHERE id = %s", [request.pk])
        return " | ".join(str(value) for value in cursor.fetchone())


def test_the_stored_request_holds_the_answer_sealed_and_the_broker_only_its_id(
    submit_step2, broker_down
):
    submit_step2(secret_answer=ANSWER)

    request = AccountRequest.objects.get()
    row = stored_row_text(request).lower()
    assert "médor" not in row and "medor" not in row and "m\\u00e9dor" not in row
    assert request.secret_answer_hash == ""  # not hashed in the web request
    assert unseal(request.secret_answer_sealed, purpose=SECRET_ANSWER_PURPOSE) == ANSWER
    assert broker_down == [(request.pk,)]


def test_once_processed_the_request_keeps_no_answer_and_the_account_recovers_with_it(
    submit_step2, client
):
    submit_step2(secret_answer=ANSWER)

    request = AccountRequest.objects.get()
    assert request.outcome == RequestOutcome.NEW_ACCOUNT
    assert (request.secret_answer_sealed, request.secret_answer_hash) == ("", "")
    user = request.user
    # « J'ai oublié mon mot de passe »: the question, then the answer, then the emailed link.
    client.post(
        reverse("accounts:forgotten_password"),
        {"identifiant": user.identifiant, **solved_challenge()},
    )
    response = client.post(reverse("accounts:forgotten_password_question"), {"answer_0": "MEDOR"})
    assert response.status_code == 302
    link = local_path(reset_link_in(emails_to(user.email, "password_reset")[-1]))
    assert client.get(link).status_code in (200, 302)


def test_a_wrong_answer_does_not_recover_the_account(submit_step2, client):
    submit_step2(secret_answer=ANSWER)
    user = AccountRequest.objects.get().user
    assert not user.check_secret_answer("Rex")
    client.post(
        reverse("accounts:forgotten_password"),
        {"identifiant": user.identifiant, **solved_challenge()},
    )
    client.post(reverse("accounts:forgotten_password_question"), {"answer_0": "Rex"})
    assert emails_to(user.email, "password_reset") == []


def test_a_rejected_request_keeps_no_answer(submit_step2, broker_down):
    submit_step2(secret_answer=ANSWER)
    # Someone else's request for this SIRET was processed in between.
    factories.employer_of(factories.EstablishmentFactory(siret=NEW_SIRET))

    request = account_request_process(request_id=AccountRequest.objects.get().pk)

    assert (request.status, request.outcome) == (
        RequestStatus.REJECTED,
        RequestOutcome.ALREADY_HAS_ACCOUNT,
    )
    request.refresh_from_db()
    assert (request.secret_answer_sealed, request.secret_answer_hash) == ("", "")


def test_the_sweep_hashes_the_answer_of_a_request_the_broker_lost(submit_step2, broker_down):
    submit_step2(secret_answer=ANSWER)

    assert tasks.sweep_account_requests(older_than_seconds=0) == 1

    request = AccountRequest.objects.get()
    assert request.status == RequestStatus.PROCESSED
    assert request.secret_answer_sealed == ""
    assert request.user.check_secret_answer("medor")


def test_an_existing_person_keeps_their_own_answer(submit_step2):
    person = factories.UserFactory(
        first_name="Gérard", last_name="Menuça", email="gerard.menuca@exemple.fr",
        secret_answer="Lyon",
    )  # fmt: skip
    submit_step2(secret_answer=ANSWER)

    request = AccountRequest.objects.get()
    assert request.user == person and request.secret_answer_sealed == ""
    person.refresh_from_db()
    assert person.check_secret_answer("Lyon") and not person.check_secret_answer(ANSWER)


def test_a_database_copy_without_the_key_opens_nothing(submit_step2, broker_down, settings):
    submit_step2(secret_answer=ANSWER)
    sealed = AccountRequest.objects.get().secret_answer_sealed

    settings.SECRET_KEY = "another-key-" + "x" * 50
    with pytest.raises(InvalidToken):
        unseal(sealed, purpose=SECRET_ANSWER_PURPOSE)


def test_a_value_sealed_for_another_purpose_does_not_open():
    with pytest.raises(InvalidToken):
        unseal(seal(ANSWER, purpose="another purpose"), purpose=SECRET_ANSWER_PURPOSE)


def test_a_request_waiting_through_a_key_rotation_is_still_processed(
    submit_step2, broker_down, settings
):
    submit_step2(secret_answer=ANSWER)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "the-new-key-" + "y" * 50

    request = account_request_process(request_id=AccountRequest.objects.get().pk)

    assert request.user.check_secret_answer(ANSWER)


@pytest.mark.django_db
def test_a_request_stored_before_sealing_is_processed_with_its_hash():
    probe = User(identifiant="")
    probe.set_secret_answer(ANSWER)
    request = AccountRequest.objects.create(
        siret=NEW_SIRET,
        establishment_data={"denomination": "BOULANGERIE", "street_label": "DU MAIL",
                            "postal_code": "75002", "city": "PARIS 2E ARRONDISSEMENT"},
        last_name="Menuça", first_name="Gérard", phone="+33612345678",
        email="gerard.menuca@exemple.fr", secret_question="Chien ?",
        secret_answer_hash=probe.secret_answer_hash,
    )  # fmt: skip

    request = account_request_process(request_id=request.pk)

    assert request.user.check_secret_answer(ANSWER)
    request.refresh_from_db()
    assert request.secret_answer_hash == ""
