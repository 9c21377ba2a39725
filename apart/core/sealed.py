"""Secrets kept for a few seconds between a web request and its background work.

A value is **sealed** (encrypted and authenticated: Fernet, AES-128-CBC + HMAC-SHA256)
with a key derived from `SECRET_KEY` and a purpose, so that a copy of the database alone
reads nothing, and a value sealed for one purpose never opens for another. The keys of
`SECRET_KEY_FALLBACKS` still open what was sealed before a key rotation, so a request
waiting in the database through a rotation is still processed.
"""

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

__all__ = ["InvalidToken", "seal", "unseal"]


def seal(value: str, *, purpose: str) -> str:
    return _ciphers_in_force(purpose).encrypt(value.encode()).decode()


def unseal(token: str, *, purpose: str) -> str:
    """The value; `InvalidToken` when no key in force sealed it for this purpose."""
    return _ciphers_in_force(purpose).decrypt(token.encode()).decode()


def _ciphers_in_force(purpose: str) -> MultiFernet:
    return _ciphers(settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS), purpose)


@lru_cache(maxsize=16)
def _ciphers(secret: str, fallbacks: tuple[str, ...], purpose: str) -> MultiFernet:
    """Seals with the current key, opens with it or a fallback (derived once per process)."""
    return MultiFernet([Fernet(_key(key, purpose)) for key in (secret, *fallbacks)])


def _key(secret: str, purpose: str) -> bytes:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"apart.core.sealed", info=purpose.encode()
    ).derive(secret.encode())
    return base64.urlsafe_b64encode(derived)
