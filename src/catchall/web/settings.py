"""Django settings.

Embedded default: SQLite in ``CATCHALL_HOME`` (a per-user data folder). Multi-user deployment:
set ``DATABASE_URL`` (PostgreSQL), ``CATCHALL_SECRET_KEY``, ``CATCHALL_ALLOWED_HOSTS`` and run
several stateless workers. Importing the settings never writes to disk.
"""

from __future__ import annotations

import os
import secrets
import warnings
from pathlib import Path

import dj_database_url
from platformdirs import user_data_dir

BASE_DIR = Path(__file__).resolve().parent
if not os.environ.get("CATCHALL_HOME") and os.environ.get("PYTEST_VERSION"):
    # A test run never touches the developer's real data folder.
    import tempfile

    os.environ["CATCHALL_HOME"] = tempfile.mkdtemp(prefix="catchall-test-home-")
CATCHALL_HOME = Path(os.environ.get("CATCHALL_HOME") or user_data_dir("catchall", appauthor=False))


def _secret_key() -> str:
    if os.environ.get("CATCHALL_SECRET_KEY"):
        return os.environ["CATCHALL_SECRET_KEY"]
    key_file = CATCHALL_HOME / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    return secrets.token_urlsafe(50)  # per-process; `catchall serve` persists one on first run


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("CATCHALL_DEBUG", "").lower() in ("1", "true", "yes")
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
    "catchall.web.core",
    "catchall.web.classification",
    "catchall.web.accounts",
    "catchall.web.audit",
    "catchall.web.screening",
    "catchall.web.assessment",
    "catchall.web.cases",
    "catchall.web.denials",
    "catchall.web.regime",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
            "OPTIONS": {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
if os.environ.get("PYTEST_VERSION"):
    # Test fixtures create many users; the slow production hasher adds nothing there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
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
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"

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
