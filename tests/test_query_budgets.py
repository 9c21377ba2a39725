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
