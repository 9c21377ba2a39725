from datetime import date
from decimal import Decimal

from django import forms
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.formats import date_format
from dsfr.forms import DsfrBaseForm

from indemnisation.computation import LEGAL_MONTHLY_HOURS, BaremeNotFound, find_bareme
from indemnisation.models import REGIME_ELIGIBILITY, Bareme, Regime

MAX_HOURLY_PAY = Decimal("1000")
MAX_EMPLOYEES_PER_BAND = 100_000
MAX_BANDS = 5
FIRST_YEAR = 2019


def month_label(month: date) -> str:
    return date_format(month, "F Y")


def decimal_field(label, *, what, max_value, help_text="", max_message=None):
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        min_value=Decimal("0"),
        max_value=max_value,
        # No max_digits: max_value already bounds the number, and both firing gave one
        # field two messages for a huge value.
        max_digits=None,
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


def contract_hours_field(label="Durée mensuelle du contrat (heures)"):
    field = decimal_field(
        label,
        what="la durée mensuelle du contrat",
        max_value=Decimal("999"),
        help_text="151,67 h pour un temps plein ; un salarié à temps partiel n'est jamais "
        "indemnisé au-delà des heures de son contrat.",
        max_message="La durée mensuelle du contrat ne peut pas dépasser 999 h.",
    )
    field.required = False
    field.widget.attrs["placeholder"] = "151,67"
    field.validators.append(_positive_contract)
    return field


def _positive_contract(value):
    if value == 0:
        raise forms.ValidationError("La durée mensuelle du contrat doit être supérieure à 0 h.")


def month_field() -> forms.TypedChoiceField:
    """The month of the hours not worked (the simulator's and the DI's)."""
    return forms.TypedChoiceField(
        label="Mois",
        choices=[("", "Choisissez un mois")] + list(MONTHS.items()),
        coerce=int,
        error_messages={"required": "Choisissez le mois des heures chômées."},
    )


def year_field() -> forms.TypedChoiceField:
    """Its year; the choices depend on the form (barème years, the DA's period)."""
    return forms.TypedChoiceField(
        label="Année",
        coerce=int,
        error_messages={"required": "Choisissez l'année des heures chômées."},
    )


class SimulationPeriodForm(DsfrBaseForm):
    """The month simulated and the regime, common to both modes."""

    month = month_field()
    year = year_field()
    regime = forms.ChoiceField(
        label="Régime d'activité partielle de votre entreprise",
        choices=Regime.choices,
        widget=forms.RadioSelect,
        initial=Regime.STANDARD,
        error_messages={
            "required": "Choisissez le régime d'activité partielle de votre entreprise.",
            "invalid_choice": "Choisissez l'un des régimes proposés.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = range(FIRST_YEAR, timezone.localdate().year + 1)
        self.fields["year"].choices = [("", "Choisissez une année")] + [(y, str(y)) for y in years]
        self.regime_periods = regime_periods()

    def clean(self):
        cleaned = super().clean()
        if "month" not in cleaned or "year" not in cleaned or "regime" not in cleaned:
            return cleaned
        period = date(cleaned["year"], cleaned["month"], 1)
        cleaned["period"] = period
        try:
            cleaned["bareme"] = find_bareme(period, regime=cleaned["regime"])
        except BaremeNotFound:
            raise forms.ValidationError(outside_bareme_message(period, cleaned["regime"])) from None
        return cleaned


def regime_periods() -> list[dict]:
    """For each regime, the first and last month it covers (shown under the question)."""
    # One query: whether a regime is open-ended comes with its bounds (it was one EXISTS
    # per regime on the simulator and the DI list).
    bounds = Bareme.objects.values("regime").annotate(
        first=Min("valid_from"),
        last=Max("valid_until"),
        open_ended=Count("pk", filter=Q(valid_until__isnull=True)),
    )
    by_regime = {row["regime"]: row for row in bounds}
    periods = []
    for regime in Regime:
        row = by_regime.get(regime.value)
        if row:
            open_ended = row["open_ended"] > 0
            periods.append(
                {
                    "regime": regime,
                    "label": regime.label,
                    "eligibility": REGIME_ELIGIBILITY[regime],
                    "first": row["first"],
                    "last": None if open_ended else row["last"],
                }
            )
    return periods


def outside_bareme_message(period: date, regime: str) -> str:
    rows = Bareme.objects.filter(regime=regime)
    bounds = rows.aggregate(first=Min("valid_from"), last=Max("valid_until"))
    label = Regime(regime).label
    message = f"Le régime « {label} » n'a pas de barème pour {month_label(period)}."
    if bounds["first"]:
        if rows.filter(valid_until__isnull=True).exists():
            message += f" Il s'applique depuis {month_label(bounds['first'])}."
        else:
            message += (
                f" Il s'applique de {month_label(bounds['first'])} à {month_label(bounds['last'])}."
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
    contract_hours = contract_hours_field()

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
    contract_hours = contract_hours_field("Durée mensuelle du contrat (heures)")


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
