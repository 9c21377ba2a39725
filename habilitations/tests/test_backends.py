"""The habilitation backend: every authenticate() path obeys the login policy, and
user.has_perm answers rights on establishments from habilitations.access."""

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from accounts.access import login_refusal_of
from habilitations import access
from habilitations.backends import (
    CHANGE_ESTABLISHMENT,
    MANAGE_ESTABLISHMENT_USERS,
    VIEW_ESTABLISHMENT,
)
from habilitations.models import Habilitation
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


def test_authenticate_refuses_a_habilitation_not_notified_and_says_why(employer_a):
    Habilitation.objects.filter(user=employer_a).update(notified_at=None)
    request = RequestFactory().post("/")
    assert authenticate(request, username="employeur.a1", password=DEFAULT_PASSWORD) is None
    assert login_refusal_of(request) == access.NOT_YET_HABILITATED


def test_a_wrong_password_leaves_no_refusal_reason(employer_a):
    Habilitation.objects.filter(user=employer_a).update(notified_at=None)
    request = RequestFactory().post("/")
    assert authenticate(request, username="employeur.a1", password="Faux-2020!") is None
    assert login_refusal_of(request) is None


def test_django_admin_login_obeys_the_policy(client, dgefp_admin):
    dgefp_admin.is_staff = dgefp_admin.is_superuser = True
    dgefp_admin.save()
    data = {"username": "admin.dgefp1", "password": DEFAULT_PASSWORD, "next": "/admin/"}
    Habilitation.objects.filter(user=dgefp_admin).update(notified_at=None)
    client.post(reverse("admin:login"), data)
    assert "_auth_user_id" not in client.session
    Habilitation.objects.filter(user=dgefp_admin).update(notified_at="2020-03-16T09:00:00Z")
    client.post(reverse("admin:login"), data)
    assert client.session["_auth_user_id"] == str(dgefp_admin.pk)


def test_has_perm_on_establishments_follows_the_policy(
    employer_a, establishment_a, establishment_b, ud_agent_a
):
    assert employer_a.has_perm(VIEW_ESTABLISHMENT, establishment_a)
    assert employer_a.has_perm(CHANGE_ESTABLISHMENT, establishment_a)
    assert employer_a.has_perm(MANAGE_ESTABLISHMENT_USERS, establishment_a)
    assert not employer_a.has_perm(VIEW_ESTABLISHMENT, establishment_b)
    assert not employer_a.has_perm(CHANGE_ESTABLISHMENT, establishment_b)
    assert ud_agent_a.has_perm(VIEW_ESTABLISHMENT, establishment_a)
    assert not ud_agent_a.has_perm(CHANGE_ESTABLISHMENT, establishment_a)
    assert not ud_agent_a.has_perm(VIEW_ESTABLISHMENT, establishment_b)
    assert not employer_a.has_perm("establishments.delete_everything", establishment_a)


def test_a_superuser_gets_no_object_right_outside_the_policy(dgefp_admin, establishment_a):
    dgefp_admin.is_superuser = True
    dgefp_admin.save()
    assert dgefp_admin.has_perm("accounts.change_user")  # the admin's model permissions
    assert dgefp_admin.has_perm(VIEW_ESTABLISHMENT, establishment_a)
    assert not dgefp_admin.has_perm(CHANGE_ESTABLISHMENT, establishment_a)
