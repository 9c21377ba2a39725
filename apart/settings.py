"""Settings of APART, read from the environment with safe defaults for development.

`DJANGO_ENV=production` turns on the production guard rails: a real SECRET_KEY and
ALLOWED_HOSTS are required, cookies are secure, HSTS is sent and the development
mailbox is off.
"""

import re
import shutil
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from apart.core.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(envstr("APART_VAR_DIR", str(BASE_DIR / "var")))
# Folders of the local, server-less setup (SQLite file, embedded broker, beat schedule).
# Importing the settings creates nothing (a read-only image imports them too): manage.py
# creates these before any command (`make run` goes through it).
LOCAL_DIRECTORIES = [VAR_DIR]

DJANGO_ENV = envstr("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"
DEVELOPMENT_SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

SECRET_KEY = envstr("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = envbool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")


def looks_random(key: str) -> bool:
    """50+ characters, many distinct ones, none dominating, no long run: what a random
    generator gives, not "x" * 60 or a word padded with one letter (issue 10, hole 8)."""
    if len(key) < 50 or len(set(key)) < 20:
        return False
    most_common = max(key.count(char) for char in set(key))
    longest_run = max(len(run.group(0)) for run in re.finditer(r"(.)\1*", key))
    return most_common <= len(key) // 8 and longest_run <= 3


def check_production_settings() -> None:
    """Refuse to start a production server on development secrets."""
    if not PRODUCTION:
        return
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or not looks_random(SECRET_KEY):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of 50+ characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("ALLOWED_HOSTS must name the hosts the portal serves.")
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off in production.")


check_production_settings()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "widget_tweaks",
    "dsfr",
    "captcha",
    "axes",
    "anymail",
    "apart",
    "accounts",
    "establishments",
    "habilitations",
    "dap",
    "indemnisation",
    "support",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "apart.guards.HostileInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "apart.middleware.SlidingSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "apart.middleware.LoginPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "apart.middleware.MaintenanceModeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "accounts.middleware.ForcePasswordChangeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "apart.urls"
WSGI_APPLICATION = "apart.wsgi.application"
LOGIN_URL = "home"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apart.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'apart.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portal's statements are short look-ups, many at once: a parallel plan takes cores
    # from the other requests, and PostgreSQL picked one (a parallel scan of every
    # establishment, 85 ms) over the département index (3 ms) once its statistics were fresh.
    # Empty to pass nothing (a pooler that refuses startup options).
    options = envstr("DATABASE_SESSION_OPTIONS", "-c max_parallel_workers_per_gather=0")
    if options:
        DATABASES["default"]["OPTIONS"] = {"options": options}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file: wait for locks instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = envstr("REDIS_URL")
if REDIS_URL:
    # Redis down must not take the portal down: the cache answers "nothing cached" and
    # counters fail open, every business row being in PostgreSQL (apart.core.cache).
    CACHES = {"default": {"BACKEND": "apart.core.cache.TolerantRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_USER_MODEL = "accounts.User"
# axes first (it refuses a locked client before any hashing), then the password and the
# habilitation policy (login refusal, rights on establishments).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "habilitations.backends.HabilitationBackend",
]
PASSWORD_HASHERS = [
    "accounts.hashers.TunedArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "accounts.validators.AspPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
PRIVATE_ROOT = Path(envstr("PRIVATE_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Bank documents (RIB): never under MEDIA_ROOT, no URL (apart.core.storage).
    "private": {
        "BACKEND": "apart.core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Outside production whitenoise serves straight from the apps' static folders.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION

# Request bodies (issue 10): the largest legitimate POST is a fiche with its 1 MB RIB, or a
# DAP with 3 documents of 400 KB; anything declaring more is refused before it is read
# (apart.guards). Non-file fields are bounded by Django itself.
MAX_REQUEST_BODY_BYTES = envint("MAX_REQUEST_BODY_BYTES", 3 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5

# Sessions: idle sessions expire after 30 minutes. SlidingSessionMiddleware re-saves a
# session at most once a minute to slide the window (saving on every request cost a write
# per page). With Redis, sessions are read from the cache and written through to the
# database, so they survive a Redis outage or flush.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_TOUCH_SECONDS = 60
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Email: django-anymail in production (ESP chosen by ANYMAIL_BACKEND), the outbox and
# the development mailbox otherwise.
EMAIL_BACKEND = envstr(
    "EMAIL_BACKEND",
    "anymail.backends.brevo.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.locmem.EmailBackend",
)
ANYMAIL = {"BREVO_API_KEY": envstr("BREVO_API_KEY"), "MAILJET_API_KEY": envstr("MAILJET_API_KEY")}
DEFAULT_FROM_EMAIL = envstr(
    "DEFAULT_FROM_EMAIL", "Agence de Services et de Paiement <noreply@asp-public.fr>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SUPPORT_EMAIL = envstr("SUPPORT_EMAIL", "contact-ap@asp-public.fr")
DEV_MAILBOX_ENABLED = envbool("DEV_MAILBOX_ENABLED", default=not PRODUCTION) and not PRODUCTION
OUTBOX_MAX_ATTEMPTS = envint("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_SWEEP_AFTER_SECONDS = envint("OUTBOX_SWEEP_AFTER_SECONDS", 120)
# A sweep stops claiming after this long: about the beat interval, well under the task's
# soft time limit. A backlog outlasting it is taken on by the next sweeps, side by side.
OUTBOX_SWEEP_BUDGET_SECONDS = envint("OUTBOX_SWEEP_BUDGET_SECONDS", 50)
# Emails holding a secret: their body is erased once sent (outside development).
OUTBOX_SENSITIVE_TEMPLATES = {"asp_mot_de_passe", "password_reset"}
# The reset link comes from the ASP's validation sender (seed 002, « Réinitialisation de
# votre mot de passe »: "Agence de Services et de Paiement (Validation)").
OUTBOX_FROM_EMAILS = {
    "password_reset": envstr(
        "VALIDATION_FROM_EMAIL",
        "Agence de Services et de Paiement (Validation) <no-reply@asp-public.fr>",
    )
}
PORTAL_BASE_URL = envstr("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Celery: Redis when REDIS_URL is set, else an embedded filesystem broker so that the
# worker and beat of `make run` need no server.
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # An unacknowledged task (its worker was killed) comes back after this many seconds;
    # longer than the longest task (time limit), the work being idempotent anyway.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": envint("CELERY_VISIBILITY_TIMEOUT", 3600)
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        # kombu's exchange tables (its default is ./control, in whatever folder it runs).
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    LOCAL_DIRECTORIES += [_broker_dir / "out", _broker_dir / "processed", _broker_dir / "control"]
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_DEFAULT_QUEUE = envstr("CELERY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# A hung task frees its pool process (issue 10, hole 9): SoftTimeLimitExceeded after 2
# minutes (the task may clean up), the process is killed after 3; acks_late + reject on
# worker lost put the message back, and the work is idempotent.
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 120)
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 180)
# Stamped by apart.tasks.worker_heartbeat from the worker's pool; read by
# `manage.py worker_alive` (docker-compose healthcheck of the worker).
WORKER_HEARTBEAT_FILE = envstr("WORKER_HEARTBEAT_FILE", str(VAR_DIR / "worker-heartbeat"))
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The one schedule of the portal (read by a test).
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {"task": "apart.core.tasks.worker_heartbeat", "schedule": 30.0},
    "outbox-sweep": {
        "task": "apart.core.tasks.sweep_outbox",
        "schedule": float(envint("OUTBOX_SWEEP_EVERY_SECONDS", 60)),
    },
    "captcha-purge": {"task": "apart.core.tasks.purge_expired_captchas", "schedule": 300.0},
    "account-requests-sweep": {
        "task": "habilitations.tasks.sweep_account_requests",
        "schedule": float(envint("ACCOUNT_REQUESTS_SWEEP_EVERY_SECONDS", 120)),
        "kwargs": {"older_than_seconds": envint("ACCOUNT_REQUESTS_SWEEP_AFTER_SECONDS", 60)},
    },
    # Seed 003: « Le batch tourne à 6h et 20h chaque jour ouvré ». Beat fires every day;
    # the task skips weekends and French public holidays (dap.batching).
    "dap-tacit-acceptance": {
        "task": "dap.tasks.scheduled_tacit_batch",
        "schedule": crontab(hour="6,20", minute=0),
    },
    # The DI batch (72 h after filing) shares the schedule and machinery of dap.batching.
    "di-validation": {
        "task": "indemnisation.tasks.scheduled_validation_batch",
        "schedule": crontab(hour="6,20", minute=0),
    },
}

# Captcha: 8-character image code with audio; the arithmetic challenge is a form of ours.
CAPTCHA_LENGTH = 8
CAPTCHA_CHARS = "abcdefghjkmnpqrstuvwxyz23456789"
CAPTCHA_TIMEOUT = 20
CAPTCHA_IMAGE_SIZE = (200, 50)
CAPTCHA_FONT_SIZE = 30
# Audio version: our wrapper speaks French with espeak-ng (flite, English only, as a
# fallback); without either voice the widget offers no audio link.
CAPTCHA_FLITE_PATH = envstr("CAPTCHA_FLITE_PATH") or (
    str(BASE_DIR / "apart" / "bin" / "captcha-voice")
    if shutil.which("espeak-ng") or shutil.which("flite")
    else None
)
CAPTCHA_TEST_MODE = envbool("CAPTCHA_TEST_MODE", False)

# Login throttling (django-axes): per identifiant and per address, never permanent.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# Reverse proxies in front of the portal (the TLS proxy of production: 1). The client's
# address is read from X-Forwarded-For through them (apart.core.client_ip), for axes too.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", envint("AXES_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "apart.core.client_ip.client_ip"

DSFR_MARK_OPTIONAL_FIELDS = True
# django-dsfr's DsfrBaseForm returns its renderer *class* while FORM_RENDERER is Django's
# default, so every form built a new template engine and re-parsed every widget template
# on every request. Named here, it is instantiated once per process (get_default_renderer
# is cached) with the same template directories (dsfr's, then Django's forms).
FORM_RENDERER = "dsfr.forms.DsfrDjangoTemplates"

# Domain settings.
HABILITATION_DEFAULT_DAYS = 365
MAX_ESTABLISHMENTS_PER_MANAGER = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- accounts (issue 4) ---
# A failure during a lockout does not extend it: the lockout page can say exactly when to
# try again, and an attacker cannot keep an identifiant locked beyond 15 minutes per burst.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False

# Espace documentaire of a DAP (seed 003: « limité à 3 pièces jointes de 400ko chacune »).
DAP_DOCUMENTS_MAX_COUNT = envint("DAP_DOCUMENTS_MAX_COUNT", 3)
DAP_DOCUMENT_MAX_BYTES = envint("DAP_DOCUMENT_MAX_BYTES", 400 * 1024)
# Connections the tacit-acceptance batch uses on PostgreSQL (one per core of the server).
DAP_BATCH_WORKERS = envint("DAP_BATCH_WORKERS", 2)
# Requests (queue, lists) shown per page.
DAP_PAGE_SIZE = 20
# Establishments listed under « Saisir une demande d'autorisation » (a SIRET finds the others).
DAP_NEW_REQUEST_SHOWN = 50
