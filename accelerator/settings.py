"""Settings for the accelerator project, configured by the environment.

Every variable is read once, here or in `settings_backends` (the database and the file
storages, which this module calls), with a default that is safe on a developer's machine,
and documented in `.env.example`. Production is these same files with other values.
"""

import datetime
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .settings_backends import database, file_storages

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
    # Only with DEBUG on (see above); "django-insecure-" makes check --deploy flag it.
    SECRET_KEY = "django-insecure-development-key-never-use-in-production"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin site of the project: Django's, with the staff second factor.
    "accelerator.apps.StaffAdminConfig",
    "accelerator.apps.AcceleratorConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # The footer's legal pages, edited by staff in the admin.
    "django.contrib.sites",
    "django.contrib.flatpages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "dsfr",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # The audit history of applications, reviews, laureates and milestones.
    "simple_history",
    "seasons",
    "laureates",
]
# The benchmark (bench/README.md): its data generator, staff session and /bench/ping view.
# Never on in production: it offers a command that fills the database with fictitious rows.
BENCH = env.bool("BENCH", default=False)
if BENCH:
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    # The security headers first, so that every response gets them, even one made by a
    # middleware further down that failed (the database-down page, for instance).
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accelerator.middleware.PermissionsPolicyMiddleware",
    "accelerator.middleware.PrivatePagesMiddleware",
    "csp.middleware.CSPMiddleware",
    "accelerator.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accelerator.middleware.ChosenLanguageMiddleware",
    # A stored public page is answered here, before the rest (accelerator.page_cache).
    "accelerator.page_cache.PublicPageHitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accelerator.middleware.AbsoluteSessionExpiryMiddleware",
    # Records who made each change kept in the audit history.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
