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


def recap_pdf(claim: Claim) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "indemnisation/pdf/recap.html",
        {
            "claim": claim,
            "lines": claim.lines.all(),
            "validated": claim.status in VALIDATED_STATUSES,
            "fonts_url": FONTS_DIR.as_uri(),
            "now": timezone.localtime(),
        },
    )
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()
