from django import forms
from django.db import transaction
from django.utils.html import format_html
from dsfr.forms import DsfrBaseForm
from stdnum import bic, iban
from stdnum.exceptions import ValidationError as StdnumError

from accounts.normalize import normalize_name
from apart.core.fields import validate_siret
from establishments.combo import IDCC, NAF, ReferenceComboField
from establishments.models import FICHE_REQUIRED_FIELDS, Establishment
from establishments.reference import communes_for_postal_code

RIB_MAX_BYTES = 1024 * 1024
# Accepted RIB files, recognised by their first bytes (never by the name or the browser's
# declared type, which the sender controls).
RIB_SIGNATURES = {
    b"%PDF-": "pdf",
    b"\x89PNG\r\n\x1a\n": "png",
    b"\xff\xd8\xff": "jpg",
}

NEEDED_HINT = "Nécessaire pour une fiche complète."

SECTIONS = [
    ("identite", "Identité", ["enseigne"]),
    (
        "adresse",
        "Adresse",
        [
            "street_number",
            "street_extension",
            "street_type",
            "street_label",
            "address_complement",
            "postal_code",
            "city",
        ],
    ),
    ("contacts", "Contacts", ["email", "phone", "fax"]),
    ("activite", "Activité", ["naf_code", "headcount", "convention"]),
    ("banque", "Coordonnées bancaires", ["iban", "bic", "account_holder", "rib_file"]),
]


