"""Production settings for the benchmark only: `make bench` sets DJANGO_SETTINGS_MODULE here.

What differs from production, and why it is safe: the captcha answers "PASSED" (a robot
cannot read our image: the load tool must get through), emails stay in memory, the URLconf
adds a trivial ceiling view, and TLS is not terminated (127.0.0.1, no proxy). It refuses a
database whose name does not contain "bench", so it cannot be pointed at real data.
"""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_ENV", "production")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ["CAPTCHA_TEST_MODE"] = "1"
os.environ["DEV_MAILBOX_ENABLED"] = "0"
if len(os.environ.get("SECRET_KEY", "")) < 50:
    raise ImproperlyConfigured("bench: SECRET_KEY comes from the environment (make bench).")

from apart.settings import *  # noqa: E402,F403
from apart.settings import DATABASES  # noqa: E402

if "bench" not in str(DATABASES["default"].get("NAME", "")):
    raise ImproperlyConfigured("bench: DATABASE_URL must name a benchmark database (…bench…).")

ROOT_URLCONF = "bench.urls"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CAPTCHA_TEST_MODE = True
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
