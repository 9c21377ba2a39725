"""Sessions slide their 30-minute idle window without a write on every request."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.tests.helpers import log_in
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.usefixtures("sessions_on_the_test_clock")


def expiry(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


def test_a_request_within_the_minute_writes_nothing_a_later_one_slides_the_window(
    client, employer_a
):
    start = timezone.now()
    page = reverse("establishments:dashboard")
    with time_machine.travel(start, tick=False):
        log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    first = expiry(client)
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert client.get(page).status_code == 200
    assert expiry(client) == first
    with time_machine.travel(start + datetime.timedelta(minutes=10), tick=False):
        assert client.get(page).status_code == 200
    assert expiry(client) == first + datetime.timedelta(minutes=10)


def test_an_idle_session_is_refused_after_thirty_minutes_to_the_minute(client, employer_a):
    start = timezone.now()
    page = reverse("establishments:dashboard")
    with time_machine.travel(start, tick=False):
        log_in(client, "employeur.a1", DEFAULT_PASSWORD)
    # A request 59 s after the last save did not slide the window: 30 minutes after the
    # login (not after that request) the session is over.
    with time_machine.travel(start + datetime.timedelta(seconds=59), tick=False):
        assert client.get(page).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=30, seconds=1), tick=False):
        assert client.get(page).status_code == 302
