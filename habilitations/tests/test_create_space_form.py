"""Step 2 of « Créer mon espace »: the form of seeds 002 and 004 and each of its controls."""

import pytest
from django.urls import reverse

from accounts.person_form import CIVIL_STATUS_WARNING, EMAIL_INVALID, USER_EMAILS_DIFFER
from apart.core.captcha import CAPTCHA_INVALID
from apart.core.fields import PHONE_INVALID
from habilitations.forms import (
    CITY_MISMATCH,
    CITY_PLACEHOLDER,
    CITY_REQUIRED,
    ESTABLISHMENT_EMAILS_DIFFER,
    POSTAL_CODE_INVALID,
    POSTAL_CODE_UNKNOWN,
    REQUIRED,
    STREET_EXTENSION_INVALID,
    STREET_NUMBER_INVALID,
    CreateSpaceForm,
)
from habilitations.models import AccountRequest
from habilitations.tests.conftest import NEW_SIRET, step2_data, text_of
from habilitations.views import SIRET_FIRST

URL = reverse("habilitations:create_space_form")


def form_for(**overrides) -> CreateSpaceForm:
    return CreateSpaceForm(step2_data(**overrides), siret=NEW_SIRET, sirene={})


def errors_of(form: CreateSpaceForm, field: str) -> list[str]:
    form.is_valid()
    return form.errors.get(field, [])


# The page


def test_step_2_refuses_direct_access_without_a_validated_siret(client, db):
    response = client.get(URL, follow=True)
    assert response.redirect_chain[-1][0] == reverse("habilitations:create_space")
    assert SIRET_FIRST in text_of(response)


def test_the_page_shows_the_seed_wording_and_every_field(at_step2):
    content = text_of(at_step2().get(URL))
    for text in [
        "CRÉATION DE COMPTE D'ACCÈS À L'EXTRANET ACTIVITÉ PARTIELLE",
        "Information établissement",
        "Compte utilisateur à créer",
        "Contrôle de sécurité :",
        "732 829 320 00074",
        "ENVOYER",
        "ANNULER",
        CITY_PLACEHOLDER,
    ]:
        assert text in content
    labels = [
        "Dénomination de l'établissement *", "N° de Siret", "Numéro de voie",
        "Extension de voie", "Libellé de la voie *", "Type de voie", "Complément d'adresse",
        "Code postal *", "Ville *", "Courriel établissement *",
        "Confirmer courriel établissement *", "Téléphone fixe *", "Fax", "Nom *",
        "Prénom *", "Téléphone *", "Courriel *", "Confirmer courriel *",
        "Question secrète *", "Réponse *", "Recopier le code ci-contre *",
    ]  # fmt: skip
    for label in labels:
        assert label in content, label


def test_envoyer_is_driven_by_the_script_and_annuler_goes_home(at_step2):
    content = text_of(at_step2().get(URL))
    assert "data-submit-when-filled" in content
    assert "habilitations/js/create_space.js" in content
    assert f'href="{reverse("home")}">ANNULER' in content
    assert "<script>" not in content  # strict CSP: no inline script


def test_cancel_saves_nothing(at_step2):
    client = at_step2()
    client.get(reverse("home"))
    assert AccountRequest.objects.count() == 0


# Fields known to INSEE


def test_sirene_fields_are_prefilled_and_greyed(at_step2, sirene_known):
    content = text_of(at_step2(sirene_known.siret).get(URL))
    assert (
        "Les champs grisés sont renseignés par défaut avec les informations connues par l'INSEE"
        in content
    )
    assert 'value="SOCIETE IMMOBILIERE TOURISTIQUE"' in content
    assert 'value="FACE HOTEL ROYAL"' in content
    assert "LA BAULE-ESCOUBLAC" in content
    assert content.count("apart-readonly") >= 6


def test_posted_changes_to_greyed_fields_are_ignored(submit_step2, sirene_known):
    response = submit_step2(
        siret=sirene_known.siret,
        denomination="UNE AUTRE SOCIETE",
        street_label="RUE INVENTEE",
        postal_code="75002",
        city="75102",
    )
    assert response.status_code == 302
    data = AccountRequest.objects.get().establishment_data
    assert data["denomination"] == "SOCIETE IMMOBILIERE TOURISTIQUE"
    assert data["street_label"] == "LA PLAGES"
    assert (data["postal_code"], data["insee_code"], data["city"]) == (
        "44500",
        "44055",
        "LA BAULE-ESCOUBLAC",
    )


def test_a_siret_unknown_to_insee_has_nothing_greyed(at_step2):
    content = text_of(at_step2().get(URL))
    assert "Les champs grisés" not in content
    assert content.count("apart-readonly") == 1  # the SIRET only


