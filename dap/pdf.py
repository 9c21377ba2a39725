"""Récépissé of a sent request and the décision d'autorisation, as PDFs (WeasyPrint)."""

from django.template.loader import render_to_string
from django.utils import timezone

from dap import rules
from dap.services.timeline import tacit_at_latest
from establishments.pdf import FONTS_DIR


def _render(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        template, {**context, "fonts_url": FONTS_DIR.as_uri(), "today": timezone.localdate()}
    )
    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf()


def receipt_pdf(request) -> bytes:
    """Art. R5122-26 II: identity, date and hour of receipt, delay after which silence
    means acceptance."""
    return _render(
        "dap/pdf/receipt.html",
        {
            "dap": request,
            "delay": rules.delay_label(request.sent_at),
            "delay_source": rules.tacit_delay(request.sent_at).source,
            "tacit_latest": tacit_at_latest(request),
        },
    )


def decision_pdf(decision) -> bytes:
    return _render("dap/pdf/decision.html", {"decision": decision, "dap": decision.request})
