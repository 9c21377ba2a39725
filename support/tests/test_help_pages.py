import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_help_page_offers_the_three_choices_to_anonymous_users(client):
    response = client.get(reverse("support:help"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Que voulez-vous faire ?" in content
    for label, url in [
        ("Consulter la base documentaire", reverse("support:faq")),
        ("Envoyer une demande d&#x27;assistance", reverse("support:assistance")),
        ("Contacter le support technique", reverse("technical_support")),
    ]:
        assert label in content or label.replace("&#x27;", "'") in content
        assert f'href="{url}"' in content


def test_help_page_is_reachable_when_logged_in(client_of, employer_a):
    response = client_of(employer_a).get(reverse("support:help"))
    assert response.status_code == 200
    assert "Espace des agents" not in response.content.decode()


def test_help_page_shows_the_agents_space_to_support_and_dgefp(client_of, support_agent):
    response = client_of(support_agent).get(reverse("support:help"))
    assert reverse("support:queue") in response.content.decode()
    assert reverse("support:agents") not in response.content.decode()
