"""SQL queries of the DAP pages, pinned: they must not grow with the data (issue 14).

Each page is rendered with few and with many requests (and establishments, for the
expert-comptable) under the same budget, as `tests/test_query_budgets.py` does for the
establishment pages. The budgets are today's counts with the test settings (database
sessions: with Redis in production the session is read from the cache, one query less).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dap.models import RequestStatus
from dap.tests import factories as dap_factories
from tests import factories

# One less each since the account and its habilitation of today are one query and the
# login policy answers from it (issue 14, pages).
BUDGETS = {
    "dap:list": 5,
    "dap:detail": 9,
    "dap:queue": 5,
    "dap:search": 6,
    "dap:decisions": 4,
    "dap:decision": 3,
}


def within_budget(client, name, url, django_assert_max_num_queries):
    client.get(url)  # reference data and banners are cached after the first visit
    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(url)
    assert response.status_code == 200, url


def paris_establishments(count):
    return [
        dap_factories.complete_fiche(
            factories.EstablishmentFactory(denomination=f"CLIENT {n:03d}", postal_code="75002")
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("size", [1, 40])
def test_employer_dap_pages_stay_within_budget(client_of, db, django_assert_max_num_queries, size):
    establishments = paris_establishments(size)
    accountant = factories.accountant_of(*establishments)
    sent = timezone.now() - timedelta(days=1)
    for establishment in establishments:
        dap_factories.dap_request(establishment, user=accountant)
        dap_factories.sent_request(establishment, sent)
    decision = dap_factories.decision(establishments[0])
    client = client_of(accountant)
    pages = {
        "dap:list": reverse("dap:list"),
        "dap:detail": reverse("dap:detail", args=[decision.request.number]),
        "dap:decisions": reverse("dap:decisions"),
        "dap:decision": reverse("dap:decision", args=[decision.number]),
    }
    for name, url in pages.items():
        within_budget(client, name, url, django_assert_max_num_queries)


@pytest.mark.parametrize("size", [1, 40])
def test_agent_dap_pages_stay_within_budget(
    client_of, ud_agent_a, django_assert_max_num_queries, size
):
    sent = timezone.now() - timedelta(days=1)
    requests = [
        dap_factories.sent_request(establishment, sent)
        for establishment in paris_establishments(size)
    ]
    client = client_of(ud_agent_a)
    pages = {
        "dap:queue": reverse("dap:queue") + f"?status={RequestStatus.SENT}",
        "dap:search": reverse("dap:search") + f"?q={requests[-1].number}",
    }
    for name, url in pages.items():
        within_budget(client, name, url, django_assert_max_num_queries)
