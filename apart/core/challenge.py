"""The arithmetic challenge of the recovery pages (seed 002 §3–§4), also the alternative to
the image captcha of the public forms (RGAA 1.5, apart.captcha).

« Veuillez résoudre l'opération suivante : 8 + 4 = » is shown as text, as in the seeds:
it is readable by screen readers and needs no image or audio. Its operands travel in a
signed token (a bot could read them anyway, they are on the page); what it adds is that
each token is single use and short-lived, so every attempt costs a fresh page load,
and the real protection is the throttling behind it (accounts.throttle).
"""

import secrets

from django.core import signing
from django.core.cache import cache

SALT = "accounts.challenge"
MAX_AGE_SECONDS = 20 * 60
WRONG_MESSAGE = "Le captcha n'a pas été entré correctement. Essayez à nouveau."


def new_challenge() -> tuple[int, int, str]:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "n": secrets.token_urlsafe(12)}, salt=SALT)
    return a, b, token


def read(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except (signing.BadSignature, TypeError):
        return None


def question(a: int, b: int) -> str:
    return f"Veuillez résoudre l'opération suivante : {a} + {b} ="


def solve(token: str) -> int:
    """The expected answer (used by the tests and the browser journeys)."""
    payload = read(token)
    return payload["a"] + payload["b"]


def check(token: str, answer: str) -> bool:
    """True once per token, when the answer is right; a used token never passes again."""
    payload = read(token)
    if payload is None:
        return False
    if not cache.add(f"challenge-used:{payload['n']}", 1, timeout=MAX_AGE_SECONDS):
        return False
    try:
        return int(str(answer).strip()) == payload["a"] + payload["b"]
    except ValueError:
        return False
