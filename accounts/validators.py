"""The password rules of the ASP (seed 002, the union of its two screens)."""

import re

from django.core.exceptions import ValidationError

from accounts.normalize import strip_accents

SPECIAL_CHARACTERS = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
RULES_TEXT = [
    "Nombre minimum de caractères : 8",
    "Nombre minimum de minuscules : 1",
    "Nombre minimum de majuscules : 1",
    "Nombre minimum de chiffres : 1",
    "Nombre minimum de caractères spéciaux : 1 (exemples : , ? ! : ; % #)",
    "Les caractères accentués ne sont pas autorisés",
    "Votre nouveau mot de passe ne doit pas être identique à votre identifiant ni le contenir",
]


def password_problems(password: str, identifiant: str = "") -> list[str]:
    problems = []
    if len(password) < 8:
        problems.append("Votre mot de passe doit comporter au moins 8 caractères")
    if not re.search(r"[a-z]", password):
        problems.append("Votre mot de passe n'a pas assez de minuscules")
    if not re.search(r"[A-Z]", password):
        problems.append("Votre mot de passe n'a pas assez de majuscules")
    if not re.search(r"[0-9]", password):
        problems.append("Votre mot de passe n'a pas assez de chiffres")
    if not any(char in SPECIAL_CHARACTERS for char in password):
        problems.append("Votre mot de passe n'a pas assez de caractères spéciaux")
    if strip_accents(password) != password or not password.isascii():
        problems.append("Les caractères accentués ne sont pas autorisés")
    if identifiant and password.lower() == identifiant.lower():
        problems.append("Votre nouveau mot de passe ne doit pas être identique à votre identifiant")
    elif identifiant and identifiant.lower() in password.lower():
        # Issue 10, hole 8: the identifiant is public knowledge (it is in every email).
        problems.append("Votre nouveau mot de passe ne doit pas contenir votre identifiant")
    return problems


class AspPasswordValidator:
    def validate(self, password, user=None):
        identifiant = getattr(user, "identifiant", "") if user else ""
        problems = password_problems(password, identifiant)
        if problems:
            raise ValidationError([ValidationError(p, code="asp_password") for p in problems])

    def get_help_text(self):
        return " ; ".join(RULES_TEXT)
