import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce, Left, NullIf
from django.utils import timezone

from apart.core.storage import private_storage


class SireneEstablishment(models.Model):
    """An establishment of INSEE's SIRENE stock file (reference data, read-only)."""

    siret = models.CharField("SIRET", max_length=14, primary_key=True)
    siren = models.CharField("SIREN", max_length=9, db_index=True)
    denomination = models.CharField("dénomination", max_length=255, blank=True)
    enseigne = models.CharField("enseigne", max_length=255, blank=True)
    street_number = models.CharField("numéro de voie", max_length=10, blank=True)
    street_extension = models.CharField("extension de voie", max_length=10, blank=True)
    street_type = models.CharField("type de voie", max_length=40, blank=True)
    street_label = models.CharField("libellé de la voie", max_length=255, blank=True)
    address_complement = models.CharField("complément d'adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    city = models.CharField("ville", max_length=100, blank=True)
    insee_code = models.CharField("code commune INSEE", max_length=5, blank=True)
    naf_code = models.CharField("code NAF", max_length=6, blank=True)
    is_active = models.BooleanField("établissement actif", default=True)
    headcount_band = models.CharField("tranche d'effectif", max_length=2, blank=True)

    class Meta:
        verbose_name = "établissement SIRENE"
        verbose_name_plural = "établissements SIRENE"

    def __str__(self):
        return f"{self.siret} {self.denomination}"


class Commune(models.Model):
    """One (postal code, commune) pair of La Poste's base, via Etalab's découpage."""

    postal_code = models.CharField("code postal", max_length=5, db_index=True)
    insee_code = models.CharField("code commune INSEE", max_length=5)
    name = models.CharField("nom", max_length=100)
    departement = models.CharField("département", max_length=3, db_index=True)

    class Meta:
        verbose_name = "commune"
        verbose_name_plural = "communes"
        ordering = ["postal_code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["postal_code", "insee_code"], name="commune_unique_postal_insee"
            )
        ]

    def __str__(self):
        return f"{self.postal_code} {self.name}"


class NafCode(models.Model):
    code = models.CharField("code NAF", max_length=6, primary_key=True)
    label = models.CharField("libellé", max_length=255)

    class Meta:
        verbose_name = "code NAF"
        verbose_name_plural = "codes NAF"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"


class ConventionCollective(models.Model):
    idcc = models.CharField("IDCC", max_length=4, primary_key=True)
    title = models.CharField("intitulé", max_length=500)

    class Meta:
        verbose_name = "convention collective"
        verbose_name_plural = "conventions collectives"
        ordering = ["idcc"]

    def __str__(self):
        return f"{self.idcc} — {self.title}"


