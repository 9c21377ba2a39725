from datetime import date
from decimal import Decimal

from django import forms
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from dsfr.forms import DsfrBaseForm

from indemnisation.computation import LEGAL_MONTHLY_HOURS, BaremeNotFound, find_bareme
from indemnisation.models import Bareme

MAX_HOURLY_PAY = Decimal("1000")
MAX_EMPLOYEES_PER_BAND = 100_000
MAX_BANDS = 5
FIRST_YEAR = 2019

MAJORE_CHOICES = [("non", "Non"), ("oui", "Oui")]


def month_label(month: date) -> str:
    return date_format(month, "F Y")


def decimal_field(label, *, what, max_value, help_text="", max_message=None):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal("0"),
        max_value=max_value,
        max_digits=9,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": f"Saisissez {what}.",
            "invalid": f"Saisissez {what} sous forme de nombre, par exemple 12,50.",
            "min_value": f"{what[0].upper()}{what[1:]} ne peut pas être négatif.",
            "max_value": max_message or f"{what[0].upper()}{what[1:]} est trop élevé.",
            "max_decimal_places": f"Saisissez {what} avec au plus deux décimales.",
            "max_digits": f"{what[0].upper()}{what[1:]} est trop élevé.",
            "max_whole_digits": f"{what[0].upper()}{what[1:]} est trop élevé.",
        },
    )


def hourly_pay_field(label="Taux horaire brut (€)", help_text=""):
    field = decimal_field(
        label,
        what="le taux horaire brut",
        max_value=MAX_HOURLY_PAY,
        help_text=help_text,
        max_message="Le taux horaire brut ne peut pas dépasser 1 000 € : vérifiez la saisie.",
    )
    field.validators.append(_positive_pay)
    return field


def _positive_pay(value):
    if value == 0:
        raise forms.ValidationError("Le taux horaire brut doit être supérieur à 0 €.")


def hours_not_worked_field(label, help_text=""):
    return decimal_field(
        label,
        what="le nombre d'heures chômées",
        max_value=LEGAL_MONTHLY_HOURS,
        help_text=help_text,
        max_message="Le nombre d'heures chômées ne peut pas dépasser 151,67 h par salarié et "
        "par mois (durée légale mensuelle du travail).",
    )


class SimulationPeriodForm(DsfrBaseForm):
    """The month simulated and the taux majoré question, common to both modes."""

    month = forms.TypedChoiceField(
        label="Mois",
        choices=[("", "Choisissez un mois")] + [(number, name) for number, name in MONTHS.items()],
        coerce=int,
        error_messages={"required": "Choisissez le mois des heures chômées."},
    )
    year = forms.TypedChoiceField(
        label="Année",
        coerce=int,
        error_messages={"required": "Choisissez l'année des heures chômées."},
    )
    majore = forms.ChoiceField(
        label="Votre entreprise bénéficie-t-elle du taux majoré ?",
        help_text="À partir de juin 2020 : secteurs protégés (annexes 1 et 2 du décret 2020-810) "
        "et entreprises fermées par décision administrative.",
        choices=MAJORE_CHOICES,
        widget=forms.RadioSelect,
        initial="non",
        error_messages={
            "required": "Indiquez si votre entreprise bénéficie du taux majoré.",
            "invalid_choice": "Répondez « Oui » ou « Non » à la question du taux majoré.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(FIRST_YEAR, timezone.localdate().year + 1)
        self.fields["year"].choices = [("", "Choisissez une année")] + [(y, str(y)) for y in years]
        self.majore_from, self.majore_until = majore_period()

    def clean(self):
        cleaned = super().clean()
        if "month" not in cleaned or "year" not in cleaned:
            return cleaned
        period = date(cleaned["year"], cleaned["month"], 1)
        cleaned["period"] = period
        cleaned["majore"] = cleaned.get("majore") == "oui"
        try:
            cleaned["bareme"] = find_bareme(period, majore=cleaned["majore"])
        except BaremeNotFound:
            raise forms.ValidationError(outside_bareme_message(period)) from None
        return cleaned


def majore_period() -> tuple[date | None, date | None]:
    """First and last day covered by a taux majoré row (June 2020 with the loaded barème)."""
    bounds = Bareme.objects.filter(majore=True).aggregate(
        first=Min("valid_from"), last=Max("valid_until")
    )
    return bounds["first"], bounds["last"]


def outside_bareme_message(period: date) -> str:
    bounds = Bareme.objects.aggregate(first=Min("valid_from"), last=Max("valid_until"))
    message = f"Aucun barème d'activité partielle n'est défini pour {month_label(period)}."
    if bounds["first"] and bounds["last"]:
        message += (
            f" Le simulateur couvre les heures chômées de {month_label(bounds['first'])} "
            f"à {month_label(bounds['last'])}."
        )
    return message


class EmployeeSimulationForm(SimulationPeriodForm):
    """« Simulation salarié »."""

    hours_worked = decimal_field(
        "Nombre d'heures travaillées dans le mois",
        what="le nombre d'heures travaillées",
        max_value=LEGAL_MONTHLY_HOURS,
        max_message="Le nombre d'heures travaillées ne peut pas dépasser 151,67 h dans une "
        "simulation d'activité partielle (durée légale mensuelle du travail).",
    )
    hours_not_worked = hours_not_worked_field(
        "Nombre d'heures chômées dans le mois",
        help_text="Avec les heures travaillées, au plus 151,67 h (durée légale du travail).",
    )
    hourly_pay = hourly_pay_field(
        help_text="Rémunération horaire brute de référence (base de l'indemnité de congés payés)."
    )

    def clean(self):
        cleaned = super().clean()
        worked, not_worked = cleaned.get("hours_worked"), cleaned.get("hours_not_worked")
        if (
            worked is not None
            and not_worked is not None
            and worked + not_worked > LEGAL_MONTHLY_HOURS
        ):
            self.add_error(
                "hours_not_worked",
                "Les heures travaillées et les heures chômées ne peuvent pas dépasser ensemble "
                "151,67 h : seules les heures sous la durée légale du travail sont indemnisées.",
            )
        return cleaned


class BandForm(DsfrBaseForm):
    """One band of employees of the « Simulation employeur »."""

    employees = forms.IntegerField(
        label="Nombre de salariés",
        min_value=1,
        max_value=MAX_EMPLOYEES_PER_BAND,
        error_messages={
            "required": "Saisissez le nombre de salariés de la tranche.",
            "invalid": "Saisissez un nombre entier de salariés.",
            "min_value": "Le nombre de salariés doit être d'au moins 1.",
            "max_value": "Le nombre de salariés ne peut pas dépasser 100 000 par tranche.",
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    hourly_pay = hourly_pay_field(label="Taux horaire brut moyen (€)")
    hours_not_worked = hours_not_worked_field("Heures chômées par salarié")


class BaseBandFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.bands():
            raise forms.ValidationError(
                "Renseignez au moins une tranche de salariés (nombre de salariés, taux horaire "
                "brut moyen et heures chômées)."
            )

    def bands(self):
        return [form.cleaned_data for form in self.forms if form.cleaned_data]


BandFormSet = forms.formset_factory(
    BandForm,
    formset=BaseBandFormSet,
    extra=MAX_BANDS,
    max_num=MAX_BANDS,
    absolute_max=MAX_BANDS,
    validate_max=True,
)
