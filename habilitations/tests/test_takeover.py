"""Hole 1 of issue 10: an establishment someone can already reach cannot be claimed.

An expert-comptable's client may have users but no principal user; « Créer mon espace »
must answer seed 001's message for it, at submission and again at processing.
"""

from django.urls import reverse
from django.utils import timezone

from habilitations.enums import RequestOutcome, RequestStatus
from habilitations.forms import ESTABLISHMENT_HAS_ACCOUNT
from habilitations.models import AccountRequest, Attachment
from habilitations.services import account_request_process, establishment_has_account
from habilitations.tests.conftest import real_siret, step2_data, text_of
from tests import factories


def accountants_client(communes):
    establishment = factories.EstablishmentFactory()
    accountant = factories.accountant_of(establishment, identifiant="comptable.x")
    assert establishment.principal_user_id is None
    return establishment, accountant


def test_step_1_refuses_an_establishment_reached_by_an_accountant(client, communes):
    establishment, _ = accountants_client(communes)
    response = client.post(
        reverse("habilitations:create_space"),
        {
            "siret": establishment.siret,
            "captcha_0": "x",
            "captcha_1": "PASSED",
            "accept_terms": "on",
        },
    )
    assert response.status_code == 200
    assert ESTABLISHMENT_HAS_ACCOUNT in text_of(response)


def test_step_2_refuses_it_at_submission(at_step2, communes):
    establishment, _ = accountants_client(communes)
    client = at_step2(establishment.siret)
    response = client.post(reverse("habilitations:create_space_form"), step2_data())
    assert response.status_code == 200
    assert ESTABLISHMENT_HAS_ACCOUNT in text_of(response)
    assert not AccountRequest.objects.exists()


def test_processing_rejects_it_and_the_accountant_stays(submit_step2, communes):
    establishment = factories.EstablishmentFactory()
    client_request = None
    # The request is stored while the establishment is still free…
    from habilitations.services import account_request_submit

    client_request = account_request_submit(
        siret=establishment.siret,
        establishment_data={},
        last_name="Intrus",
        first_name="Marc",
        phone="0612345678",
        email="marc.intrus@exemple.fr",
        secret_question="Nom de mon chat ?",
        secret_answer="Felix",
    )
    # …and an accountant is attached before it is processed.
    accountant = factories.accountant_of(establishment, identifiant="comptable.y")

    processed = account_request_process(request_id=client_request.pk)

    assert (processed.status, processed.outcome) == (
        RequestStatus.REJECTED,
        RequestOutcome.ALREADY_HAS_ACCOUNT,
    )
    establishment.refresh_from_db()
    assert establishment.principal_user_id is None
    assert Attachment.objects.active().filter(establishment=establishment).count() == 1
    assert Attachment.objects.active().get(establishment=establishment).habilitation.user == (
        accountant
    )


# Hole 8 (last part): two people creating a space for one SIRET at the same moment.


def test_the_second_person_is_told_at_submission(at_step2, communes):
    from habilitations.views import CREATION_PENDING

    first = at_step2()
    first.post(reverse("habilitations:create_space_form"), step2_data())  # not processed yet
    assert AccountRequest.objects.filter(status=RequestStatus.RECEIVED).count() == 1
    first.logout()
    second = at_step2()
    response = second.post(
        reverse("habilitations:create_space_form"),
        step2_data(last_name="Autre", first_name="Paul", email="paul.autre@exemple.fr",
                   email_confirm="paul.autre@exemple.fr"),
    )  # fmt: skip
    assert response.status_code == 200
    assert CREATION_PENDING in text_of(response)
    assert AccountRequest.objects.count() == 1


def test_when_both_got_through_the_second_is_told_by_email(db, communes, mailoutbox):
    from apart.core.models import OutboxEmail
    from habilitations.services import account_request_submit

    common = {
        "siret": "73282932000074",
        "establishment_data": {"denomination": "X"},
        "phone": "0612345678",
        "secret_question": "Nom de mon chat ?",
        "secret_answer": "Felix",
    }
    first = account_request_submit(
        last_name="Un", first_name="Alain", email="alain.un@exemple.fr", **common
    )
    second = account_request_submit(
        last_name="Deux", first_name="Bea", email="bea.deux@exemple.fr", **common
    )
    account_request_process(request_id=first.pk)
    second = account_request_process(request_id=second.pk)

    assert (second.status, second.outcome) == (
        RequestStatus.REJECTED,
        RequestOutcome.ALREADY_HAS_ACCOUNT,
    )
    told = OutboxEmail.objects.get(recipient="bea.deux@exemple.fr")
    assert told.template == "create_space_refused"
    assert ESTABLISHMENT_HAS_ACCOUNT in told.body_text


def test_an_establishment_whose_users_were_all_removed_may_be_created_again(db):
    establishment = factories.EstablishmentFactory(siret=real_siret(9))
    user = factories.employer_of(establishment)
    assert establishment_has_account(establishment.siret)
    establishment.principal_user = None
    establishment.save()
    assert establishment_has_account(establishment.siret)  # still attached
    Attachment.objects.filter(habilitation__user=user).update(revoked_at=timezone.now())
    assert not establishment_has_account(establishment.siret)
    assert not establishment_has_account(real_siret(10))  # unknown
