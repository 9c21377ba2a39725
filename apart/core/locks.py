"""Transaction-scoped advisory locks: one holder at a time for a named piece of work.

PostgreSQL's `pg_advisory_xact_lock` is released at commit or rollback, so a killed
process never leaves it behind. SQLite (development) serialises writing transactions
already (`transaction_mode = IMMEDIATE` in settings), so there is nothing to take.
"""

import hashlib
from contextlib import contextmanager

from django.db import connection


def _key(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def xact_lock(name: str) -> None:
    """Wait for the lock of `name` until the end of the current transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_key(name)])


def try_xact_lock(name: str) -> bool:
    """Take the lock of `name` for the current transaction if nobody holds it."""
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_key(name)])
        return cursor.fetchone()[0]


@contextmanager
def batch_lock(name: str):
    """Yield True to the one holder of the session lock of `name`, False to the others.

    Two beat schedulers (a failover gone wrong, two `make run`) fire every batch twice;
    the second run finds the lock taken and does nothing (Celery's docs: a single
    scheduler; this is the defence in depth, issue 10). Released at the end of the block,
    or by PostgreSQL when the holder's connection dies.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_key(name)])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [_key(name)])
