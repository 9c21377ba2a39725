"""Seed 003 « Préférez la recherche de ces demandes par SIRET »: no longer needed, so no
longer said; the entry links to the search that works."""

from django.urls import reverse

from support.models import Entry


def test_search_entry_points_to_the_number_search(db, client):
    entry = Entry.objects.get(slug="recherche-dap-numero-lettres")
    assert "préférez" not in entry.body.lower()
    assert f'href="{reverse("dap:search")}"' in entry.body


def test_tacit_entry_says_avenants_are_taken(db):
    body = Entry.objects.get(slug="validation-tacite-48h").body
    assert "6h et 20h chaque jour ouvré" in body and "tous les avenants" in body
