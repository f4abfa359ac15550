"""Settings for gaoxin, driven by the environment.

Safe production defaults: DEBUG off, a secret key required unless debugging, secure cookies and HSTS unless
debugging. Every variable is named ``GAOXIN_*``; see docs/operations.md.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from gaoxin.core import startup

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


TESTING = "pytest" in sys.modules
DEBUG = env_bool("GAOXIN_DEBUG")
DEMO = env_bool("GAOXIN_DEMO")
DATA_DIR = Path(os.environ.get("GAOXIN_DATA_DIR", Path.cwd() / "var")).resolve()


KEY_FILE = DATA_DIR / "secret_key"


def demo_secret_key() -> str:
    """The demo keeps a random key in its data directory (readable by its owner only), so that sessions survive
    restarts and every later command run on the same data directory finds it."""
    if not KEY_FILE.exists():
        import secrets

        DATA_DIR.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_urlsafe(50))
    if KEY_FILE.stat().st_mode & 0o077:
        KEY_FILE.chmod(0o600)  # a key written by an older version
    return KEY_FILE.read_text().strip()


SECRET_KEY = os.environ.get("GAOXIN_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "gaoxin-insecure-development-key-do-not-use-in-production-0123456789"
    elif DEMO or KEY_FILE.exists():
        # A data directory made by ``gaoxin demo`` is a demo's: every command run on it behaves as the demo.
        DEMO = True
        SECRET_KEY = demo_secret_key()
    else:
        raise ImproperlyConfigured(startup.NO_SECRET_KEY)

ALLOWED_HOSTS = env_list("GAOXIN_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("GAOXIN_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "gaoxin.core",
    "gaoxin.accounts",
    "gaoxin.enterprises",
    "gaoxin.servicedesk",
    "gaoxin.evaluation",
    "gaoxin.projects",
    "gaoxin.investment",
    "gaoxin.api",
    "gaoxin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gaoxin.core.content_security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gaoxin.core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gaoxin.core.request_context.RequestContextMiddleware",
    # after authentication and messages: a refused page form gets the site's error page (core/error.html)
    "gaoxin.core.submitted_text.RefuseUnfitText",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gaoxin" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gaoxin.site.navigation.navigation",
            ],
            # floatformat showing a number its column cannot represent as invalid (loaded after Django's)
            "builtins": ["gaoxin.core.templatetags.numbers"],
        },
    }
]

try:
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ.get("GAOXIN_DATABASE_URL", f"sqlite:///{DATA_DIR / 'gaoxin.sqlite3'}"),
            conn_max_age=int(os.environ.get("GAOXIN_DB_CONN_MAX_AGE", "60")),
        )
    }
except ValueError as error:
    raise ImproperlyConfigured(startup.BAD_DATABASE_URL) from error
if not DATABASES["default"]["NAME"]:
    raise ImproperlyConfigured(startup.BAD_DATABASE_URL)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server and the worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Django's backend, reading a number too large for its decimal column as NaN rather than failing.
    DATABASES["default"]["ENGINE"] = "gaoxin.core.sqlite_backend"
    # tests on an in-memory database, as Django's own backend would (said outright, so that pytest-xdist does not
    # derive per-worker file names from the database's path)
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "gaoxin" / "locale"]
FORMAT_MODULE_PATH = [
    "gaoxin.formats"
]  # thousands separated by commas (zh_Hans has none); see gaoxin/formats
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
# The longest value one field of a form, query or JSON body may carry (a whole scheme); longer is refused with
# the limit stated (core.submitted_text). Model fields refuse less where they hold less.
MAX_SUBMITTED_CHARACTERS = 200_000

# What an uploaded spreadsheet may make the reader do, measured from the file before it is read
# (core.tabular.limits): rows and columns per sheet, cells of all sheets, sheets, unpacked size, compression ratio.
IMPORT_MAX_ROWS = int(os.environ.get("GAOXIN_IMPORT_MAX_ROWS", "200000"))
IMPORT_MAX_COLUMNS = int(os.environ.get("GAOXIN_IMPORT_MAX_COLUMNS", "200"))
IMPORT_MAX_CELLS = int(os.environ.get("GAOXIN_IMPORT_MAX_CELLS", "5000000"))
IMPORT_MAX_SHEETS = int(os.environ.get("GAOXIN_IMPORT_MAX_SHEETS", "100"))
IMPORT_MAX_UNPACKED_MB = int(os.environ.get("GAOXIN_IMPORT_MAX_UNPACKED_MB", "200"))
IMPORT_MAX_RATIO = int(os.environ.get("GAOXIN_IMPORT_MAX_RATIO", "100"))
# A running background job without a sign of life for this long has lost its worker and is given up (core.jobs).
JOB_LEASE_MINUTES = int(os.environ.get("GAOXIN_JOB_LEASE_MINUTES", "10"))

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if env_bool("GAOXIN_TASKS_IMMEDIATE", TESTING)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# The API takes a token (integrations: `Authorization: Token <key>`) or the session of a logged-in user. The token
# class comes first because DRF answers an unauthenticated call with the first class's challenge: 401 with
# `WWW-Authenticate: Token` (a session has no challenge, so it would be 403).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "gaoxin API",
    "DESCRIPTION": (
        "REST API of gaoxin. Authenticate with `Authorization: Token <key>` (the key is on your profile page) "
        "or with the session of a logged-in user; without either, every endpoint answers 401."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"RequestStateEnum": "gaoxin.servicedesk.choices.RequestState"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gaoxin.api.schema.add_error_responses",
    ],
}

EMAIL_BACKEND = os.environ.get("GAOXIN_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("GAOXIN_FROM_EMAIL", "gaoxin@localhost")

# Production hardening (off only while debugging).
SECURE_SSL_REDIRECT = env_bool("GAOXIN_SSL_REDIRECT", not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = not DEBUG and not TESTING
CSRF_COOKIE_SECURE = not DEBUG and not TESTING
SECURE_HSTS_SECONDS = 0 if DEBUG or TESTING else int(os.environ.get("GAOXIN_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("GAOXIN_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_AGE = 8 * 3600

# Login throttling (gaoxin/accounts/login_throttle.py): this many failed logins of one account, or from one
# client address, within the window lock it for the lockout period.
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("GAOXIN_LOGIN_FAILURES_PER_ACCOUNT", "5"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("GAOXIN_LOGIN_FAILURES_PER_ADDRESS", "20"))
LOGIN_FAILURE_WINDOW = dt.timedelta(minutes=int(os.environ.get("GAOXIN_LOGIN_FAILURE_WINDOW_MINUTES", "15")))
LOGIN_LOCKOUT = dt.timedelta(minutes=int(os.environ.get("GAOXIN_LOGIN_LOCKOUT_MINUTES", "15")))
# Behind a proxy every connection comes from the proxy: name the header it puts the client's address in
# (nginx: ``proxy_set_header X-Real-IP $remote_addr;`` → ``HTTP_X_REAL_IP``).
LOGIN_CLIENT_ADDRESS_HEADER = os.environ.get("GAOXIN_CLIENT_ADDRESS_HEADER", "")
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GAOXIN_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The demo deliberately serves on plain HTTP at 127.0.0.1.
if DEMO:
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False
    SECURE_HSTS_SECONDS = 0
