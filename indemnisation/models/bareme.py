from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from indemnisation import bareme_data


class Regime(models.TextChoices):
    STANDARD = bareme_data.STANDARD, "Droit commun"
    PROTECTED = bareme_data.PROTECTED, "Secteurs protégés (annexes 1 et 2 du décret 2020-810)"
    CLOSED = bareme_data.CLOSED, "Entreprise fermée ou sous restrictions"
    APLD = bareme_data.APLD, "Activité partielle de longue durée (APLD)"


# Eligibility in words, shown next to the regime question (décret 2020-810 annexes 1 and 2,
# décret 2021-674, décret 2020-926).
REGIME_ELIGIBILITY = {
    Regime.STANDARD: "Toute entreprise autorisée à placer ses salariés en activité partielle.",
    Regime.PROTECTED: "Secteurs de l'annexe 1 du décret 2020-810 "
    "(tourisme, hôtellerie, restauration, sport, culture, transport aérien, événementiel) et "
    "secteurs de l'annexe 2 ayant perdu au moins 80 % de chiffre d'affaires.",
    Regime.CLOSED: "Établissements fermés par décision "
    "administrative, situés dans un territoire soumis à des restrictions avec une forte baisse "
    "de chiffre d'affaires, ou des secteurs protégés ayant perdu au moins 80 % de chiffre "
    "d'affaires.",
    Regime.APLD: "Entreprises couvertes par un accord collectif ou un "
    "document unilatéral d'activité partielle de longue durée homologué (décret 2020-926).",
}


class CeilingCaps(models.TextChoices):
    ALLOCATION = bareme_data.CAPS_ALLOCATION, "l'allocation seulement"
    BOTH = bareme_data.CAPS_BOTH, "l'allocation et l'indemnité"


class PeriodQuerySet(models.QuerySet):
    def covering(self, day: date):
        """Rows whose period contains `day`."""
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
        )


class BaremeQuerySet(PeriodQuerySet):
    def for_month(self, month: date, *, regime: str = Regime.STANDARD):
        """The row of `regime` that applies to `month`, or None."""
        return self.covering(month).filter(regime=regime).first()


class Bareme(models.Model):
    """Rates of the allocation and of the indemnity for a period, for one regime.

    One row per period and regime: the computation looks the row up by date, so a new rate is
    a new row, never a new code branch. Rows come from `indemnisation/bareme_data.py`, each
    with its legal source (docs/bareme.md).
    """

    regime = models.CharField(
        "régime", max_length=24, choices=Regime.choices, default=Regime.STANDARD
    )
    valid_from = models.DateField("applicable à partir du")
    valid_until = models.DateField("applicable jusqu'au (inclus)", null=True, blank=True)
    allocation_rate = models.DecimalField(
        "taux de l'allocation",
        max_digits=5,
        decimal_places=4,
        help_text="Part de la rémunération horaire brute remboursée par l'État (0,70 = 70 %).",
    )
    indemnity_rate = models.DecimalField(
        "taux de l'indemnité",
        max_digits=5,
        decimal_places=4,
        help_text="Part de la rémunération horaire brute versée au salarié (0,70 = 70 %).",
    )
    allocation_floor = models.DecimalField(
        "plancher horaire de l'allocation (€)", max_digits=6, decimal_places=2
    )
    indemnity_floor = models.DecimalField(
        "plancher horaire de l'indemnité (€)",
        max_digits=6,
        decimal_places=2,
        help_text="Jamais supérieur à la rémunération horaire du salarié.",
    )
    ceiling_smic_multiple = models.DecimalField(
        "plafond (multiple du SMIC horaire)", max_digits=4, decimal_places=2, default=4.5
    )
    ceiling_caps = models.CharField(
        "le plafond limite",
        max_length=32,
        choices=CeilingCaps.choices,
        default=CeilingCaps.BOTH,
    )
    legal_source = models.TextField("source juridique")
    source_url = models.URLField("adresse de la source", max_length=300)

    objects = BaremeQuerySet.as_manager()

    class Meta:
        verbose_name = "barème d'activité partielle"
        verbose_name_plural = "barèmes d'activité partielle"
        ordering = ["valid_from", "regime"]
        constraints = [
            models.UniqueConstraint(fields=["valid_from", "regime"], name="bareme_unique_start"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="bareme_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(allocation_rate__gt=0, allocation_rate__lte=1)
                & Q(indemnity_rate__gt=0, indemnity_rate__lte=1),
                name="bareme_rates_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=Q(allocation_floor__gte=0, indemnity_floor__gte=0)
                & Q(ceiling_smic_multiple__gt=0),
                name="bareme_amounts_positive",
            ),
        ]

    def __str__(self):
        until = self.valid_until.strftime("%d/%m/%Y") if self.valid_until else "…"
        return f"{self.valid_from:%d/%m/%Y} – {until} ({self.get_regime_display()})"

    @property
    def allocation_percent(self) -> Decimal:
        return _percent(self.allocation_rate)

    @property
    def indemnity_percent(self) -> Decimal:
        return _percent(self.indemnity_rate)

    @property
    def caps_indemnity(self) -> bool:
        return self.ceiling_caps == CeilingCaps.BOTH

    def clean(self):
        super().clean()
        if self.valid_from is None:
            return
        overlapping = Bareme.objects.filter(regime=self.regime).exclude(pk=self.pk)
        if self.valid_until is not None:
            overlapping = overlapping.filter(valid_from__lte=self.valid_until)
        overlapping = overlapping.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
        )
        if overlapping.exists():
            raise ValidationError(
                f"Cette période chevauche un autre barème du même régime : {overlapping.first()}."
            )


class Smic(models.Model):
    """The gross hourly SMIC from a date (décrets and arrêtés de relèvement)."""

    valid_from = models.DateField("applicable à partir du", unique=True)
    hourly = models.DecimalField("SMIC horaire brut (€)", max_digits=6, decimal_places=2)
    legal_source = models.CharField("source juridique", max_length=200)
    source_url = models.URLField("adresse de la source", max_length=300)

    class Meta:
        verbose_name = "SMIC horaire"
        verbose_name_plural = "SMIC horaires"
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(hourly__gt=0), name="smic_positive"),
        ]

    def __str__(self):
        return f"{self.hourly} € au {self.valid_from:%d/%m/%Y}"

    @classmethod
    def at(cls, day: date):
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def _percent(rate: Decimal) -> Decimal:
    value = rate * 100
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
