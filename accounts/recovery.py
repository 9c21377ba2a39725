"""Forgotten password and forgotten identifiant (seed 002 §3–§4): the rules.

Several accounts on one email (one email may serve several ASP accounts, e.g. a shared
mailbox): « J'ai oublié mon identifiant » shows the secret question of every active
account of that email (the same question once), each with its own answer field. Every
account whose answer is right gets its own email with its identifiant, sent to that
address; the others get nothing. A wrong answer counts as a failed login of that account.
So a person finds all of their accounts, and a colleague sharing the mailbox cannot
recover an identifiant without its own answer.

Unknown identifiant or email: a stable decoy question (chosen from the SECRET_KEY and
what was typed) is shown, the answer is hashed anyway and refused with the same message,
so neither the page nor its timing tells whether the account exists.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import PasswordResetToken, User
from accounts.normalize import normalize_answer, normalize_email
from apart.core.outbox import send_templated_email

TOKEN_LIFETIME = timedelta(minutes=60)  # seed 001: « La procédure est valable 60 min »
DECOY_QUESTIONS = [
    "Nom de mon premier animal ?",
    "Ville de naissance de ma mère ?",
    "Nom de mon école primaire ?",
    "Marque de ma première voiture ?",
    "Prénom de mon meilleur ami d'enfance ?",
    "Titre de mon livre préféré ?",
]


def decoy_question(typed: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), typed.strip().lower().encode(), "sha256")
    return DECOY_QUESTIONS[int(digest.hexdigest(), 16) % len(DECOY_QUESTIONS)]


def burn_hash(answer: str) -> None:
    """Spend the time of one answer check when there is no account to check against."""
    make_password(normalize_answer(answer))


def recoverable(user: User | None) -> bool:
    return bool(user and user.is_active and user.email and user.secret_answer_hash)


# --- Forgotten password ------------------------------------------------------------------


def user_by_identifiant(identifiant: str) -> User | None:
    user = User.objects.filter(identifiant__iexact=identifiant.strip()).first()
    return user if recoverable(user) else None


def password_question(identifiant: str) -> str:
    user = user_by_identifiant(identifiant)
    return user.secret_question if user else decoy_question(identifiant)


def password_answer_matches(identifiant: str, answer: str) -> User | None:
    user = user_by_identifiant(identifiant)
    if user is None:
        burn_hash(answer)
        return None
    return user if user.check_secret_answer(answer) else None


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def password_reset_request(*, user: User) -> str:
    """Issue a new token (replacing any previous one) and email the link; the raw token."""
    raw = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        PasswordResetToken.objects.update_or_create(
            user=user,
            defaults={
                "token_hash": token_hash(raw),
                "created_at": now,
                "expires_at": now + TOKEN_LIFETIME,
                "used_at": None,
            },
        )
        link = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
            "accounts:password_reset_link", args=[raw]
        )
        send_templated_email(
            to=user.email,
            template="password_reset",
            context={"user": user, "reset_url": link, "minutes": 60},
        )
    return raw


def valid_token(raw: str) -> PasswordResetToken | None:
    if not raw:
        return None
    return (
        PasswordResetToken.objects.select_related("user")
        .filter(token_hash=token_hash(raw), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def password_reset_confirm(*, raw_token: str, new_password: str) -> User | None:
    """Use the token once and set the password; None if the token is no longer valid."""
    with transaction.atomic():
        token = valid_token(raw_token)
        if token is None:
            return None
        used = PasswordResetToken.objects.filter(pk=token.pk, used_at__isnull=True).update(
            used_at=timezone.now()
        )
        if not used:
            return None
        user = token.user
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
    axes_reset(username=user.identifiant)
    return user


# --- Forgotten identifiant ---------------------------------------------------------------


def accounts_by_email(email: str) -> list[User]:
    users = User.objects.filter(email__iexact=normalize_email(email)).order_by("pk")
    return [user for user in users if recoverable(user)]


def identifiant_questions(email: str) -> list[str]:
    """The distinct secret questions of the accounts of this email, oldest account first."""
    questions = []
    for user in accounts_by_email(email):
        if user.secret_question not in questions:
            questions.append(user.secret_question)
    return questions or [decoy_question(email)]


def identifiant_answers_check(email: str, answers: dict[str, str]) -> tuple[list[User], list[User]]:
    """(accounts whose answer is right, accounts whose answer is wrong) for the answers
    given, keyed by question; unanswered questions check nothing."""
    right, wrong = [], []
    users = accounts_by_email(email)
    for question, answer in answers.items():
        if not answer.strip():
            continue
        concerned = [user for user in users if user.secret_question == question]
        if not concerned:
            burn_hash(answer)
        for user in concerned:
            (right if user.check_secret_answer(answer) else wrong).append(user)
    return right, wrong


def identifiant_reminder_send(*, user: User) -> None:
    send_templated_email(to=user.email, template="identifiant_reminder", context={"user": user})
