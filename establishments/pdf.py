"""The CONTRAT DE PRESTATION as a PDF (WeasyPrint), in Marianne from django-dsfr's files."""

from pathlib import Path

import dsfr
from django.template.loader import render_to_string
from django.utils import timezone

FONTS_DIR = Path(dsfr.__file__).resolve().parent / "static" / "dsfr" / "dist" / "fonts"


def service_contract_pdf(data: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "establishments/pdf/service_contract.html",
        {"contract": data, "fonts_url": FONTS_DIR.as_uri(), "today": timezone.localdate()},
    )
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()
