"""SQL queries per page, pinned: they must not grow with the data (issue 14).

Each key page is rendered for a small and a large account (1 and 200 establishments, 1
and 200 tickets) under the same budget. The budgets are today's counts with the test
settings (database sessions; with Redis in production the session is read from the cache,
one query less). Raising one needs a reason in the commit.
"""

import pytest
from django.urls import reverse

from support.services.tickets import ticket_submit
from tests import factories

# With database sessions the session read is one statement of each logged-in page (with
# Redis, one fewer). The account and its habilitation of today are one query, and the login
# policy asked on every request (issue 10, hole 3) answers from it.
BUDGETS = {
    "establishments:dashboard": 10,  # 6 + the DAP, DA (issue 11) and DI (issue 12) blocks
    "establishments:list": 4,
    "list-search": 4,
    "establishments:detail": 6,
    "support:queue": 4,
}
ANONYMOUS_BUDGETS = {
    "home": 0,
    "support:help": 0,
    "indemnisation:simulator": 1,  # the regimes' periods (the barème table is cached)
    "habilitations:create_space": 1,
}


def accountant_with(count: int):
    establishments = [
        factories.EstablishmentFactory(denomination=f"CLIENT {n:03d}") for n in range(count)
    ]
    accountant = factories.accountant_of(*establishments)
    for establishment in establishments[::2]:
        establishment.principal_user = accountant
        establishment.save()
    return accountant, establishments


@pytest.mark.parametrize("size", [1, 200])
def test_accountant_pages_stay_within_budget(client_of, db, django_assert_max_num_queries, size):
    accountant, establishments = accountant_with(size)
    client = client_of(accountant)
    pages = {
        "establishments:dashboard": reverse("establishments:dashboard"),
        "establishments:list": reverse("establishments:list"),
        "list-search": reverse("establishments:list") + "?q=CLIENT+00",
        "establishments:detail": reverse("establishments:detail", args=[establishments[0].siret]),
    }
    for name, url in pages.items():
        client.get(url)
        with django_assert_max_num_queries(BUDGETS[name]):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 200])
def test_support_queue_stays_within_budget(
    client_of, support_agent, django_assert_max_num_queries, size
):
    for n in range(size):
        ticket_submit(
            siret=factories.valid_siret(n), denomination=f"ENTREPRISE {n}",
            requester_name="MARTIN Julie", phone="0102030405", email="julie@exemple.fr",
            motif="habilitation", description="Notre référent est parti.",
        )  # fmt: skip
    client = client_of(support_agent)
    url = reverse("support:queue")
    client.get(url)
    with django_assert_max_num_queries(BUDGETS["support:queue"]):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", sorted(ANONYMOUS_BUDGETS))
def test_public_pages_stay_within_budget(client, db, django_assert_max_num_queries, name):
    url = reverse(name)
    client.get(url)  # banners and reference data are cached after the first visit
    with django_assert_max_num_queries(ANONYMOUS_BUDGETS[name]):
        assert client.get(url).status_code == 200


def test_a_create_space_filing_stays_within_budget(
    client, db, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    """Step 1: the captcha and « has this establishment an account? »; step 2 (a SIRET
    unknown to SIRENE): SIRENE, the communes of the postal code (once), the captcha, the
    account, a pending request, the person, the INSERT. No session (the steps ride in
    signed cookies), no purge of the captcha store (a periodic task does it); the
    processing that the commit triggers is the worker's."""
    from establishments.models import Commune
    from habilitations.tests.conftest import NEW_SIRET, step2_data

    Commune.objects.create(
        postal_code="75002", insee_code="75102", name="Paris 2e Arrondissement", departement="75"
    )
    client.get(reverse("habilitations:create_space"))  # the banners' cache, as in a rush
    step_1 = {"siret": NEW_SIRET, "captcha_0": "k", "captcha_1": "PASSED", "accept_terms": "on"}
    with django_assert_max_num_queries(2):
        response = client.post(reverse("habilitations:create_space"), step_1)
    assert response.url == reverse("habilitations:create_space_form")
    with django_capture_on_commit_callbacks(execute=False), django_assert_max_num_queries(7):
        response = client.post(reverse("habilitations:create_space_form"), step2_data())
    assert response.url == reverse("habilitations:create_space_done")
