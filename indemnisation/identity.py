"""Identifying an employee on a DI: the NIR with its key, or an NTT for a foreign employee
without one (seed 003: « Intégration et gestion des salariés étrangers (NTT) »).

NIR: 15 characters, key = 97 − (the 13 first characters as a number, 2A/2B counted as
19/18) mod 97, checked by python-stdnum (`stdnum.fr.nir`). NTT (numéro technique temporaire
of the DSN): 11 to 40 letters or digits, the first one 1 or 2 (sex), as the DSN's
specification describes it (reference/apart-facts.md §3.2).
"""

import re

from stdnum import exceptions
from stdnum.fr import nir as stdnum_nir

NTT_PATTERN = re.compile(r"^[12][0-9A-Z]{10,39}$")
_SPACES = re.compile(r"[\s.\-]+")


class IdentityError(ValueError):
    """A French message saying what is wrong with the NIR or NTT."""


# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV
# injection"): a name never starts with one, and the DI's CSV export must not carry one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def clean_name(value: str, *, what: str) -> str:
    """A last or first name as typed, or IdentityError (`what`: « le nom », « le prénom »)."""
    text = (value or "").strip()
    if "\x00" in text:
        raise IdentityError(f"{what[0].upper()}{what[1:]} contient un caractère nul.")
    if text.startswith(FORMULA_STARTS):
        raise IdentityError(
            f"{what[0].upper()}{what[1:]} ne peut pas commencer par « = », « + », « - » ou « @ »."
        )
    return text


def clean_nir(value: str) -> str:
    """The NIR without spaces, upper-case, or IdentityError."""
    compact = _SPACES.sub("", value or "").upper()
    if len(compact) != 15:
        raise IdentityError(
            "Le NIR doit compter 15 caractères (13 chiffres et la clé de 2 chiffres)."
        )
    try:
        return stdnum_nir.validate(compact)
    except exceptions.InvalidChecksum:
        raise IdentityError("La clé du NIR ne correspond pas : vérifiez le numéro.") from None
    except exceptions.ValidationError:
        raise IdentityError(
            "Le NIR n'est pas valide : 1 ou 2, l'année, le mois, le département (2A, 2B pour "
            "la Corse), la commune, le rang et la clé."
        ) from None


def clean_ntt(value: str) -> str:
    compact = _SPACES.sub("", value or "").upper()
    if not NTT_PATTERN.match(compact):
        raise IdentityError(
            "Le NTT doit compter de 11 à 40 lettres ou chiffres et commencer par 1 ou 2."
        )
    return compact


def clean_identity(nir: str, ntt: str) -> tuple[str, str]:
    """(nir, ntt) with exactly one of them given and valid."""
    nir, ntt = (nir or "").strip(), (ntt or "").strip()
    if nir and ntt:
        raise IdentityError("Indiquez le NIR ou, à défaut, le NTT, mais pas les deux.")
    if not nir and not ntt:
        raise IdentityError(
            "Indiquez le NIR du salarié, ou son NTT s'il est étranger et n'a pas de NIR."
        )
    return (clean_nir(nir), "") if nir else ("", clean_ntt(ntt))
