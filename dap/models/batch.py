from django.conf import settings
from django.db import models
from django.utils import timezone


class BatchKind(models.TextChoices):
    DAP_TACIT = "dap_tacit", "Acceptation tacite des DAP et avenants"
    DI_VALIDATION = "di_validation", "Validation des demandes d'indemnisation"


class BatchTrigger(models.TextChoices):
    SCHEDULE = "schedule", "Planifié (6h et 20h les jours ouvrés)"
    COMMAND = "command", "Commande d'exploitation"
    BUTTON = "button", "Lancé par la DGEFP"


class BatchRun(models.Model):
    """One run of a batch, for the DGEFP's line "last run, how many accepted"."""

    kind = models.CharField("traitement", max_length=20, choices=BatchKind.choices)
    trigger = models.CharField(
        "déclenchement", max_length=10, choices=BatchTrigger.choices, default=BatchTrigger.COMMAND
    )
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="lancé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField("début", default=timezone.now)
    finished_at = models.DateTimeField("fin", null=True, blank=True)
    accepted = models.PositiveIntegerField("demandes acceptées", default=0)
    skipped = models.BooleanField("non exécuté (un autre traitement était en cours)", default=False)

    class Meta:
        verbose_name = "exécution de traitement"
        verbose_name_plural = "exécutions de traitements"
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["kind", "-started_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.started_at:%d/%m/%Y %H:%M}"
