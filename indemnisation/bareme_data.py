"""The barème of activité partielle as data: regimes by period and the SMIC by date.

Every value names the text that set it (decree, article, date in force); docs/bareme.md says
how each was checked and what stays uncertain. Values were copied from the public parameter
files of OpenFisca France (`covid19/indemnite_ap/plancher.yaml`, `smic_b_horaire.yaml`), the
URSSAF's mon-entreprise rules (`activité-partielle.publicodes` and its 2020–2022 history) and
the decrees' notices quoted by legal publishers; never code.

`ensure_bareme` is used by the data migration and by the test session, with either the real
models or the migration's historical ones, so the same rows exist wherever the barème is read.
"""

from datetime import date
from decimal import Decimal as D

STANDARD = "standard"
PROTECTED = "secteurs_proteges"
CLOSED = "fermees_restreintes"
APLD = "apld"

CAPS_ALLOCATION = "allocation"
CAPS_BOTH = "allocation_et_indemnite"


def eli(number: str, day: date) -> str:
    """Légifrance's ELI address of a decree, built from its number and its date."""
    return f"https://www.legifrance.gouv.fr/eli/decret/{day.year}/{day.month}/{day.day}/{number}/jo/texte"


def decree(number: str, day: date, months: str) -> tuple[str, str]:
    return (
        f"Décret n° {number} du {day.day}{'er' if day.day == 1 else ''} {months} {day.year}",
        eli(number, day),
    )


D_2020_325 = decree("2020-325", date(2020, 3, 25), "mars")
D_2020_810 = decree("2020-810", date(2020, 6, 29), "juin")
D_2020_926 = decree("2020-926", date(2020, 7, 28), "juillet")
D_2020_1786 = decree("2020-1786", date(2020, 12, 30), "décembre")
D_2021_674 = decree("2021-674", date(2021, 5, 28), "mai")
D_2021_671 = decree("2021-671", date(2021, 5, 28), "mai")
D_2021_1252 = decree("2021-1252", date(2021, 9, 29), "septembre")
D_2021_1817 = decree("2021-1817", date(2021, 12, 27), "décembre")
D_2021_1878 = decree("2021-1878", date(2021, 12, 29), "décembre")
D_2022_654 = decree("2022-654", date(2022, 4, 25), "avril")
D_2022_1195 = decree("2022-1195", date(2022, 8, 30), "août")
D_2022_1632 = decree("2022-1632", date(2022, 12, 22), "décembre")
D_2023_322 = decree("2023-322", date(2023, 4, 28), "avril")
D_2023_1305 = decree("2023-1305", date(2023, 12, 27), "décembre")
D_2024_1149 = decree("2024-1149", date(2024, 12, 4), "décembre")
D_2026_35 = decree("2026-35", date(2026, 1, 29), "janvier")


def _row(regime, start, end, alloc, indem, alloc_floor, indem_floor, caps, text, article):
    title, url = text
    return {
        "regime": regime,
        "valid_from": start,
        "valid_until": end,
        "allocation_rate": D(alloc),
        "indemnity_rate": D(indem),
        "allocation_floor": D(alloc_floor),
        "indemnity_floor": D(indem_floor),
        "ceiling_smic_multiple": D("4.5"),
        "ceiling_caps": caps,
        "legal_source": f"{title}, {article}",
        "source_url": url,
    }


d = date
A, B = CAPS_ALLOCATION, CAPS_BOTH

