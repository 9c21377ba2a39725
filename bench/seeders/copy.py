"""COPY helpers: rows streamed to PostgreSQL in one statement per table."""

from collections.abc import Iterable, Sequence


def copy_rows(cursor, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """COPY `rows` into `table` (psycopg 3); returns the number of rows written."""
    count = 0
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def scalar(cursor, sql: str, params: Sequence = ()) -> int:
    cursor.execute(sql, params)
    return cursor.fetchone()[0]
