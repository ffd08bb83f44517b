"""Settings for the accelerator project: one module, configured by the environment.

Every variable is read here once, with a default that is safe on a developer's machine,
and documented in `.env.example`. Production is this same file with other values.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A `.env` file beside manage.py is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is only acceptable while DEBUG is on: with DEBUG off the project
# refuses to start rather than sign sessions and tokens with a key anyone can read.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example), "
            "or set DEBUG=true on a development machine."
        )
    SECRET_KEY = "django-insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "dsfr",
    "seasons",
    "laureates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accelerator.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "accelerator.urls"
WSGI_APPLICATION = "accelerator.wsgi.application"
ASGI_APPLICATION = "accelerator.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accelerator.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# SQLite by default so a new user needs nothing but Python; PostgreSQL in production.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
_db = DATABASES["default"]
if _db["ENGINE"] == "django.db.backends.sqlite3":
    _db.setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers work while one process writes; IMMEDIATE takes the write
            # lock at BEGIN, so concurrent writers queue instead of failing with
            # "database is locked" when they upgrade a read lock mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        }
    )
    # Tests use a file too, not SQLite's shared in-memory database: that one answers
    # "table is locked" to concurrent writers instead of queueing them as a file does.
    _db.setdefault("TEST", {}).setdefault("NAME", str(BASE_DIR / "db-test.sqlite3"))
elif _db["ENGINE"] == "django.db.backends.postgresql" and env.bool("DATABASE_POOL", default=True):
    # Django's own psycopg 3 connection pool (persistent connections must then be off).
    _db["CONN_MAX_AGE"] = 0
    _db.setdefault("OPTIONS", {})["pool"] = {
        "min_size": env.int("DATABASE_POOL_MIN_SIZE", default=1),
        "max_size": env.int("DATABASE_POOL_MAX_SIZE", default=10),
        "timeout": 10,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="fr")
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Public uploads (laureate logos). Applicants' files live in PRIVATE_MEDIA_ROOT, which no
# URL serves: they are only ever sent by permission-checked views.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    # Compressed files with hashed names, served by whitenoise from any WSGI server.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- Cache -----------------------------------------------------------------------------
# Local memory by default (one process). With several processes or machines use Redis,
# so that rate limits and cached pages are shared: redis://127.0.0.1:6379/1
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- E-mail ---------------------------------------------------------------------------
# Printed on the console by default; smtp+tls://user:password@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ne-pas-repondre@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Program --------------------------------------------------------------------------
# The program this instance runs, shown in the header and used in submission references
# (for example AIC-2023-0042).
PROGRAM_NAME = env.str("PROGRAM_NAME", default="Accélérateur d’initiatives citoyennes")
PROGRAM_TAGLINE = env.str(
    "PROGRAM_TAGLINE",
    default="L’État accompagne les initiatives citoyennes d’intérêt général",
)
REFERENCE_PREFIX = env.str("REFERENCE_PREFIX", default="AIC")
# The State look (Marianne font, "République française" block) is reserved to French State
# services by the DSFR's terms of use: other operators must turn it off.
STATE_BRANDING = env.bool("STATE_BRANDING", default=True)
STATE_BRAND_LINES = env.list("STATE_BRAND_LINES", default=["République", "française"])
OPERATOR_NAME = env.str("OPERATOR_NAME", default="Direction interministérielle du numérique")

# --- Applications ----------------------------------------------------------------------
# A form sent sooner than this after it was shown is refused as automated.
APPLICATION_MIN_FILL_SECONDS = env.int("APPLICATION_MIN_FILL_SECONDS", default=3)
# Per client address and per hour: applications sent, and draft links e-mailed.
APPLICATION_SUBMIT_LIMIT = env.int("APPLICATION_SUBMIT_LIMIT", default=10)
APPLICATION_DRAFT_EMAIL_LIMIT = env.int("APPLICATION_DRAFT_EMAIL_LIMIT", default=10)
# Uploads larger than this are written to a temporary file instead of kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