# Standard regime (droit commun). In 2020 the 4.5 SMIC cap of D5122-13 limited the allocation
# only: R5122-18 as then in force set the indemnity at 70 % of the pay with no cap
# (docs/bareme.md). From 2021 R5122-18 caps the indemnity too.
# fmt: off
STANDARD_ROWS = [
    _row(STANDARD, d(2020, 3, 1), d(2020, 5, 31), "0.70", "0.70", "8.03", "8.03", A,
         D_2020_325, "art. 1 (art. R5122-18 et D5122-13), heures chômées depuis le 1er mars 2020"),
    _row(STANDARD, d(2020, 6, 1), d(2020, 12, 31), "0.60", "0.70", "8.03", "8.03", A,
         D_2020_810, "art. 1 : allocation de 60 % à compter du 1er juin 2020"),
    _row(STANDARD, d(2021, 1, 1), d(2021, 5, 31), "0.60", "0.70", "8.11", "8.11", B,
         D_2020_1786, "art. 1 (art. R5122-18 et D5122-13), en vigueur le 1er janvier 2021"),
    _row(STANDARD, d(2021, 6, 1), d(2021, 6, 30), "0.52", "0.70", "8.11", "8.11", B,
         D_2021_674, "art. 1 : allocation de 52 % en juin 2021"),
    _row(STANDARD, d(2021, 7, 1), d(2021, 9, 30), "0.36", "0.60", "7.30", "8.11", B,
         D_2021_671, "art. R5122-18 (indemnité 60 %) et décret 2021-674 art. D5122-13 "
         "(allocation 36 %, plancher 7,30 €), à compter du 1er juillet 2021"),
    _row(STANDARD, d(2021, 10, 1), d(2021, 12, 31), "0.36", "0.60", "7.47", "8.30", B,
         D_2021_1252, "art. D5122-13 et R5122-18, à compter du 1er octobre 2021"),
    _row(STANDARD, d(2022, 1, 1), d(2022, 4, 30), "0.36", "0.60", "7.53", "8.37", B,
         D_2021_1878, "art. 1 (D5122-13), à compter du 1er janvier 2022"),
    _row(STANDARD, d(2022, 5, 1), d(2022, 7, 31), "0.36", "0.60", "7.73", "8.59", B,
         D_2022_654, "art. 1 (D5122-13), à compter du 1er mai 2022"),
    _row(STANDARD, d(2022, 8, 1), d(2022, 12, 31), "0.36", "0.60", "7.88", "8.76", B,
         D_2022_1195, "art. 1 (D5122-13), à compter du 1er août 2022"),
    _row(STANDARD, d(2023, 1, 1), d(2023, 4, 30), "0.36", "0.60", "8.03", "8.92", B,
         D_2022_1632, "art. 1 (D5122-13), à compter du 1er janvier 2023"),
    _row(STANDARD, d(2023, 5, 1), d(2023, 12, 31), "0.36", "0.60", "8.21", "9.12", B,
         D_2023_322, "art. 1 (D5122-13), à compter du 1er mai 2023"),
    _row(STANDARD, d(2024, 1, 1), d(2024, 10, 31), "0.36", "0.60", "8.30", "9.22", B,
         D_2023_1305, "art. 1 (D5122-13), à compter du 1er janvier 2024"),
    _row(STANDARD, d(2024, 11, 1), d(2025, 12, 31), "0.36", "0.60", "8.46", "9.40", B,
         D_2024_1149, "art. 1 (D5122-13), à compter du 1er novembre 2024"),
    _row(STANDARD, d(2026, 1, 1), None, "0.36", "0.60", "8.57", "9.52", B,
         D_2026_35, "art. 1 (D5122-13), à compter du 1er janvier 2026"),
]
# fmt: on

# Protected sectors, annexes 1 and 2 of décret 2020-810: 70 % until June 2021, then the
# allocation stepped down (60 % in July, 52 % in August 2021) while the employees' indemnity
# stayed at 70 %. From September 2021 they follow the standard regime, unless their turnover
# fell by 80 % or more (then the closed or restricted regime).
# fmt: off
PROTECTED_ROWS = [
    _row(PROTECTED, d(2020, 6, 1), d(2020, 12, 31), "0.70", "0.70", "8.03", "8.03", A,
         D_2020_810, "art. 1, II et annexes 1 et 2 : allocation maintenue à 70 %"),
    _row(PROTECTED, d(2021, 1, 1), d(2021, 6, 30), "0.70", "0.70", "8.11", "8.11", B,
         D_2020_1786, "art. 1 ; taux de 70 % maintenu jusqu'au 30 juin 2021 (décret 2021-674)"),
    _row(PROTECTED, d(2021, 7, 1), d(2021, 7, 31), "0.60", "0.70", "8.11", "8.11", B,
         D_2021_674, "art. 1 : allocation de 60 % en juillet 2021, indemnité maintenue à 70 %"),
    _row(PROTECTED, d(2021, 8, 1), d(2021, 8, 31), "0.52", "0.70", "8.11", "8.11", B,
         D_2021_674, "art. 1 : allocation de 52 % en août 2021, indemnité maintenue à 70 %"),
]
# fmt: on

# Businesses closed by administrative decision, under local restrictions, or in a protected
# sector with a turnover drop of 80 % or more: 70 % until the taux majoré ended.
# fmt: off
CLOSED_ROWS = [
    _row(CLOSED, d(2020, 6, 1), d(2020, 12, 31), "0.70", "0.70", "8.03", "8.03", A,
         D_2020_810, "art. 1, II : allocation maintenue à 70 %"),
    _row(CLOSED, d(2021, 1, 1), d(2021, 9, 30), "0.70", "0.70", "8.11", "8.11", B,
         D_2020_1786, "art. 1 ; 70 % maintenus en 2021 pour les entreprises fermées ou sous "
         "restrictions (décret 2021-674, art. 1)"),
    _row(CLOSED, d(2021, 10, 1), d(2021, 12, 31), "0.70", "0.70", "8.30", "8.30", B,
         D_2021_1252, "art. D5122-13 et R5122-18 : plancher de 8,30 € du taux majoré"),
    _row(CLOSED, d(2022, 1, 1), d(2022, 1, 31), "0.70", "0.70", "8.37", "8.37", B,
         D_2021_1817, "70 % prolongés jusqu'au 31 janvier 2022 (plancher du décret 2021-1878)"),
]
# fmt: on

