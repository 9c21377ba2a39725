"""Sanitising of the base documentaire's rich text and checks of its PDF attachments.

Rich text is cleaned with nh3 (the Rust `ammonia` allow-list sanitiser) when saved, so
that what the pages render with `|safe` can never carry a script, a style or an event
handler, whoever typed it in the admin.
"""

import nh3
from django.core.exceptions import ValidationError

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "code",
    "pre",
    "abbr",
    "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "span": {"lang"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
PDF_MAX_BYTES = 5 * 1024 * 1024


def sanitize_html(html: str) -> str:
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def validate_pdf(file) -> None:
    """A PDF by its content (magic bytes), not by its name, and not too large."""
    if file.size > PDF_MAX_BYTES:
        raise ValidationError(
            f"Le fichier dépasse la taille maximale de {PDF_MAX_BYTES // (1024 * 1024)} Mo."
        )
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(5)
    file.seek(position)
    if head != b"%PDF-":
        raise ValidationError("Seuls les fichiers PDF sont acceptés.")
