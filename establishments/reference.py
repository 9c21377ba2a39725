"""Look-ups in the reference data: communes by postal code (La Poste / Etalab, CEDEX).

A CEDEX code (a company's own postal code, « 92057 PARIS LA DEFENSE CEDEX ») is not in
La Poste's base of postal codes. The CEDEX codes of data/cedex.csv are loaded with the
communes; for any other code of a known département, the communes of that département
are offered (marked `fallback`), so that a CEDEX code is never a dead end.
"""

import re

from establishments.models import Commune

POSTAL_CODE_RE = re.compile(r"^\d{5}$")
CEDEX_HINT = (
    "Ce code postal ne figure pas dans la base des codes postaux de La Poste. S'il s'agit "
    "d'un code CEDEX, choisissez dans la liste la commune où se trouve l'établissement ; "
    "sinon, vérifiez le code postal."
)


def is_postal_code(value: str) -> bool:
    return bool(POSTAL_CODE_RE.match(value or ""))


def departement_of(postal_code: str) -> str:
    """The département a postal (or CEDEX) code belongs to: 2 digits, 3 overseas, 2A/2B."""
    if postal_code.startswith(("97", "98")):
        return postal_code[:3]
    if postal_code.startswith("20"):
        return "2A" if postal_code < "20200" else "2B"
    return postal_code[:2]


def _departement_communes(postal_code: str) -> list[Commune]:
    communes, seen = [], set()
    rows = Commune.objects.filter(departement=departement_of(postal_code)).order_by(
        "name", "insee_code"
    )
    for commune in rows:
        if commune.insee_code not in seen:
            seen.add(commune.insee_code)
            commune.fallback = True
            communes.append(commune)
    return communes


def communes_for_postal_code(postal_code: str) -> list[Commune]:
    """The communes served by a postal code, by name; none for a malformed code."""
    if not is_postal_code(postal_code):
        return []
    exact = list(Commune.objects.filter(postal_code=postal_code).order_by("name", "insee_code"))
    return exact or _departement_communes(postal_code)


def commune_of_postal_code(
    postal_code: str, insee_code: str, communes: list[Commune] | None = None
) -> Commune | None:
    """The commune `insee_code` if it is served by `postal_code`, else None (`communes`:
    those of the postal code when the caller already looked them up)."""
    if not is_postal_code(postal_code) or not insee_code:
        return None
    if communes is None:
        communes = communes_for_postal_code(postal_code)
    return next((c for c in communes if c.insee_code == insee_code), None)
