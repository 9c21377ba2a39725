"""`manage.py import_naf [path]`: load the NAF rév. 2 sub-classes (code NAF / APE).

The default file, establishments/data/naf.csv, holds the 732 sub-classes ("62.01Z") of
INSEE's nomenclature, extracted from the npm package @socialgouv/codes-naf 1.1.1
(index.json, entries whose id matches NN.NNX). Re-running it upserts; codes still used by
an establishment are never deleted.
"""

from pathlib import Path

from establishments.management.commands._nomenclature import NomenclatureCommand
from establishments.models import NafCode

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "naf.csv"


class Command(NomenclatureCommand):
    help = "Importe la nomenclature NAF rév. 2 (sous-classes) : colonnes code,label."
    model = NafCode
    default_path = DEFAULT_PATH
    key_column, label_column = "code", "label"
    key_field, label_field = "code", "label"
