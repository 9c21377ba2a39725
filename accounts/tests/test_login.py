"""MON ESPACE PERSONNEL: login by identifiant and the refusals of seed 002 §1–§2."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.forms import EMAIL_AS_IDENTIFIANT
from accounts.tests.helpers import log_in, page_text
from accounts.views import WRONG_CREDENTIALS
from habilitations import access
from habilitations.enums import HabilitationStatus, Profile
from habilitations.models import AccountRequest, Habilitation
from tests import factories
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def dashboard_url():
    return reverse("landing")


def test_the_home_page_form_posts_to_the_login_view(client):
    response = client.get(reverse("home"))
    assert f'action="{reverse("accounts:login")}"' in response.content.decode()
    assert "Ne pas saisir d'adresse de messagerie" in page_text(response)


def test_an_employer_logs_in_and_reaches_the_dashboard(client, employer_a):
    response = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == dashboard_url()
    assert client.session["_auth_user_id"] == str(employer_a.pk)


def test_an_email_typed_as_identifiant_gets_a_clear_message(client, employer_a):
    response = log_in(client, employer_a.email, DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert EMAIL_AS_IDENTIFIANT in page_text(response)
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_and_an_unknown_identifiant_get_the_same_message(client, employer_a):
    wrong = log_in(client, "employeur.a1", "Mauvais1!")
    unknown = log_in(client, "personne.inconnue1", "Mauvais1!")
    assert WRONG_CREDENTIALS in page_text(wrong)
    assert WRONG_CREDENTIALS in page_text(unknown)
    assert wrong.status_code == unknown.status_code == 200


def test_an_account_without_apart_habilitation_is_told_to_wait_for_the_habilitation_email(client):
    factories.UserFactory(identifiant="sylae.seul1")
    response = log_in(client, "sylae.seul1", DEFAULT_PASSWORD)
    text = page_text(response)
    assert (
        "vous ne pourrez vous connecter que lorsque vous aurez reçu un mail vous informant de la "
        "création de votre habilitation" in text
    )
    assert "_auth_user_id" not in client.session


def test_an_other_extranet_account_whose_request_is_not_processed_yet_is_told_to_wait(client):
    user = factories.UserFactory(identifiant="sylae.attente1")
    AccountRequest.objects.create(
        siret=factories.valid_siret(999),
        last_name=user.last_name,
        first_name=user.first_name,
        phone="0612345678",
        email=user.email,
        secret_question="?",
        secret_answer_hash="x",
    )
    response = log_in(client, "sylae.attente1", DEFAULT_PASSWORD)
    assert access.NOT_YET_HABILITATED in page_text(response)
    assert "_auth_user_id" not in client.session


def test_a_habilitation_whose_email_was_not_sent_yet_refuses_login(client, employer_a):
    Habilitation.objects.filter(user=employer_a).update(notified_at=None)
    response = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert access.NOT_YET_HABILITATED in page_text(response)


def test_a_suspended_habilitation_refuses_login(client, employer_a):
    Habilitation.objects.filter(user=employer_a).update(status=HabilitationStatus.SUSPENDED)
    response = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert "est suspendue" in page_text(response)
    assert "_auth_user_id" not in client.session


@pytest.fixture
def dated_employer(employer_a):
    Habilitation.objects.filter(user=employer_a).update(
        valid_from=datetime.date(2020, 4, 1), valid_until=datetime.date(2021, 3, 31)
    )
    return employer_a


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (
            datetime.datetime(2020, 3, 31, 23, 59, tzinfo=PARIS),
            "est activée à compter du 01/04/2020",
        ),
        (datetime.datetime(2020, 4, 1, 0, 1, tzinfo=PARIS), None),
        (datetime.datetime(2021, 3, 31, 23, 59, tzinfo=PARIS), None),
        (datetime.datetime(2021, 4, 1, 0, 1, tzinfo=PARIS), "a pris fin le 31/03/2021"),
    ],
    ids=["day-before-start", "start-day", "end-day", "day-after-end"],
)
def test_login_follows_the_habilitation_dates_in_paris_time(
    client, dated_employer, moment, expected
):
    with time_machine.travel(moment, tick=False):
        response = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    if expected is None:
        assert response.status_code == 302
        assert response["Location"] == dashboard_url()
    else:
        assert expected in page_text(response)
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("profile", [Profile.UD_AGENT, Profile.SUPPORT, Profile.DGEFP])
def test_agents_log_in_through_their_apart_habilitation(client, profile):
    factories.agent(profile, "75", identifiant="agent.test1")
    response = log_in(client, "agent.test1", DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == dashboard_url()


def test_an_agent_whose_habilitation_ended_is_refused(client, ud_agent_a):
    Habilitation.objects.filter(user=ud_agent_a).update(
        valid_from=timezone.localdate() - datetime.timedelta(days=30),
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    response = log_in(client, "agent.ud75", DEFAULT_PASSWORD)
    assert "a pris fin le" in page_text(response)


def test_an_inactive_account_gets_the_generic_message(client, employer_a):
    employer_a.is_active = False
    employer_a.save()
    response = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert WRONG_CREDENTIALS in page_text(response)


def test_a_temporary_password_leads_to_the_forced_change(client, employer_a):
    employer_a.must_change_password = True
    employer_a.save()
    response = log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert response["Location"] == reverse("accounts:first_password_change")


def test_the_session_key_changes_at_login(client, employer_a):
    client.get(reverse("home"))
    client.session.save()
    before = client.session.session_key
    log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert client.session.session_key != before


def test_deconnexion_ends_the_session(client, employer_a):
    log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("home")
    assert "_auth_user_id" not in client.session
    after = client.get(reverse("accounts:first_password_change"))
    assert after.status_code == 302
    assert after["Location"].startswith(reverse("home"))


def test_deconnexion_needs_a_post(client, employer_a):
    log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session


def test_an_idle_session_expires_after_thirty_minutes(
    client, employer_a, sessions_on_the_test_clock
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get(reverse("accounts:first_password_change")).status_code == 200
    # Each request slides the window: 29 + 29 minutes is still within it.
    with time_machine.travel(start + datetime.timedelta(minutes=58), tick=False):
        assert client.get(reverse("accounts:first_password_change")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=89), tick=False):
        response = client.get(reverse("accounts:first_password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("home"))


def test_the_login_page_can_be_shown_alone(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "MON ESPACE PERSONNEL" in page_text(response)
