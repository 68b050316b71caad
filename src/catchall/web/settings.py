"""Django settings.

Embedded default: SQLite in ``CATCHALL_HOME`` (a per-user data folder). Multi-user deployment:
set ``DATABASE_URL`` (PostgreSQL), ``CATCHALL_SECRET_KEY``, ``CATCHALL_ALLOWED_HOSTS`` and run
several stateless workers; ``CATCHALL_SECURE=1`` behind HTTPS (docs/security.md).
Importing the settings never writes to disk.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from catchall.web.bootstrap import home_dir, read_secret_key


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


BASE_DIR = Path(__file__).resolve().parent
if not os.environ.get("CATCHALL_HOME") and os.environ.get("PYTEST_VERSION"):
    # A test run never touches the developer's real data folder.
    import tempfile

    os.environ["CATCHALL_HOME"] = tempfile.mkdtemp(prefix="catchall-test-home-")
CATCHALL_HOME = home_dir()

# CATCHALL_SECRET_KEY, else CATCHALL_HOME/secret_key, which every `catchall` command creates
# before it loads these settings. Without either this process gets a key of its own (the test
# runner, a one-off django-admin call); catchall.web.wsgi refuses to start that way, since each
# worker of a multi-process server would sign sessions with a different key.
SECRET_KEY = read_secret_key(CATCHALL_HOME)
CATCHALL_SECRET_KEY_PERSISTENT = SECRET_KEY is not None
if SECRET_KEY is None:
    SECRET_KEY = secrets.token_urlsafe(50)

DEBUG = _flag("CATCHALL_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("CATCHALL_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CATCHALL_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "catchall.web.core",
    "catchall.web.classification",
    "catchall.web.accounts",
    "catchall.web.audit",
    "catchall.web.screening",
    "catchall.web.assessment",
    "catchall.web.cases",
    "catchall.web.denials",
    "catchall.web.regime",
    "catchall.web.tokens",
    "catchall.web.notifications",
    "catchall.web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "catchall.web.core.session_renewal.SessionRenewalMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "catchall.web.core.not_allowed.NotAllowedMiddleware",
    # After the CSRF check: a form field or query parameter holding a NUL gets a 422 page.
    "catchall.web.core.bad_characters.RefuseNulMiddleware",
    # Last, as django-axes asks: turns a lockout flagged during authentication into its response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "catchall.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["catchall.web.core.templatetags.catchall_tags"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "catchall.web.core.context.navigation",
            ],
        },
    },
]
WSGI_APPLICATION = "catchall.web.wsgi.application"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": CATCHALL_HOME / "catchall.sqlite3",
            # Each server thread keeps its connection between requests (opening one and
            # setting it up costs a few milliseconds a page); a file has no server to go away.
            "CONN_MAX_AGE": 600,
            # IMMEDIATE: a transaction takes the write lock when it begins, so two writers (web
            # threads, job threads) wait for each other (up to the timeout) instead of failing
            # with "database is locked" when a reading transaction tries to start writing.
            "OPTIONS": {
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL;",
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if os.environ.get("PYTEST_VERSION"):
    # Test fixtures create many users; the slow production hasher adds nothing there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Failed logins (the login page and the API's HTTP Basic auth) are counted per username and
# address; after AXES_FAILURE_LIMIT of them that pair is locked out for AXES_COOLOFF_TIME, and
# after CATCHALL_LOGIN_ADDRESS_FAILURE_LIMIT over every username, the whole address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("CATCHALL_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(
    minutes=int(os.environ.get("CATCHALL_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "catchall.web.core.throttle.AddressAwareHandler"
CATCHALL_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("CATCHALL_LOGIN_ADDRESS_FAILURE_LIMIT", "25")
)
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False
AXES_LOCKOUT_CALLABLE = "catchall.web.core.throttle.lockout_response"
AXES_CLIENT_IP_CALLABLE = "catchall.web.core.throttle.client_ip"
LOGIN_URL = "/login/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = CATCHALL_HOME / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True
# WhiteNoise serves files through the finders; STATIC_ROOT only exists after collectstatic.
warnings.filterwarnings("ignore", message="No directory at")
WHITENOISE_AUTOREFRESH = DEBUG

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# A session ends after a working day without a request: every request renews it, to within
# CATCHALL_SESSION_RENEW_SECONDS (core/session_renewal.py), so a page view writes nothing.
SESSION_COOKIE_AGE = 8 * 60 * 60
# The audit page verifies the events since its last check each time, and the whole chain when
# its last full check is older than this (audit/checkpoint.py).
CATCHALL_AUDIT_FULL_VERIFY_MINUTES = int(os.environ.get("CATCHALL_AUDIT_FULL_VERIFY_MINUTES", "60"))
SESSION_SAVE_EVERY_REQUEST = False
CATCHALL_SESSION_RENEW_SECONDS = int(os.environ.get("CATCHALL_SESSION_RENEW_SECONDS", "300"))

# Content-Security-Policy on every response (django-csp 4): our pages load scripts, styles,
# images and fonts only from this origin; no inline script anywhere. Swagger UI's stylesheet
# draws its icons from data: URIs.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# CATCHALL_SECURE=1: the site is served over HTTPS only (docs/security.md).
CATCHALL_SECURE = _flag("CATCHALL_SECURE")
# CATCHALL_BEHIND_PROXY=1: a reverse proxy terminates TLS, sets X-Forwarded-Proto and appends
# the client's address to X-Forwarded-For (and strips both from what clients send).
CATCHALL_BEHIND_PROXY = _flag("CATCHALL_BEHIND_PROXY")
if CATCHALL_BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if CATCHALL_SECURE:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer's plain-HTTP health probe
    SECURE_HSTS_SECONDS = int(os.environ.get("CATCHALL_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _flag("CATCHALL_HSTS_PRELOAD")
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True
    if not SECURE_HSTS_PRELOAD:
        # Asking browsers to preload HSTS binds the whole domain for years: the domain owner
        # decides that (CATCHALL_HSTS_PRELOAD=1), so its deploy-check reminder is not shown.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CATCHALL_LOG_LEVEL", "WARNING")},
}

# Denial notifications: our government notifies outgoing denials; their default validity.
CATCHALL_GOVERNMENT = os.environ.get("CATCHALL_GOVERNMENT", "DE").strip().upper()
CATCHALL_DENIAL_VALIDITY_YEARS = int(os.environ.get("CATCHALL_DENIAL_VALIDITY_YEARS", "3"))
# Whose law the assessment applies: EU, UK, US, MTCR or the path of the authority's own profile.
CATCHALL_JURISDICTION = os.environ.get("CATCHALL_JURISDICTION", "EU").strip() or "EU"

# E-mail (web/notifications): the console backend prints messages to the server's output until
# an SMTP server is configured. See docs/deployment.md, "E-mail".
_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_BACKENDS.get(
    os.environ.get("CATCHALL_EMAIL_BACKEND", "console").strip().lower(),
    _EMAIL_BACKENDS["console"],
)
EMAIL_HOST = os.environ.get("CATCHALL_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("CATCHALL_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("CATCHALL_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("CATCHALL_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _flag("CATCHALL_EMAIL_USE_TLS")
EMAIL_USE_SSL = _flag("CATCHALL_EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("CATCHALL_EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("CATCHALL_EMAIL_FROM", "catchall <catchall@localhost>")
# The address people reach catchall at, for the links in e-mails.
CATCHALL_SITE_URL = os.environ.get("CATCHALL_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Days an exporter has to answer an information request (reminders count down to it).
CATCHALL_INFORMATION_REQUEST_DAYS = int(os.environ.get("CATCHALL_INFORMATION_REQUEST_DAYS", "14"))
# Scheduled list refresh (web/screening/refresh.py): a download that would shrink a list by
# more than this share is held back, not imported.
CATCHALL_LIST_MAX_SHRINK = float(os.environ.get("CATCHALL_LIST_MAX_SHRINK", "0.2"))
CATCHALL_LIST_FETCH_TIMEOUT = int(os.environ.get("CATCHALL_LIST_FETCH_TIMEOUT", "120"))
# The embedded scheduler (catchall serve): minutes between looks for due refreshes; 0 turns it
# off (then run `catchall lists refresh --due` from cron, or Celery beat).
CATCHALL_SCHEDULER_MINUTES = int(os.environ.get("CATCHALL_SCHEDULER_MINUTES", "15"))
# Background jobs (catchall.web.jobs; docs/deployment.md). CATCHALL_JOBS chooses where they run:
#   celery    Celery workers (`catchall worker`) take them from the broker at CATCHALL_BROKER_URL
#             (redis://127.0.0.1:6379/0 when CATCHALL_JOBS=celery names no URL);
#   embedded  a pool of CATCHALL_JOBS_THREADS threads inside each web or CLI process;
#   inline    in the submitting request itself (the test suite's default).
# Unset: celery when CATCHALL_BROKER_URL is set, else embedded, so ./run.sh needs nothing else.
CATCHALL_BROKER_URL = os.environ.get("CATCHALL_BROKER_URL", "").strip()
CATCHALL_JOBS_MODE = os.environ.get("CATCHALL_JOBS", "").strip().lower() or (
    "celery"
    if CATCHALL_BROKER_URL
    else "inline"
    if os.environ.get("PYTEST_VERSION")
    else "embedded"
)
if CATCHALL_JOBS_MODE not in ("celery", "embedded", "inline"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"CATCHALL_JOBS={CATCHALL_JOBS_MODE!r}: use celery, embedded or inline"
    )
if CATCHALL_JOBS_MODE == "celery" and not CATCHALL_BROKER_URL:
    CATCHALL_BROKER_URL = "redis://127.0.0.1:6379/0"
# The broker queue of this installation (several installations may share one Redis).
CATCHALL_JOBS_QUEUE = os.environ.get("CATCHALL_JOBS_QUEUE", "").strip() or "catchall"
CATCHALL_JOBS_THREADS = int(os.environ.get("CATCHALL_JOBS_THREADS", "2"))
# Parties per part of a batch screening job (each part is a job a worker takes).
CATCHALL_BATCH_PART = int(os.environ.get("CATCHALL_BATCH_PART", "500"))
# Stored PDFs (web/jobs/prune.py) not served for this many days are deleted by the daily
# job pdfs.prune (an issued letter's PDF is kept with the letter and never deleted).
CATCHALL_PDF_KEEP_DAYS = int(os.environ.get("CATCHALL_PDF_KEEP_DAYS", "30"))
if CATCHALL_PDF_KEEP_DAYS < 1:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"CATCHALL_PDF_KEEP_DAYS={CATCHALL_PDF_KEEP_DAYS}: use 1 or more")
