"""Form fields for the identifiers every form of the portal asks for: SIRET and phone."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.fr import siret as siret_number

SIRET_FORMAT = "Le numéro de Siret doit comporter 14 chiffres (les espaces sont acceptés)."
SIRET_CHECKSUM = (
    "Ce numéro de Siret n'existe pas : sa clé de contrôle est fausse. "
    "Vérifiez-le sur l'avis de situation au répertoire SIRENE de l'établissement."
)
# Seed 002, word for word (with the spelling of "Veuillez" fixed).
PHONE_INVALID = "Veuillez saisir un numéro valide."

FRENCH_REGIONS = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"}


def validate_siret(value: str) -> str:
    """The 14 digits of a SIRET whose key is right (stdnum knows La Poste's exception)."""
    try:
        return siret_number.validate(value)
    except InvalidChecksum:
        raise ValidationError(SIRET_CHECKSUM, code="checksum") from None
    except StdnumError:
        raise ValidationError(SIRET_FORMAT, code="format") from None


def french_phone(value: str) -> str:
    """The number in E.164, metropolitan or overseas (DROM-COM numbers have own regions)."""
    # Overseas first: some overseas numbers (0596…) also parse as metropolitan ones.
    for region in ("GP", "MQ", "GF", "RE", "YT", "PM", "FR"):
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if (
            phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) in FRENCH_REGIONS
        ):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise ValidationError(PHONE_INVALID, code="phone")


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return french_phone(value) if value else value


class SiretField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return validate_siret(value) if value else value
