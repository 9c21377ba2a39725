"""Between the steps of « Créer mon espace »: two signed cookies, no session.

The SIRET of step 1 waits for step 2 and the message of step 2 for the information page
as a session would (gone with the browser or after 30 idle minutes), without the session
row and Redis calls that a filing rush would pay for every filer.
"""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from habilitations.tests.conftest import NEW_SIRET, siret_kept, step2_data, text_of
from habilitations.tests.test_create_space_siret import post as post_step_1
from habilitations.views import SIRET_COOKIE, SIRET_FIRST, SUBMITTED, signed

STEP_1 = reverse("habilitations:create_space")
STEP_2 = reverse("habilitations:create_space_form")
DONE = reverse("habilitations:create_space_done")


@pytest.mark.django_db
def test_a_whole_filing_opens_no_session(client, communes, django_capture_on_commit_callbacks):
    assert post_step_1(client, siret=NEW_SIRET).url == STEP_2
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(STEP_2, step2_data()).url == DONE
    assert SUBMITTED in text_of(client.get(DONE))

    assert Session.objects.count() == 0
    assert "sessionid" not in client.cookies
    assert client.get(DONE).url == reverse("home")  # shown once


@pytest.mark.django_db
def test_the_cookie_stays_on_these_pages_and_out_of_reach_of_scripts(client):
    response = post_step_1(client, siret=NEW_SIRET)
    cookie = response.cookies[SIRET_COOKIE]
    assert cookie["path"] == "/habilitations/creer-mon-espace/"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert NEW_SIRET not in cookie.value  # signed and encoded, not the bare SIRET


FORGERIES = {
    "bare": lambda: NEW_SIRET,
    "signed_for_another_cookie": lambda: signed("autre_cookie", NEW_SIRET),
    "edited": lambda: signed(SIRET_COOKIE, NEW_SIRET)[:-2] + "xx",
}


@pytest.mark.django_db
@pytest.mark.parametrize("forgery", FORGERIES)
def test_a_forged_siret_sends_back_to_step_1(client, forgery):
    client.cookies[SIRET_COOKIE] = FORGERIES[forgery]()
    response = client.get(STEP_2, follow=True)
    assert response.redirect_chain[-1][0] == STEP_1
    assert SIRET_FIRST in text_of(response)


@pytest.mark.django_db
def test_the_siret_waits_30_idle_minutes_and_each_step_2_page_renews_it(client, communes):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        post_step_1(client, siret=NEW_SIRET)
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get(STEP_2).status_code == 200
    with time_machine.travel(start + datetime.timedelta(minutes=58), tick=False):
        assert client.get(STEP_2).status_code == 200
        assert siret_kept(client) == NEW_SIRET
    with time_machine.travel(start + datetime.timedelta(minutes=89), tick=False):
        assert client.get(STEP_2).url == STEP_1
