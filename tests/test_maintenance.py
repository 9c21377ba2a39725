from datetime import timedelta

import pytest
from django.utils import timezone

from support.models import InformationBanner

pytestmark = pytest.mark.django_db


@pytest.fixture
def maintenance_now():
    now = timezone.now()
    return InformationBanner.objects.create(
        title="Maintenance",
        message="Fermeture du service pour maintenance de 17h à 21h ce jour",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=4),
        maintenance=True,
    )


def test_maintenance_window_closes_the_portal_with_a_503(client, maintenance_now):
    response = client.get("/")
    assert response.status_code == 503
    assert "Fermeture du service pour maintenance de 17h à 21h ce jour" in response.content.decode()
    assert response["Retry-After"]


def test_admin_stays_reachable_during_maintenance(client, maintenance_now):
    response = client.get("/admin/login/")
    assert response.status_code == 200


def test_portal_reopens_when_the_window_ends(client, maintenance_now):
    maintenance_now.ends_at = timezone.now() - timedelta(seconds=1)
    maintenance_now.starts_at = timezone.now() - timedelta(hours=4)
    maintenance_now.save()
    assert client.get("/").status_code == 200


def test_a_future_window_does_not_close_the_portal(client):
    InformationBanner.objects.create(
        message="Maintenance demain",
        starts_at=timezone.now() + timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=1, hours=4),
        maintenance=True,
    )
    assert client.get("/").status_code == 200


def test_the_dgefp_can_log_in_and_end_the_window_during_maintenance(client, maintenance_now):
    from habilitations.enums import Profile
    from tests.factories import DEFAULT_PASSWORD, agent

    admin = agent(Profile.DGEFP, identifiant="admin.dgefp1")
    assert client.get("/compte/connexion/").status_code == 200
    response = client.post(
        "/compte/connexion/", {"username": admin.identifiant, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/aide/administration/bandeaux/").status_code == 200
    assert client.get("/etablissements/").status_code == 503
