"""Hostile input on every form (issue 10): arbitrary Unicode, NUL, right-to-left overrides,
100 KB values, missing and duplicated fields → never a 500, and messages in French.

The fields are read from each form's page, so a field added later is attacked too.
Examples are bounded (a few per form) to keep the suite fast; the database is PostgreSQL
in CI, where NUL characters used to surface as 500s.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from habilitations.views import SIRET_COOKIE, signed

ENGLISH = [
    "This field is required",
    "Enter a valid",
    "Ensure this value",
    "Select a valid choice",
    "Null characters are not allowed",
    "Server Error",
]
HOSTILE = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from("a1 <>\"'&\x00\u202e\u200f\u2066é€😀\r\n"), max_size=60),
    st.sampled_from(["", " ", "\x00", "\u202eevil", "x" * 100_000, "<script>alert(1)</script>"]),
)
FIELD_VALUE = st.one_of(
    st.none(),  # the field is missing
    HOSTILE,
    st.lists(HOSTILE, min_size=2, max_size=2),  # the field is sent twice
)
SKIPPED = {"csrfmiddlewaretoken"}


def field_names(html: str) -> list[str]:
    forms = re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.S | re.I)
    names = set()
    for form in forms:
        names |= set(re.findall(r'name="([^"]+)"', form))
    return sorted(names - SKIPPED)


def hostile_post(client, url: str, names: list[str], draw) -> None:
    data = {}
    for name in names:
        value = draw(FIELD_VALUE)
        if value is not None:
            data[name] = value
    response = client.post(url, data)
    text = response.content.decode("utf-8", "replace")
    assert response.status_code < 500, (url, response.status_code)
    for phrase in ENGLISH:
        assert phrase not in text, (url, phrase)
    if response.status_code == 400:  # refused at the door, or the form's own 400: French
        assert 'lang="fr"' in text


PUBLIC_FORMS = [
    "/compte/connexion/",
    "/compte/mot-de-passe-oublie/",
    "/compte/identifiant-oublie/",
    "/habilitations/creer-mon-espace/",
    "/aide/demande-assistance/",
    "/etablissements/contrat-de-prestation/",
]
HYPOTHESIS = settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def names_of(client, url: str) -> list[str]:
    page = client.get(url)
    assert page.status_code == 200, (url, page.status_code)
    names = field_names(page.content.decode())
    assert names, f"no form found on {url}"
    return names


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_FORMS)
@HYPOTHESIS
@given(data=st.data())
def test_public_forms_never_fail_on_hostile_input(client, url, data):
    hostile_post(client, url, names_of(client, url), data.draw)


@pytest.mark.django_db
@HYPOTHESIS
@given(data=st.data())
def test_create_space_step_2_never_fails_on_hostile_input(client, data):
    client.cookies[SIRET_COOKIE] = signed(SIRET_COOKIE, "73282932000074")
    url = "/habilitations/creer-mon-espace/demande/"
    hostile_post(client, url, names_of(client, url), data.draw)


@pytest.mark.django_db
@HYPOTHESIS
@given(data=st.data())
def test_employer_forms_never_fail_on_hostile_input(client, employer_a, establishment_a, data):
    client.force_login(employer_a)
    for url in ["/etablissements/demande-creation-compte/",
                f"/etablissements/{establishment_a.siret}/"]:  # fmt: skip
        hostile_post(client, url, names_of(client, url), data.draw)


@pytest.mark.django_db
@HYPOTHESIS
@given(data=st.data())
def test_agent_forms_never_fail_on_hostile_input(client, support_agent, dgefp_admin, data):
    from support.services.tickets import ticket_submit

    ticket = ticket_submit(
        siret="73282932000074", denomination="X", requester_name="X Y", phone="+33102030405",
        email="x@exemple.fr", motif="habilitation", description="",
    )  # fmt: skip
    client.force_login(support_agent)
    url = f"/aide/support/demandes/{ticket.reference}/"
    hostile_post(client, url + "repondre/", names_of(client, url), data.draw)
    client.force_login(dgefp_admin)
    for url in ["/aide/administration/agents/nouveau/", "/aide/administration/bandeaux/nouveau/"]:
        hostile_post(client, url, names_of(client, url), data.draw)
