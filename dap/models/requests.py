import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from habilitations import access


class RequestKind(models.TextChoices):
    DAP = "dap", "Demande d'autorisation préalable"
    AVENANT = "avenant", "Avenant de demande d'autorisation préalable (DAP)"


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SENT = "sent", "Envoyée, en cours d'instruction"
    INVALIDATED = "invalidated", "Invalidée, à compléter"
    VALIDATED = "validated", "Validée"
    REFUSED = "refused", "Refusée"
    TACIT = "tacit", "Acceptée tacitement"


# Statuses that close the instruction with an authorisation (a DA exists).
AUTHORISED_STATUSES = (RequestStatus.VALIDATED, RequestStatus.TACIT)
# Statuses the employer may still change.
EDITABLE_STATUSES = (RequestStatus.DRAFT, RequestStatus.INVALIDATED)


class Reason(models.TextChoices):
    """Motifs de recours, art. R5122-1 du code du travail (reference/apart-facts.md §1.2)."""

    ECONOMIC = "economic", "Conjoncture économique"
    SUPPLY = "supply", "Difficultés d'approvisionnement en matières premières ou en énergie"
    DISASTER = "disaster", "Sinistre ou intempéries de caractère exceptionnel"
    RESTRUCTURING = (
        "restructuring",
        "Transformation, restructuration ou modernisation de l'entreprise",
    )
    EXCEPTIONAL = "exceptional", "Toute autre circonstance de caractère exceptionnel"


class SubReason(models.TextChoices):
    NONE = "", "Aucun sous-motif"
    CORONAVIRUS = "coronavirus", "Coronavirus"


class Closure(models.TextChoices):
    """Art. L5122-1: réduction de l'horaire ou fermeture temporaire."""

    REDUCTION = "reduction", "Réduction de l'horaire de travail"
    CLOSURE = "closure", "Fermeture temporaire de tout ou partie de l'établissement"


class CseOpinion(models.TextChoices):
    FAVOURABLE = "favourable", "Favorable"
    UNFAVOURABLE = "unfavourable", "Défavorable"
    LATER = "later", "Avis à transmettre ultérieurement (dans les 2 mois)"
    NO_CSE = "no_cse", "Pas de CSE dans l'établissement"


class RequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requests of the establishments the user may see; agents never see drafts
        (the employer's work in progress)."""
        visible = access.scoped_to_visible(user, self)
        if not access.is_establishment_user(user):
            visible = visible.exclude(status=RequestStatus.DRAFT)
        return visible

    def editable_by(self, user):
        return self.filter(establishment__in=access.establishments_editable_by(user))

    def pending(self):
        """Sent, not concluded: what an agent instructs and what the batch may accept."""
        return self.filter(status=RequestStatus.SENT)


class AuthorizationRequest(models.Model):
    """A DAP or an avenant to an authorised DAP (one table, so the batch takes both)."""

    kind = models.CharField("type", max_length=10, choices=RequestKind.choices)
    # Unique through Meta.constraints: one plain btree (exact search on the upper-cased
    # number), not Django's extra LIKE index that every write would maintain.
    number = models.CharField("numéro", max_length=20)
    establishment = models.ForeignKey(
        "establishments.Establishment",
        verbose_name="établissement",
        on_delete=models.PROTECT,
        related_name="authorization_requests",
        db_index=False,  # (establishment, -created_at) below serves the lookups
    )
    amends = models.ForeignKey(
        "self",
        verbose_name="DAP modifiée par l'avenant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="avenants",
    )
    status = models.CharField(
        "statut", max_length=12, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    reason = models.CharField("motif de recours", max_length=20, choices=Reason.choices)
    sub_reason = models.CharField(
        "sous-motif", max_length=20, choices=SubReason.choices, blank=True
    )
    circumstances = models.TextField("circonstances détaillées", blank=True)
    closure = models.CharField(
        "réduction ou fermeture", max_length=10, choices=Closure.choices, blank=True
    )
    period_start = models.DateField("date de début")
    period_end = models.DateField("date de fin")
    employees = models.PositiveIntegerField("salariés concernés")
    hours = models.DecimalField("heures chômées prévisionnelles", max_digits=12, decimal_places=2)
    cse_opinion = models.CharField(
        "avis du CSE", max_length=12, choices=CseOpinion.choices, blank=True
    )
    cse_date = models.DateField("date de l'avis du CSE", null=True, blank=True)
    prior_use = models.BooleanField(
        "activité partielle au cours des 36 derniers mois", default=False
    )
    engagements = models.JSONField("engagements", default=list, blank=True)
    engagement_months = models.PositiveSmallIntegerField(
        "durée de maintien dans l'emploi (mois)", null=True, blank=True
    )
    engagement_other = models.TextField("autres engagements", blank=True)
    change_reason = models.TextField("motif de l'avenant", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField("créée le", default=timezone.now)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    first_sent_at = models.DateTimeField("envoyée la première fois le", null=True, blank=True)
    tacit_deadline = models.DateTimeField("acceptation tacite à partir du", null=True, blank=True)
    concluded_at = models.DateTimeField("conclue le", null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = "demande d'autorisation préalable"
        verbose_name_plural = "demandes d'autorisation préalable"
        ordering = ["-created_at", "-id"]
        indexes = [
            # The batch's scan: pending requests by deadline, nothing else.
            models.Index(
                fields=["tacit_deadline"],
                name="dap_request_pending_deadline",
                condition=models.Q(status="sent"),
            ),
            models.Index(fields=["establishment", "-created_at"]),
            models.Index(fields=["status", "sent_at"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["number"], name="dap_request_number_unique"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="dap_request_period_ordered",
            ),
        ]

    CLOSED_STATUSES = (RequestStatus.VALIDATED, RequestStatus.REFUSED, RequestStatus.TACIT)

    def __str__(self):
        return self.number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("dap:detail", kwargs={"number": self.number})

    @property
    def is_avenant(self) -> bool:
        return self.kind == RequestKind.AVENANT

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_authorised(self) -> bool:
        return self.status in AUTHORISED_STATUSES


class Transition(models.Model):
    """The audit trail of a request: who, when, from which status to which, why."""

    request = models.ForeignKey(
        AuthorizationRequest,
        verbose_name="demande",
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Vide pour le traitement automatique d'acceptation tacite.",
        db_index=False,
    )
    batch_run = models.ForeignKey(
        "dap.BatchRun",
        verbose_name="traitement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    at = models.DateTimeField("le", default=timezone.now)
    from_status = models.CharField("statut de départ", max_length=12, blank=True)
    to_status = models.CharField("nouveau statut", max_length=12)
    motive = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "changements de statut"
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.request} {self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return RequestStatus(self.from_status).label if self.from_status else "Création"

    @property
    def to_label(self) -> str:
        return RequestStatus(self.to_status).label


def document_upload_to(instance, filename: str) -> str:
    """Unguessable names: a document is served only through the scoped download view."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"dap/{uuid.uuid4().hex}.{extension}"


class Document(models.Model):
    """A file of the espace documentaire of a request (seed 003: 3 files of 400 KB)."""

    request = models.ForeignKey(
        AuthorizationRequest,
        verbose_name="demande",
        on_delete=models.CASCADE,
        related_name="documents",
    )
    file = models.FileField("fichier", upload_to=document_upload_to)
    original_name = models.CharField("nom du fichier", max_length=255)
    content_type = models.CharField("type", max_length=40)
    size = models.PositiveIntegerField("taille (octets)")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)

    class Meta:
        verbose_name = "pièce justificative"
        verbose_name_plural = "pièces justificatives"
        ordering = ["uploaded_at", "id"]

    def __str__(self):
        return self.original_name
