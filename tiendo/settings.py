"""One settings module, read from the environment (see README, "Configuration")."""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("TIENDO_DATA_DIR", BASE_DIR.parent / "var")).resolve()


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """Read the key from the environment, or keep a generated one in the data folder: never in the repo."""
    if key := os.environ.get("TIENDO_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("TIENDO_DEBUG")
ALLOWED_HOSTS = [h for h in os.environ.get("TIENDO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TIENDO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "ninja",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tiendo.core",
    "tiendo.audit",
    "tiendo.accounts",
    "tiendo.agencies",
    "tiendo.enterprises",
    "tiendo.projects",
    "tiendo.directives",
    "tiendo.reviews",
    "tiendo.plans",
    "tiendo.targets",
    "tiendo.petitions",
    "tiendo.workdays",
    "tiendo.portal",
    "tiendo.demo",
    "tiendo.api",
    "tiendo.jobs",
    "tiendo.overview",
    "tiendo.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tiendo.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tiendo.core.middleware.PrivatePagesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tiendo.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tiendo.core.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tiendo.urls"
WSGI_APPLICATION = "tiendo.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

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
                "tiendo.overview.context_processors.site",
                "tiendo.directives.context_processors.notifications",
                "tiendo.core.context_processors.capabilities",
            ],
        },
    },
]

# An empty DATABASE_URL= (a blank line in an env file) means unset, as for every other setting: the SQLite file.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "").strip() or f"sqlite:///{DATA_DIR / 'tiendo.sqlite3'}",
        conn_max_age=int(os.environ.get("TIENDO_CONN_MAX_AGE", 60)),
        # A kept connection is checked (SELECT 1) at a request's first query: after a PostgreSQL restart each
        # gunicorn worker opens a new one instead of failing one request with the dead connection.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a command writes; IMMEDIATE avoids "database is locked" on upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes, README "Configuration"): after TIENDO_LOGIN_FAILURE_LIMIT wrong passwords a user
# name, and an address, may not sign in for TIENDO_LOGIN_COOLOFF_MINUTES (0: until an administrator unlocks it with
# `tiendo users unlock` or the admin's "Access attempts"). The right password during a lockout is refused too.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("TIENDO_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TIENDO_LOGIN_COOLOFF_MINUTES", 15))) or None
AXES_LOCKOUT_PARAMETERS = [
    p.strip() for p in os.environ.get("TIENDO_LOGIN_LOCKOUT_BY", "username,ip_address").split(",") if p.strip()
]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "tiendo.accounts.throttling.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# The address is the TCP peer's, unless a TLS proxy in front says whom it forwards (TIENDO_HTTPS): a client cannot
# dodge the address lockout by sending its own X-Forwarded-For.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if _env_bool("TIENDO_HTTPS") else ("REMOTE_ADDR",)
)
AXES_IPWARE_PROXY_COUNT = 1 if _env_bool("TIENDO_HTTPS") else None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English"), ("zh-hans", "中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
FORMAT_MODULE_PATH = ["tiendo.formats"]
LANGUAGE_COOKIE_NAME = "tiendo_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from the finders until collectstatic runs
# Hashed names once collected (`tiendo serve` runs collectstatic): a year's immutable caching (tiendo/core/storage.py).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "tiendo.core.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Source maps (the API docs' scripts) are read by developers' tools only: not worth compressing at every deployment.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (*Compressor.SKIP_COMPRESS_EXTENSIONS, "map")

