"""Look-ups in the reference data: communes by postal code (La Poste / Etalab)."""

import re

from establishments.models import Commune

POSTAL_CODE_RE = re.compile(r"^\d{5}$")


def is_postal_code(value: str) -> bool:
    return bool(POSTAL_CODE_RE.match(value or ""))


def communes_for_postal_code(postal_code: str) -> list[Commune]:
    """The communes served by a postal code, by name; none for a malformed code."""
    if not is_postal_code(postal_code):
        return []
    return list(Commune.objects.filter(postal_code=postal_code).order_by("name", "insee_code"))


def commune_of_postal_code(postal_code: str, insee_code: str) -> Commune | None:
    """The commune `insee_code` if it is served by `postal_code`, else None."""
    if not is_postal_code(postal_code) or not insee_code:
        return None
    return Commune.objects.filter(postal_code=postal_code, insee_code=insee_code).first()
