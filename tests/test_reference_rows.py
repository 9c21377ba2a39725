"""Hole 11 of issue 10: the suite passes run after run on PostgreSQL with --reuse-db.

Transactional tests (browser, worker) end with a flush that also empties the rows of the
data migrations (applications, barème, base documentaire). They are put back at the start
of a session and before any database test that finds them gone.
"""

import pytest

from conftest import ensure_reference_rows
from habilitations.models import Application
from indemnisation.models import Bareme


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_no_reference_row_missing_for_the_next_test():
    """Runs as a transactional test: the autouse fixture restores what its flush empties."""
    assert Bareme.objects.exists()


@pytest.mark.django_db
def test_reference_rows_come_back_after_they_were_emptied():
    from support.models import Entry

    Bareme.objects.all().delete()
    Application.objects.all().delete()
    Entry.objects.all().delete()
    ensure_reference_rows()
    assert Bareme.objects.count() >= 1
    assert Application.objects.filter(code="APART").exists()
    assert Entry.objects.filter(slug="validation-tacite-48h").exists()  # base documentaire


@pytest.mark.django_db
def test_the_bareme_is_there():
    assert Bareme.objects.exists()
