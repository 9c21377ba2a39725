"""Habilitation validity has one rule: the access policy and the login agree on it."""

import datetime

import pytest
from django.utils import timezone

from habilitations import access
from habilitations.enums import HabilitationStatus
from habilitations.models import Habilitation

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, True),
        ({"notified_at": None}, False),
        ({"status": HabilitationStatus.SUSPENDED}, False),
        ({"valid_from": TODAY + DAY, "valid_until": TODAY + 10 * DAY}, False),
        ({"valid_from": TODAY - 10 * DAY, "valid_until": TODAY - DAY}, False),
        ({"valid_from": TODAY, "valid_until": TODAY}, True),
    ],
    ids=["valid", "email-not-sent", "suspended", "not-started", "ended", "one-day"],
)
def test_login_and_access_agree_on_validity(employer_a, establishment_a, changes, expected):
    Habilitation.objects.filter(user=employer_a).update(**changes)
    employer_a.refresh_from_db()
    in_force = Habilitation.objects.valid_on(timezone.now()).filter(user=employer_a).exists()
    may_log_in = access.login_refusal(employer_a, today=TODAY) is None
    sees = access.establishments_visible_to(employer_a).exists()
    assert (
        in_force
        == may_log_in
        == sees
        == (changes in ({}, {"valid_from": TODAY, "valid_until": TODAY}))
    )
