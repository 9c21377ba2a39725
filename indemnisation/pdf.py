"""The récapitulatif of a DI as a PDF (WeasyPrint), at filing and after validation (seed 003:
« générer un document récapitulatif, au moment de la demande, et après validation »)."""

from django.template.loader import render_to_string
from django.utils import timezone

from establishments.pdf import FONTS_DIR
from indemnisation.models import Claim, ClaimStatus

VALIDATED_STATUSES = (
    ClaimStatus.VALIDATED,
    ClaimStatus.PAYMENT_REQUESTED,
    ClaimStatus.PAYMENT_DONE,
)


# WeasyPrint lays out a long table across pages in quadratic time: the lines go in tables
# of one page each.
ROWS_PER_TABLE = 40
# WeasyPrint takes tens of milliseconds a row on this machine: beyond this many employees the
# PDF gives the totals and the first lines, and the full list is the CSV export.
MAX_PDF_LINES = 100


def _chunks(lines):
    chunk = []
    for line in lines:
        chunk.append(line)
        if len(chunk) == ROWS_PER_TABLE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def recap_pdf(claim: Claim) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "indemnisation/pdf/recap.html",
        {
            "claim": claim,
            "tables": _chunks(claim.lines.all()[:MAX_PDF_LINES]),
            "truncated": claim.employees_count > MAX_PDF_LINES,
            "max_lines": MAX_PDF_LINES,
            "validated": claim.status in VALIDATED_STATUSES,
            "fonts_url": FONTS_DIR.as_uri(),
            "now": timezone.localtime(),
        },
    )
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()