# Controls, one rule per test, bad and good inputs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field",
    [
        "denomination", "street_label", "postal_code", "establishment_email",
        "establishment_email_confirm", "phone", "last_name", "first_name", "user_phone",
        "email", "email_confirm", "secret_question", "secret_answer",
    ],
)  # fmt: skip
def test_each_required_field_must_be_filled(communes, field):
    assert REQUIRED in errors_of(form_for(**{field: ""}), field)


def test_the_city_must_be_chosen(communes):
    assert CITY_REQUIRED in errors_of(form_for(city=""), "city")


@pytest.mark.parametrize(
    "phone", ["12", "01 23 45", "abcdefghij", "00 00 00 00 00", "01 42 33 44 55 66", "+1 202"]
)
def test_a_bad_phone_number_is_refused(communes, phone):
    for field in ("phone", "user_phone", "fax"):
        assert errors_of(form_for(**{field: phone}), field) == [PHONE_INVALID]


@pytest.mark.parametrize(
    ("phone", "stored"),
    [
        ("01 42 33 44 55", "+33142334455"),
        ("01.42.33.44.55", "+33142334455"),
        ("+33 1 42 33 44 55", "+33142334455"),
        ("06 12 34 56 78", "+33612345678"),
        ("0590 82 12 34", "+590590821234"),  # Guadeloupe
        ("0262 21 00 00", "+262262210000"),  # La Réunion
        ("0596 71 00 00", "+596596710000"),  # Martinique
    ],
)
def test_a_french_or_overseas_phone_number_is_accepted(communes, phone, stored):
    form = form_for(phone=phone, user_phone=phone, fax=phone)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == form.cleaned_data["user_phone"] == stored


@pytest.mark.parametrize(
    "email", ["gerard", "gerard@", "gerard@exemple", "gerard menuca@exemple.fr", "@exemple.fr"]
)
def test_a_bad_email_is_refused(communes, email):
    pairs = [("email", "email_confirm"), ("establishment_email", "establishment_email_confirm")]
    for pair in pairs:
        form = form_for(**dict.fromkeys(pair, email))
        for field in pair:
            assert errors_of(form, field) == [EMAIL_INVALID]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("gerard.menuca@exemple.fr", "gerard.menuca@exemple.fr"),
        ("gérard.menuça@exemple.fr", "gerard.menuca@exemple.fr"),
        ("Gérard.MENUÇA@Exemple.FR", "gerard.menuca@exemple.fr"),
        ("  hélène@société.fr ", "helene@societe.fr"),
    ],
)
def test_accents_and_capitals_are_removed_from_emails(communes, typed, stored):
    form = form_for(
        email=typed,
        email_confirm=stored,
        establishment_email=typed,
        establishment_email_confirm=typed,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["email"] == form.cleaned_data["establishment_email"] == stored


def test_the_two_user_emails_must_be_the_same(communes):
    form = form_for(email="gerard@exemple.fr", email_confirm="gerard@exemple.com")
    assert errors_of(form, "email") == [USER_EMAILS_DIFFER]
    assert errors_of(form, "email_confirm") == [USER_EMAILS_DIFFER]


def test_the_two_establishment_emails_must_be_the_same(communes):
    form = form_for(establishment_email="a@exemple.fr", establishment_email_confirm="b@exemple.fr")
    assert errors_of(form, "establishment_email") == [ESTABLISHMENT_EMAILS_DIFFER]
    assert errors_of(form, "establishment_email_confirm") == [ESTABLISHMENT_EMAILS_DIFFER]


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("denomination", 100), ("street_label", 100), ("address_complement", 100),
        ("street_type", 40), ("last_name", 50), ("first_name", 50), ("secret_question", 100),
        ("secret_answer", 50),
    ],
)  # fmt: skip
def test_texts_have_a_maximum_length(communes, field, limit):
    assert errors_of(form_for(**{field: "a" * (limit + 1)}), field)
    form = form_for(**{field: "a" * limit})
    assert errors_of(form, field) == []


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("last_name", "Dupont<b>", "<>"),
        ("first_name", "Jean@", "@"),
        ("last_name", "Du_pont", "_"),
        ("denomination", "BOULANGERIE {X}", "{}"),
        ("street_label", "DU MAIL;", ";"),
        ("secret_question", "Mon chien ? <script>", "<>"),
    ],
)
def test_forbidden_characters_are_refused_and_named(communes, field, value, shown):
    errors = errors_of(form_for(**{field: value}), field)
    assert errors and errors[0].startswith("Caractères non autorisés")
    assert all(char in errors[0] for char in shown)


