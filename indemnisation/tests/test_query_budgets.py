"""SQL queries of the DI pages, pinned: they must not grow with the data (issue 14).

« Mes DI » with few and many claims, one DI with few and many employees, the agents'
queue with few and many filed claims: each under one budget (test settings, database
sessions).
"""

import pytest
from django.urls import reverse

from indemnisation.models import ClaimStatus
from indemnisation.tests.helpers import claim_with_lines
from tests import factories

# The list lost the regimes' EXISTS (one aggregate) and every page one query since the
# account and its habilitation of today are read together (issue 14, pages).
BUDGETS = {
    "indemnisation:list": 5,
    "indemnisation:detail": 7,
    "indemnisation:queue": 5,
}


def within_budget(client, name, url, django_assert_max_num_queries):
    client.get(url)  # reference data and banners are cached after the first visit
    with django_assert_max_num_queries(BUDGETS[name]):
        response = client.get(url)
    assert response.status_code == 200, url


def paris_establishments(count):
    return [
        factories.EstablishmentFactory(denomination=f"CLIENT {n:03d}", postal_code="75002")
        for n in range(count)
    ]


@pytest.mark.parametrize(("claims", "lines"), [(1, 1), (25, 40)])
def test_employer_di_pages_stay_within_budget(
    client_of, db, django_assert_max_num_queries, claims, lines
):
    establishments = paris_establishments(claims)
    accountant = factories.accountant_of(*establishments)
    made = [claim_with_lines(establishment, lines=lines) for establishment in establishments]
    client = client_of(accountant)
    pages = {
        "indemnisation:list": reverse("indemnisation:list"),
        "indemnisation:detail": reverse("indemnisation:detail", args=[made[0].pk]),
    }
    for name, url in pages.items():
        within_budget(client, name, url, django_assert_max_num_queries)


@pytest.mark.parametrize("claims", [1, 25])
def test_agent_di_queue_stays_within_budget(
    client_of, ud_agent_a, django_assert_max_num_queries, claims
):
    for establishment in paris_establishments(claims):
        claim_with_lines(establishment, lines=3, filed=True)
    client = client_of(ud_agent_a)
    url = reverse("indemnisation:queue") + f"?status={ClaimStatus.PENDING_VALIDATION}"
    within_budget(client, "indemnisation:queue", url, django_assert_max_num_queries)
