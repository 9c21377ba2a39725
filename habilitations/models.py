from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from establishments.models import Establishment
from habilitations.enums import (
    ApplicationCode,
    AttachmentRole,
    HabilitationStatus,
    Profile,
    RequestKind,
    RequestOutcome,
    RequestStatus,
)


class Application(models.Model):
    """An extranet of the ASP; one ASP account may be habilitated to several."""

    code = models.CharField("code", max_length=20, unique=True, choices=ApplicationCode.choices)
    name = models.CharField("nom", max_length=100)

    class Meta:
        verbose_name = "application de l'ASP"
        verbose_name_plural = "applications de l'ASP"
        ordering = ["name"]

    def __str__(self):
        return self.name


class HabilitationQuerySet(models.QuerySet):
    def valid_on(self, moment):
        """The one rule of a habilitation in force on a day (a Paris day, for a moment): its
        email was sent (seed 002: one logs in « qu'après qu'ils aient reçu le courriel de
        création d'habilitation »), it is active, and the day is within its dates.
        `habilitations.access.login_refusal` only explains why a habilitation is not."""
        day = moment if not isinstance(moment, datetime) else timezone.localdate(moment)
        return self.filter(
            notified_at__isnull=False,
            status=HabilitationStatus.ACTIVE,
            valid_from__lte=day,
            valid_until__gte=day,
        )

    def apart(self):
        return self.filter(application__code=ApplicationCode.APART)


class Habilitation(models.Model):
    """The right of one account on one application, for a period (one year by default)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.CASCADE,
        related_name="habilitations",
    )
    application = models.ForeignKey(
        Application, verbose_name="application", on_delete=models.PROTECT
    )
    profile = models.CharField(
        "profil", max_length=20, choices=Profile.choices, default=Profile.ESTABLISHMENT
    )
    status = models.CharField(
        "statut",
        max_length=10,
        choices=HabilitationStatus.choices,
        default=HabilitationStatus.ACTIVE,
    )
    valid_from = models.DateField("valable à compter du")
    valid_until = models.DateField("valable jusqu'au")
    notified_at = models.DateTimeField("courriel d'habilitation envoyé le", null=True, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)

    objects = HabilitationQuerySet.as_manager()

    class Meta:
        verbose_name = "habilitation"
        verbose_name_plural = "habilitations"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "application"], name="one_habilitation_per_app"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="habilitation_dates_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.application}"


class AttachmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Attachment(models.Model):
    """An establishment attached to an APART habilitation, with the role held there.

    Revoked rows are kept: they are the history of who added or removed whom.
    """

    habilitation = models.ForeignKey(
        Habilitation,
        verbose_name="habilitation",
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    establishment = models.ForeignKey(
        Establishment,
        verbose_name="établissement",
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    role = models.CharField(
        "rôle", max_length=20, choices=AttachmentRole.choices, default=AttachmentRole.USER
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ajouté par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField("ajouté le", default=timezone.now)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="retiré par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField("retiré le", null=True, blank=True)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = "rattachement à un établissement"
        verbose_name_plural = "rattachements aux établissements"
        constraints = [
            models.UniqueConstraint(
                fields=["habilitation", "establishment"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_attachment",
            )
        ]
        indexes = [models.Index(fields=["establishment", "revoked_at"])]

    def __str__(self):
        return f"{self.habilitation.user} → {self.establishment}"


class TerritorialScope(models.Model):
    """A département in which a UD agent instructs."""

    habilitation = models.ForeignKey(
        Habilitation, verbose_name="habilitation", on_delete=models.CASCADE, related_name="scopes"
    )
    departement = models.CharField("département", max_length=3)

    class Meta:
        verbose_name = "périmètre territorial"
        verbose_name_plural = "périmètres territoriaux"
        constraints = [
            models.UniqueConstraint(
                fields=["habilitation", "departement"], name="one_scope_per_dept"
            )
        ]

    def __str__(self):
        return f"{self.habilitation.user} — {self.departement}"


class AccountRequest(models.Model):
    """A "créer mon espace" (or add-user / replace-referent) request, stored before anything."""

    kind = models.CharField(
        "type", max_length=20, choices=RequestKind.choices, default=RequestKind.CREATE_SPACE
    )
    status = models.CharField(
        "statut", max_length=10, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    outcome = models.CharField(
        "résultat", max_length=20, choices=RequestOutcome.choices, blank=True
    )
    siret = models.CharField("N° de Siret", max_length=14, db_index=True)
    establishment_data = models.JSONField("information établissement", default=dict, blank=True)
    last_name = models.CharField("nom", max_length=100)
    first_name = models.CharField("prénom", max_length=100)
    phone = models.CharField("téléphone", max_length=20)
    email = models.EmailField("courriel")
    secret_question = models.CharField("question secrète", max_length=200)
    # The answer waits sealed (apart.core.sealed), not hashed: Argon2 costs ~25 ms of CPU,
    # which the worker spends, not the web request. Both fields are emptied once the
    # request is processed or rejected; only the account keeps the answer, as a hash.
    # (db_default: rows inserted without it, by code older than this column, stay valid.)
    secret_answer_sealed = models.TextField(
        "réponse secrète (scellée)", blank=True, default="", db_default=""
    )
    # Requests received before sealing carried the hash itself.
    secret_answer_hash = models.CharField(
        "réponse secrète (empreinte)", max_length=255, blank=True, default=""
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandé par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attachment_role = models.CharField(
        "rôle demandé", max_length=20, choices=AttachmentRole.choices, default=AttachmentRole.USER
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="account_requests",
    )
    establishment = models.ForeignKey(
        Establishment,
        verbose_name="établissement",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    created_at = models.DateTimeField("reçue le", default=timezone.now)
    processed_at = models.DateTimeField("traitée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande de création de compte"
        verbose_name_plural = "demandes de création de compte"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.siret} — {self.first_name} {self.last_name}"
