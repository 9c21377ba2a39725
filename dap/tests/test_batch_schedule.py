"""When the batch runs: 6h and 20h Paris on French working days; by hand; its DGEFP line."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from dap import batching
from dap.models import BatchRun, RequestStatus
from dap.tasks import scheduled_tacit_batch
from dap.tests import factories

PARIS = ZoneInfo("Europe/Paris")


def test_beat_entry_fires_at_6_and_20_paris():
    entry = settings.CELERY_BEAT_SCHEDULE["dap-tacit-acceptance"]
    assert entry["task"] == "dap.tasks.scheduled_tacit_batch"
    assert entry["schedule"].hour == {6, 20} and entry["schedule"].minute == {0}
    assert settings.CELERY_TIMEZONE == "Europe/Paris"


@pytest.mark.parametrize(
    ("day", "runs"),
    [
        (date(2020, 4, 10), 2),  # Good Friday: a working day in metropolitan France
        (date(2020, 4, 11), 0),  # Saturday
        (date(2020, 4, 12), 0),  # Sunday
        (date(2020, 4, 13), 0),  # Easter Monday
        (date(2020, 5, 1), 0),  # Fête du travail
        (date(2020, 7, 14), 0),  # Fête nationale
        (date(2020, 4, 14), 2),
    ],
)
def test_scheduled_runs_by_day(day, runs):
    assert len(batching.scheduled_runs_on(day)) == runs


def test_next_run_after_a_long_weekend():
    friday_evening = datetime(2020, 4, 10, 20, 1, tzinfo=PARIS)
    assert batching.next_run_at(friday_evening) == datetime(2020, 4, 14, 6, tzinfo=PARIS)
    assert batching.next_run_at(datetime(2020, 4, 14, 6, tzinfo=PARIS)).hour == 6


@pytest.mark.parametrize(
    ("moment", "expected_runs"),
    [
        (datetime(2020, 4, 11, 6, 0, 5, tzinfo=PARIS), 0),  # Saturday
        (datetime(2020, 4, 13, 20, 0, 5, tzinfo=PARIS), 0),  # Easter Monday
        (datetime(2020, 4, 14, 13, 0, tzinfo=PARIS), 0),  # not a run hour
        (datetime(2020, 4, 14, 6, 0, 5, tzinfo=PARIS), 1),
        (datetime(2020, 4, 14, 20, 2, tzinfo=PARIS), 1),
    ],
)
def test_beat_tick_skips_weekends_and_holidays(db, establishment_a, moment, expected_runs):
    factories.complete_fiche(establishment_a)
    request = factories.sent_request(establishment_a, datetime(2020, 4, 6, 9, tzinfo=PARIS))
    with time_machine.travel(moment, tick=False):
        scheduled_tacit_batch()
    assert BatchRun.objects.count() == expected_runs
    request.refresh_from_db()
    expected = RequestStatus.TACIT if expected_runs else RequestStatus.SENT
    assert request.status == expected


def test_management_command(db, establishment_a):
    factories.complete_fiche(establishment_a)
    factories.sent_request(establishment_a, datetime(2020, 4, 6, 9, tzinfo=PARIS))
    out = StringIO()
    with time_machine.travel(datetime(2020, 4, 9, 9, tzinfo=PARIS), tick=False):
        call_command("tacit_batch", stdout=out)
    assert "1 demande(s) acceptée(s) tacitement." in out.getvalue()
    assert BatchRun.objects.get().trigger == "command"


def test_dgefp_button_and_line(client_of, dgefp_admin, support_agent, establishment_a):
    """Today's rule (15 days): two requests past their delay, one not."""
    from django.utils import timezone

    factories.complete_fiche(establishment_a)
    now = timezone.now()
    for age in (timedelta(days=16), timedelta(days=15, minutes=1), timedelta(days=14)):
        factories.sent_request(establishment_a, now - age)
    client = client_of(dgefp_admin)
    assert client.post(reverse("dap:batch_start")).status_code == 302
    text = client.get(reverse("dap:batch")).content.decode()
    run = BatchRun.objects.get()
    assert run.trigger == "button" and run.triggered_by == dgefp_admin and run.accepted == 2
    assert "2 demande(s) acceptée(s) tacitement." in text
    assert "Demandes en cours d'instruction : 1, dont 0 au délai écoulé" in text
    support_page = client_of(support_agent).get(reverse("dap:batch")).content.decode()
    assert "LANCER LE TRAITEMENT" not in support_page
