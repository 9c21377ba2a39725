"""Test settings: the base settings with fast hashing, eager tasks and the test captcha."""

import os

os.environ.setdefault("CAPTCHA_TEST_MODE", "1")
os.environ.setdefault("DEV_MAILBOX_ENABLED", "1")

from apart.settings import *  # noqa: E402,F403
from apart.settings import CACHES, REDIS_URL  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CAPTCHA_TEST_MODE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "apart.core.storage.PrivateInMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if REDIS_URL:
    # Tests clear the cache (FLUSHDB): each xdist worker gets a Redis database of its own,
    # counted from the URL's database so that two checkouts can share one Redis.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    _base, _sep, _db = REDIS_URL.rstrip("/").rpartition("/")
    _redis_db = int(_db) + 1 + int(_worker or 0) if _db.isdigit() else None
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"{_base}/{_redis_db}" if _redis_db else REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AXES_ENABLED = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
