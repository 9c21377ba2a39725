"""Search as people type: accents and case ignored, on PostgreSQL and SQLite alike.

`folded(field)` is the field without accents, in lower case, in SQL: on PostgreSQL through
`apart_unaccent`, an IMMUTABLE wrapper on the unaccent extension created by the
migrations (so that trigram indexes can be built on it); on SQLite through a Python
function of the same name registered on each connection. `fold(text)` does the same to
what was typed, so « demo » finds « DÉMO » and « oublie » finds « oublié ».
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Func, TextField
from django.db.models.functions import Lower
from django.dispatch import receiver

SQL_FUNCTION = "apart_unaccent"

# The PostgreSQL side, run by the migrations that index searched columns.
POSTGRES_SETUP = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # unaccent() is only STABLE (its dictionary could change); indexes need IMMUTABLE.
    f"""CREATE OR REPLACE FUNCTION {SQL_FUNCTION}(text) RETURNS text AS
        $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT""",
]


# Ligatures that unaccent spells out (PostgreSQL's unaccent.rules does the same).
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).lower()


class Unaccent(Func):
    function = SQL_FUNCTION
    output_field = TextField()


def folded(field: str) -> Lower:
    return Lower(Unaccent(field))


@receiver(connection_created)
def register_sqlite_function(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function(SQL_FUNCTION, 1, fold, deterministic=True)


def run_postgres(schema_editor, statements: list[str]) -> None:
    """Run statements on PostgreSQL only (SQLite needs none: the function is in Python)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in statements:
        schema_editor.execute(statement)