# APLD, décret 2020-926 (accord collectif, from July 2020): allocation 60 %, indemnity 70 %,
# both within 4.5 SMIC; floors of art. 7 raised with each SMIC increase.
# fmt: off
APLD_ROWS = [
    _row(APLD, d(2020, 7, 1), d(2020, 12, 31), "0.60", "0.70", "7.23", "8.03", B,
         D_2020_926, "art. 7 (allocation) et 8 (indemnité)"),
    _row(APLD, d(2021, 1, 1), d(2021, 9, 30), "0.60", "0.70", "8.11", "8.11", B,
         D_2020_1786, "et décret 2020-926, art. 7 : plancher 8,11 €"),
    _row(APLD, d(2021, 10, 1), d(2021, 12, 31), "0.60", "0.70", "8.30", "8.30", B,
         D_2021_1252, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2022, 1, 1), d(2022, 4, 30), "0.60", "0.70", "8.37", "8.37", B,
         D_2021_1878, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2022, 5, 1), d(2022, 7, 31), "0.60", "0.70", "8.59", "8.59", B,
         D_2022_654, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2022, 8, 1), d(2022, 12, 31), "0.60", "0.70", "8.76", "8.76", B,
         D_2022_1195, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2023, 1, 1), d(2023, 4, 30), "0.60", "0.70", "8.92", "8.92", B,
         D_2022_1632, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2023, 5, 1), d(2023, 12, 31), "0.60", "0.70", "9.12", "9.12", B,
         D_2023_322, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2024, 1, 1), d(2024, 10, 31), "0.60", "0.70", "9.22", "9.22", B,
         D_2023_1305, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2024, 11, 1), d(2025, 12, 31), "0.60", "0.70", "9.40", "9.40", B,
         D_2024_1149, "art. 2 (décret 2020-926, art. 7)"),
    _row(APLD, d(2026, 1, 1), None, "0.60", "0.70", "9.52", "9.52", B,
         D_2026_35, "art. 2 (décret 2020-926, art. 7)"),
]
# fmt: on

BAREME_ROWS = STANDARD_ROWS + PROTECTED_ROWS + CLOSED_ROWS + APLD_ROWS


def _smic(start, amount, text):
    title, url = text
    return {"valid_from": start, "hourly": D(amount), "legal_source": title, "source_url": url}


def jorf(title, text_id):
    return title, f"https://www.legifrance.gouv.fr/jorf/id/{text_id}"


SMIC_ROWS = [
    _smic(d(2020, 1, 1), "10.15", decree("2019-1387", d(2019, 12, 18), "décembre")),
    _smic(d(2021, 1, 1), "10.25", decree("2020-1598", d(2020, 12, 16), "décembre")),
    _smic(d(2021, 10, 1), "10.48", jorf("Arrêté du 27 septembre 2021", "JORFTEXT000044126026")),
    _smic(d(2022, 1, 1), "10.57", decree("2021-1741", d(2021, 12, 22), "décembre")),
    _smic(d(2022, 5, 1), "10.85", jorf("Arrêté du 19 mai 2022", "JORFTEXT000045602317")),
    _smic(d(2022, 8, 1), "11.07", jorf("Arrêté du 29 juillet 2022", "JORFTEXT000046113517")),
    _smic(d(2023, 1, 1), "11.27", decree("2022-1608", d(2022, 12, 22), "décembre")),
    _smic(d(2023, 5, 1), "11.52", jorf("Arrêté du 26 avril 2023", "JORFTEXT000047495817")),
    _smic(
        d(2024, 1, 1),
        "11.65",
        (
            "Décret du 20 décembre 2023 portant relèvement du SMIC",
            "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000048604684",
        ),
    ),
    _smic(
        d(2024, 11, 1),
        "11.88",
        jorf("Décret n° 2024-951 du 23 octobre 2024", "JORFTEXT000050392683"),
    ),
    _smic(
        d(2026, 1, 1),
        "12.02",
        jorf("Décret n° 2025-1228 du 17 décembre 2025", "JORFTEXT000053042520"),
    ),
    _smic(d(2026, 6, 1), "12.31", jorf("Arrêté du 22 mai 2026", "JORFTEXT000054126589")),
]


def ensure_bareme(Bareme, Smic):
    """Create or update every row (idempotent): the migration and the test session call it."""
    for row in BAREME_ROWS:
        Bareme.objects.update_or_create(
            regime=row["regime"], valid_from=row["valid_from"], defaults=row
        )
    for row in SMIC_ROWS:
        Smic.objects.update_or_create(valid_from=row["valid_from"], defaults=row)
