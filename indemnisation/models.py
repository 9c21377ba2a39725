from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class BaremeQuerySet(models.QuerySet):
    def covering(self, month: date):
        """Rows whose period contains the given day (the 1st of the month simulated)."""
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=month), valid_from__lte=month
        )

    def for_month(self, month: date, *, majore: bool = False):
        """The row that applies to `month`, or None.

        The taux majoré only exists for some periods (from June 2020): when it is asked for a
        month without a majoré row, the standard row applies.
        """
        rows = {row.majore: row for row in self.covering(month)}
        if majore and True in rows:
            return rows[True]
        return rows.get(False)


class Bareme(models.Model):
    """Rates of the allocation and of the indemnity for a period, for one regime.

    One row per period and regime (standard or taux majoré): the computation looks the row up
    by date, so a new rate is a new row, never a new code branch.
    Source of each row: the data migration and `reference/apart-facts.md` §3.6–3.7.
    """

    valid_from = models.DateField("applicable à partir du")
    valid_until = models.DateField("applicable jusqu'au (inclus)", null=True, blank=True)
    majore = models.BooleanField(
        "taux majoré",
        default=False,
        help_text="Régime des secteurs protégés ou des entreprises fermées administrativement.",
    )
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
    smic_hourly = models.DecimalField("SMIC horaire brut (€)", max_digits=6, decimal_places=2)
    source = models.TextField("source", blank=True)

    objects = BaremeQuerySet.as_manager()

    class Meta:
        verbose_name = "barème d'activité partielle"
        verbose_name_plural = "barèmes d'activité partielle"
        ordering = ["valid_from", "majore"]
        constraints = [
            models.UniqueConstraint(fields=["valid_from", "majore"], name="bareme_unique_start"),
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
                & Q(ceiling_smic_multiple__gt=0, smic_hourly__gt=0),
                name="bareme_amounts_positive",
            ),
        ]

    def __str__(self):
        regime = "taux majoré" if self.majore else "droit commun"
        until = self.valid_until.strftime("%d/%m/%Y") if self.valid_until else "…"
        return f"{self.valid_from:%d/%m/%Y} – {until} ({regime})"

    @property
    def allocation_percent(self) -> Decimal:
        return _percent(self.allocation_rate)

    @property
    def indemnity_percent(self) -> Decimal:
        return _percent(self.indemnity_rate)

    def clean(self):
        super().clean()
        if self.valid_from is None:
            return
        overlapping = Bareme.objects.filter(majore=self.majore).exclude(pk=self.pk)
        if self.valid_until is not None:
            overlapping = overlapping.filter(valid_from__lte=self.valid_until)
        overlapping = overlapping.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from)
        )
        if overlapping.exists():
            raise ValidationError(
                f"Cette période chevauche un autre barème du même régime : {overlapping.first()}."
            )


def _percent(rate: Decimal) -> Decimal:
    value = rate * 100
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
