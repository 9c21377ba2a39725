"""What happens once step 2 is sent: the three cases of seed 002, end to end.

Celery runs eagerly in tests; `submit_step2` runs the after-commit callbacks, so the
request is stored, processed and its emails delivered through the outbox.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from apart.core.models import OutboxEmail
from establishments.models import Establishment
from habilitations import tasks
from habilitations.enums import ApplicationCode, RequestOutcome, RequestStatus
from habilitations.models import AccountRequest, Application, Attachment, Habilitation
from habilitations.services import account_request_process
from habilitations.tests.conftest import NEW_SIRET, real_siret, text_of
from habilitations.views import SUBMITTED
from tests import factories

DONE = reverse("habilitations:create_space_done")
THREE_EMAILS = ["asp_identifiant", "asp_mot_de_passe", "apart_habilitation"]
ILMEN = {
    "last_name": "FoPlus",
    "first_name": "Ilmen",
    "email": "ilmen.foplus@exemple.fr",
    "email_confirm": "ilmen.foplus@exemple.fr",
}


def templates_sent() -> list[str]:
    return list(OutboxEmail.objects.order_by("pk").values_list("template", flat=True))


def existing_person(*applications: str, **fields) -> User:
    """Ilmen FoPlus of seed 002, with an ASP account habilitated to those applications."""
    user = factories.UserFactory(
        first_name="Ilmen", last_name="FoPlus", email="ilmen.foplus@exemple.fr", **fields
    )
    for code in applications:
        factories.HabilitationFactory(user=user, application=Application.objects.get(code=code))
    return user


def test_case_1_a_new_person_gets_an_account_and_the_three_emails(submit_step2):
    response = submit_step2()

    assert response.status_code == 302 and response.url == DONE
    request = AccountRequest.objects.get()
    assert (request.status, request.outcome) == (
        RequestStatus.PROCESSED,
        RequestOutcome.NEW_ACCOUNT,
    )
    user = request.user
    assert user.identifiant == "gerard.menuca1"
    assert (user.first_name, user.last_name, user.email) == (
        "Gérard",
        "Menuça",
        "gerard.menuca@exemple.fr",
    )
    assert user.must_change_password and user.check_secret_answer("medor")
    assert templates_sent() == THREE_EMAILS
    assert [m.to for m in mail.outbox] == [["gerard.menuca@exemple.fr"]] * 3
    assert "gerard.menuca1" in mail.outbox[0].body
    habilitation = Habilitation.objects.apart().get(user=user)
    assert habilitation.valid_until - habilitation.valid_from == datetime.timedelta(days=364)
    establishment = Establishment.objects.get(siret=NEW_SIRET)
    assert establishment.principal_user == user
    assert (establishment.city, establishment.insee_code) == ("Paris 2e Arrondissement", "75102")
    assert establishment.phone == "+33142334455"
    assert Attachment.objects.active().filter(habilitation=habilitation).count() == 1


def test_case_1_shows_the_information_message_of_the_seed(submit_step2, client):
    submit_step2()
    response = client.get(DONE)
    assert "Information" in text_of(response)
    assert SUBMITTED in text_of(response)
    assert client.get(DONE).url == reverse("home")  # shown once


def test_case_2_an_already_habilitated_person_is_told_and_gets_no_email(submit_step2, client):
    person = existing_person(ApplicationCode.APART)
    other = factories.EstablishmentFactory(siret=real_siret(3))
    Attachment.objects.create(habilitation=person.habilitations.get(), establishment=other)

    submit_step2(last_name="FOPLUS", first_name="ilmen", email="Ilmen.Foplus@exemple.fr",
                 email_confirm="ilmen.foplus@exemple.fr")  # fmt: skip

    message = (
        "Pour information : l'utilisateur FOPLUS ilmen a déjà une habilitation sur l'extranet "
        "Activité Partielle, pour un autre établissement que le vôtre. Cette même habilitation "
        "va être rattachée à ce compte établissement."
    )
    assert message in text_of(client.get(DONE))
    request = AccountRequest.objects.get()
    assert (request.outcome, request.user) == (RequestOutcome.ALREADY_HABILITATED, person)
    assert templates_sent() == [] and mail.outbox == []
    assert User.objects.count() == 1
    attached = Attachment.objects.active().filter(habilitation__user=person)
    assert sorted(a.establishment.siret for a in attached) == sorted([other.siret, NEW_SIRET])


def test_case_3_a_person_of_another_asp_extranet_only_gets_the_habilitation_email(
    submit_step2, client
):
    person = existing_person(ApplicationCode.SYLAE)

    submit_step2(last_name="FoPlus", first_name="Ilmen", email="ilmen.foplus@exemple.fr",
                 email_confirm="ilmen.foplus@exemple.fr")  # fmt: skip

    assert SUBMITTED in text_of(client.get(DONE))
    request = AccountRequest.objects.get()
    assert (request.outcome, request.user) == (RequestOutcome.OTHER_EXTRANET, person)
    assert templates_sent() == ["apart_habilitation"]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ilmen.foplus@exemple.fr"]
    assert Habilitation.objects.apart().filter(user=person).count() == 1
    assert User.objects.count() == 1


def test_the_same_email_under_other_names_is_another_person(submit_step2):
    existing_person(ApplicationCode.APART)
    submit_step2(email="ilmen.foplus@exemple.fr", email_confirm="ilmen.foplus@exemple.fr")
    assert AccountRequest.objects.get().outcome == RequestOutcome.NEW_ACCOUNT
    assert templates_sent() == THREE_EMAILS


def test_processing_twice_creates_nothing_twice(submit_step2):
    submit_step2()
    request = AccountRequest.objects.get()

    account_request_process(request_id=request.pk)
    tasks.process_account_request.delay(request.pk)
    tasks.sweep_account_requests(older_than_seconds=0)

    assert User.objects.count() == 1
    assert Habilitation.objects.count() == 1
    assert Attachment.objects.count() == 1
    assert Establishment.objects.count() == 1
    assert templates_sent() == THREE_EMAILS
    assert len(mail.outbox) == 3


def test_a_request_is_kept_when_the_broker_is_down_and_processed_by_the_sweep(
    submit_step2, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("Redis est arrêté")

    monkeypatch.setattr(tasks.process_account_request, "delay", broker_down)
    response = submit_step2()

    assert response.url == DONE
    request = AccountRequest.objects.get()
    assert request.status == RequestStatus.RECEIVED and templates_sent() == []

    monkeypatch.undo()
    assert tasks.sweep_account_requests(older_than_seconds=0) == 1

    request.refresh_from_db()
    assert request.status == RequestStatus.PROCESSED
    assert templates_sent() == THREE_EMAILS


def test_the_sweep_leaves_requests_younger_than_its_delay(submit_step2, monkeypatch):
    monkeypatch.setattr(tasks.process_account_request, "delay", lambda *a: None)
    submit_step2()
    assert tasks.sweep_account_requests(older_than_seconds=600) == 0
    assert AccountRequest.objects.get().status == RequestStatus.RECEIVED


def attach_many(user: User, count: int) -> None:
    habilitation = user.habilitations.get()
    establishments = Establishment.objects.bulk_create(
        factories.EstablishmentFactory.build(siret=real_siret(1000 + n)) for n in range(count)
    )
    Attachment.objects.bulk_create(
        Attachment(habilitation=habilitation, establishment=e, added_at=timezone.now())
        for e in establishments
    )


def test_a_manager_of_200_establishments_is_stopped_with_a_clear_message(submit_step2, settings):
    person = existing_person(ApplicationCode.APART)
    attach_many(person, settings.MAX_ESTABLISHMENTS_PER_MANAGER)

    response = submit_step2(**ILMEN)

    assert response.status_code == 200
    content = text_of(response)
    assert "est déjà rattaché à 200 établissements, le maximum autorisé" in content
    assert AccountRequest.objects.count() == 0


def test_a_manager_of_199_establishments_may_add_one_more(submit_step2, settings):
    person = existing_person(ApplicationCode.APART)
    attach_many(person, settings.MAX_ESTABLISHMENTS_PER_MANAGER - 1)

    response = submit_step2(**ILMEN)

    assert response.url == DONE
    assert Attachment.objects.active().filter(habilitation__user=person).count() == 200


def test_an_establishment_that_got_an_account_since_step_1_is_refused(submit_step2):
    establishment = factories.EstablishmentFactory(siret=NEW_SIRET)
    factories.employer_of(establishment)
    response = submit_step2()
    assert "a déjà créé un compte utilisateur" in text_of(response)
    assert AccountRequest.objects.count() == 0


@pytest.mark.django_db
def test_the_information_page_without_a_request_goes_home(client):
    assert client.get(DONE).url == reverse("home")
