"""`manage.py import_idcc [path]`: load the conventions collectives (IDCC).

The default file, establishments/data/idcc.csv, holds the IDCC number and title of the
agreements of the npm package @socialgouv/kali-data 3.449.0 (root node `data.num` and
`data.title` of each data/KALICONT*.json), plus « 9999 Sans convention collective », the
code the DSN uses for an employer with no agreement. Re-running it upserts.
"""

from pathlib import Path

from establishments.management.commands._nomenclature import NomenclatureCommand
from establishments.models import ConventionCollective

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "idcc.csv"


class Command(NomenclatureCommand):
    help = "Importe les conventions collectives : colonnes idcc,title."
    model = ConventionCollective
    default_path = DEFAULT_PATH
    key_column, label_column = "idcc", "title"
    key_field, label_field = "idcc", "title"
