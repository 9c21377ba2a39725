import pytest

from apart.core import outbox
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def habilitation_email():
    user = UserFactory(identifiant="jean.martig1", email="jean@exemple.fr")
    from tests.factories import HabilitationFactory

    habilitation = HabilitationFactory(user=user)
    return outbox.send_templated_email(
        to=user.email,
        template="apart_habilitation",
        context={"user": user, "habilitation": habilitation},
    )


def test_mailbox_lists_emails_by_recipient(client, habilitation_email):
    response = client.get("/dev/courriels/", {"destinataire": "jean@exemple.fr"})
    assert response.status_code == 200
    assert "Habilitation à l&#x27;activité partielle" in response.content.decode()
    other = client.get("/dev/courriels/", {"destinataire": "personne@exemple.fr"})
    assert "Habilitation" not in other.content.decode().split("<tbody>")[1]


def test_mailbox_shows_an_email_with_clickable_links(client, habilitation_email):
    html = client.get(f"/dev/courriels/{habilitation_email.pk}/").content.decode()
    assert '<a href="http://127.0.0.1:8000/">' in html
    assert "<html" not in html.split("<main", 1)[1]  # the HTML part is shown as a fragment


def test_mailbox_is_refused_when_disabled(client, settings, habilitation_email):
    settings.DEV_MAILBOX_ENABLED = False
    assert client.get("/dev/courriels/").status_code == 404
    assert client.get(f"/dev/courriels/{habilitation_email.pk}/").status_code == 404
