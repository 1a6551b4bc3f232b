"""Settings shared by every environment; secrets and endpoints come from the environment."""

import os
from pathlib import Path

import dj_database_url

from cms.core.profiles import all_profiles
from cms.translations.config import machine_translator_from_env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
THEME_DIR = BASE_DIR / "themes" / os.environ.get("THEME", "default")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

# Plugins: the union of what the site profiles enable, or the PLUGINS environment variable.
PLUGINS = env_list("PLUGINS") or sorted(
    {name for profile in all_profiles() for name in profile.plugins}
)
INSTALLED_PLUGINS = [
    f"plugins.{name}" for name in PLUGINS if (BASE_DIR / "plugins" / name / "apps.py").exists()
]

INSTALLED_APPS = [
    "cms.core",
    "cms.home",
    "cms.pages",
    "cms.navigation",
    "cms.accounts",
    "cms.news",
    "cms.archive",
    "cms.actionplans",
    "cms.translations",
    "cms.search",
    "cms.alerts",
    "cms.frontcache",
    "cms.ops",
    "fixtures",
    *INSTALLED_PLUGINS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
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
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "cms.ops.middleware.RequestIdMiddleware",
    "cms.ops.replica.ReplicaMiddleware",
    "cms.ops.middleware.HealthCheckMiddleware",
    # Runs (almost) last on the response: sees every cookie and session use, and the
    # compressed bytes nginx keeps (in its cache and the page store).
    "cms.frontcache.middleware.FrontCacheMiddleware",
    # Compresses for a client that takes gzip; nginx asks for it on every request, so its
    # cache keeps each page once, compressed (site/deploy/nginx.conf).
    "django.middleware.gzip.GZipMiddleware",
    "cms.core.middleware.SharedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "cms.core.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.core.middleware.SiteLocaleMiddleware",
    "cms.ops.guard.RateLimitGuardMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEME_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms.core.context_processors.municipality",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, anything dj-database-url reads from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        # A kept connection is tested before each request: a restarted PostgreSQL is
        # reconnected to without restarting the site.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# A PostgreSQL read replica for anonymous readers' queries (cms.ops.replica).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    # An unreachable replica costs a reader at most this long before the primary answers.
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASE_ROUTERS = ["cms.ops.replica.ReplicaRouter"]
# Reads go to the primary for this long after the replica failed (then it is tried again),
# and for a browser that has just sent a form without signing in (it reads back its answer).
REPLICA_RETRY_SECONDS = int(os.environ.get("REPLICA_RETRY_SECONDS", "30"))
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory, or Redis when REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        },
        # Each process's own copy of the parts kept with the page frame (cms.core.chrome):
        # their keys carry the frame's token, so a copy is never stale, and it saves the
        # round trip to Redis.
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
    # Pages render without Redis; the outage is logged (once: cms.ops.logging).
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English plus each municipality's language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("uk", "Українська"),
    ("sk", "Slovenčina"),
    ("bg", "Български"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# The theme's strings, and Slovak and Bulgarian for wagtail-localize's editor (upstream: 3-4%).
LOCALE_PATHS = [
    THEME_DIR / "locale",
    BASE_DIR / "cms" / "translations" / "admin_catalog" / "locale",
]
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation: off unless LIBRETRANSLATE_URL or DEEPL_AUTH_KEY is set.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = machine_translator_from_env(os.environ)
WAGTAIL_ALLOW_UNICODE_SLUGS = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [THEME_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # S3-compatible object storage (django-storages is installed by the deployment).
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

# Email: console locally; SMTP from EMAIL_URL-style variables in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# What the task worker sends queued mails with (cms.ops.mail.QueuedEmailBackend).
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Hromada <noreply@localhost>")

# Search: the database backend, or Elasticsearch when its endpoint is set.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if os.environ.get("ELASTICSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        "URLS": [os.environ["ELASTICSEARCH_URL"]],
        "INDEX": os.environ.get("ELASTICSEARCH_INDEX", "hromada"),
        "TIMEOUT": 5,
        # Lemmas are computed in Python (cms.search.lemmas): split on spaces, lowercase only.
        "INDEX_SETTINGS": {
            "settings": {
                "analysis": {
                    "analyzer": {
                        "hromada_lemmas": {
                            "type": "custom",
                            "tokenizer": "whitespace",
                            "filter": ["lowercase"],
                        }
                    }
                }
            }
        },
    }

# Background work: immediate by default, the database queue when TASKS_BACKEND=database.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if os.environ.get("TASKS_BACKEND") == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# The front cache (site/deploy/nginx.conf): its purge endpoint, purged exactly by
# cms.frontcache after each change; each purge request waits at most FRONT_CACHE_TIMEOUT s.
FRONT_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
FRONT_CACHE_TIMEOUT = float(os.environ.get("FRONT_CACHE_TIMEOUT", "2"))
# The page store (cms.frontcache.store): the folder nginx sends stored pages from (empty: no
# store, pages are kept by proxy_cache alone) and nginx's include of the headers it adds.
FRONT_PAGE_STORE = os.environ.get("FRONT_PAGE_STORE", "")
FRONT_PAGE_STORE_HEADERS = os.environ.get(
    "FRONT_PAGE_STORE_HEADERS", str(BASE_DIR / "site" / "deploy" / "nginx-stored-pages.conf")
)
# How long a shared cache may keep an anonymous page (Cache-Control s-maxage).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
SITE_PORT = int(os.environ.get("SITE_PORT", "80"))

SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (cms.core.headers): the public site runs no script and no inline
# style; images and media from object storage need their origin in CSP_MEDIA_SOURCES.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_MEDIA_SOURCES")],
        "media-src": ["'self'", *env_list("CSP_MEDIA_SOURCES")],
        "frame-src": env_list("CSP_FRAME_SOURCES") or ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Wagtail's admin still has inline scripts and styles, previews pages in a frame and shows
# avatars and embeds from elsewhere.
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],
        "media-src": ["'self'", "blob:", "https:"],
        "frame-src": ["'self'", "https:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Citizen accounts (django-allauth): email log-in, mandatory verification, allauth's rate
# limits (its defaults, on). Citizens are never staff; editors sign in at /admin/.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
# A page restricted to signed-in citizens (or a group) sends the visitor to the citizens'
# sign-in, not to Wagtail's bare login form.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "accounts:home"
ACCOUNT_ADAPTER = "cms.accounts.adapter.CitizenAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "cms.accounts.forms.SignupExtraForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_USER_DISPLAY = "cms.accounts.models.display_name"
ACCOUNT_PREVENT_ENUMERATION = True

# The client's address (cms.core.clientip): how many proxies in front of Django append to
# X-Forwarded-For (1 behind the shipped nginx; 0 when Django is reached directly). allauth's
# own limits count by the same address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Admin login: attempts allowed per client address and per username in the window.
ADMIN_LOGIN_ATTEMPTS = int(os.environ.get("ADMIN_LOGIN_ATTEMPTS", "10"))
ADMIN_LOGIN_WINDOW_SECONDS = 15 * 60

WAGTAIL_SITE_NAME = "Hromada"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_MODEL = "archive.CouncilDocument"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.archive.forms.CouncilDocumentForm"
# Document uploads: allowed extensions and size (content is checked by cms.archive.validators).
WAGTAILDOCS_EXTENSIONS = [
    *("pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "csv", "txt", "rtf", "zip"),
    *("jpg", "jpeg", "png", "gif", "webp"),
]
DOCUMENT_MAX_UPLOAD_BYTES = int(os.environ.get("DOCUMENT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from Gravatar: an editor's address (hashed) would go to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True

# /healthz (cms.ops): a task due longer than this, or less free disk, is "failing".
HEALTH_TASK_MAX_AGE_SECONDS = int(os.environ.get("HEALTH_TASK_MAX_AGE_SECONDS", "900"))
HEALTH_DISK_MIN_FREE_MB = int(os.environ.get("HEALTH_DISK_MIN_FREE_MB", "500"))
# Where `make backup` writes its archives (default: var/backups).
BACKUP_DIR = os.environ.get("BACKUP_DIR", "")

# Logs on standard error: JSON lines (LOG_FORMAT=json, production's default) or text, each
# with the request id also sent as X-Request-ID; a failure repeated by every request while
# a service is down is written once per LOG_REPEAT_SECONDS.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "cms.ops.logging.RequestIdFilter"},
        "once_per_failure": {
            "()": "cms.ops.logging.OncePerFailureFilter",
            "seconds": int(os.environ.get("LOG_REPEAT_SECONDS", "300")),
        },
    },
    "formatters": {
        "json": {"()": "cms.ops.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "once_per_failure"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
