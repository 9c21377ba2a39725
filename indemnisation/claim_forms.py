"""Forms of the demandes d'indemnisation (employer entry and import, agents' instruction)."""

from datetime import date
from decimal import Decimal

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from indemnisation.computation import LEGAL_MONTHLY_HOURS
from indemnisation.csv_import import EmployeeRow
from indemnisation.forms import (
    contract_hours_field,
    decimal_field,
    hourly_pay_field,
    month_field,
    year_field,
)
from indemnisation.identity import IdentityError, clean_name, clean_nir, clean_ntt
from indemnisation.models import ClaimStatus, Regime

MAX_IMPORT_BYTES = 5 * 1024 * 1024
FIRST_YEAR = 2020


class ClaimCreateForm(DsfrBaseForm):
    code = forms.CharField(
        label="Code indemnisation",
        max_length=30,
        help_text="Copiez-le depuis l'écran de la décision d'autorisation (10 caractères).",
        error_messages={"required": "Saisissez le code indemnisation de la décision."},
    )
    month = month_field()
    year = year_field()
    regime = forms.ChoiceField(
        label="Régime d'activité partielle",
        choices=Regime.choices,
        initial=Regime.STANDARD,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez le régime d'activité partielle."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(FIRST_YEAR, timezone.localdate().year + 1)
        self.fields["year"].choices = [("", "Choisissez une année")] + [(y, str(y)) for y in years]

    def clean(self):
        data = super().clean()
        if data.get("month") and data.get("year"):
            data["period"] = date(data["year"], data["month"], 1)
        return data


class LineForm(DsfrBaseForm):
    """One employee typed in the form (the CSV import checks the same things)."""

    last_name = forms.CharField(
        label="Nom", max_length=100, error_messages={"required": "Saisissez le nom."}
    )
    first_name = forms.CharField(
        label="Prénom", max_length=100, error_messages={"required": "Saisissez le prénom."}
    )
    nir = forms.CharField(
        label="NIR",
        required=False,
        max_length=25,
        help_text="15 caractères, clé comprise (2A ou 2B pour la Corse).",
    )
    ntt = forms.CharField(
        label="NTT",
        required=False,
        max_length=45,
        help_text="Seulement pour un salarié étranger sans NIR.",
    )
    hours_not_worked = decimal_field(
        "Heures chômées dans le mois",
        what="le nombre d'heures chômées",
        max_value=LEGAL_MONTHLY_HOURS,
    )
    hours_worked = decimal_field(
        "Heures travaillées dans le mois",
        what="le nombre d'heures travaillées",
        max_value=Decimal("999"),
    )
    hourly_pay = hourly_pay_field()
    contract_hours = contract_hours_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hours_worked"].required = False

    def clean_last_name(self):
        return self._name("last_name", "le nom")

    def clean_first_name(self):
        return self._name("first_name", "le prénom")

    def _name(self, field, what):
        try:
            return clean_name(self.cleaned_data[field], what=what)
        except IdentityError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        data = super().clean()
        nir, ntt = (data.get("nir") or "").strip(), (data.get("ntt") or "").strip()
        try:
            if nir and ntt:
                raise IdentityError("Indiquez le NIR ou, à défaut, le NTT, mais pas les deux.")
            if nir:
                data["nir"], data["ntt"] = clean_nir(nir), ""
            elif ntt:
                data["nir"], data["ntt"] = "", clean_ntt(ntt)
            else:
                raise IdentityError(
                    "Indiquez le NIR du salarié, ou son NTT s'il est étranger et n'a pas de NIR."
                )
        except IdentityError as error:
            self.add_error("ntt" if ntt and not nir else "nir", str(error))
        return data

    def row(self) -> EmployeeRow:
        data = self.cleaned_data
        return EmployeeRow(
            last_name=data["last_name"].strip().upper(),
            first_name=data["first_name"].strip(),
            nir=data["nir"],
            ntt=data["ntt"],
            hours_not_worked=data["hours_not_worked"],
            hours_worked=data.get("hours_worked") or Decimal("0"),
            hourly_pay=data["hourly_pay"],
            contract_hours=data.get("contract_hours") or LEGAL_MONTHLY_HOURS,
        )


class ImportForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier des salariés (CSV)",
        help_text="Format CSV, séparateur point-virgule, 5 Mo au plus : partez du modèle.",
        error_messages={"required": "Choisissez le fichier CSV des salariés."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("Le fichier dépasse 5 Mo.")
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("Le fichier doit être au format CSV (.csv).")
        return upload


class InstructionForm(DsfrBaseForm):
    action = forms.ChoiceField(
        label="Décision",
        widget=forms.RadioSelect,
        choices=[
            ("take", "Prendre en instruction (la validation automatique à 72 h est arrêtée)"),
            ("visa", "Demander le visa UT"),
            ("validate", "Valider et mettre en paiement"),
            ("reject", "Rejeter la demande"),
        ],
        error_messages={"required": "Choisissez une décision."},
    )
    motive = forms.CharField(
        label="Motif",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Obligatoire pour un rejet : il est communiqué à l'employeur.",
    )


class ClaimFilterForm(DsfrBaseForm):
    status = forms.TypedChoiceField(
        label="Statut",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Tous")] + list(ClaimStatus.choices),
    )
    month = forms.DateField(
        label="Mois des heures chômées",
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": "Saisissez le mois sous la forme AAAA-MM."},
    )
    siret = forms.CharField(label="N° de Siret", required=False, max_length=20)
    number = forms.CharField(label="Numéro de DI ou de DA", required=False, max_length=30)

    def clean_siret(self):
        siret = "".join((self.cleaned_data.get("siret") or "").split())
        if siret and not (siret.isdigit() and len(siret) == 14):
            raise forms.ValidationError("Le N° de Siret compte 14 chiffres.")
        return siret
