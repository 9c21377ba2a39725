from django.db import models
from django.db.models import Q
from django.utils import timezone


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
    level = models.CharField("niveau", max_length=10, choices=BannerLevel.choices, default=BannerLevel.INFO)
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
