"""The person of an ASP account, asked the same way by every form that names one.

Créer mon espace (« Compte utilisateur à créer »), DEMANDE CRÉATION DE COMPTE, support's
replacement of the personne référente and the DGEFP's creation of an agent all inherit
`PersonForm` (and `AccountPersonForm` when the person chooses a secret question), so the
controls of seed 002 are written once: names of 50 characters at most without forbidden
characters (markup « < > » included), the non-blocking « Merci de saisir votre état civil
uniquement. » when a name looks like a company or a service, a French phone number
(phonenumbers), an email without accents typed twice.
"""

import copy
import re

from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from accounts.normalize import normalize_email, normalize_name
from apart.core.fields import PhoneField

EMAIL_INVALID = "L'adresse électronique est invalide."
USER_EMAILS_DIFFER = (
    "Les champs Courriel et Confirmer courriel de l'utilisateur ne sont pas identiques."
)
CIVIL_STATUS_WARNING = "Merci de saisir votre état civil uniquement."
CONFIRM_CIVIL_STATUS = "confirm_civil_status"

# Letters of any alphabet, spaces and the punctuation of names and addresses. What is
# not in these lists is refused with the characters named.
NAME_CHARS = re.compile(r"[^\W_]|[ '’.-]")
TEXT_CHARS = re.compile(r"[^\W_]|[ '’.,/()&°+-]")
QUESTION_CHARS = re.compile(r"[^\W_]|[ '’.,/()&°+?!:«»\"-]")

# Words that show a company, a department or a function rather than a person (the
# non-blocking control of seed 002 on Nom and Prénom).
NOT_A_PERSON_WORDS = {
    "sa", "sas", "sasu", "sarl", "eurl", "sci", "scop", "scp", "selarl", "snc", "gie",
    "ets", "etablissement", "etablissements", "entreprise", "societe", "ste", "cie",
    "compagnie", "groupe", "holding", "association", "asso", "cabinet", "agence",
    "service", "services", "rh", "drh", "ressources", "humaines", "personnel", "paie",
    "comptabilite", "compta", "comptable", "comptables", "expert", "direction",
    "directeur", "directrice", "gerant", "gerante", "secretariat", "accueil",
    "administration", "administratif", "admin", "gestion", "juridique", "commercial",
    "contact", "info", "infos", "mairie", "boulangerie", "garage", "restaurant", "hotel",
    "magasin", "pharmacie", "clinique", "france", "international",
}  # fmt: skip


def forbidden_characters(value: str, allowed: re.Pattern) -> str:
    return "".join(sorted({char for char in value if not allowed.fullmatch(char)}))


def looks_like_not_a_person(value: str) -> bool:
    words = normalize_name(value).split()
    return any(char.isdigit() for char in value) or bool(NOT_A_PERSON_WORDS & set(words))


class AspEmailField(forms.EmailField):
    """Accents removed and lower case before the syntax check (seed 002)."""

    default_error_messages = {"invalid": EMAIL_INVALID}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("widget", forms.EmailInput(attrs={"autocomplete": "email"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_email(super().to_python(value) or "")


class CheckedCharField(forms.CharField):
    """A text whose forbidden characters are refused, naming them."""

    def __init__(self, *, allowed: re.Pattern = TEXT_CHARS, **kwargs):
        self.allowed = allowed
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        forbidden = forbidden_characters(value, self.allowed)
        if forbidden:
            raise ValidationError(
                "Caractères non autorisés : %(chars)s",
                code="forbidden",
                params={"chars": forbidden},
            )


class PersonForm(DsfrBaseForm):
    """Nom, Prénom, Téléphone, Courriel, Confirmer courriel, with their controls.

    The confirmation of the civil status is a (hidden) field only once the warning was shown,
    so a form rendered whole (`{{ form }}`) carries it exactly when it is needed.
    """

    last_name = CheckedCharField(
        label="Nom", max_length=50, allowed=NAME_CHARS,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )  # fmt: skip
    first_name = CheckedCharField(
        label="Prénom", max_length=50, allowed=NAME_CHARS,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )  # fmt: skip
    phone = PhoneField(label="Téléphone")
    email = AspEmailField(label="Courriel")
    email_confirm = AspEmailField(label="Confirmer courriel")
    # Seed 002: the warning is not blocking. Once shown, this hidden field rides along and
    # the next ENVOYER goes through (issue 13: shown once, no box to tick).
    confirm_civil_status = forms.BooleanField(required=False, widget=forms.HiddenInput)

    PERSON_FIELDS = ("last_name", "first_name", "phone", "email")
    # A form whose `phone` is another's (créer mon espace: the establishment's) renames it.
    person_phone_field = "phone"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.show_civil_status_confirmation = bool(
            self.data.get(self.add_prefix(CONFIRM_CIVIL_STATUS))
        )
        if not self.show_civil_status_confirmation:
            self.fields.pop(CONFIRM_CIVIL_STATUS, None)

    def clean(self):
        cleaned = super().clean()
        self.check_pair("email", "email_confirm", USER_EMAILS_DIFFER)
        self._check_civil_status(cleaned)
        return cleaned

    def person_data(self) -> dict:
        """The person as the services take it (`account_request_submit`, `agent_create`…)."""
        data = {name: self.cleaned_data[name] for name in self.PERSON_FIELDS if name != "phone"}
        return {**data, "phone": self.cleaned_data[self.person_phone_field]}

    def check_pair(self, name: str, confirmation: str, message: str) -> None:
        first, second = self.cleaned_data.get(name), self.cleaned_data.get(confirmation)
        if first and second and first != second:
            self.add_error(name, message)
            self.add_error(confirmation, message)

    def _check_civil_status(self, cleaned: dict) -> None:
        suspicious = [
            name
            for name in ("last_name", "first_name")
            if cleaned.get(name) and looks_like_not_a_person(cleaned[name])
        ]
        if suspicious and not cleaned.get(CONFIRM_CIVIL_STATUS):
            self.show_civil_status_confirmation = True
            confirmation = copy.deepcopy(self.base_fields[CONFIRM_CIVIL_STATUS])
            self.fields[CONFIRM_CIVIL_STATUS] = confirmation
            self._bound_fields_cache.pop(CONFIRM_CIVIL_STATUS, None)
            data = self.data.copy()
            data[self.add_prefix(CONFIRM_CIVIL_STATUS)] = "1"
            self.data = data  # rendered back as the hidden value="1"
            for name in suspicious:
                self.add_error(name, ValidationError(CIVIL_STATUS_WARNING, code="civil_status"))


class AccountPersonForm(PersonForm):
    """A person who will log in with the account: plus the secret question and its answer."""

    secret_question = CheckedCharField(
        label="Question secrète",
        help_text="Elle vous sera posée si vous oubliez votre identifiant ou votre mot de passe.",
        allowed=QUESTION_CHARS,
        min_length=5,
        max_length=100,
    )
    secret_answer = forms.CharField(
        label="Réponse",
        min_length=2,
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    PERSON_FIELDS = (*PersonForm.PERSON_FIELDS, "secret_question", "secret_answer")
    field_order = [
        "last_name", "first_name", "phone", "email", "email_confirm",
        "secret_question", "secret_answer",
    ]  # fmt: skip
