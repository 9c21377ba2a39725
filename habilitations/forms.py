"""The two steps of "Créer mon espace" (seeds 002, 004 and 001), with their controls."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils.html import format_html
from dsfr.forms import DsfrBaseForm

from accounts.normalize import normalize_email
from accounts.person_form import (
    AccountPersonForm,
    AspEmailField,
    CheckedCharField,
)
from apart.core.captcha import captcha_field
from apart.core.fields import PhoneField, validate_siret
from establishments.reference import (
    CEDEX_HINT,
    commune_of_postal_code,
    communes_for_postal_code,
)
from habilitations.services import establishment_has_account

REQUIRED = "Ce champ est obligatoire."
SIRET_REQUIRED = "Veuillez saisir le numéro de Siret de l'établissement."
# Seed 001, word for word.
ESTABLISHMENT_HAS_ACCOUNT = (
    "L'établissement pour lequel vous demandez une création de compte a déjà créé un compte "
    "utilisateur. Veuillez-vous connecter sous ce compte pour ajouter le nouvel utilisateur."
)
TERMS_REQUIRED = "Vous devez accepter les conditions générales d'utilisation."
ESTABLISHMENT_EMAILS_DIFFER = (
    "Les champs Courriel établissement et Confirmer courriel établissement ne sont pas identiques."
)
POSTAL_CODE_INVALID = "Le code postal doit comporter 5 chiffres."
POSTAL_CODE_UNKNOWN = (
    "Ce code postal n'existe pas. Vérifiez-le : 5 chiffres, les deux premiers étant ceux du "
    "département (par exemple 75002)."
)
CITY_REQUIRED = "Veuillez choisir la ville."
CITY_MISMATCH = "La ville choisie ne correspond pas au code postal."
CITY_PLACEHOLDER = "veuillez saisir un code postal"
STREET_NUMBER_INVALID = "Le numéro de voie ne doit contenir que des chiffres (4 au plus)."
STREET_EXTENSION_INVALID = "L'extension de voie est une lettre : B (bis), T (ter), Q (quater)…"


class SiretForm(DsfrBaseForm):
    """Step 1: « Veuillez indiquer votre numéro de Siret »."""

    siret = forms.CharField(
        label="N° de Siret *",
        help_text="14 chiffres, par exemple 356 000 000 00048.",
        max_length=20,
        error_messages={"required": SIRET_REQUIRED},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    captcha = captcha_field()
    accept_terms = forms.BooleanField(error_messages={"required": TERMS_REQUIRED})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].label = format_html(
            '<span>J\'accepte les <a href="{}" target="_blank" rel="noopener" '
            'title="conditions générales d\'utilisation - nouvelle fenêtre">'
            "conditions générales d'utilisation</a> *</span>",
            reverse("terms"),
        )
        self._bound_fields_cache.clear()  # bound before the label was set

    def clean_siret(self):
        return validate_siret(self.cleaned_data["siret"])

    def clean(self):
        cleaned = super().clean()
        # Only once the captcha and the terms are through: otherwise anyone could learn,
        # without solving the captcha, which SIRETs already have an account.
        if not self.errors and establishment_has_account(cleaned["siret"]):
            self.add_error("siret", ValidationError(ESTABLISHMENT_HAS_ACCOUNT, code="has_account"))
        return cleaned


class CreateSpaceForm(AccountPersonForm):
    """Step 2: « CRÉATION DE COMPTE D'ACCÈS À L'EXTRANET ACTIVITÉ PARTIELLE ».

    `sirene` is what INSEE knows of the SIRET: those fields are shown greyed and what is
    posted for them is ignored. « Compte utilisateur à créer » is the shared person form
    (accounts.person_form); its phone is `user_phone`, `phone` being the establishment's.
    """

    ESTABLISHMENT_FIELDS = [
        "denomination", "street_number", "street_extension", "street_label", "street_type",
        "address_complement", "postal_code", "city", "establishment_email", "phone",
        "establishment_email_confirm", "fax",
    ]  # fmt: skip
    EMAIL_FIELDS = [
        "establishment_email", "establishment_email_confirm", "email", "email_confirm",
    ]  # fmt: skip
    USER_FIELDS = [
        "last_name", "first_name", "user_phone", "email", "email_confirm",
        "secret_question", "secret_answer",
    ]  # fmt: skip
    field_order = [*ESTABLISHMENT_FIELDS, *USER_FIELDS]
    person_phone_field = "user_phone"

    denomination = CheckedCharField(label="Dénomination de l'établissement *", max_length=100)
    street_number = forms.RegexField(
        label="Numéro de voie",
        regex=r"^\d{1,4}$",
        required=False,
        max_length=4,
        error_messages={"invalid": STREET_NUMBER_INVALID},
    )
    street_extension = forms.RegexField(
        label="Extension de voie",
        help_text="B (bis), T (ter), Q (quater)…",
        regex=r"^[A-Za-z]$",
        required=False,
        max_length=1,
        error_messages={"invalid": STREET_EXTENSION_INVALID},
    )
    street_label = CheckedCharField(label="Libellé de la voie *", max_length=100)
    street_type = CheckedCharField(
        label="Type de voie", help_text="Rue, avenue, boulevard…", required=False, max_length=40
    )
    address_complement = CheckedCharField(
        label="Complément d'adresse", required=False, max_length=100
    )
    postal_code = forms.RegexField(
        label="Code postal *",
        regex=r"^\d{5}$",
        error_messages={"invalid": POSTAL_CODE_INVALID},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": "5"}
        ),
    )
    city = forms.ChoiceField(
        label="Ville *",
        error_messages={"required": CITY_REQUIRED, "invalid_choice": CITY_MISMATCH},
    )
    establishment_email = AspEmailField(label="Courriel établissement *")
    establishment_email_confirm = AspEmailField(label="Confirmer courriel établissement *")
    phone = PhoneField(label="Téléphone fixe *")
    fax = PhoneField(label="Fax", required=False)

    user_phone = PhoneField(label="Téléphone")
    captcha = captcha_field()

    def __init__(self, *args, siret: str, sirene: dict, **kwargs):
        self.cedex_hint = ""
        self._communes = {}
        self.siret = siret
        self.sirene = sirene
        self.greyed = {name for name in sirene if name in self.base_fields and name != "city"}
        if sirene.get("insee_code") and sirene.get("city"):
            self.greyed.add("city")
        initial = {**sirene, "city": sirene.get("insee_code", "")}
        if args and args[0] is not None:
            data = args[0].copy()
            for name in self.greyed:
                data[name] = initial[name]
            for name in self.EMAIL_FIELDS:  # shown back without accents if the form fails
                data[name] = normalize_email(data.get(name, ""))
            args = (data, *args[1:])
        super().__init__(*args, initial=initial, **kwargs)
        for field in self.fields.values():
            field.error_messages.setdefault("required", REQUIRED)
            if field.required and not field.label.endswith("*"):
                field.label = f"{field.label} *"  # this form marks required fields (seed 002)
        for name in self.greyed:
            self._grey(name)
        self.fields["city"].choices = self.city_choices()
        self.fields["city"].widget.attrs["data-placeholder"] = CITY_PLACEHOLDER
        self.greyed_postal_code = "postal_code" in self.greyed
        self._bound_fields_cache.clear()  # some fields were replaced after binding

    def _grey(self, name: str) -> None:
        """INSEE's value, shown read-only and taken as is (no control applies to it)."""
        field = self.fields[name]
        if name != "city":
            field = self.fields[name] = forms.CharField(
                label=field.label, required=field.required, widget=forms.TextInput()
            )
            field.widget.attrs["class"] = "fr-input"
            field.widget.attrs["readonly"] = True
        else:
            field.widget.attrs["aria-readonly"] = "true"
        field.widget.attrs["class"] += " apart-readonly"

    def city_choices(self) -> list[tuple[str, str]]:
        if "city" in self.greyed:
            return [(self.sirene["insee_code"], self.sirene["city"])]
        postal_code = self.data.get("postal_code") or self.initial.get("postal_code") or ""
        communes = self.communes(postal_code.strip())
        self.cedex_hint = CEDEX_HINT if communes and getattr(communes[0], "fallback", False) else ""
        if not communes:
            return [("", CITY_PLACEHOLDER)]
        return [("", "Choisissez la ville")] + [(c.insee_code, c.name) for c in communes]

    def communes(self, postal_code: str) -> list:
        """The communes of a postal code, looked up once per form: the Ville list, the
        check of the postal code and that of the city all need them."""
        if postal_code not in self._communes:
            self._communes[postal_code] = communes_for_postal_code(postal_code)
        return self._communes[postal_code]

    def clean(self):
        cleaned = super().clean()  # the person's controls
        self.check_pair(
            "establishment_email", "establishment_email_confirm", ESTABLISHMENT_EMAILS_DIFFER
        )
        self._check_city(cleaned)
        return cleaned

    def _check_city(self, cleaned: dict) -> None:
        if "city" in self.greyed:
            cleaned["city_name"] = self.sirene["city"]
            return
        postal_code, insee_code = cleaned.get("postal_code"), cleaned.get("city")
        if not postal_code or not insee_code:
            return
        commune = commune_of_postal_code(postal_code, insee_code, self.communes(postal_code))
        if commune is None:
            self.add_error("city", CITY_MISMATCH)
        else:
            cleaned["city_name"] = commune.name

    def clean_postal_code(self):
        postal_code = self.cleaned_data["postal_code"]
        if "postal_code" not in self.greyed and not self.communes(postal_code):
            raise ValidationError(POSTAL_CODE_UNKNOWN, code="unknown")
        return postal_code

    def show_communes_only(self) -> None:
        """Without JavaScript, « Afficher les villes »: the page again with the Ville list of
        the posted code, the values kept, nothing checked (so no captcha is spent)."""
        self._errors = ErrorDict()
        self.fields["city"].widget.attrs["autofocus"] = True

    def establishment_data(self) -> dict:
        data = self.cleaned_data
        return {
            "denomination": data["denomination"].strip(),
            "street_number": data["street_number"],
            "street_extension": data["street_extension"].upper(),
            "street_type": data["street_type"].strip(),
            "street_label": data["street_label"].strip(),
            "address_complement": data["address_complement"].strip(),
            "postal_code": data["postal_code"],
            "city": data["city_name"],
            "insee_code": data["city"],
            "email": data["establishment_email"],
            "phone": data["phone"],
            "fax": data["fax"],
        }

    def establishment_fields(self):
        return [self[name] for name in self.ESTABLISHMENT_FIELDS]

    def user_fields(self):
        return [self[name] for name in self.USER_FIELDS]