def rib_file_kind(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in RIB_SIGNATURES.items():
        if head.startswith(signature):
            return kind
    return None


class FicheForm(DsfrBaseForm, forms.ModelForm):
    """The editable part of the fiche établissement (SIRET and dénomination are read-only)."""

    naf_code = ReferenceComboField(
        reference=NAF,
        datalist_id="codes-naf",
        url_name="establishments:naf_search",
        label="Code NAF / APE",
        required=False,
        help_text=(
            "Nomenclature d'activités française (NAF rév. 2) de l'INSEE : saisissez le code "
            "(par exemple 56.10A) ou des mots de l'activité, puis choisissez dans la liste."
        ),
    )
    convention = ReferenceComboField(
        reference=IDCC,
        datalist_id="conventions-collectives",
        url_name="establishments:idcc_search",
        label="Convention collective (IDCC)",
        required=False,
        help_text=(
            "Saisissez le numéro IDCC (par exemple 1486) ou des mots de l'intitulé, puis "
            "choisissez dans la liste ; « 9999 — Sans convention collective » si aucune ne "
            "s'applique."
        ),
    )

    class Meta:
        model = Establishment
        fields = [name for _id, _title, names in SECTIONS for name in names]
        labels = {
            "street_label": "Libellé de la voie",
            "postal_code": "Code postal",
            "city": "Ville",
            "email": "Courriel établissement",
            "phone": "Téléphone fixe",
            "headcount": "Effectif",
            "account_holder": "Titulaire du compte",
            "rib_file": "RIB (PDF, PNG ou JPEG, 1 Mo au plus)",
        }
        help_texts = {
            "city": "La ville doit être une commune desservie par le code postal.",
            "iban": (
                "27 caractères pour un compte en France, "
                "par exemple FR76 3000 6000 0112 3456 7890 189."
            ),
            "bic": "8 ou 11 caractères, par exemple AGRIFRPP ou AGRIFRPP882.",
            "headcount": "Nombre de salariés de l'établissement.",
        }
        widgets = {"rib_file": forms.FileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"})}

    def __init__(self, *args, sirene=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commune = None
        for name in ("street_label", "postal_code", "city", "email", "phone"):
            self.fields[name].required = True
        self.fields["headcount"].min_value = 0
        self.fields["postal_code"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "postal-code", "data-communes": "ville"}
        )
        self.fields["city"].widget.attrs.update({"list": "communes-du-code-postal"})
        for name, value in (sirene or {}).items():
            if name in self.fields and value:
                # django-dsfr renders help texts with |safe: escape what comes from SIRENE.
                help_text = self.fields[name].help_text
                self.fields[name].help_text = format_html(
                    "Connu de SIRENE (INSEE) : {}. {}", value, help_text
                )
        needed = {name for name, _label in FICHE_REQUIRED_FIELDS}
        for name, field in self.fields.items():
            field.template_name = "establishments/fields/fiche_field.html"
            field.needed_for_complete = name in needed and not field.required
            if field.needed_for_complete:
                field.help_text = format_html("{} {}", NEEDED_HINT, field.help_text)
        self._bound_fields_cache.clear()  # bound fields copied the help texts at creation

    def sections(self):
        return [
            (anchor, title, [self[name] for name in names]) for anchor, title, names in SECTIONS
        ]

    def clean_iban(self):
        value = self.cleaned_data["iban"]
        if not value:
            return ""
        try:
            return iban.validate(value)
        except StdnumError:
            raise forms.ValidationError(
                "L'IBAN saisi n'est pas valide : vérifiez sa longueur et sa clé de contrôle."
            ) from None

    def clean_bic(self):
        value = self.cleaned_data["bic"]
        if not value:
            return ""
        try:
            return bic.validate(value)
        except StdnumError:
            raise forms.ValidationError(
                "Le BIC saisi n'est pas valide : 8 ou 11 caractères (banque, pays, lieu, agence)."
            ) from None

    def clean_rib_file(self):
        upload = self.cleaned_data.get("rib_file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # unchanged or cleared
        if upload.size > RIB_MAX_BYTES:
            raise forms.ValidationError("Le fichier du RIB dépasse 1 Mo.")
        kind = rib_file_kind(upload)
        if kind is None:
            raise forms.ValidationError("Le RIB doit être un fichier PDF, PNG ou JPEG.")
        upload.name = f"rib-{self.instance.siret}.{kind}"
        return upload

    def clean(self):
        cleaned = super().clean()
        postal_code, city = cleaned.get("postal_code"), cleaned.get("city")
        if postal_code and city:
            communes = communes_for_postal_code(postal_code)
            wanted = normalize_name(city)
            matching = [c for c in communes if normalize_name(c.name) == wanted]
            if matching:
                self.commune = matching[0]
            elif communes:
                names = ", ".join(c.name for c in communes)
                self.add_error(
                    "city", f"Cette ville ne correspond pas au code postal {postal_code} : {names}."
                )
            else:
                self.add_error("postal_code", "Ce code postal est inconnu.")
        iban_value, holder = cleaned.get("iban"), cleaned.get("account_holder")
        if iban_value and not holder:
            self.add_error("account_holder", "Indiquez le titulaire du compte.")
        return cleaned

    def save(self, commit=True):
        replaced = self.initial.get("rib_file")
        replaced_name = getattr(replaced, "name", None)
        establishment = super().save(commit=False)
        if self.commune is not None:
            establishment.city = self.commune.name
            establishment.insee_code = self.commune.insee_code
        if commit:
            establishment.save()
            if replaced_name and replaced_name != establishment.rib_file.name:
                self._delete_after_commit(replaced.storage, replaced_name)
        return establishment

    @staticmethod
    def _delete_after_commit(storage, name: str) -> None:
        """A replaced or cleared RIB leaves no copy behind, once the new fiche is saved."""
        transaction.on_commit(lambda: storage.delete(name))


class ServiceContractForm(DsfrBaseForm):
    firm_name = forms.CharField(label="Raison sociale du cabinet", max_length=255)
    firm_siret = forms.CharField(label="N° de Siret du cabinet", max_length=20)
    firm_order_number = forms.CharField(
        label="N° d'inscription au tableau de l'Ordre des experts-comptables", max_length=50
    )
    firm_address = forms.CharField(
        label="Adresse du cabinet", max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    signatory = forms.CharField(
        label="Signataire pour le cabinet (nom, prénom, qualité)", max_length=255
    )
    client_siret = forms.CharField(label="N° de Siret de l'établissement client", max_length=20)
    client_denomination = forms.CharField(
        label="Dénomination de l'établissement client", max_length=255
    )
    client_signatory = forms.CharField(
        label="Représentant de l'établissement client (nom, prénom, qualité)", max_length=255
    )

    @staticmethod
    def _siret(value: str) -> str:
        return validate_siret(value)

    def clean_firm_siret(self):
        return self._siret(self.cleaned_data["firm_siret"])

    def clean_client_siret(self):
        return self._siret(self.cleaned_data["client_siret"])
