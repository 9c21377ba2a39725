"""Hole 6 of issue 10: who may change the principal user, and the person replaced is told.

Decision (design: « the company, or support »): only the principal user designates another
principal user in the fiche; when there is none (the referent left), ASP support does it
from an « Habilitation à l'extranet » ticket. The expert-comptable may not, so he cannot
make himself principal and then remove the company's referent.
"""

from django.urls import reverse

from apart.core.models import OutboxEmail
from apart.templatetags.apart_ui import siret


def change_url(establishment):
    return reverse("establishments:principal_change", args=[establishment.siret])


def test_the_accountant_cannot_make_himself_principal(
    client_of, employer_a, accountant_a, establishment_a
):
    response = client_of(accountant_a).post(change_url(establishment_a), {"user": accountant_a.pk})
    assert response.status_code == 403
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user == employer_a
    page = client_of(accountant_a).get(
        reverse("establishments:detail", args=[establishment_a.siret])
    )
    assert "Changer de personne référente" not in page.text


def test_the_accountant_cannot_evict_the_principal_in_two_requests(
    client_of, employer_a, accountant_a, establishment_a
):
    from habilitations.models import Attachment

    client = client_of(accountant_a)
    client.post(change_url(establishment_a), {"user": accountant_a.pk})
    principal = Attachment.objects.active().get(habilitation__user=employer_a)
    client.post(reverse("establishments:user_remove", args=[establishment_a.siret, principal.pk]))
    assert Attachment.objects.active().filter(habilitation__user=employer_a).exists()


def test_the_person_replaced_is_told_by_email(
    client_of, employer_a, accountant_a, establishment_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_of(employer_a).post(
            change_url(establishment_a), {"user": accountant_a.pk}
        )
    assert response.status_code == 302
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user == accountant_a
    email = OutboxEmail.objects.get(recipient=employer_a.email)
    assert email.template == "principal_replaced"
    assert siret(establishment_a.siret) in email.body_text
    assert f"{accountant_a.first_name} {accountant_a.last_name}" in email.body_text


def test_a_removed_user_is_told_by_email(
    client_of, employer_a, accountant_a, establishment_a, django_capture_on_commit_callbacks
):
    from habilitations.models import Attachment

    attachment = Attachment.objects.active().get(habilitation__user=accountant_a)
    with django_capture_on_commit_callbacks(execute=True):
        client_of(employer_a).post(
            reverse("establishments:user_remove", args=[establishment_a.siret, attachment.pk])
        )
    email = OutboxEmail.objects.get(recipient=accountant_a.email)
    assert email.template == "establishment_access_removed"
    assert siret(establishment_a.siret) in email.body_text
