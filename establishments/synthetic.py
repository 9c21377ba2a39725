"""Synthetic SIRETs for demo data and tests: valid for stdnum (SIREN key and SIRET key).

Real numbers belong to real companies; these stay in a series chosen by the caller
(a first digit) so demo, factories and fixtures never collide.
"""

from stdnum import luhn


def synthetic_siret(n: int, series: int = 8) -> str:
    siren = f"{series}{n:07d}"
    siren += luhn.calc_check_digit(siren)
    nic = "0001"
    return siren + nic + luhn.calc_check_digit(siren + nic)