# Security: cookies and headers; HTTPS settings switch on behind a TLS proxy (TIENDO_HTTPS=1).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session lasts TIENDO_SESSION_HOURS from the login (and ends when the browser closes, if asked).
SESSION_COOKIE_AGE = int(float(os.environ.get("TIENDO_SESSION_HOURS", 10)) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = _env_bool("TIENDO_SESSION_AT_BROWSER_CLOSE")
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if _env_bool("TIENDO_HTTPS"):
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

# E-mail (reminders, README "Reminders"): SMTP once TIENDO_EMAIL_HOST is set; until then each message is written as a
# file into the data folder's mail/ so that a demo or a development machine sends nothing and spams no terminal.
EMAIL_HOST = os.environ.get("TIENDO_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "TIENDO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
EMAIL_PORT = int(os.environ.get("TIENDO_EMAIL_PORT", 587 if _env_bool("TIENDO_EMAIL_USE_TLS") else 25))
EMAIL_HOST_USER = os.environ.get("TIENDO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("TIENDO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("TIENDO_EMAIL_USE_TLS")
EMAIL_USE_SSL = _env_bool("TIENDO_EMAIL_USE_SSL")
EMAIL_TIMEOUT = 30  # a dead mail server must not hang the daily reminder run
DEFAULT_FROM_EMAIL = os.environ.get("TIENDO_EMAIL_FROM", "tiendo@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
TIENDO_BASE_URL = os.environ.get("TIENDO_BASE_URL", "http://localhost:8000").rstrip("/")
TIENDO_DUE_SOON_DAYS = int(os.environ.get("TIENDO_DUE_SOON_DAYS", 7))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TIENDO_LOG_LEVEL", "WARNING")},
}

TIENDO_SITE_NAME = os.environ.get("TIENDO_SITE_NAME", "")

# Traffic lights of the task summary (tiendo/directives/reports.py): yellow above this share of overdue tasks, red
# from the second one; shares of the tasks with a deadline, 0.2 = 20%.
TIENDO_LIGHT_YELLOW_FROM = float(os.environ.get("TIENDO_LIGHT_YELLOW_FROM", "0.0"))
TIENDO_LIGHT_RED_FROM = float(os.environ.get("TIENDO_LIGHT_RED_FROM", "0.2"))

# Slow disbursement of an annual plan (tiendo/plans/disbursement/slow.py; the province's choice, not law): slow when
# this many percentage points below the target path, stalled after this many whole months without disbursement
# or with nothing disbursed after this day (dd/mm), projected to the deadline linearly or along the target path.
TIENDO_DISB_BEHIND_POINTS = os.environ.get("TIENDO_DISB_BEHIND_POINTS", "20")
TIENDO_DISB_STALLED_MONTHS = int(os.environ.get("TIENDO_DISB_STALLED_MONTHS", 3))
TIENDO_DISB_ZERO_AFTER = os.environ.get("TIENDO_DISB_ZERO_AFTER", "30/06")
TIENDO_DISB_PROJECTION = os.environ.get("TIENDO_DISB_PROJECTION", "linear")

# Targets' alerts (tiendo/targets/alerting.py): a published quarter this many percentage points below the scenario
# (GRDP or a component) is proposed as a task; the public-investment disbursement (percent of the year's plan,
# cumulative) the scenario's construction growth assumes by the end of each quarter (tiendo/targets/links.py).
TIENDO_TARGETS_SHORTFALL_POINTS = float(os.environ.get("TIENDO_TARGETS_SHORTFALL_POINTS", "0.5"))
TIENDO_TARGETS_ASSUMED_DISBURSEMENT = os.environ.get("TIENDO_TARGETS_ASSUMED_DISBURSEMENT", "25,50,75,95")
TIENDO_TARGETS_ALERT_WORKING_DAYS = int(os.environ.get("TIENDO_TARGETS_ALERT_WORKING_DAYS", "10"))
# Petitions (docs/legal/petitions.md): deadlines in working days, the defaults the law's verified values
TIENDO_PETITIONS_FORWARD_DAYS = int(os.environ.get("TIENDO_PETITIONS_FORWARD_DAYS", "5"))  # PET-03 (05 days) [I]
TIENDO_PETITIONS_ANSWER_DAYS = int(os.environ.get("TIENDO_PETITIONS_ANSWER_DAYS", "10"))  # PET-04: unverified [I]
TIENDO_PETITIONS_PUBLISH_DAYS = int(os.environ.get("TIENDO_PETITIONS_PUBLISH_DAYS", "5"))  # PET-06: unverified [I]
TIENDO_PETITIONS_REMIND_BEFORE = int(os.environ.get("TIENDO_PETITIONS_REMIND_BEFORE", "2"))
TIENDO_PETITIONS_ESCALATE_AFTER = int(os.environ.get("TIENDO_PETITIONS_ESCALATE_AFTER", "5"))
# the leaders' task of an escalated petition: due this many working days after it is put on the agenda; made as
# this user (empty: the commands' default administrator)
TIENDO_PETITIONS_ESCALATION_TASK_DAYS = int(os.environ.get("TIENDO_PETITIONS_ESCALATION_TASK_DAYS", "5"))
TIENDO_PETITIONS_ESCALATION_ACTOR = os.environ.get("TIENDO_PETITIONS_ESCALATION_ACTOR", "")
# the prefix of a petition's number (KN-2026-0042)
# The public portal (README "Public portal and open data"): cached public pages live at most this long (a change of
# a record they show drops them at once; this bounds what a bulk write, which sends no signal, leaves stale), and
# browsers and proxies may keep one this long.
TIENDO_PORTAL_CACHE_SECONDS = int(os.environ.get("TIENDO_PORTAL_CACHE_SECONDS", "600"))
TIENDO_PORTAL_BROWSER_SECONDS = int(os.environ.get("TIENDO_PORTAL_BROWSER_SECONDS", "60"))
# the largest document a specialist attaches to an opportunity (bytes)
TIENDO_PORTAL_DOCUMENT_MAX_BYTES = int(os.environ.get("TIENDO_PORTAL_DOCUMENT_MAX_BYTES", str(20 * 1024 * 1024)))
# OC4IDS project ids are oc4ids-<prefix>-<project code>; the prefix is registered with the OC4IDS registry by the
# publisher (the default names no registration: set it before publishing).
TIENDO_OC4IDS_PREFIX = os.environ.get("TIENDO_OC4IDS_PREFIX", "tiendo")
# Investors' enquiries from the public portal: the đồng to one US dollar the pages use for an approximate figure
# beside the capital; how long an enquirer's contact details are kept (days); how many enquiries one address may
# send in an hour (counted from the stored enquiries, by a salted hash of the address).
TIENDO_PORTAL_USD_RATE = int(os.environ.get("TIENDO_PORTAL_USD_RATE", "26000"))
TIENDO_PORTAL_ENQUIRY_KEEP_DAYS = int(os.environ.get("TIENDO_PORTAL_ENQUIRY_KEEP_DAYS", "730"))
TIENDO_PORTAL_ENQUIRIES_PER_HOUR = int(os.environ.get("TIENDO_PORTAL_ENQUIRIES_PER_HOUR", "5"))
# The open data (docs/open-data.md): its licence (the package's `license`, a URL); a stale package (a record changed)
# is regenerated on request at most once in this many seconds (the nightly `tiendo remind` regenerates it anyway);
# the newest publications kept with their files (older ones are deleted, the newest valid one never).
TIENDO_OPEN_DATA_LICENSE = os.environ.get("TIENDO_OPEN_DATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/")
TIENDO_OPEN_DATA_REFRESH_SECONDS = int(os.environ.get("TIENDO_OPEN_DATA_REFRESH_SECONDS", "300"))
TIENDO_OPEN_DATA_KEEP = int(os.environ.get("TIENDO_OPEN_DATA_KEEP", "10"))
TIENDO_PETITIONS_NUMBER_PREFIX = os.environ.get("TIENDO_PETITIONS_NUMBER_PREFIX", "KN")

# Background jobs (README "Background jobs"): django-tasks with its database backend; `tiendo worker` (or the one
# `tiendo serve` starts) runs them. TIENDO_JOBS_IMMEDIATE=1 runs each job at once in the caller instead (the tests).
TIENDO_JOBS_IMMEDIATE = _env_bool("TIENDO_JOBS_IMMEDIATE")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TIENDO_JOBS_IMMEDIATE
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# A worker writes its heartbeat (and its jobs' progress) this often; a running job whose worker has not beaten for
# TIENDO_JOB_LOST_AFTER_SECONDS is given up (at once, on the same machine, when the worker's process is gone).
TIENDO_JOB_HEARTBEAT_SECONDS = float(os.environ.get("TIENDO_JOB_HEARTBEAT_SECONDS", "5"))
TIENDO_JOB_LOST_AFTER_SECONDS = float(os.environ.get("TIENDO_JOB_LOST_AFTER_SECONDS", "45"))
