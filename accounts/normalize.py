"""Normalisation of what people type: accents, case and spaces."""

import re
import unicodedata


def strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize_email(value: str) -> str:
    """Emails are stored without accents and in lower case (seed 002: accents removed)."""
    return strip_accents(value.strip()).lower()


def normalize_name(value: str) -> str:
    """Compare names whatever their accents, case, hyphens and spacing."""
    return re.sub(r"[^a-z0-9]+", " ", strip_accents(value).lower()).strip()


def normalize_answer(value: str) -> str:
    """Secret answers are compared after removing case, accents and extra spaces."""
    return " ".join(strip_accents(value).lower().split())
