"""The Django admin keeps the history of attachments: a row is revoked (with who and when,
through `attachment_revoke`), never deleted from a habilitation's page."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from habilitations.enums import Profile
from habilitations.models import Attachment, Habilitation
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    user = factories.agent(Profile.DGEFP, identifiant="admin.super2")
    user.is_staff = user.is_superuser = True
    user.save()
    return user


def test_a_habilitations_page_offers_no_deletion_of_its_attachments(
    client, superuser, employer_a, establishment_a
):
    habilitation = Habilitation.objects.get(user=employer_a)
    client.force_login(superuser)
    url = reverse("admin:habilitations_habilitation_change", args=[habilitation.pk])
    page = client.get(url).content.decode()
    assert establishment_a.siret in page or "attachments-0-id" in page
    assert "attachments-0-DELETE" not in page


class FormFields(HTMLParser):
    """The fields a browser would send for the page's change form, as they are."""

    def __init__(self):
        super().__init__()
        self.data, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and name and "checked" in attrs:
            self.data[name] = attrs.get("value") or "on"
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def test_a_forged_deletion_leaves_the_attachment(client, superuser, employer_a):
    habilitation = Habilitation.objects.get(user=employer_a)
    attachment = Attachment.objects.get(habilitation=habilitation)
    client.force_login(superuser)
    url = reverse("admin:habilitations_habilitation_change", args=[habilitation.pk])
    fields = FormFields()
    fields.feed(client.get(url).content.decode())
    data = {
        name: value
        for name, value in fields.data.items()
        if "__prefix__" not in name and name not in ("robots", "viewport")
    }
    assert data["attachments-0-id"] == str(attachment.pk)
    data["attachments-0-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302  # saved: the forged field was simply ignored
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_a_habilitation_cannot_be_deleted_from_the_admin(client, superuser, employer_a):
    habilitation = Habilitation.objects.get(user=employer_a)
    client.force_login(superuser)
    url = reverse("admin:habilitations_habilitation_delete", args=[habilitation.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Habilitation.objects.filter(pk=habilitation.pk).exists()
    assert Attachment.objects.filter(habilitation=habilitation).exists()