@pytest.mark.parametrize(
    ("last_name", "first_name"),
    [("D'Artagnan", "Jean-Pierre"), ("Le Dû", "Zoé"), ("O’Neil", "Anaïs"), ("N'Diaye", "Ousmane")],
)
def test_real_names_with_accents_hyphens_and_apostrophes_are_accepted(
    communes, last_name, first_name
):
    assert form_for(last_name=last_name, first_name=first_name).is_valid()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("last_name", "SERVICE RH"),
        ("last_name", "Comptabilité"),
        ("last_name", "SARL Dupont"),
        ("last_name", "Dupont 2"),
        ("first_name", "Service"),
        ("first_name", "Accueil"),
        ("last_name", "Cabinet Martin"),
    ],
)
def test_a_name_that_is_not_a_person_gets_the_civil_status_warning(communes, field, value):
    form = form_for(**{field: value})
    assert errors_of(form, field) == [CIVIL_STATUS_WARNING]
    assert form.show_civil_status_confirmation


@pytest.mark.parametrize(
    ("field", "value"), [("last_name", "SERVICE RH"), ("first_name", "Compta")]
)
def test_the_civil_status_warning_is_not_blocking_once_confirmed(communes, field, value):
    assert form_for(**{field: value}, confirm_civil_status="on").is_valid()


@pytest.mark.parametrize("value", ["Dupont", "Martin-Durand", "De La Fontaine", "Servier"])
def test_a_person_s_name_gets_no_warning(communes, value):
    form = form_for(last_name=value)
    assert form.is_valid(), form.errors
    assert not form.show_civil_status_confirmation


def test_the_warning_shows_the_confirmation_checkbox_on_the_page(submit_step2):
    response = submit_step2(last_name="SERVICE RH")
    content = text_of(response)
    assert CIVIL_STATUS_WARNING in content
    assert 'name="confirm_civil_status"' in content
    assert AccountRequest.objects.count() == 0


@pytest.mark.parametrize("postal_code", ["7500", "750022", "ABCDE", "75 02"])
def test_a_malformed_postal_code_is_refused(communes, postal_code):
    assert errors_of(form_for(postal_code=postal_code), "postal_code") == [POSTAL_CODE_INVALID]


def test_an_unknown_postal_code_is_refused(communes):
    assert errors_of(form_for(postal_code="99999"), "postal_code") == [POSTAL_CODE_UNKNOWN]


@pytest.mark.parametrize(
    ("postal_code", "city", "good"),
    [
        ("75002", "75102", True),
        ("44500", "44055", True),
        ("01000", "01344", True),
        ("75002", "44055", False),
        ("01000", "67482", False),
    ],
)
def test_the_city_must_be_a_commune_of_the_postal_code(communes, postal_code, city, good):
    form = form_for(postal_code=postal_code, city=city)
    if good:
        assert form.is_valid(), form.errors
    else:
        assert errors_of(form, "city") == [CITY_MISMATCH]


def test_the_city_list_follows_the_postal_code_without_javascript(at_step2):
    response = at_step2().post(URL, step2_data(postal_code="01000", city="", captcha_1="x"))
    content = text_of(response)
    assert "Bourg-en-Bresse" in content and "Saint-Denis-lès-Bourg" in content


@pytest.mark.parametrize(
    ("value", "good"), [("12", True), ("1234", True), ("12a", False), ("B", False)]
)
def test_the_street_number_is_digits_only(communes, value, good):
    errors = errors_of(form_for(street_number=value), "street_number")
    assert errors == ([] if good else [STREET_NUMBER_INVALID])


@pytest.mark.parametrize(("value", "good"), [("B", True), ("t", True), ("1", False), ("-", False)])
def test_the_street_extension_is_one_letter(communes, value, good):
    errors = errors_of(form_for(street_extension=value), "street_extension")
    assert errors == ([] if good else [STREET_EXTENSION_INVALID])


@pytest.mark.parametrize(("answer", "good"), [("FAUX", False), ("", False), ("PASSED", True)])
def test_the_captcha_is_checked_again(communes, answer, good):
    form = form_for(captcha_1=answer)
    assert form.is_valid() is good
    if answer == "FAUX":
        assert errors_of(form, "captcha") == [CAPTCHA_INVALID]


def test_step_2_runs_a_fixed_small_number_of_queries(
    at_step2, sirene_known, django_assert_max_num_queries
):
    """Session, banners, SIRENE, the captcha, the session save: no query per field (one
    fewer when the session is read from Redis)."""
    client = at_step2(sirene_known.siret)
    with django_assert_max_num_queries(7):
        assert client.get(URL).status_code == 200


def test_a_failed_form_shows_the_emails_without_their_accents(submit_step2):
    content = text_of(submit_step2(email="Gérard.Menuça@exemple.fr", user_phone="12"))
    assert 'value="gerard.menuca@exemple.fr"' in content
    assert "Gérard.Menuça" not in content
