"""The base documentaire's full-text search ignores accents on PostgreSQL (issue 13:
« oublie » finds « oublié »): a `french_unaccent` text search configuration, French
stemming after unaccent. SQLite searches folded text instead (apart.core.search)."""

from django.db import migrations

from apart.core.search import POSTGRES_SETUP, run_postgres

CONFIG = "french_unaccent"
CREATE = [
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
            CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION {CONFIG}
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$"""
]


def forwards(apps, schema_editor):
    run_postgres(schema_editor, POSTGRES_SETUP + CREATE)


def backwards(apps, schema_editor):
    run_postgres(schema_editor, [f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}"])


class Migration(migrations.Migration):
    dependencies = [("support", "0004_dap_search_and_batch_entries")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
