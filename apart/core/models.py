import re

from django.db import models
from django.utils import timezone


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "À envoyer"
    SENDING = "sending", "En cours d'envoi"
    SENT = "sent", "Envoyé"
    FAILED = "failed", "Échec définitif"


class OutboxEmail(models.Model):
    """An email written in the transaction of the action that causes it, sent after commit."""

    recipient = models.EmailField("destinataire")
    subject = models.CharField("objet", max_length=255)
    template = models.CharField("gabarit", max_length=120)
    body_text = models.TextField("texte")
    body_html = models.TextField("HTML", blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("tentatives", default=0)
    last_error = models.TextField("dernière erreur", blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    claimed_at = models.DateTimeField("pris en charge le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "courriel sortant"
        verbose_name_plural = "courriels sortants"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["recipient", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    @property
    def html_fragment(self) -> str:
        """The inside of the HTML part's <body>, to show it within a page."""
        match = re.search(r"<body[^>]*>(.*)</body>", self.body_html, re.S | re.I)
        return match.group(1) if match else self.body_html
