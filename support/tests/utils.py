from tests.factories import valid_siret


def real_siret(n: int) -> str:
    return valid_siret(n, series=6)
