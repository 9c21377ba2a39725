"""Shared machinery of the portal's batches (DAP tacit acceptance, DI validation at 72 h).

- The schedule: 6h and 20h Europe/Paris on French working days (seed 003, « Le batch
  tourne à 6h et 20h chaque jour ouvré »); public holidays from python `holidays`.
- A PostgreSQL advisory lock so that two runs of one batch do not work side by side for
  nothing (a no-op on SQLite, where writers are serialised anyway).
- A chunked, set-based runner: each chunk is one transaction running statements of the
  form UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED LIMIT n) RETURNING …, so
  memory stays flat whatever the backlog, and two overlapping runs never take a row twice.
"""

import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

PARIS = ZoneInfo("Europe/Paris")
RUN_HOURS = (6, 20)
DEFAULT_CHUNK_SIZE = 5000
# A chunk that hits a unique collision (a random code drawn twice) is tried again.
CHUNK_ATTEMPTS = 3


@lru_cache(maxsize=64)
def _french_holidays(year: int) -> holidays.HolidayBase:
    return holidays.France(years=year)


def is_working_day(day: date) -> bool:
    """Monday to Friday, not a French public holiday (metropolitan calendar)."""
    return day.weekday() < 5 and day not in _french_holidays(day.year)


def scheduled_runs_on(day: date) -> list[datetime]:
    """The scheduled runs of that day (none on weekends and public holidays)."""
    if not is_working_day(day):
        return []
    return [datetime.combine(day, time(hour), tzinfo=PARIS) for hour in RUN_HOURS]


def next_run_at(moment: datetime) -> datetime:
    """The first scheduled run at or after `moment` (what "accepted at the latest" means)."""
    day = timezone.localtime(moment, PARIS).date()
    for offset in range(0, 30):
        for run in scheduled_runs_on(day + timedelta(days=offset)):
            if run >= moment:
                return run
    raise ValueError("Pas de jour ouvré dans les 30 jours suivants.")  # unreachable in France


def is_scheduled_now(moment: datetime | None = None, *, tolerance_minutes: int = 59) -> bool:
    """Whether a beat tick at `moment` is one of the day's runs (beat may fire a bit late)."""
    moment = timezone.localtime(moment or timezone.now(), PARIS)
    return any(
        run <= moment < run + timedelta(minutes=tolerance_minutes)
        for run in scheduled_runs_on(moment.date())
    )


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _lock_key(name: str) -> int:
    return zlib.crc32(f"apart-batch:{name}".encode())


@contextmanager
def advisory_lock(name: str) -> Iterator[bool]:
    """Try to take the session-level lock `name`; yields whether it was taken."""
    if not is_postgresql():
        yield True
        return
    key = _lock_key(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def skip_locked_clause() -> str:
    """Appended to the inner SELECT of a claim: rows another run holds are left to it."""
    return " FOR UPDATE SKIP LOCKED" if is_postgresql() else ""


def db_datetime(value: datetime):
    """A datetime as the backend stores it, for raw SQL parameters."""
    return connection.ops.adapt_datetimefield_value(value)


def run_in_chunks(step: Callable[[int], int], *, chunk_size: int = DEFAULT_CHUNK_SIZE) -> int:
    """Call `step(chunk_size)` in its own transaction until it processes nothing.

    `step` runs set-based statements on at most `chunk_size` rows and returns how many it
    processed. Returns the total.
    """
    total = 0
    while True:
        processed = _one_chunk(step, chunk_size)
        total += processed
        if processed == 0:
            return total


def _one_chunk(step: Callable[[int], int], chunk_size: int) -> int:
    for attempt in range(1, CHUNK_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                return step(chunk_size)
        except IntegrityError:
            if attempt == CHUNK_ATTEMPTS:
                raise
            logger.warning("Chunk rolled back on a unique collision, attempt %s", attempt)
    return 0
