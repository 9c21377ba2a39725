"""The barème of activité partielle, March 2020 to October 2021, as data.

Values copied from /work/shared/reference/apart-facts.md §3.6 (rates) and §3.7 (SMIC);
each row names its sources in that file's shorthand ([S-xx], URLs in its §10).
Not loaded: before March 2020 the allocation was a flat 7.74 € / 7.23 € per hour depending on
the headcount (another shape of rule), and after October 2021 the floors were not sourced.
"""

from datetime import date
from decimal import Decimal as D

from django.db import migrations

SMIC_2020 = D("10.15")  # 1 Jan 2020 [S-MonEntrepriseGit]
SMIC_2021 = D("10.25")  # 1 Jan 2021 [S-MonEntrepriseGit]
SMIC_OCT_2021 = D("10.48")  # 1 Oct 2021 [S-MonEntrepriseGit]

ROWS = [
    # Décret 2020-325 (25 Mar 2020, effective for hours from 1 Mar 2020): allocation and
    # indemnity 70 % of the gross hourly pay capped at 4.5 SMIC, floor 8.03 €/h; the same rate
    # for everyone, so no taux majoré row. [S-Aelis] [S-Anneville] [S-France3] [S-FCA]
    dict(
        valid_from=date(2020, 3, 1),
        valid_until=date(2020, 5, 31),
        majore=False,
        allocation_rate=D("0.70"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.03"),
        indemnity_floor=D("8.03"),
        smic_hourly=SMIC_2020,
        source="Décret 2020-325 du 25 mars 2020 — [S-Aelis] [S-Anneville] [S-France3] [S-FCA]",
    ),
    # Décret 2020-810 (29 Jun 2020): allocation 60 % from 1 Jun 2020, 70 % kept for the
    # protected sectors (annexes 1 and 2); the indemnity stays at 70 %. [S-Aelis] [S-BDO]
    # [S-Alterjuris] [S-PetrelDecrets]
    dict(
        valid_from=date(2020, 6, 1),
        valid_until=date(2020, 12, 31),
        majore=False,
        allocation_rate=D("0.60"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.03"),
        indemnity_floor=D("8.03"),
        smic_hourly=SMIC_2020,
        source="Décret 2020-810 du 29 juin 2020 — [S-Aelis] [S-BDO] [S-Alterjuris]",
    ),
    dict(
        valid_from=date(2020, 6, 1),
        valid_until=date(2020, 12, 31),
        majore=True,
        allocation_rate=D("0.70"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.03"),
        indemnity_floor=D("8.03"),
        smic_hourly=SMIC_2020,
        source="Décret 2020-810 du 29 juin 2020, annexes 1 et 2 — [S-Aelis] [S-BDO] [S-AgoraCac]",
    ),
    # 1 Jan 2021: floor 8.11 €/h with the SMIC at 10.25 €; rates unchanged.
    # [S-MonEntrepriseGit] (commit 987a8f4e) [S-Cogest]
    dict(
        valid_from=date(2021, 1, 1),
        valid_until=date(2021, 5, 31),
        majore=False,
        allocation_rate=D("0.60"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.11"),
        indemnity_floor=D("8.11"),
        smic_hourly=SMIC_2021,
        source="Plancher 8,11 € au 1er janvier 2021 — [S-MonEntrepriseGit] [S-Cogest]",
    ),
    dict(
        valid_from=date(2021, 1, 1),
        valid_until=date(2021, 5, 31),
        majore=True,
        allocation_rate=D("0.70"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.11"),
        indemnity_floor=D("8.11"),
        smic_hourly=SMIC_2021,
        source="Plancher 8,11 € au 1er janvier 2021 — [S-MonEntrepriseGit] [S-Cogest]",
    ),
    # June 2021: standard allocation 52 %, indemnity still 70 %; 70 % kept for the
    # protected sectors and closed businesses. [S-Cogest] [S-BakerTilly]
    dict(
        valid_from=date(2021, 6, 1),
        valid_until=date(2021, 6, 30),
        majore=False,
        allocation_rate=D("0.52"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.11"),
        indemnity_floor=D("8.11"),
        smic_hourly=SMIC_2021,
        source="Allocation 52 % en juin 2021 — [S-Cogest] [S-BakerTilly]",
    ),
    dict(
        valid_from=date(2021, 6, 1),
        valid_until=date(2021, 6, 30),
        majore=True,
        allocation_rate=D("0.70"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.11"),
        indemnity_floor=D("8.11"),
        smic_hourly=SMIC_2021,
        source="Taux majoré 70 % en juin 2021 — [S-Cogest] [S-BakerTilly]",
    ),
    # July–September 2021: standard allocation 36 % (floor 7.30 €), indemnity 60 %.
    # The taux majoré kept here is the 70 % of the businesses closed by administrative order or
    # under local restrictions (until 31 Oct 2021); the protected sectors' step-down
    # 60 / 52 / 36 % is a third regime the simulator's yes/no question cannot express.
    # ⚠️ The indemnity floor of the 60 % regime is not in the facts; the 8.11 € floor of the
    # period is kept. [S-Cogest] [S-BakerTilly] [S-Sonomag] [S-MonEntrepriseGit]
    dict(
        valid_from=date(2021, 7, 1),
        valid_until=date(2021, 9, 30),
        majore=False,
        allocation_rate=D("0.36"),
        indemnity_rate=D("0.60"),
        allocation_floor=D("7.30"),
        indemnity_floor=D("8.11"),
        smic_hourly=SMIC_2021,
        source="Allocation 36 %, indemnité 60 %, plancher 7,30 € au 1er juillet 2021 — "
        "[S-Cogest] [S-BakerTilly] [S-Sonomag]",
    ),
    dict(
        valid_from=date(2021, 7, 1),
        valid_until=date(2021, 9, 30),
        majore=True,
        allocation_rate=D("0.70"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.11"),
        indemnity_floor=D("8.11"),
        smic_hourly=SMIC_2021,
        source="Entreprises fermées ou sous restrictions : 70 % jusqu'au 31 octobre 2021 — "
        "[S-BakerTilly] [S-MonEntrepriseGit]",
    ),
    # October 2021: SMIC 10.48 €, floor 8.30 € for the 70 % regime (mon-entreprise commit
    # c9a596ca). ⚠️ The floor of the 36 % regime after 1 Oct 2021 was not found: 7.30 € kept,
    # to check against the decrees. [S-MonEntrepriseGit] [S-BakerTilly]
    dict(
        valid_from=date(2021, 10, 1),
        valid_until=date(2021, 10, 31),
        majore=False,
        allocation_rate=D("0.36"),
        indemnity_rate=D("0.60"),
        allocation_floor=D("7.30"),
        indemnity_floor=D("8.30"),
        smic_hourly=SMIC_OCT_2021,
        source="SMIC 10,48 € au 1er octobre 2021 ; plancher 36 % non vérifié — "
        "[S-MonEntrepriseGit] [S-BakerTilly]",
    ),
    dict(
        valid_from=date(2021, 10, 1),
        valid_until=date(2021, 10, 31),
        majore=True,
        allocation_rate=D("0.70"),
        indemnity_rate=D("0.70"),
        allocation_floor=D("8.30"),
        indemnity_floor=D("8.30"),
        smic_hourly=SMIC_OCT_2021,
        source="Plancher 8,30 € au 1er octobre 2021 (régime 70 %) — [S-MonEntrepriseGit]",
    ),
]


def load_bareme(apps, schema_editor):
    Bareme = apps.get_model("indemnisation", "Bareme")
    for row in ROWS:
        Bareme.objects.update_or_create(
            valid_from=row["valid_from"],
            majore=row["majore"],
            defaults={**row, "ceiling_smic_multiple": D("4.5")},
        )


def unload_bareme(apps, schema_editor):
    Bareme = apps.get_model("indemnisation", "Bareme")
    for row in ROWS:
        Bareme.objects.filter(valid_from=row["valid_from"], majore=row["majore"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indemnisation", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load_bareme, unload_bareme),
    ]
