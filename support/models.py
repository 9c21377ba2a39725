import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from support.enums import (
    AuditAction,
    EntryKind,
    MessageKind,
    TicketMotif,
    TicketStatus,
    TicketTransitionName,
)
from support.sanitize import PDF_MAX_BYTES, sanitize_html, validate_pdf


class BannerLevel(models.TextChoices):
    INFO = "info", "Information"
    WARNING = "warning", "Avertissement"
    ALERT = "alert", "Alerte"


class BannerQuerySet(models.QuerySet):
    def active(self, moment=None):
        moment = moment or timezone.now()
        return self.filter(starts_at__lte=moment).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=moment)
        )


class InformationBanner(models.Model):
    """A message of the DGEFP / ASP shown on the home page between two dates.

    With `maintenance` set, the portal answers 503 with the message during the window
    (the administration stays reachable).
    """

    title = models.CharField("titre", max_length=200, default="Information")
    message = models.TextField("message")
    level = models.CharField(
        "niveau", max_length=10, choices=BannerLevel.choices, default=BannerLevel.INFO
    )
    starts_at = models.DateTimeField("début", default=timezone.now)
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    maintenance = models.BooleanField(
        "fermeture du service pour maintenance",
        default=False,
        help_text="Pendant cette période, le portail est fermé et affiche ce message.",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    objects = BannerQuerySet.as_manager()

    class Meta:
        verbose_name = "bandeau d'information"
        verbose_name_plural = "bandeaux d'information"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                name="banner_dates_in_order",
            )
        ]
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self):
        return self.title


# --- Base documentaire -------------------------------------------------------------------