# SQLite by default so a new user needs nothing but Python; PostgreSQL in production. The
# options of each (WAL, the pool, the connection timeout): accelerator.settings_backends.
DATABASES = {"default": database(env, BASE_DIR)}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where a login lands when `?next=` is missing or refused (not /accounts/profile/, a 404).
LOGIN_REDIRECT_URL = "admin:index"
# django-axes watches every login first (it needs the request to count failures).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password guessing: after 5 failures for one account from one address, that pair is
# locked out for 15 minutes and answered with HTTP 429. The pair, not the address alone:
# one guesser must not lock the whole team out. The address is the real client's behind
# the proxies (TRUSTED_PROXY_COUNT), as for the form's rate limits.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "accelerator.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
# The client's address as the rate limits see it too (TRUSTED_PROXY_COUNT, below).
AXES_CLIENT_IP_CALLABLE = "accelerator.client_address.client_address"
# A staff session ends this long after the login, however active it is
# (accelerator.middleware.AbsoluteSessionExpiryMiddleware); the cookie lasts as long.
SESSION_MAX_AGE = env.int("SESSION_MAX_AGE", default=8 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_AGE
SESSION_SAVE_EVERY_REQUEST = False
# Sessions in the database by default. With Redis as CACHE_URL, "cached_db" reads them from
# the cache shared by every instance and still writes them to the database, so that a
# restart of Redis logs nobody out.
SESSION_ENGINE = env.str("SESSION_ENGINE", default="django.contrib.sessions.backends.db")
# The TOTP secret of a device is shown once, when it is created, never again in the admin.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# --- HTTPS and security headers -------------------------------------------------------
# On by default whenever DEBUG is off: HTTP is redirected to HTTPS, cookies are sent over
# HTTPS only and browsers are told (HSTS) to use nothing else for a year.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers probe the health check over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_FAILURE_VIEW = "accelerator.errors.csrf_failure"
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=365 * 24 * 60 * 60 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Behind a reverse proxy that terminates HTTPS, the header it sets to say so, for
# example X-Forwarded-Proto (its value must then be "https"). Empty: no header is trusted.
_proxy_ssl_header = env.str("SECURE_PROXY_SSL_HEADER", default="")
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
# How many reverse proxies (load balancer, nginx…) stand between the visitors and this
# application. Each appends its peer's address to X-Forwarded-For, so the client is the
# entry this many places from the end; the rate limits and the login lockout count per
# client on it (accelerator.client_address). 0: the header is ignored and REMOTE_ADDR is
# the client. Never more than the proxies really in front: entries beyond are the client's.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of the site uses (accelerator.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# Everything comes from this site: the design system ships its assets (no CDN), and the
# pages have no inline script at all, so scripts come only from this site: no nonce, and
# a public page is the same bytes for every visitor (accelerator.page_cache stores it whole).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="fr")
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Public uploads (laureate logos). Applicants' files live in PRIVATE_MEDIA_ROOT, which no
# URL serves: they are only ever sent by permission-checked views.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
# Where uploads go: this machine's disk by default; with several machines, an
# S3-compatible bucket (django-storages) that every instance shares. Public files (logos)
# and applicants' files get two buckets: the private one is never public and its files
# are sent only by permission-checked views, as on disk.
FILE_STORAGE = env.str("FILE_STORAGE", default="filesystem")
STORAGES = {
    **file_storages(env, FILE_STORAGE, PRIVATE_MEDIA_ROOT),
    # Compressed files with hashed names, served by whitenoise from any WSGI server.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# django-dsfr puts on its <link> and <script> tags the sha384 of the files it ships. The
# storage above rewrites the URLs inside the CSS (hashed names), so the served file no longer
# has that hash and browsers refuse it: every page would lose the design system. The files
# come from this site, never a CDN, so integrity checks would protect nothing anyway (who can
# change them can change the page that names them).
DSFR_USE_INTEGRITY_CHECKSUMS = False

# --- Cache -----------------------------------------------------------------------------
# Local memory by default (one process). With several processes or machines use Redis,
# so that rate limits and cached pages are shared: redis://127.0.0.1:6379/1
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # The same, reusing its Redis client (accelerator.cache).
    CACHES["default"]["BACKEND"] = "accelerator.cache.RedisCache"
# Anonymous public pages are kept rendered this many seconds at most (accelerator.page_cache);
# any change to what they show makes them stale at once. 0 turns the page cache off.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)
# Pieces many public pages share (the laureate filters' choices) are kept as long, under
# the same rule, so that a page rendered again (a miss) reads them once. 0 turns them off.
PUBLIC_FRAGMENT_CACHE_SECONDS = env.int("PUBLIC_FRAGMENT_CACHE_SECONDS", default=300)

# --- E-mail ---------------------------------------------------------------------------
# Printed on the console by default; smtp+tls://user:password@host:587 in production.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ne-pas-repondre@localhost")
# Seconds each exchange with the SMTP server may take (connecting, each answer): a server
# that hangs then fails the e-mail, kept and retried, instead of holding a request or the
# `mail` process forever.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# E-mails are stored first (seasons.models.OutboundEmail). On: each is sent right after its
# transaction commits, inside the request. Off: the request only stores it and the `mail`
# process (`manage.py send_queued_emails` every 30 s, see the Procfile) sends it, so that
# no applicant waits for the mail server (docs/deploy.md).
EMAIL_SEND_AT_ONCE = env.bool("EMAIL_SEND_AT_ONCE", default=True)

# --- Program --------------------------------------------------------------------------
# The program this instance runs, shown in the header and used in submission references
# (for example AIC-2023-0042).
PROGRAM_NAME = env.str("PROGRAM_NAME", default="Accélérateur d’initiatives citoyennes")
PROGRAM_TAGLINE = env.str(
    "PROGRAM_TAGLINE",
    default="L’État accompagne les initiatives citoyennes d’intérêt général",
)
REFERENCE_PREFIX = env.str("REFERENCE_PREFIX", default="AIC")
# The staff's authenticator apps label the codes with the program's name.
OTP_TOTP_ISSUER = PROGRAM_NAME
# The State look (Marianne font, "République française" block) is reserved to French State
# services by the DSFR's terms of use: other operators must turn it off.
STATE_BRANDING = env.bool("STATE_BRANDING", default=True)
STATE_BRAND_LINES = env.list("STATE_BRAND_LINES", default=["République", "française"])
OPERATOR_NAME = env.str("OPERATOR_NAME", default="Direction interministérielle du numérique")
# Where people write to the program's team: shown on every call page, on the legal notice,
# personal data and accessibility pages, and at the foot of every e-mail to applicants.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="contact@localhost")
# The hosting provider, which the legal notice must name (law 2004-575, article 6): its name,
# postal address and telephone. Empty: the legal notice says they are still to be given.
HOSTING_PROVIDER_NAME = env.str("HOSTING_PROVIDER_NAME", default="")
HOSTING_PROVIDER_ADDRESS = env.str("HOSTING_PROVIDER_ADDRESS", default="")
HOSTING_PROVIDER_PHONE = env.str("HOSTING_PROVIDER_PHONE", default="")
# The RGAA compliance of the site, shown in the footer as the law requires: "none" until an
# audit ("partial" or "full" after one). The statement itself is a page edited in the admin.
ACCESSIBILITY_COMPLIANCE = env.str("ACCESSIBILITY_COMPLIANCE", default="none")
if ACCESSIBILITY_COMPLIANCE not in {"none", "partial", "full"}:
    raise ImproperlyConfigured("ACCESSIBILITY_COMPLIANCE must be none, partial or full.")
SITE_ID = 1

# --- Applications ----------------------------------------------------------------------
# A form sent sooner than this after it was shown is refused as automated.
APPLICATION_MIN_FILL_SECONDS = env.int("APPLICATION_MIN_FILL_SECONDS", default=3)
# Per client address and per hour: applications sent, and draft links e-mailed.
APPLICATION_SUBMIT_LIMIT = env.int("APPLICATION_SUBMIT_LIMIT", default=10)
APPLICATION_DRAFT_EMAIL_LIMIT = env.int("APPLICATION_DRAFT_EMAIL_LIMIT", default=10)

# --- The laureate teams' space (laureates.space) ------------------------------------------
# A sign-in link is valid this many minutes, once; the session it opens lasts this many
# hours (a working day). Per hour, at most so many links asked per client address and
# per e-mail address. (seasons.sign_in_pages reads the TEAM_SIGN_IN_* ones by their prefix.)
TEAM_SIGN_IN_LINK_MINUTES = env.int("TEAM_SIGN_IN_LINK_MINUTES", default=20)
TEAM_SESSION_HOURS = env.int("TEAM_SESSION_HOURS", default=8)
TEAM_SIGN_IN_CLIENT_LIMIT = env.int("TEAM_SIGN_IN_CLIENT_LIMIT", default=10)
TEAM_SIGN_IN_ADDRESS_LIMIT = env.int("TEAM_SIGN_IN_ADDRESS_LIMIT", default=5)

# --- Outside jurors (seasons.jury) --------------------------------------------------------
# A link asked on the sign-in page is valid this many minutes, the link of an invitation
# this many hours (it may be read days later); each once. The session is Django's, as
# long as staff's (SESSION_MAX_AGE). Per hour, at most so many links asked per client
# address and per e-mail address. (seasons.sign_in_pages reads the JUROR_SIGN_IN_* ones
# by their prefix.)
JUROR_SIGN_IN_LINK_MINUTES = env.int("JUROR_SIGN_IN_LINK_MINUTES", default=20)
JUROR_INVITATION_LINK_HOURS = env.int("JUROR_INVITATION_LINK_HOURS", default=72)
JUROR_SIGN_IN_CLIENT_LIMIT = env.int("JUROR_SIGN_IN_CLIENT_LIMIT", default=10)
JUROR_SIGN_IN_ADDRESS_LIMIT = env.int("JUROR_SIGN_IN_ADDRESS_LIMIT", default=5)
# Personal data of unsuccessful or withdrawn applications is anonymised this many months
# after the last change of their status (the CNIL's example for unsuccessful candidates).
PERSONAL_DATA_RETENTION_MONTHS = env.int("PERSONAL_DATA_RETENTION_MONTHS", default=24)
# Uploads larger than this are written to a temporary file instead of kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A call form's builder posts some 32 fields a question: Django's default of 1,000 fields
# refused (400) the save of the 42-question template; this allows some 300 questions.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Every output masks the applicants' private keys (accelerator.log_privacy). Django's own
# "django" and "django.server" loggers are named here so that their handlers are these.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_private_keys": {"()": "accelerator.log_privacy.MaskPrivateKeys"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_private_keys"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_private_keys"],
        },
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false", "mask_private_keys"],
            "class": "accelerator.log_privacy.MaskingAdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
