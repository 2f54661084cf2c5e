"""One settings file, driven by the environment, with defaults that are safe in production.

Development (`make run`) sets DEBUG=1; production sets SECRET_KEY, ALLOWED_HOSTS and
DATABASE_URL. See README.md, "Configuration".
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_flag(name, default=False):
    value = os.environ.get(name)
    return default if value is None else value.lower() in {"1", "true", "yes", "on"}


DEBUG = env_flag("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for development).")
    SECRET_KEY = "development-only-not-secret"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "axes",
    "postings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "jobboard.database.DatabaseDeadlineMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jobboard.security.ContentSecurityPolicyMiddleware",
    # Last, as axes asks: it turns a sign-in that axes locked out into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jobboard.urls"
WSGI_APPLICATION = "jobboard.wsgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Database timeouts, in seconds (README, "Faults"). Web requests get a statement timeout,
# enforced by PostgreSQL and, for a server too stalled to enforce it, by the client
# (jobboard/database.py). jobboard/wsgi.py marks the web process before these settings load,
# so migrate, load_seeds and the other commands are never cut short.
WEB_PROCESS = env_flag("JOBBOARD_WEB_PROCESS")
DATABASE_STATEMENT_TIMEOUT = float(os.environ.get("DB_STATEMENT_TIMEOUT", "5"))
# /healthz, and the check of a kept connection before each request's view.
DATABASE_HEALTH_TIMEOUT = float(os.environ.get("DB_HEALTH_TIMEOUT", "2"))
# After a wait ran out, a process answers 503 at once for this long before it tries again.
DATABASE_RETRY_AFTER = float(os.environ.get("DB_RETRY_AFTER", "1"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", int(os.environ.get("DB_CONNECT_TIMEOUT", "3")))
    if WEB_PROCESS and DATABASE_STATEMENT_TIMEOUT:
        statement_timeout = f"-c statement_timeout={int(DATABASE_STATEMENT_TIMEOUT * 1000)}"
        options["options"] = f"{options.get('options', '')} {statement_timeout}".strip()
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many readers and one writer: WAL lets pages be read while the importer writes, the busy
    # timeout makes a second writer wait instead of failing (web requests for no longer than
    # their statement timeout), and memory-mapped reads with a larger page cache keep
    # searches over 100,000 postings off the disk.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": (
            DATABASE_STATEMENT_TIMEOUT
            if WEB_PROCESS and DATABASE_STATEMENT_TIMEOUT
            else float(os.environ.get("SQLITE_BUSY_TIMEOUT", "20"))
        ),
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files that whitenoise serves with far-future cache headers.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# --- cache ---------------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every gunicorn process on every machine), else
# memory local to the process. Public pages are cached under the catalogue version, which
# every write bumps (postings/cache.py), so a cached page is never stale. A Redis that is
# down, slow or full is a cache miss (jobboard/cache.py): pages come from the database.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.25"))
CACHES = {
    "default": (
        {
            "BACKEND": "jobboard.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT,
                "socket_timeout": REDIS_TIMEOUT,
                "RETRY_AFTER": float(os.environ.get("REDIS_RETRY_AFTER", "2")),
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
PAGE_CACHE = env_flag("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Filters, facet counts and the list's order answered from a per-process index of the
# catalogue (postings/catalogue/) instead of SQL counts; off: the SQL forms, which it is tested
# against.
CATALOGUE_INDEX = env_flag("CATALOGUE_INDEX", True)
# On PostgreSQL, hear of every write as it commits (LISTEN/NOTIFY), so that a cached page
# needs no query to know it is current (postings/catalogue/listening.py).
CATALOGUE_LISTEN = env_flag("CATALOGUE_LISTEN", True)

# --- security ------------------------------------------------------------------------------
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto. All of it is off in development.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Staff sign in through the admin; the password-set pages link back to it.
LOGIN_URL = "admin:login"
# Admin sign-in is refused for 15 minutes after 5 failures for the account or from the
# address, counted by django-axes in the database: shared by every worker on every machine,
# Redis or not, and kept across restarts. jobboard/security.py has the callables and the
# sign-in form that makes concurrent attempts take turns.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out attempt unchecked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_USERNAME_CALLABLE = "jobboard.security.login_username"
AXES_CLIENT_IP_CALLABLE = "jobboard.security.client_address"
AXES_LOCKOUT_CALLABLE = "jobboard.security.lockout_response"
AXES_RESET_ON_SUCCESS = False  # the sign-in form resets the account's failures itself
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True  # a refused attempt restarts the wait
# Reverse proxies in front of gunicorn that append to X-Forwarded-For (as gunicorn's
# FORWARDED_ALLOW_IPS trusts them for X-Forwarded-Proto): with 0 the header is ignored.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))

# Tags typed in the admin go through the importer's normalizer, so "#English" and "english"
# are one tag wherever they come from.
TAGGIT_TAGS_FROM_STRING = "postings.tags.parse_tags"
TAGGIT_CASE_INSENSITIVE = True

# Where `load_seeds` looks when given no path.
SEEDS_DIR = BASE_DIR / "seeds"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
