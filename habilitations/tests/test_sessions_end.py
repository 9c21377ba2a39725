"""Hole 3 of issue 10: a suspended or expired person keeps no open session, /admin/ included.

The login policy (`habilitations.access.login_refusal`) is checked again on every request
of a logged-in person: once it refuses (suspended, expired, deactivated), the session is
ended and the person is sent to the home page with the reason.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from habilitations.enums import HabilitationStatus, Profile
from habilitations.models import Habilitation
from tests import factories
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("establishments:dashboard")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(DASHBOARD).status_code == 200
    return client


def test_a_suspension_ends_the_open_session(employer_a):
    client = logged_in(employer_a)
    Habilitation.objects.filter(user=employer_a).update(status=HabilitationStatus.SUSPENDED)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    page = client.get(response.url, follow=True)
    assert "est suspendue" in page.content.decode()


def test_an_expired_habilitation_ends_the_open_session(employer_a):
    client = logged_in(employer_a)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Habilitation.objects.filter(user=employer_a).update(valid_until=yesterday)
    client.get(DASHBOARD)
    assert "_auth_user_id" not in client.session


def test_a_deactivated_account_ends_the_open_session(employer_a):
    client = logged_in(employer_a)
    type(employer_a).objects.filter(pk=employer_a.pk).update(is_active=False)
    client.get(DASHBOARD)
    assert "_auth_user_id" not in client.session


@pytest.fixture
def superuser(db):
    user = factories.agent(Profile.DGEFP, identifiant="admin.super1")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_a_suspended_superuser_with_an_open_session_cannot_enter_the_admin(superuser):
    client = Client()
    client.force_login(superuser)
    assert client.get("/admin/habilitations/habilitation/").status_code == 200
    Habilitation.objects.filter(user=superuser).update(status=HabilitationStatus.SUSPENDED)
    response = client.get("/admin/habilitations/habilitation/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("fault", ["suspended", "expired"])
def test_a_suspended_or_expired_superuser_cannot_log_in_to_the_admin(superuser, fault):
    habilitations = Habilitation.objects.filter(user=superuser)
    if fault == "suspended":
        habilitations.update(status=HabilitationStatus.SUSPENDED)
    else:
        habilitations.update(valid_until=timezone.localdate() - datetime.timedelta(days=1))
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": superuser.identifiant, "password": DEFAULT_PASSWORD},
    )
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/habilitations/habilitation/").status_code == 302
    assert response.status_code == 200


def test_an_active_superuser_still_enters_the_admin(superuser):
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": superuser.identifiant, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/admin/habilitations/habilitation/").status_code == 200
