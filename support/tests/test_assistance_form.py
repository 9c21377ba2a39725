import html

import pytest
from django.conf import settings
from django.urls import reverse

from apart.core.captcha import CAPTCHA_INVALID
from apart.core.fields import PHONE_INVALID, SIRET_CHECKSUM, SIRET_FORMAT
from apart.core.models import OutboxEmail
from support.enums import MessageKind, TicketStatus
from support.models import REFERENCE_ALPHABET, Ticket
from support.tests.utils import real_siret

pytestmark = pytest.mark.django_db

URL = reverse("support:assistance")


def valid_data(**overrides):
    data = {
        "siret": real_siret(4242),
        "denomination": "BOULANGERIE DU COIN",
        "requester_name": "MARTIN Julie",
        "phone": "01 02 03 04 05",
        "email": "julie.martin@exemple.fr",
        "motif": "habilitation",
        "description": "Notre référent a quitté l'entreprise.",
        "captcha_0": "x",
        "captcha_1": "PASSED",
    }
    data.update(overrides)
    return data


def errors_of(response):
    return response.context["form"].errors


def test_the_form_shows_the_wording_of_the_seed(client):
    content = html.unescape(client.get(URL).content.decode())
    assert "Formulaire de demande d'assistance" in content
    assert (
        f"Pour envoyer un message à {settings.SUPPORT_EMAIL}, merci de remplir le formulaire "
        "ci-dessous." in content
    )
    for label in [
        "N° de Siret",
        "Dénomination établissement",
        "Nom et prénom",
        "N° de téléphone",
        "Adresse électronique",
        "Motif de la demande",
        "Description de la demande",
        "1000 caractères maximum",
        "Recopier le code ci-contre",
        "Veuillez sélectionner un motif...",
        "Habilitation à l'extranet",
        "Fiche Etablissement",
        "Demande d'autorisation préalable",
        "Décision d'autorisation",
        "Demande d'indemnisation",
        "Certificat de signature",
        "Autres",
        "ENVOYER",
        "ANNULER",
        'aria-live="polite"',
        "support/js/counter.js",
    ]:
        assert label in content, label


def test_motif_in_the_url_preselects_habilitation(client):
    response = client.get(URL + "?motif=habilitation")
    assert response.context["form"].initial["motif"] == "habilitation"
    assert '<option value="habilitation" selected>' in response.content.decode()


def test_an_unknown_motif_in_the_url_is_ignored(client):
    response = client.get(URL + "?motif=<script>")
    assert "motif" not in response.context["form"].initial


def test_the_form_is_prefilled_for_a_logged_in_user(client_of, employer_a, establishment_a):
    form = client_of(employer_a).get(URL).context["form"]
    assert form.initial["siret"] == establishment_a.siret
    assert form.initial["denomination"] == establishment_a.denomination
    assert form.initial["email"] == employer_a.email
    assert form.initial["phone"] == employer_a.phone
    assert employer_a.first_name in form.initial["requester_name"]


def test_every_required_field_has_its_own_message(client):
    response = client.post(URL, {})
    errors = errors_of(response)
    assert errors["siret"] == ["Veuillez indiquer le N° de Siret de l'établissement."]
    assert errors["denomination"] == ["Veuillez indiquer la dénomination de l'établissement."]
    assert errors["requester_name"] == ["Veuillez indiquer vos nom et prénom."]
    assert errors["phone"] == ["Veuillez indiquer votre N° de téléphone."]
    assert errors["email"] == ["Veuillez indiquer votre adresse électronique."]
    assert errors["motif"] == ["Veuillez sélectionner un motif."]
    assert "captcha" in errors
    assert "description" not in errors
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("1234", SIRET_FORMAT),
        ("ABCDEFGHIJKLMN", SIRET_FORMAT),
        ("73282932000075", SIRET_CHECKSUM),
    ],
)
def test_a_bad_siret_is_refused_with_a_clear_message(client, siret, message):
    errors = errors_of(client.post(URL, valid_data(siret=siret)))
    assert errors["siret"][0].startswith(message)


def test_a_siret_with_spaces_is_accepted(client):
    client.post(URL, valid_data(siret="732 829 320 00074"))
    assert Ticket.objects.get().siret == "73282932000074"


@pytest.mark.parametrize("phone", ["12", "01 02 03", "abcdefghij", "+33 1 02"])
def test_a_bad_phone_number_is_refused(client, phone):
    errors = errors_of(client.post(URL, valid_data(phone=phone)))
    assert errors["phone"] == [PHONE_INVALID]


def test_a_bad_email_is_refused(client):
    errors = errors_of(client.post(URL, valid_data(email="julie.martin@")))
    assert errors["email"] == [
        "Saisissez une adresse électronique valide, par exemple prenom.nom@exemple.fr."
    ]


def test_an_unknown_motif_is_refused(client):
    errors = errors_of(client.post(URL, valid_data(motif="autre-chose")))
    assert errors["motif"] == ["Veuillez sélectionner un motif de la liste."]


def test_a_description_over_1000_characters_is_refused(client):
    errors = errors_of(client.post(URL, valid_data(description="x" * 1001)))
    assert errors["description"] == [
        "La description ne doit pas dépasser 1000 caractères (1001 saisis)."
    ]


def test_a_description_of_exactly_1000_characters_is_accepted(client):
    client.post(URL, valid_data(description="x" * 1000))
    assert len(Ticket.objects.get().description) == 1000


def test_a_wrong_captcha_is_refused(client):
    errors = errors_of(client.post(URL, valid_data(captcha_1="WRONG")))
    assert errors["captcha"] == [CAPTCHA_INVALID]
    assert Ticket.objects.count() == 0


def test_a_valid_request_is_stored_acknowledged_and_sent_to_the_support_box(client):
    response = client.post(URL, valid_data(phone="0102030405"))
    assert response.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.status == TicketStatus.NEW
    assert ticket.phone == "+33102030405"
    assert ticket.motif == "habilitation"
    assert ticket.submitted_by is None
    assert len(ticket.reference) == 8
    assert set(ticket.reference) <= set(REFERENCE_ALPHABET)
    assert ticket.messages.get().kind == MessageKind.REQUEST
    transition = ticket.transitions.get()
    assert (transition.from_status, transition.to_status) == ("", TicketStatus.NEW)

    ack = OutboxEmail.objects.get(recipient="julie.martin@exemple.fr")
    assert ticket.reference in ack.subject
    assert "Notre référent a quitté l'entreprise." in ack.body_text
    assert "\n\nMotif de la demande : Habilitation à l'extranet\n" in ack.body_text
    to_support = OutboxEmail.objects.get(recipient=settings.SUPPORT_EMAIL)
    assert to_support.subject.startswith("[Habilitation à l'extranet]")
    assert "MARTIN Julie" in to_support.body_text

    page = client.get(response["Location"])
    assert ticket.reference in page.content.decode()


def test_a_logged_in_requester_is_kept_on_the_ticket(client_of, employer_a):
    client_of(employer_a).post(URL, valid_data())
    assert Ticket.objects.get().submitted_by == employer_a


def test_the_confirmation_page_without_a_ticket_goes_back_to_the_form(client):
    response = client.get(reverse("support:assistance_sent"))
    assert response["Location"] == URL


def test_references_avoid_ambiguous_characters():
    assert not set("0O1IL") & set(REFERENCE_ALPHABET)
