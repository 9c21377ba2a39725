"""Background work that survives a broker outage, written once for every app.

A row (an email, an account request…) is the durable record of the work: it is written in
the caller's transaction, its task is sent once the transaction commits, and a periodic
sweep picks up whatever a lost task or an unreachable broker left behind.
"""

import logging
from collections.abc import Callable, Iterable

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)
# What `delay()` raises when Redis (or the embedded broker) is unreachable: the row waits
# for the sweep. Any other error is a bug and propagates.
BROKER_ERRORS = (OperationalError, OSError)


def enqueue_on_commit(task, row_id: int) -> None:
    """`task.delay(row_id)` once the current transaction commits (at once without one)."""
    transaction.on_commit(lambda: send_task_or_wait_for_sweep(task, row_id))


def send_task_or_wait_for_sweep(task, row_id) -> None:
    """`task.delay(row_id)`; with the broker unreachable, the row waits for the sweep."""
    try:
        task.delay(row_id)
    except BROKER_ERRORS:
        logger.warning("Broker unreachable: %s(%s) waits for the sweep", task.name, row_id)


def sweep_each(row_ids: Iterable[int], process: Callable[[int], object], *, what: str) -> int:
    """Process each row on its own: one row's failure is logged and the sweep goes on (the
    row stays for the next sweep). Returns the number of rows tried."""
    tried = 0
    for row_id in row_ids:
        tried += 1
        try:
            process(row_id)
        except Exception:
            logger.exception("Sweep of %s: row %s failed, left for the next sweep", what, row_id)
    return tried
