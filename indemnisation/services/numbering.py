"""Functional numbers of DIs: "DI", the département on 3, the year on 2, then 7 letters or
digits derived from the technical id by a bijection (unique without retry, not a counter),
like the DAP's numbers (dap.numbering)."""

from dap.models.decisions import CODE_ALPHABET

TAIL_LENGTH = 7
_MODULUS = len(CODE_ALPHABET) ** TAIL_LENGTH
_MULTIPLIER = 2_000_003  # prime, coprime with 31^7


def claim_number(*, departement: str, year: int, pk: int) -> str:
    value = (pk * _MULTIPLIER) % _MODULUS
    chars = []
    for _ in range(TAIL_LENGTH):
        value, index = divmod(value, len(CODE_ALPHABET))
        chars.append(CODE_ALPHABET[index])
    return f"DI{departement[:3]:0>3}{year % 100:02d}{''.join(reversed(chars))}"
