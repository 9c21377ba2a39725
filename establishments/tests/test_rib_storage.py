"""Hole 8 of issue 10: bank documents are private and leave no leftovers.

- a replaced (or cleared) RIB file is deleted from storage once the new fiche is saved;
- RIB files live in a storage outside MEDIA_ROOT that has no URL, and nothing serves
  /media/ in any mode (DEBUG included): the only way to a RIB is the scoped download.
"""

import importlib

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from establishments.models import Establishment
from establishments.tests.conftest import PDF_BYTES
from establishments.tests.test_fiche import fiche_url, form_data

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def test_a_replaced_rib_file_is_deleted(
    client_of, employer_a, establishment_a, nomenclatures, communes,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    client = client_of(employer_a)
    client.post(fiche_url(establishment_a), form_data(establishment_a, nomenclatures))
    establishment_a.refresh_from_db()
    first = establishment_a.rib_file.name
    storage = establishment_a.rib_file.storage
    assert storage.exists(first)
    new = SimpleUploadedFile("nouveau.png", PNG_BYTES, content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            fiche_url(establishment_a), form_data(establishment_a, nomenclatures, rib_file=new)
        )
    assert response.status_code == 302
    establishment_a.refresh_from_db()
    assert establishment_a.rib_file.name != first
    assert storage.exists(establishment_a.rib_file.name)
    assert not storage.exists(first)


def test_rib_files_are_stored_outside_media_with_no_url(settings):
    field = Establishment._meta.get_field("rib_file")
    storage = field.storage
    assert storage is storages["private"]
    with pytest.raises(ValueError):
        storage.url("rib/x.pdf")


def test_production_storage_of_ribs_is_outside_the_media_root():
    from apart import settings as base

    private = base.STORAGES["private"]
    assert private["BACKEND"] == "apart.core.storage.PrivateFileSystemStorage"
    location = str(private["OPTIONS"]["location"])
    assert not location.startswith(str(base.MEDIA_ROOT))


@pytest.mark.parametrize("debug", [False, True])
def test_nothing_serves_media_in_any_mode(settings, debug):
    settings.DEBUG = debug
    import apart.urls

    try:
        importlib.reload(apart.urls)
        clear_url_caches()
        with pytest.raises(Resolver404):
            resolve("/media/rib/0123456789abcdef.pdf", urlconf=apart.urls)
    finally:
        settings.DEBUG = False
        importlib.reload(apart.urls)
        clear_url_caches()


def test_the_scoped_download_still_gives_the_rib(client_of, employer_a, establishment_a):
    establishment_a.rib_file.save("rib.pdf", SimpleUploadedFile("r.pdf", PDF_BYTES))
    response = client_of(employer_a).get(
        reverse("establishments:rib", args=[establishment_a.siret])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
