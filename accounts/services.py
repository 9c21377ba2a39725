import re
import secrets
import string

from django.db import IntegrityError, transaction

from accounts.models import User
from accounts.normalize import normalize_email, strip_accents
from accounts.validators import password_problems

# No brackets (the email shows the password between [ ]), no quotes, no accents.
TEMP_PASSWORD_SPECIALS = "!#%*+-=?@:;,"


def identifiant_base(first_name: str, last_name: str) -> str:
    """`Gérard`, `Menuça` → `gerard.menuca` (seed 002: lower case, accents removed)."""

    def clean(part: str) -> str:
        return re.sub(r"[^a-z]", "", strip_accents(part).lower())

    return ".".join(filter(None, [clean(first_name), clean(last_name)]))[:140] or "utilisateur"


def next_free_identifiant(base: str) -> str:
    taken = set(
        User.objects.filter(identifiant__startswith=base).values_list("identifiant", flat=True)
    )
    number = 1
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


def temporary_password(length: int = 12) -> str:
    """A random password that satisfies the ASP rules, in plain ASCII."""
    alphabet = string.ascii_letters + string.digits + TEMP_PASSWORD_SPECIALS
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if not password_problems(candidate):
            return candidate


def account_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    secret_question: str,
    secret_answer_hash: str,
) -> tuple[User, str]:
    """Create an ASP account with a temporary password to change at first login."""
    password = temporary_password()
    base = identifiant_base(first_name, last_name)
    for _attempt in range(5):
        try:
            with transaction.atomic():
                user = User.objects.create_user(
                    next_free_identifiant(base),
                    password,
                    first_name=first_name,
                    last_name=last_name,
                    email=normalize_email(email),
                    phone=phone,
                    secret_question=secret_question,
                    secret_answer_hash=secret_answer_hash,
                    must_change_password=True,
                )
            return user, password
        except IntegrityError:
            continue  # another request took the same number at the same moment
    raise RuntimeError(f"Impossible d'attribuer un identifiant pour {base}")
