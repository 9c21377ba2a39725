"""Hole 2 of issue 10: behind the TLS proxy every client had the proxy's address.

The client address comes from `TRUSTED_PROXY_COUNT` proxies: the nearest is REMOTE_ADDR,
each appends the address it received from to X-Forwarded-For, so the client is the
N-th entry from the right; what a client writes to the left of it is ignored. One
function (`apart.core.client_ip.client_ip`) serves axes, the recovery throttle and the
contract-PDF quota.
"""

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.tests.helpers import log_in
from establishments.tests.test_service_contract import CONTRACT
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.1"


def behind_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


@pytest.fixture
def one_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "198.51.100.7", PROXY),  # no proxy configured: the header is not trusted
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # a forged left part is ignored
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        (2, "198.51.100.7", PROXY),  # fewer hops than proxies: not through them
        (1, "pas-une-adresse", PROXY),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_is_counted_from_the_trusted_proxies(settings, count, forwarded, expected):
    from apart.core.client_ip import client_ip

    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_five_bad_logins_behind_the_proxy_lock_one_client_not_everyone(
    one_proxy, employer_a, employer_b
):
    attacker = behind_proxy("198.51.100.1")
    for number in range(5):
        log_in(attacker, f"devine.nom{number}", "Mauvais-Passe9")
    assert log_in(attacker, "employeur.b1", DEFAULT_PASSWORD).status_code == 429
    someone_else = behind_proxy("198.51.100.2")
    assert log_in(someone_else, "employeur.b1", DEFAULT_PASSWORD).status_code == 302


def test_the_recovery_throttle_counts_per_client_behind_the_proxy(one_proxy):
    url = reverse("accounts:forgotten_password")
    wrong = {"identifiant": "quelqu.un", "challenge": "x", "captcha": "0"}
    attacker = behind_proxy("198.51.100.1")
    for _ in range(5):
        attacker.post(url, wrong)
    assert attacker.post(url, wrong).status_code == 429
    assert behind_proxy("198.51.100.2").post(url, wrong).status_code == 200


def test_the_contract_pdf_quota_is_per_client_behind_the_proxy(one_proxy, monkeypatch):
    from establishments import views

    monkeypatch.setattr(views, "CONTRACT_PDFS_PER_WINDOW", 1)
    monkeypatch.setattr(views, "service_contract_pdf", lambda data: b"%PDF-1.7")
    url = reverse("establishments:service_contract")
    assert behind_proxy("198.51.100.1").post(url, CONTRACT).status_code == 200
    assert behind_proxy("198.51.100.1").post(url, CONTRACT).status_code == 429
    assert behind_proxy("198.51.100.2").post(url, CONTRACT).status_code == 200
