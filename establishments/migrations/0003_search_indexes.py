"""Accent- and case-insensitive search of establishments (issue 13): on PostgreSQL, the
unaccent and pg_trgm extensions and trigram indexes on the folded name and city, so that
« boulangerie du mail » finds « BOULANGERIE DU MAÏL » by any part, without a full scan.
SQLite needs nothing here (apart.core.search registers the function in Python)."""

from django.db import migrations

from apart.core.search import POSTGRES_SETUP, SQL_FUNCTION, run_postgres

TABLE = "establishments_establishment"
COLUMNS = ["denomination", "city"]
CREATE = [
    f"CREATE INDEX IF NOT EXISTS {TABLE}_{column}_folded_trgm ON {TABLE} "
    f"USING gin (lower({SQL_FUNCTION}({column})) gin_trgm_ops)"
    for column in COLUMNS
]
DROP = [f"DROP INDEX IF EXISTS {TABLE}_{column}_folded_trgm" for column in COLUMNS]


def forwards(apps, schema_editor):
    run_postgres(schema_editor, POSTGRES_SETUP + CREATE)


def backwards(apps, schema_editor):
    run_postgres(schema_editor, DROP)


class Migration(migrations.Migration):
    dependencies = [("establishments", "0002_rib_unguessable_name")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