class Category(models.Model):
    name = models.CharField("nom", max_length=150, unique=True)
    slug = models.SlugField("adresse", max_length=150, unique=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "catégorie de la base documentaire"
        verbose_name_plural = "catégories de la base documentaire"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class EntryQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def search(self, text: str):
        """French full-text search on PostgreSQL (accents ignored, migration 0005), a
        substring match of the folded words elsewhere."""
        from django.db import connection

        from apart.core.search import fold, folded

        text = text.strip()
        if not text:
            return self
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

            config = "french_unaccent"
            vector = SearchVector("title", weight="A", config=config) + SearchVector(
                "body", weight="B", config=config
            )
            query = SearchQuery(text, config=config, search_type="websearch")
            return (
                self.annotate(rank=SearchRank(vector, query))
                .filter(rank__gt=0)
                .order_by("-rank", "position", "title")
            )
        matches = Q()
        for word in fold(text).split()[:8]:
            matches &= Q(folded_title__contains=word) | Q(folded_body__contains=word)
        return self.alias(folded_title=folded("title"), folded_body=folded("body")).filter(matches)


class Entry(models.Model):
    """A FAQ entry or a fiche pratique; the body is rich text, sanitised on save."""

    kind = models.CharField("type", max_length=10, choices=EntryKind.choices, default=EntryKind.FAQ)
    category = models.ForeignKey(
        Category, verbose_name="catégorie", on_delete=models.PROTECT, related_name="entries"
    )
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField("adresse", max_length=150, unique=True)
    body = models.TextField(
        "contenu",
        help_text="HTML simple : paragraphes, gras, italique, titres, listes et liens. "
        "Tout autre élément (scripts, styles, images…) est retiré à l'enregistrement.",
    )
    published = models.BooleanField("publiée", default=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    updated_at = models.DateTimeField("mise à jour le", auto_now=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "article de la base documentaire"
        verbose_name_plural = "articles de la base documentaire"
        ordering = ["category__position", "position", "title"]
        indexes = [models.Index(fields=["published", "kind"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("support:entry", args=[self.slug])


def entry_attachment_path(instance, filename):
    # Never the user's file name in the path (ASVS 12.3.1).
    return f"base-documentaire/{uuid.uuid4().hex}.pdf"


class EntryAttachment(models.Model):
    entry = models.ForeignKey(
        Entry, verbose_name="article", on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField("titre", max_length=255)
    file = models.FileField(
        "fichier PDF",
        upload_to=entry_attachment_path,
        validators=[validate_pdf],
        help_text=f"PDF uniquement, {PDF_MAX_BYTES // (1024 * 1024)} Mo au plus.",
    )

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["title"]

    def __str__(self):
        return self.title


# --- Demandes d'assistance ---------------------------------------------------------------

REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
REFERENCE_LENGTH = 8


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class TicketQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=TicketStatus.CLOSED)


class Ticket(models.Model):
    """A demande d'assistance; its status changes only through `support.services.tickets`."""

    reference = models.CharField("référence", max_length=12, unique=True, default=new_reference)
    siret = models.CharField("N° de Siret", max_length=14, db_index=True)
    denomination = models.CharField("dénomination établissement", max_length=255)
    requester_name = models.CharField("nom et prénom", max_length=200)
    phone = models.CharField("N° de téléphone", max_length=20)
    email = models.EmailField("adresse électronique")
    motif = models.CharField("motif de la demande", max_length=30, choices=TicketMotif.choices)
    description = models.TextField("description de la demande", max_length=1000, blank=True)
    status = models.CharField(
        "statut", max_length=15, choices=TicketStatus.choices, default=TicketStatus.NEW
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte connecté",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="support_tickets",
    )
    account_request = models.ForeignKey(
        "habilitations.AccountRequest",
        verbose_name="demande de remplacement du référent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("reçue le", default=timezone.now)
    updated_at = models.DateTimeField("mise à jour le", auto_now=True)

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = "demande d'assistance"
        verbose_name_plural = "demandes d'assistance"
        ordering = ["created_at"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["motif", "status", "created_at"]),
            # The support queue (open tickets, oldest first) reads 20 rows of this index
            # instead of sorting every open ticket (17 ms at 10,000 open tickets).
            models.Index(
                fields=["created_at", "id"],
                condition=~Q(status="closed"),
                name="ticket_open_queue",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.get_motif_display()}"


class TicketMessage(models.Model):
    """The exchange kept on the ticket: the request, the replies sent, the actions taken."""

    ticket = models.ForeignKey(
        Ticket, verbose_name="demande", on_delete=models.CASCADE, related_name="messages"
    )
    kind = models.CharField("type", max_length=10, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField("message")
    created_at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "message"
        verbose_name_plural = "messages"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.ticket.reference} — {self.get_kind_display()}"


class TicketTransition(models.Model):
    """The log of the ticket's state machine: who, when, from, to, why."""

    ticket = models.ForeignKey(
        Ticket, verbose_name="demande", on_delete=models.CASCADE, related_name="transitions"
    )
    name = models.CharField("transition", max_length=30, choices=TicketTransitionName.choices)
    from_status = models.CharField("de", max_length=15, choices=TicketStatus.choices, blank=True)
    to_status = models.CharField("vers", max_length=15, choices=TicketStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("le", default=timezone.now)
    note = models.CharField("motif", max_length=255, blank=True)

    class Meta:
        verbose_name = "changement de statut"
        verbose_name_plural = "changements de statut"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.ticket.reference}: {self.from_status or '∅'} → {self.to_status}"


# --- Journal des droits des agents et des bandeaux ----------------------------------------


class AuditEntry(models.Model):
    """Who changed which right or banner, when, and the values before and after."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("le", default=timezone.now)
    action = models.CharField("action", max_length=30, choices=AuditAction.choices)
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="agent concerné",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target = models.CharField("objet", max_length=255)
    before = models.JSONField("avant", default=dict, blank=True)
    after = models.JSONField("après", default=dict, blank=True)

    class Meta:
        verbose_name = "entrée du journal"
        verbose_name_plural = "journal des droits et bandeaux"
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_user", "-at"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.get_action_display()} — {self.target}"
