"""The barème table: complete, sourced, without overlaps."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from indemnisation.bareme_data import BAREME_ROWS, SMIC_ROWS
from indemnisation.models import Bareme, Regime, Smic

pytestmark = pytest.mark.django_db


def months(first, last):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield date(year, month, 1)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def test_every_month_from_march_2020_to_today_has_one_standard_row_and_a_smic():
    for month in months(date(2020, 3, 1), date(2026, 12, 1)):
        assert Bareme.objects.covering(month).filter(regime=Regime.STANDARD).count() == 1, month
        assert Smic.at(month) is not None


def test_no_regime_has_overlapping_periods():
    for row in Bareme.objects.all():
        row.clean()


def test_every_row_names_a_decree_and_links_legifrance():
    for row in list(Bareme.objects.all()) + list(Smic.objects.all()):
        assert row.legal_source.startswith(("Décret", "Arrêté")), row
        assert row.source_url.startswith("https://www.legifrance.gouv.fr/"), row
        assert "[S-" not in row.legal_source


def test_the_table_holds_every_row_of_the_data_module():
    assert Bareme.objects.count() == len(BAREME_ROWS)
    assert Smic.objects.count() == len(SMIC_ROWS)


def test_overlapping_periods_of_the_same_regime_are_refused():
    row = Bareme(
        **{**BAREME_ROWS[0], "valid_from": date(2020, 5, 1), "valid_until": date(2020, 6, 30)}
    )
    with pytest.raises(ValidationError, match="chevauche"):
        row.clean()


def test_an_end_date_before_the_start_date_is_refused_by_the_database():
    row = {**BAREME_ROWS[0], "valid_from": date(2030, 2, 1), "valid_until": date(2030, 1, 1)}
    with pytest.raises(IntegrityError):
        Bareme(**row).save()


def test_rates_are_shown_as_percentages():
    row = Bareme.objects.for_month(date(2021, 6, 1))
    assert (str(row.allocation_percent), str(row.indemnity_percent)) == ("52", "70")
