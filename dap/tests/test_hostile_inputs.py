"""Hostile or absurd inputs on the DAP pages: a clear French message, never a server error
(external QA review, December 2026)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from dap.models import AuthorizationRequest
from dap.tests import factories

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2020, 4, 6, 10, 0, tzinfo=PARIS)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _form(**overrides):
    data = {
        "reason": "exceptional",
        "sub_reason": "coronavirus",
        "circumstances": "Fermeture administrative.",
        "closure": "closure",
        "period_start": "2020-03-16",
        "period_end": "2020-06-30",
        "employees": "5",
        "hours": "100",
        "cse_opinion": "no_cse",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("9999-12-01", "9999-12-31"),  # start + 12 months overflowed: server error
        ("0001-01-01", "0001-01-31"),  # no annual quota for year 1: server error
        ("2020-04-06", "9999-12-31"),
    ],
)
def test_absurd_years_get_a_french_message(client_of, employer_a, establishment_a, start, end):
    factories.complete_fiche(establishment_a)
    url = reverse("dap:new", args=[establishment_a.siret])
    response = client_of(employer_a).post(url, _form(period_start=start, period_end=end))
    assert response.status_code == 200
    assert "Saisissez une date comprise entre le 1er janvier 1900 et le 31 décembre 2099" in (
        response.content.decode()
    )
    assert not AuthorizationRequest.objects.exists()


@pytest.mark.parametrize("employees", ["-3", "0"])
def test_negative_headcount_has_the_same_message_as_zero(
    client_of, employer_a, establishment_a, employees
):
    factories.complete_fiche(establishment_a)
    url = reverse("dap:new", args=[establishment_a.siret])
    response = client_of(employer_a).post(url, _form(employees=employees))
    text = response.content.decode()
    assert "Au moins un salarié doit être concerné." in text
    assert "supérieure ou égale à 0" not in text


def test_a_stale_edit_cannot_undo_a_send(employer_a, establishment_a):
    """Two tabs: the form was loaded as a draft, the request was sent meanwhile; saving the
    form must not write the draft status (and the empty sending date) back."""
    from dap.models import RequestStatus
    from dap.services.requests import request_send, request_update

    factories.complete_fiche(establishment_a)
    stale = factories.dap_request(establishment_a)
    request_send(request=AuthorizationRequest.objects.get(pk=stale.pk), user=employer_a)
    with pytest.raises(ValidationError):
        request_update(request=stale, data={"employees": 4})
    fresh = AuthorizationRequest.objects.get(pk=stale.pk)
    assert fresh.status == RequestStatus.SENT and fresh.sent_at is not None
    assert fresh.employees == 5


def test_a_second_send_says_it_was_already_sent(client_of, employer_a, establishment_a):
    """A double click on « Envoyer »: one sending, and a message the employer understands."""
    factories.complete_fiche(establishment_a)
    draft = factories.dap_request(establishment_a)
    client = client_of(employer_a)
    url = reverse("dap:send", args=[draft.number])
    client.post(url, follow=True)
    response = client.post(url, follow=True)
    messages = [str(message) for message in response.context["messages"]]
    assert messages == ["Cette demande a déjà été envoyée le 06/04/2020 à 10h00."]
    assert draft.transitions.filter(to_status="sent").count() == 1
