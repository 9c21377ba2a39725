from html import unescape

from django.urls import reverse

from accounts.person_form import USER_EMAILS_DIFFER
from apart.core.models import OutboxEmail
from establishments.tests.conftest import complete
from habilitations.enums import AttachmentRole, RequestKind, RequestOutcome, RequestStatus
from habilitations.models import AccountRequest, Attachment
from tests import factories


def users_url(establishment):
    return reverse("establishments:users", args=[establishment.siret])


def request_data(establishment, **overrides):
    data = {
        "establishment": establishment.siret,
        "role": AttachmentRole.USER,
        "last_name": "Martin",
        "first_name": "Léa",
        "phone": "0144556678",
        "email": "lea.martin@boulangerie-a.fr",
        "email_confirm": "lea.martin@boulangerie-a.fr",
        "secret_question": "Ville de naissance ?",
        "secret_answer": "Rouen",
    }
    data.update(overrides)
    return data


def submit(client, data, capture):
    with capture(execute=True):
        return client.post(reverse("establishments:user_request"), data)


def test_the_principal_user_adds_a_user_through_the_account_processing(
    client_of, employer_a, establishment_a, django_capture_on_commit_callbacks
):
    response = submit(
        client_of(employer_a), request_data(establishment_a), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    request = AccountRequest.objects.get()
    assert request.kind == RequestKind.ADD_USER
    assert request.requested_by == employer_a
    assert request.status == RequestStatus.PROCESSED
    assert request.outcome == RequestOutcome.NEW_ACCOUNT
    attachment = Attachment.objects.active().get(habilitation__user=request.user)
    assert attachment.establishment == establishment_a
    assert attachment.added_by == employer_a
    templates = set(
        OutboxEmail.objects.filter(recipient=request.email).values_list("template", flat=True)
    )
    assert templates == {"asp_identifiant", "asp_mot_de_passe", "apart_habilitation"}
    establishment_a.refresh_from_db()
    assert establishment_a.principal_user == employer_a  # adding a user keeps the referent


def test_the_two_emails_must_match(
    client_of, employer_a, establishment_a, django_capture_on_commit_callbacks
):
    data = request_data(establishment_a, email_confirm="autre@exemple.fr")
    response = submit(client_of(employer_a), data, django_capture_on_commit_callbacks)
    assert USER_EMAILS_DIFFER in unescape(response.text)
    assert not AccountRequest.objects.exists()


def test_a_plain_user_or_another_establishment_cannot_request_a_user(
    client_of, employer_a, employer_b, establishment_a, django_capture_on_commit_callbacks
):
    colleague = factories.employer_of(establishment_a, principal=False)
    page = client_of(colleague).get(reverse("establishments:user_request"))
    assert "Seul le compte principal utilisateur" in page.text
    response = submit(
        client_of(employer_b), request_data(establishment_a), django_capture_on_commit_callbacks
    )
    assert response.status_code == 200  # the SIRET of A is not among B's choices
    assert not AccountRequest.objects.exists()


def test_the_user_list_shows_who_added_whom_and_who_removed_whom(
    client_of, employer_a, establishment_a
):
    colleague = factories.employer_of(establishment_a, principal=False, last_name="Durand")
    Attachment.objects.filter(habilitation__user=colleague).update(added_by=employer_a)
    client = client_of(employer_a)
    attachment = Attachment.objects.get(habilitation__user=colleague)
    url = reverse("establishments:user_remove", args=[establishment_a.siret, attachment.pk])
    assert client.post(url).status_code == 302
    attachment.refresh_from_db()
    assert attachment.revoked_at is not None
    assert attachment.revoked_by == employer_a
    page = unescape(client.get(users_url(establishment_a)).text)
    assert "Historique des utilisateurs" in page
    assert colleague.get_full_name() in page
    assert page.count(employer_a.get_full_name()) >= 3  # principal, added by, removed by
    # the removed user no longer sees the establishment
    assert (
        client_of(colleague)
        .get(reverse("establishments:detail", args=[establishment_a.siret]))
        .status_code
        == 404
    )


def test_the_principal_user_cannot_be_removed(client_of, accountant_a, employer_a, establishment_a):
    attachment = Attachment.objects.get(habilitation__user=employer_a)
    url = reverse("establishments:user_remove", args=[establishment_a.siret, attachment.pk])
    client_of(accountant_a).post(url)
    attachment.refresh_from_db()
    assert attachment.revoked_at is None


def test_an_attachment_of_another_establishment_cannot_be_removed(
    client_of, employer_a, employer_b, establishment_a
):
    other = Attachment.objects.get(habilitation__user=employer_b)
    url = reverse("establishments:user_remove", args=[establishment_a.siret, other.pk])
    assert client_of(employer_a).post(url).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_changing_accountant_loses_nothing_of_the_establishment(
    client_of, establishment_a, nomenclatures, django_capture_on_commit_callbacks
):
    """Seed 003: the firm created the space, added a company user, then the company changes firm."""
    old_firm = factories.accountant_of(establishment_a, identifiant="ancien.cabinet")
    establishment_a.principal_user = old_firm
    establishment_a.save()
    complete(establishment_a, nomenclatures)
    # the old firm follows the advice: it adds a user of the company, made referent
    response = submit(
        client_of(old_firm),
        request_data(
            establishment_a,
            last_name="Leroy",
            first_name="Paul",
            email="paul@a.fr",
            email_confirm="paul@a.fr",
        ),
        django_capture_on_commit_callbacks,
    )
    assert "utilisateurs" in response.url
    company_user = AccountRequest.objects.get().user
    company_user.must_change_password = False  # the first-login password change is done
    company_user.save()
    client_of(old_firm).post(
        reverse("establishments:principal_change", args=[establishment_a.siret]),
        {"user": company_user.pk},
    )
    # the company removes the old firm and adds the new one
    client = client_of(company_user)
    old_attachment = Attachment.objects.active().get(habilitation__user=old_firm)
    client.post(
        reverse("establishments:user_remove", args=[establishment_a.siret, old_attachment.pk])
    )
    response = submit(
        client,
        request_data(
            establishment_a,
            role=AttachmentRole.ACCOUNTANT,
            last_name="Nouveau",
            first_name="Claire",
            email="nouveau@cabinet.fr",
            email_confirm="nouveau@cabinet.fr",
        ),
        django_capture_on_commit_callbacks,
    )
    new_firm = AccountRequest.objects.get(email="nouveau@cabinet.fr").user
    new_firm.must_change_password = False
    new_firm.save()
    establishment_a.refresh_from_db()
    assert establishment_a.is_complete
    assert establishment_a.principal_user == company_user
    assert establishment_a.iban and establishment_a.rib_file
    assert (
        client_of(old_firm)
        .get(reverse("establishments:detail", args=[establishment_a.siret]))
        .status_code
        == 404
    )
    new_attachment = Attachment.objects.active().get(habilitation__user=new_firm)
    assert new_attachment.role == AttachmentRole.ACCOUNTANT
    assert new_attachment.added_by == company_user
    page = client_of(new_firm).get(reverse("establishments:detail", args=[establishment_a.siret]))
    assert page.status_code == 200 and "Complète" in page.text
    # the history keeps the old firm's attachment
    assert Attachment.objects.filter(establishment=establishment_a).count() == 3
