"""Settings of Nastavnik: everything is declared here and read from the environment.

DJANGO_ENV chooses the defaults of a world (development, test, production); every
value can still be overridden by its own variable. See README.md for the list.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from mentorship.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_choice("DJANGO_ENV", "development", ("development", "test", "production"))
TESTING = DJANGO_ENV == "test"
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env_bool("DEBUG", DJANGO_ENV == "development")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING:
        # Only for a developer's machine and the test suite: never served to the network.
        SECRET_KEY = "insecure-development-key-" + DJANGO_ENV  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if not PRODUCTION else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Django's admin with our site: only superusers get in (mentorship/admin_site.py).
    "mentorship.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "import_export",
    "simple_history",
    "django_tasks",
    "axes",
    "csp",
    "mentorship",
    "roadmap",
    "surveys",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mentorship.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, not on PDFs
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "mentorship.middleware.OneTimePasswordMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out log-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mentorship.urls"
WSGI_APPLICATION = "mentorship.wsgi.application"
ASGI_APPLICATION = "mentorship.asgi.application"

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
                "mentorship.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60 if PRODUCTION else 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "mentorship.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# django-axes checks every log-in first; Django's backend then checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend with the answers kept in the cache (mentorship/access.py).
    "mentorship.access.CachedModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Outside production WhiteNoise serves straight from the finders: no collectstatic needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.locmem.EmailBackend"
    if TESTING
    else (
        "django.core.mail.backends.smtp.EmailBackend"
        if PRODUCTION
        else "django.core.mail.backends.console.EmailBackend"
    ),
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "nastavnik@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people open from letters, calendars and reminders (no request to read it from).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The cache holds what every request would otherwise ask the database (sessions, roles and
# permissions, the school's name, the dashboard's figures) and the throttle counters. All
# gunicorn workers must share it, so production keeps it in files (VAR_DIR/cache; Redis at
# CACHE_URL=redis://… with the `redis` package); one process may keep it in memory (locmem).
CACHE_BACKEND = env_choice(
    "CACHE_BACKEND", "file" if PRODUCTION else "locmem", ("file", "locmem", "redis")
)
_CACHE_BACKENDS = {
    "file": (
        "django.core.cache.backends.filebased.FileBasedCache",
        env_str("CACHE_DIR", str(VAR_DIR / "cache")),
    ),
    "locmem": ("django.core.cache.backends.locmem.LocMemCache", "nastavnik"),
    "redis": ("django.core.cache.backends.redis.RedisCache", env_str("CACHE_URL", "")),
}
CACHES = {
    "default": {
        "BACKEND": _CACHE_BACKENDS[CACHE_BACKEND][0],
        "LOCATION": _CACHE_BACKENDS[CACHE_BACKEND][1],
        "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "nastavnik"),
        # Culling lists the whole folder of the file cache: keep it rare (a session is a file).
        "OPTIONS": {} if CACHE_BACKEND == "redis" else {"MAX_ENTRIES": 100_000},
    }
}
if CACHE_BACKEND == "redis" and not CACHES["default"]["LOCATION"]:
    raise ImproperlyConfigured("CACHE_BACKEND=redis needs CACHE_URL (redis://host:6379/0).")
# A session is read from the shared cache and written through to the database; with a cache
# of one process (locmem) a session ended in one worker would live on in another.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.db"
    if CACHE_BACKEND == "locmem"
    else "django.contrib.sessions.backends.cached_db"
)

SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", PRODUCTION)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
if env_bool("SECURE_PROXY_SSL_HEADER", PRODUCTION):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # the document preview alone allows its own pages (SAMEORIGIN)

# Behind a reverse proxy (the production default) the client's address is the last one the
# proxy adds to X-Forwarded-For; log-in lockouts and link throttling count per that address.
TRUSTED_PROXY_COUNT = env_int(
    "TRUSTED_PROXY_COUNT", 1 if env_bool("SECURE_PROXY_SSL_HEADER", PRODUCTION) else 0
)

# Content-Security-Policy (django-csp): scripts only from our static files, never inline.
# Styles: <style> elements and stylesheets only from us (style-src-elem); style="" attributes
# stay allowed (style-src-attr) because progress bars and print columns set computed widths;
# browsers without CSP level 3 fall back to style-src, which therefore allows them too.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "style-src-elem": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],  # the document preview: 'self' (reports/views/documents.py)
    }
}

# Log-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is locked for AXES_COOLOFF_MINUTES; a success clears the count.
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_MINUTES = env_int("AXES_COOLOFF_MINUTES", 30)
if AXES_FAILURE_LIMIT < 1 or AXES_COOLOFF_MINUTES < 1:
    # Zero minutes would mean «locked for good» to django-axes: not what anybody means by 0.
    raise ImproperlyConfigured("AXES_FAILURE_LIMIT and AXES_COOLOFF_MINUTES must be at least 1.")
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The page promises 30 minutes: trying again while locked does not start them over.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "mentorship.throttling.login_locked_out"  # registration/locked.html
AXES_CLIENT_IP_CALLABLE = "mentorship.throttling.client_ip"
AXES_VERBOSE = False  # no start-up banner in every manage.py run (cron mails its output)

# Background tasks (the django-tasks backport of Django 6's django.tasks). The immediate
# backend runs a task in the caller's process: enough for the daily reminders, which cron
# starts with `manage.py send_reminders` (README, «Напоминания»); no worker to keep alive.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The monitoring dashboard's indicators are computed once a minute per year (kept in the
# shared cache): the page is opened again and again, and a year's numbers move slowly. 0: off.
DASHBOARD_CACHE_SECONDS = env_int("DASHBOARD_CACHE_SECONDS", 0 if TESTING else 60)

# The throughput benchmark's baseline page (tests/bench/bench_throughput.py): a bare view at
# /bench/bare/ that renders a template from one query. Off unless the benchmark turns it on.
BENCH_BARE_VIEW = env_bool("BENCH_BARE_VIEW", False)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every rendering step at INFO; only its warnings matter to us.
    "loggers": {
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pymorphy3": {"level": "WARNING"},
    },
}
