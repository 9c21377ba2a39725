"""Functional numbers of DAPs and avenants: letters and digits, no ambiguous character.

The number is derived from the technical id through a bijection (a multiplication modulo
31^7), so it is unique without a retry loop, yet does not read as a counter. A DA number
is the request's number with "DA" in place of its three-letter prefix, hence unique too.
"""

from dap.models.decisions import CODE_ALPHABET

TAIL_LENGTH = 7
_MODULUS = len(CODE_ALPHABET) ** TAIL_LENGTH
_MULTIPLIER = 1_000_003  # prime, coprime with 31^7: the map id → tail is a bijection
PREFIXES = {"dap": "DAP", "avenant": "AVE"}


def _tail(pk: int) -> str:
    value = (pk * _MULTIPLIER) % _MODULUS
    chars = []
    for _ in range(TAIL_LENGTH):
        value, index = divmod(value, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[index])
    return "".join(reversed(chars))


def departement_of(establishment) -> str:
    """The establishment's département by the one rule of establishments (SQL expression)."""
    from establishments.models import Establishment

    return (
        Establishment.objects.with_departement()
        .values_list("departement_code", flat=True)
        .get(pk=establishment.pk)
    )


def request_number(*, kind: str, departement: str, year: int, pk: int) -> str:
    """E.g. DAP07520K7P3QXA: prefix, département on 3, year on 2, tail of 7."""
    return f"{PREFIXES[kind]}{departement[:3]:0>3}{year % 100:02d}{_tail(pk)}"


def decision_number(request_number: str) -> str:
    """The SQL of the batch does the same: 'DA' || substr(number, 4)."""
    return "DA" + request_number[3:]
