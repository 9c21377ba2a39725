from establishments.models import Establishment, NafCode, SireneEstablishment

# The fields of the account-creation form that describe the establishment.
FORM_FIELDS = [
    "denomination",
    "street_number",
    "street_extension",
    "street_type",
    "street_label",
    "address_complement",
    "postal_code",
    "city",
    "insee_code",
    "email",
    "phone",
    "fax",
]


def has_account(siret: str) -> bool:
    """The establishment already has its space (a principal user): seed 001's error."""
    return Establishment.objects.filter(siret=siret, principal_user__isnull=False).exists()


def sirene_initial(siret: str, *, extra: tuple[str, ...] = ()) -> dict:
    """What INSEE knows of a SIRET (the form's fields, plus `extra` ones), to pre-fill and
    grey the creation form or to show on the fiche."""
    known = SireneEstablishment.objects.filter(siret=siret).first()
    if known is None:
        return {}
    fields = [*FORM_FIELDS, *extra]
    return {field: getattr(known, field) for field in fields if getattr(known, field, "")}


def establishment_get_or_create(*, siret: str, data: dict) -> Establishment:
    values = {field: data.get(field, "") or "" for field in FORM_FIELDS}
    establishment, created = Establishment.objects.get_or_create(
        siret=siret, defaults={"siren": siret[:9], **values}
    )
    if created:
        known = SireneEstablishment.objects.filter(siret=siret).only("naf_code").first()
        if known and known.naf_code:
            establishment.naf_code = NafCode.objects.filter(code=known.naf_code).first()
            establishment.save(update_fields=["naf_code"])
    return establishment
