import re

from django.db import models
from django.utils import timezone

from habilitations import access

# The code indemnisation avoids characters that are hard to tell apart (seed 003, « code DI
# … caractères difficiles à voir et distinguer »): no 0/O, no 1/I/L.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10
_SPACES = re.compile(r"[\s\-]+")


def normalize_reference(value: str) -> str:
    """A number or code as typed or pasted: case and spaces/dashes do not matter."""
    return _SPACES.sub("", value or "").upper()


class DecisionKind(models.TextChoices):
    EXPRESS = "express", "Décision expresse de l'unité départementale"
    TACIT = "tacit", "Acceptation tacite (silence de l'administration)"


class DecisionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The DAs of the establishments the user may see (habilitations.access)."""
        return access.scoped_to_visible(user, self)


class Decision(models.Model):
    """The décision d'autorisation created when a DAP or an avenant is authorised."""

    # Unique through Meta.constraints (plain btrees: exact search on upper-case values).
    number = models.CharField("numéro", max_length=20)
    code = models.CharField("code indemnisation", max_length=CODE_LENGTH)
    request = models.OneToOneField(
        "dap.AuthorizationRequest",
        verbose_name="demande décidée",
        on_delete=models.PROTECT,
        related_name="decision",
    )
    establishment = models.ForeignKey(
        "establishments.Establishment",
        verbose_name="établissement",
        on_delete=models.PROTECT,
        related_name="decisions",
        db_index=False,  # (establishment, -created_at) below serves the lookups
    )
    kind = models.CharField("type de décision", max_length=10, choices=DecisionKind.choices)
    period_start = models.DateField("début de la période autorisée")
    period_end = models.DateField("fin de la période autorisée")
    authorized_hours = models.DecimalField(
        "total des heures autorisées", max_digits=12, decimal_places=2
    )
    employees = models.PositiveIntegerField("salariés autorisés")
    requested_at = models.DateTimeField("demande envoyée le")
    # Bank details at the date of the decision (arrêté du 24 juillet 2014: the DI is paid
    # on the account given in the DA, not on whatever the fiche says later).
    iban = models.CharField("IBAN", max_length=34, blank=True)
    bic = models.CharField("BIC", max_length=11, blank=True)
    account_holder = models.CharField("titulaire du compte", max_length=255, blank=True)
    created_at = models.DateTimeField("décidée le", default=timezone.now)
    notified_at = models.DateTimeField("notifiée le", null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "décision d'autorisation"
        verbose_name_plural = "décisions d'autorisation"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="dap_decision_number_unique"),
            models.UniqueConstraint(fields=["code"], name="dap_decision_code_unique"),
        ]
        indexes = [
            models.Index(fields=["establishment", "-created_at"]),
            models.Index(
                fields=["created_at"],
                name="dap_decision_to_notify",
                condition=models.Q(notified_at__isnull=True),
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def code_display(self) -> str:
        """Grouped for reading aloud on the phone; the copy button copies `code`."""
        return " ".join(self.code[i : i + 5] for i in range(0, len(self.code), 5))
