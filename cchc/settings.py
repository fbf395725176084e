"""Settings for CCHC Xã, read from environment variables.

Two modes. Production (DEBUG off, no hosts allowed, a secret key required) is the default of the
WSGI server and of anything that does not say otherwise. ``manage.py`` on a developer's machine runs
in development mode unless ``SECRET_KEY``, ``DEBUG`` or ``CCHC_ENV`` is set (see manage.py), so that
every command in the README works as written; ``CCHC_ENV=production`` forces production.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


# "development" only when manage.py chose it (or a developer said so); never a default of the web server.
CCHC_ENV = env("CCHC_ENV", "production")
if CCHC_ENV not in {"production", "development"}:
    raise ImproperlyConfigured("CCHC_ENV phải là production hoặc development.")
DEBUG = env_bool("DEBUG", CCHC_ENV == "development")
TESTING = env_bool("TESTING", False)  # set by `make test`: plain HTTP, unhashed static files
if TESTING:
    # The suite creates hundreds of accounts; PBKDF2's deliberate second per password buys nothing there.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Đặt biến môi trường SECRET_KEY (hoặc DEBUG=1 / CCHC_ENV=development khi phát triển)."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

# *.localhost resolves to 127.0.0.1, so a developer can open every demo commune's own site.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cchc.core",
    "cchc.communes",
    "cchc.portal",
    "cchc.plans",
    "cchc.procedures",
    "cchc.indices",
    "cchc.surveys",
    "cchc.broadcasts",
    "cchc.contests",
    "cchc.feedback",
    "cchc.workdays",
    "cchc.audit",
    "cchc.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Only for its templates and static files: the API docs load Swagger UI from our own server.
    "ninja",
]

MIDDLEWARE = [
    # First: an anonymous public page comes from the cache with no query and no session, and what it
    # stores carries every header the others add (cchc/core/page_cache.py; cchc/wsgi.py answers hits
    # even before Django).
    "cchc.core.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cchc.audit.context.AuditContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cchc.communes.middleware.CommuneMiddleware",
    "cchc.core.errors.FriendlyErrorPagesMiddleware",
    # Last, so that lockouts see the authenticated user and the commune.
    "axes.middleware.AxesMiddleware",
]

# Under DEBUG, wrong URLs and errors show the Vietnamese pages of production unless this is set.
DJANGO_ERROR_PAGES = env_bool("DJANGO_ERROR_PAGES", False)

ROOT_URLCONF = "cchc.urls"
WSGI_APPLICATION = "cchc.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cchc" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cchc.communes.context_processors.commune",
            ],
        },
    },
]

# SQLite by default (a file beside the code); PostgreSQL when DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'data' / 'cchc.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # WAL lets the web server read while the task worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    INSTALLED_APPS.append("django.contrib.postgres")
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # The same backend, with a health check that needs no round trip while the server has not
        # ended the connection (cchc/core/postgres/base.py).
        DATABASES["default"]["ENGINE"] = "cchc.core.postgres"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "cchc.communes.backends.CommuneRoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Login rate limit: after AXES_FAILURE_LIMIT failures for one user name from one address,
# that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = int(env("AXES_COOLOFF_MINUTES", "15")) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "communes/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
PROXY_COUNT = int(env("PROXY_COUNT", "0"))
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT or None

LANGUAGE_CODE = "vi"
FORMAT_MODULE_PATH = ["cchc.core.formats"]  # day-first date input (cchc/core/formats/vi/formats.py)
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "data" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "data" / "media")))
# Evidence and uploaded plans: outside MEDIA_ROOT, served only through a view that checks the commune.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "data" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Speech engines of the commune radio (cchc/broadcasts/speech.py): espeak-ng is the offline default;
# Piper gives a natural voice once PIPER_VOICE points at an .onnx voice file on this server.
ESPEAK_COMMAND = env("ESPEAK_COMMAND", "espeak-ng")
PIPER_COMMAND = env("PIPER_COMMAND", "piper")
PIPER_VOICE = env("PIPER_VOICE", "")
RADIO_FEEDBACK_PER_HOUR_PER_IP = int(env("RADIO_FEEDBACK_PER_HOUR_PER_IP", "20"))
SEARCH_LOGS_PER_HOUR_PER_IP = int(env("SEARCH_LOGS_PER_HOUR_PER_IP", "120"))
# How often a process asks the database whether the procedure catalogue changed (a procedure saved in this
# process is seen at once); 0 in tests, whose query counts include the question.
SEARCH_INDEX_RECHECK_SECONDS = 0.0 if TESTING else 2.0

# Legal-knowledge contests (cchc/contests/entering.py): the key of the entrants' number hashes (set once:
# changing it means returning entrants are not recognised) and the new papers one address may draw per round.
CONTEST_IDENTITY_KEY = env("CONTEST_IDENTITY_KEY", "")
CONTEST_STARTS_PER_HOUR_PER_IP = int(env("CONTEST_STARTS_PER_HOUR_PER_IP", "600"))

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages",
              "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_MAX_ENTRIES", "2000"))}},
}  # fmt: skip
if env("REDIS_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
# Anonymous public pages (cchc/core/page_cache.py): on unless testing; PAGE_CACHE_SECONDS bounds staleness.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", not TESTING)
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_GENERATIONS_DIR = Path(env("PAGE_CACHE_GENERATIONS_DIR", str(BASE_DIR / "data" / "page-cache")))

WAGTAIL_SITE_NAME = "CCHC Xã"
# The page model of a new commune's home page ("app_label.Model"); `communes` names no app itself.
CCHC_COMMUNE_HOME_PAGE = "portal.HomePage"
WAGTAILADMIN_PATH = "quan-tri"
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILADMIN_USER_LOGIN_FORM = "cchc.communes.forms.OfficialLoginForm"
WAGTAILADMIN_BASE_URL = env("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_USER_EDIT_FORM = "wagtail.users.forms.UserEditForm"
# "simple": no English stemming of (folded) Vietnamese words on PostgreSQL; see portal/search.py.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True  # tag slugs without tones: «một cửa» → mot-cua
WAGTAIL_MODERATION_ENABLED = True

# Behind nginx in production; these are checked by `manage.py check --deploy`.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail shows the live preview of a page in a frame of the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SESSION_COOKIE_AGE = 60 * 60 * 12

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Officials all work in Vietnam's time; Wagtail's "localtime" choice breaks its date pickers.
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]
