import pytest
from django.urls import reverse

from tests import factories


@pytest.fixture
def accountant_of_many(db):
    def build(count):
        establishments = [
            factories.EstablishmentFactory(denomination=f"CLIENT {n:03d}") for n in range(count)
        ]
        accountant = factories.accountant_of(*establishments)
        for establishment in establishments[::2]:
            establishment.principal_user = accountant
            establishment.save()
        return accountant, establishments

    return build


def listing(client, **params):
    return client.get(reverse("establishments:list"), params)


def test_search_by_siret_ignores_spaces_and_is_exact(client_of, accountant_of_many):
    accountant, establishments = accountant_of_many(30)
    siret = establishments[7].siret
    spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    page = listing(client_of(accountant), q=spaced)
    assert list(page.context["page_obj"].object_list) == [establishments[7]]
    by_siren = listing(client_of(accountant), q=siret[:9]).context["page_obj"]
    assert establishments[7] in by_siren.object_list  # a SIREN gives its establishments


def test_search_by_name_is_case_insensitive(client_of, accountant_of_many):
    accountant, establishments = accountant_of_many(30)
    page = listing(client_of(accountant), q="client 01")
    names = [e.denomination for e in page.context["page_obj"].object_list]
    assert names == [f"CLIENT {n:03d}" for n in range(10, 20)]


def test_paging_and_sorting(client_of, accountant_of_many):
    accountant, establishments = accountant_of_many(45)
    client = client_of(accountant)
    first = listing(client)
    assert first.context["page_obj"].paginator.num_pages == 3
    assert first.context["page_obj"].object_list[0].denomination == "CLIENT 000"
    assert 'class="fr-pagination"' in first.text
    last = listing(client, page=3, tri="-denomination")
    assert [e.denomination for e in last.context["page_obj"].object_list] == [
        "CLIENT 004",
        "CLIENT 003",
        "CLIENT 002",
        "CLIENT 001",
        "CLIENT 000",
    ]
    by_siret = listing(client, tri="siret").context["page_obj"].object_list
    assert [e.siret for e in by_siret] == sorted(e.siret for e in establishments)[:20]
    assert listing(client, tri="'; DROP").context["sort"] == "denomination"


def test_the_list_never_shows_another_establishment(client_of, employer_a, establishment_b):
    page = listing(client_of(employer_a), q="GARAGE")
    assert page.context["page_obj"].paginator.count == 0
    assert establishment_b.siret not in page.text


@pytest.mark.parametrize("url_name", ["establishments:list", "establishments:dashboard"])
def test_constant_queries_for_1_and_200_establishments(
    client_of, accountant_of_many, django_assert_max_num_queries, url_name
):
    counts = {}
    for size in (1, 200):
        accountant, _ = accountant_of_many(size)
        client = client_of(accountant)
        client.get(reverse(url_name))  # warm the session
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name)).status_code == 200
        counts[size] = len(queries)
        with django_assert_max_num_queries(counts[1]):
            client.get(reverse(url_name))
    assert counts[1] == counts[200], counts
    print(f"{url_name}: {counts[1]} queries for 1 establishment, {counts[200]} for 200")
