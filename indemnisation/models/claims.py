"""Demandes d'indemnisation (DI): one month of a décision d'autorisation, its employee lines
and its transition log (seed 003; statuses of the APART data codebook, apart-facts.md §3.3).

A DI is versioned like the CASD extract: `number` (functional, letters and digits, shared by
the versions), the technical id (`pk`) and `version`.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from habilitations import access
from indemnisation.models.bareme import Bareme, Regime, Smic


class ClaimStatus(models.IntegerChoices):
    """The codes are those of the APART codebook (CASD)."""

    PROVISIONAL = 8, "Provisoire"
    VALIDATED = 9, "Validée"
    PAYMENT_REQUESTED = 10, "Paiement demandé"
    PAYMENT_DONE = 11, "Paiement effectué"
    PAYMENT_INVALIDATED = 12, "Paiement invalidé"
    OR_TO_ISSUE = 13, "OR à émettre"
    OR_ISSUED = 14, "OR émis"
    OR_INVALIDATED = 15, "OR invalidé"
    AWAITING_VISA = 16, "En attente de visa UT"
    REJECTED = 17, "DI rejetée"
    PENDING_VALIDATION = 19, "En attente de validation"
    IN_INSTRUCTION = 20, "En cours d'instruction"
    WITHDRAWN = 26, "Retiré"


# Statuses whose hours count against the DA's total and the annual quota.
ACTIVE_STATUSES = [
    status
    for status in ClaimStatus
    if status not in (ClaimStatus.REJECTED, ClaimStatus.WITHDRAWN, ClaimStatus.PAYMENT_INVALIDATED)
]


class ClaimQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The DIs of the visible establishments; agents never see a Provisoire DI (the
        employer's draft, like the DAP's)."""
        scoped = access.scoped_to_visible(user, self)
        if access.is_agent(user):
            scoped = scoped.exclude(status=ClaimStatus.PROVISIONAL)
        return scoped

    def active(self):
        return self.filter(status__in=ACTIVE_STATUSES)


class Claim(models.Model):
    number = models.CharField("numéro de la demande", max_length=20, db_index=True)
    version = models.PositiveSmallIntegerField("version", default=1)
    decision = models.ForeignKey(
        "dap.Decision",
        verbose_name="décision d'autorisation",
        on_delete=models.PROTECT,
        related_name="claims",
    )
    establishment = models.ForeignKey(
        "establishments.Establishment",
        verbose_name="établissement",
        on_delete=models.PROTECT,
        related_name="claims",
    )
    month = models.DateField("mois des heures chômées", help_text="Premier jour du mois.")
    regime = models.CharField("régime", max_length=24, choices=Regime.choices)
    status = models.PositiveSmallIntegerField(
        "statut", choices=ClaimStatus.choices, default=ClaimStatus.PROVISIONAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    validated_at = models.DateTimeField("validée le", null=True, blank=True)
    # When the employer was emailed about the validation (2020 sent nothing, seed 003).
    notified_at = models.DateTimeField("employeur informé le", null=True, blank=True)
    # The barème rows the amounts were computed with (kept for the récapitulatif).
    bareme = models.ForeignKey(
        Bareme, verbose_name="barème", null=True, on_delete=models.PROTECT, related_name="+"
    )
    smic = models.ForeignKey(
        Smic, verbose_name="SMIC", null=True, on_delete=models.PROTECT, related_name="+"
    )
    employees_count = models.PositiveIntegerField("salariés", default=0)
    total_hours_not_worked = models.DecimalField(
        "heures chômées", max_digits=12, decimal_places=2, default=0
    )
    total_hours_compensated = models.DecimalField(
        "heures indemnisables", max_digits=12, decimal_places=2, default=0
    )
    total_indemnity = models.DecimalField(
        "indemnités versées", max_digits=14, decimal_places=2, default=0
    )
    total_allocation = models.DecimalField(
        "allocation demandée", max_digits=14, decimal_places=2, default=0
    )

    objects = ClaimQuerySet.as_manager()

    class Meta:
        verbose_name = "demande d'indemnisation"
        verbose_name_plural = "demandes d'indemnisation"
        ordering = ["-month", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number", "version"], name="claim_number_version"),
        ]
        indexes = [
            models.Index(fields=["establishment", "-month"]),
            models.Index(fields=["decision", "month"]),
            models.Index(
                fields=["sent_at"],
                name="claim_awaiting_batch",
                condition=models.Q(status=19),
            ),
            # The employers' emails left to write after the 72 h batch: each chunk reads
            # the first few in this index instead of scanning every DI.
            models.Index(
                fields=["validated_at", "id"],
                name="claim_to_notify",
                condition=models.Q(notified_at__isnull=True, validated_at__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.number} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("indemnisation:detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status == ClaimStatus.PROVISIONAL


class ClaimLine(models.Model):
    """One employee of a DI, with the amounts computed when the line was saved."""

    claim = models.ForeignKey(
        Claim, verbose_name="demande", on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveIntegerField("ligne")
    last_name = models.CharField("nom", max_length=100)
    first_name = models.CharField("prénom", max_length=100)
    nir = models.CharField("NIR", max_length=15, blank=True)
    ntt = models.CharField("NTT", max_length=40, blank=True)
    # The NIR, or the NTT when there is none: the key of the annual quota per employee.
    identity = models.CharField("identifiant du salarié", max_length=40, db_index=True)
    hours_not_worked = models.DecimalField("heures chômées", max_digits=7, decimal_places=2)
    hours_worked = models.DecimalField("heures travaillées", max_digits=7, decimal_places=2)
    hourly_pay = models.DecimalField("taux horaire brut", max_digits=8, decimal_places=2)
    contract_hours = models.DecimalField(
        "heures mensuelles du contrat", max_digits=7, decimal_places=2
    )
    hours_compensated = models.DecimalField("heures indemnisables", max_digits=7, decimal_places=2)
    hourly_indemnity = models.DecimalField("indemnité horaire", max_digits=8, decimal_places=2)
    hourly_allocation = models.DecimalField("allocation horaire", max_digits=8, decimal_places=2)
    indemnity = models.DecimalField("indemnité", max_digits=12, decimal_places=2)
    allocation = models.DecimalField("allocation", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "salarié de la demande"
        verbose_name_plural = "salariés de la demande"
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "position"], name="claim_line_position"),
        ]

    def __str__(self):
        return f"{self.last_name} {self.first_name}"


class ClaimTransition(models.Model):
    """Who, when, from, to, why (the agents' audit trail of a DI)."""

    claim = models.ForeignKey(
        Claim, verbose_name="demande", on_delete=models.CASCADE, related_name="transitions"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    batch_run = models.ForeignKey(
        "dap.BatchRun",
        verbose_name="traitement automatique",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("le", default=timezone.now)
    from_status = models.PositiveSmallIntegerField("de", choices=ClaimStatus.choices, null=True)
    to_status = models.PositiveSmallIntegerField("à", choices=ClaimStatus.choices)
    motive = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement de statut d'une DI"
        verbose_name_plural = "changements de statut des DI"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.claim} : {self.get_from_status_display()} → {self.get_to_status_display()}"