def rib_upload_to(instance, filename: str) -> str:
    """An unguessable name: a RIB must never be reachable by guessing its path (SIRET, date)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"rib/{uuid.uuid4().hex}.{extension}"


# What a DAP needs of the fiche établissement, with the label shown when it is missing
# (reference/apart-screens.md §2.3: "every mandatory field is set … and a RIB file is
# present"). The IBAN and BIC are checked when entered, so a stored value is a valid one.
FICHE_REQUIRED_FIELDS = [
    ("denomination", "Dénomination de l'établissement"),
    ("street_label", "Libellé de la voie"),
    ("postal_code", "Code postal"),
    ("city", "Ville"),
    ("insee_code", "Commune (code INSEE) vérifiée avec le code postal"),
    ("email", "Courriel établissement"),
    ("phone", "Téléphone fixe"),
    ("naf_code", "Code NAF / APE"),
    ("headcount", "Effectif"),
    ("convention", "Convention collective (IDCC)"),
    ("iban", "IBAN"),
    ("bic", "BIC"),
    ("account_holder", "Titulaire du compte"),
    ("rib_file", "RIB (fichier)"),
    ("principal_user", "Compte principal utilisateur (Personne à contacter)"),
]


def _is_missing_q(field_name: str) -> models.Q:
    field = Establishment._meta.get_field(field_name)
    if field.null:
        return models.Q(**{f"{field.attname}__isnull": True})
    return models.Q(**{field.attname: ""})


def _incomplete_q() -> models.Q:
    condition = models.Q(pk__in=[])
    for name, _label in FICHE_REQUIRED_FIELDS:
        condition |= _is_missing_q(name)
    return condition


def departement_expression() -> models.Case:
    """The département of an establishment, in SQL: the one place of this rule (UD agents see
    the establishments of their départements). From the commune's INSEE code, or the postal
    code while the commune is unknown; three characters overseas (971…976), two elsewhere
    (2A / 2B in Corsica by the INSEE code)."""
    code = Coalesce(NullIf(models.F("insee_code"), models.Value("")), models.F("postal_code"))
    overseas = models.Q(insee_code__startswith="97") | models.Q(
        insee_code="", postal_code__startswith="97"
    )
    return models.Case(
        models.When(overseas, then=Left(code, 3)),
        default=Left(code, 2),
        output_field=models.CharField(),
    )


class EstablishmentQuerySet(models.QuerySet):
    def with_departement(self):
        """Each establishment with its `departement_code`."""
        return self.annotate(departement_code=departement_expression())

    def in_departements(self, departements):
        return self.with_departement().filter(departement_code__in=list(departements))

    def incomplete(self):
        """Those whose fiche misses a field of FICHE_REQUIRED_FIELDS (the same rule in SQL)."""
        return self.filter(_incomplete_q())

    def with_incompleteness(self):
        """Each row says whether its fiche is incomplete (`fiche_incomplete`): a page that
        lists the establishments anyway learns it without a query of its own."""
        return self.annotate(
            fiche_incomplete=models.ExpressionWrapper(
                _incomplete_q(), output_field=models.BooleanField()
            )
        )


class Establishment(models.Model):
    """The établissement of the extranet: its account and its fiche."""

    siret = models.CharField("N° de Siret", max_length=14, unique=True)
    siren = models.CharField("SIREN", max_length=9, db_index=True)
    denomination = models.CharField("dénomination de l'établissement", max_length=255)
    enseigne = models.CharField("enseigne", max_length=255, blank=True)
    street_number = models.CharField("numéro de voie", max_length=10, blank=True)
    street_extension = models.CharField("extension de voie", max_length=10, blank=True)
    street_type = models.CharField("type de voie", max_length=40, blank=True)
    street_label = models.CharField("libellé de la voie", max_length=255)
    address_complement = models.CharField("complément d'adresse", max_length=255, blank=True)
    postal_code = models.CharField("code postal", max_length=5)
    city = models.CharField("ville", max_length=100)
    insee_code = models.CharField("code commune INSEE", max_length=5, blank=True)
    email = models.EmailField("courriel établissement")
    phone = models.CharField("téléphone fixe", max_length=20)
    fax = models.CharField("fax", max_length=20, blank=True)
    naf_code = models.ForeignKey(
        NafCode, verbose_name="code NAF / APE", null=True, blank=True, on_delete=models.PROTECT
    )
    headcount = models.PositiveIntegerField("effectif", null=True, blank=True)
    convention = models.ForeignKey(
        ConventionCollective,
        verbose_name="convention collective (IDCC)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    iban = models.CharField("IBAN", max_length=34, blank=True)
    bic = models.CharField("BIC", max_length=11, blank=True)
    account_holder = models.CharField("titulaire du compte", max_length=255, blank=True)
    rib_file = models.FileField("RIB", upload_to=rib_upload_to, storage=private_storage, blank=True)
    principal_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte principal utilisateur (personne à contacter)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="principal_of",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "établissement"
        verbose_name_plural = "établissements"
        ordering = ["denomination", "siret"]
        indexes = [
            models.Index(fields=["denomination"]),
            # UD agents' queues filter by département (departement_expression): without
            # this index each page scanned every establishment (0.3 s at 200,000).
            models.Index(departement_expression(), name="establishment_departement"),
        ]

    objects = EstablishmentQuerySet.as_manager()

    def __str__(self):
        return f"{self.denomination} ({self.siret})"

    def missing_fiche_fields(self) -> list[str]:
        """The labels of what the fiche lacks before a DAP can be filed (empty: complete)."""
        return [
            label
            for name, label in FICHE_REQUIRED_FIELDS
            if getattr(self, self._meta.get_field(name).attname) in (None, "")
        ]

    @property
    def is_complete(self) -> bool:
        return not self.missing_fiche_fields()

    @property
    def address_lines(self) -> list[str]:
        street = " ".join(
            part
            for part in (
                self.street_number,
                self.street_extension,
                self.street_type,
                self.street_label,
            )
            if part
        )
        lines = [street, self.address_complement, f"{self.postal_code} {self.city}".strip()]
        return [line for line in lines if line]
