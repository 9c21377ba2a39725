"""The four forms that name a person apply the same controls (accounts.person_form)."""

import pytest

from accounts.person_form import CIVIL_STATUS_WARNING, USER_EMAILS_DIFFER
from apart.core.fields import PHONE_INVALID
from establishments.models import Establishment
from habilitations.employer_forms import UserRequestForm
from habilitations.forms import CreateSpaceForm
from support.forms import AgentCreateForm, ReplaceReferentForm

pytestmark = pytest.mark.django_db

PERSON = {
    "last_name": "Menuça",
    "first_name": "Gérard",
    "phone": "06 12 34 56 78",
    "user_phone": "06 12 34 56 78",
    "email": "gerard@exemple.fr",
    "email_confirm": "gerard@exemple.fr",
    "secret_question": "Ville de naissance ?",
    "secret_answer": "Lyon",
}

FORMS = {
    "créer mon espace": lambda data: CreateSpaceForm(data, siret="35600000000048", sirene={}),
    "demande création de compte": lambda data: UserRequestForm(
        data, establishments=Establishment.objects.none()
    ),
    "remplacement du référent": ReplaceReferentForm,
    "création d'un agent": AgentCreateForm,
}
PHONE_FIELD = {"créer mon espace": "user_phone"}


@pytest.fixture(params=FORMS, ids=list(FORMS))
def make_form(request):
    def build(**overrides):
        return FORMS[request.param]({**PERSON, **overrides})

    build.phone_field = PHONE_FIELD.get(request.param, "phone")
    return build


def errors(form, field):
    form.is_valid()
    return form.errors.get(field, [])


def test_markup_in_a_name_is_refused_and_named(make_form):
    assert errors(make_form(last_name="<b>Menuça</b>"), "last_name") == [
        "Caractères non autorisés : /<>"
    ]


def test_a_name_is_50_characters_at_most(make_form):
    assert errors(make_form(first_name="G" * 51), "first_name")
    assert not errors(make_form(first_name="G" * 50), "first_name")


def test_the_civil_status_warning_asks_for_a_confirmation(make_form):
    form = make_form(last_name="Service RH")
    assert errors(form, "last_name") == [CIVIL_STATUS_WARNING]
    assert form.show_civil_status_confirmation
    assert "confirm_civil_status" in form.fields  # shown, also by a form rendered whole
    confirmed = make_form(last_name="Service RH", confirm_civil_status="on")
    assert not errors(confirmed, "last_name")


def test_no_confirmation_box_without_the_warning(make_form):
    form = make_form()
    form.is_valid()
    assert "confirm_civil_status" not in form.fields


def test_the_phone_is_a_french_number(make_form):
    form = make_form(**{make_form.phone_field: "12"})
    assert errors(form, make_form.phone_field) == [PHONE_INVALID]


def test_the_email_is_typed_twice_and_compared_without_accents(make_form):
    assert errors(make_form(email_confirm="autre@exemple.fr"), "email_confirm") == [
        USER_EMAILS_DIFFER
    ]
    assert not errors(make_form(email="gérard@exemple.fr"), "email_confirm")
