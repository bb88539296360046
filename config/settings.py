"""Juneng settings, read from the environment.

Every variable is documented in README.md ("Configuration"). `JUNENG_ENV=production` turns on the
checks that refuse an unsafe start (DEBUG on, no real SECRET_KEY, no ALLOWED_HOSTS).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from kombu import Queue

from config.sentry import sentry_init

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


JUNENG_ENV = os.environ.get("JUNENG_ENV", "development")
if JUNENG_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("JUNENG_ENV must be 'development' or 'production'")
PRODUCTION = JUNENG_ENV == "production"

# Local state of a development install (SQLite file, generated key, embedded broker, logs).
VAR_DIR = Path(os.environ.get("JUNENG_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", default=not PRODUCTION)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when JUNENG_ENV=production")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("DEBUG must be off when JUNENG_ENV=production")
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured("SECRET_KEY is too weak for production: use 50+ random characters")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when JUNENG_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "core",
    "teams",
    "crm",
    "projects",
    "activities",
    "reminders",
    "dashboards",
    "calendars",
    "fieldwork",
    "premises",
    "aftercare",
    "exports",
    "chainmap",
    "imports",
    "search",
    "supervision",
    "merging",
    "board",
    "rest_framework",
    "drf_spectacular",
    "api",
]

MIDDLEWARE = [
    # First: every line logged while a request is handled carries its id, every response returns it.
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.OversizedBodyMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every view needs a session unless it is marked @login_not_required (the login page, the iCal feed).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.SessionTimeoutMiddleware",
    "core.middleware.PrivatePagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Last, so that the lockout page it answers with passes through the middleware above (headers, CSP).
    "axes.middleware.AxesMiddleware",
]

# Content-Security-Policy (Django's own): scripts only from this site (or an inline one carrying the
# request's nonce: `{{ csp_nonce }}`), nothing framed, forms post only here. Styles allow inline `style`
# attributes (progress bars, card widths); data: images are Bootstrap's SVG icons in its CSS.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Signed out after this many seconds without a request, and this long after signing in whatever happens.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_HOURS", "8")) * 3600
SESSION_ABSOLUTE_TIMEOUT = int(os.environ.get("SESSION_MAX_AGE_HOURS", "168")) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'juneng.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait for locks instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # A database host that does not answer fails a request (and /healthz) within seconds instead of
    # holding a web worker; DATABASE_URL's own ?connect_timeout= wins.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # The pages run short statements, for which a parallel plan's worker start-up cost more than it saved
    # (at 100k projects, a group's count of the day's logs: 4.4 ms alone, 7.5 ms with a worker; see
    # docs/performance.md). DB_PARALLEL_WORKERS sets PostgreSQL's max_parallel_workers_per_gather for Juneng's
    # connections (0 by default); empty leaves the server's setting (e.g. behind a pooler that refuses options).
    if parallel_workers := os.environ.get("DB_PARALLEL_WORKERS", "0").strip():
        options = DATABASES["default"]["OPTIONS"]
        options["options"] = f"{options.get('options', '')} -c max_parallel_workers_per_gather={int(parallel_workers)}"
        options["options"] = options["options"].strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Sessions are written to the database and read through the cache: any web host reads any session, and
    # a Redis restart (an empty cache) signs nobody out. Without Redis they stay in the database (the default).
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Refuses the center's own words with digits or years around them (juneng2026, Zhaoshang-2026!).
    {"NAME": "core.passwords.CenterWordsPasswordValidator"},
]
# The zone's own words (its name in characters and pinyin, its abbreviation) for the check above.
CENTER_WORDS = env_list("CENTER_WORDS", [])
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "activities:my_day"
LOGOUT_REDIRECT_URL = "login"

# Password guessing (django-axes). An account is locked after LOGIN_FAILURE_LIMIT failed logins in a row
# (from anywhere); a client address after LOGIN_ADDRESS_FAILURE_LIMIT failures (any accounts) — higher,
# because a whole center sits behind one NAT address and one person's typos must not lock the office out.
# A lock lasts LOGIN_COOLOFF_MINUTES after the last failure; administrators lift it at /teams/lockouts/.
AUTHENTICATION_BACKENDS = [
    "core.lockouts.LoginAttemptBackend",  # first: refuses a locked account before checking its password
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
# Both are counted; core.lockouts.LoginLockoutHandler applies each its own limit.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "core.lockouts.LoginLockoutHandler"
AXES_USERNAME_CALLABLE = "core.lockouts.login_username"
AXES_CLIENT_IP_CALLABLE = "core.lockouts.client_ip"
AXES_LOCKOUT_CALLABLE = "core.lockouts.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True  # the account's own count starts again once its password is typed right
# Tries during a lock are refused but do not extend it: the time the message names stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # every failure is kept (1,000 per username) for /teams/lockouts/
AXES_ACCESS_FAILURE_LOG_PER_USER_LIMIT = 1000
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not logged by axes
AXES_ENABLE_ADMIN = False  # Juneng has no Django admin
AXES_SENSITIVE_PARAMETERS = ["password"]

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "zh-hans")
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded attachments: never served from a public URL, only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_MB", "10")) * 1024 * 1024
EXPORT_MAX_ROWS = int(os.environ.get("EXPORT_MAX_ROWS", "50000"))  # rows one list export may hold
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# Django's widget templates, except selects and plain inputs, written in Python (core/form_renderer.py).
FORM_RENDERER = "core.form_renderer.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email (Django 6.1 MAILERS): SMTP when EMAIL_HOST is set. Otherwise, in development, one .eml file per
# message under var/mail/ and one short log line each (core.mail); in production, the console.
_email_host = os.environ.get("EMAIL_HOST", "")
# EMAIL_ENABLED=false switches email off: no email reminders are written (in-app and robots still are).
EMAIL_ENABLED = env_bool("EMAIL_ENABLED", True)
if PRODUCTION and EMAIL_ENABLED and not _email_host:
    raise ImproperlyConfigured(
        "EMAIL_HOST must be set when JUNENG_ENV=production (reminder emails would otherwise go nowhere); "
        "set EMAIL_ENABLED=false to run without email"
    )
if not EMAIL_ENABLED:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.dummy.EmailBackend"}}
    # Switched off on purpose: nothing is queued for email, so the development-backend check does not apply.
    SILENCED_SYSTEM_CHECKS = ["mail.E001"]
elif _email_host:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
                "use_ssl": env_bool("EMAIL_USE_SSL", False),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "core.mail.DevelopmentEmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "juneng@localhost")
# How long a sender holds a delivery before another may take it over (a worker that died mid-send).
REMINDER_LEASE_SECONDS = int(os.environ.get("REMINDER_LEASE_SECONDS", "300"))
# The address people open Juneng at: links in emails and robot messages.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Group robots may only be reached at their providers' https addresses (the server must not be made to
# post to internal addresses); a private deployment adds its own, e.g. "https://robot.zone.example/".
ROBOT_WEBHOOK_PREFIXES = {
    "wecom": ["https://qyapi.weixin.qq.com/", *env_list("ROBOT_WEBHOOK_EXTRA_PREFIXES", [])],
    "dingtalk": ["https://oapi.dingtalk.com/", *env_list("ROBOT_WEBHOOK_EXTRA_PREFIXES", [])],
}

# Celery: Redis when REDIS_URL is set; otherwise kombu's filesystem transport under var/, which needs
# no server, so `make run` starts worker and beat on a bare machine.
# Short timeouts on every Redis connection: nothing in a web request waits on the broker, but nothing
# anywhere hangs on it either. They are set in both branches, so an app pointed at a Redis broker later
# (`create_app(broker_url=...)`, `app.conf.update(...)` in a test) has them too; the filesystem transport
# ignores them.
BROKER_SOCKET_TIMEOUTS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
CELERY_REDIS_SOCKET_TIMEOUT = 5
CELERY_QUEUE_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **BROKER_SOCKET_TIMEOUTS,
        "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    }
else:
    for sub in ("queue", "processed", "results", "control"):
        (CELERY_QUEUE_DIR / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **BROKER_SOCKET_TIMEOUTS,
        "data_folder_in": str(CELERY_QUEUE_DIR / "queue"),
        "data_folder_out": str(CELERY_QUEUE_DIR / "queue"),
        "processed_folder": str(CELERY_QUEUE_DIR / "processed"),
        "control_folder": str(CELERY_QUEUE_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_QUEUE_DIR / 'results'}"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ACKS_LATE = True
# Imports get a queue of their own, so that a file checked while the reminders send a backlog (the first
# start of the demo, a Monday digest) starts at once. A worker consumes every queue listed here unless told
# otherwise (-Q), so no worker command changes.
CELERY_TASK_QUEUES = (Queue("celery"), Queue("imports"))
CELERY_TASK_ROUTES = {"imports.tasks.*": {"queue": "imports"}}
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "heartbeat-beat": {
        "task": "core.tasks.heartbeat_record_task",
        "schedule": 60.0,
        "args": ("beat",),
    },
    # One sweep a minute finds every reminder that is due (in SQL) and fans out the sends.
    "reminders-sweep": {
        "task": "reminders.tasks.reminders_sweep_task",
        "schedule": 60.0,
        "options": {"expires": 55},
    },
    # Premises reservations past their date end; those whose project reached 开工 move in.
    "premises-settle": {
        "task": "premises.tasks.reservations_settle_task",
        "schedule": 600.0,
        "options": {"expires": 590},
    },
}

BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", False)
if PRODUCTION:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_CONTENT_TYPE_NOSNIFF = True
    if BEHIND_TLS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Production is served over https: plain http is redirected, and browsers told to stay on https.
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # ... except the load balancer's health check, which often asks the web process over plain http.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Only consent in the header: nothing is on a browser preload list unless someone submits the domain.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# plain: one human line a record (development); json: one JSON object a line with the request id
# (production, for the log collector). Worker and beat follow it too (config/celery.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be 'plain' or 'json', not {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": {"()": "core.json_logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Error reports (config/sentry.py): only with SENTRY_DSN; SENTRY_ENVIRONMENT names the installation.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
SENTRY_ENVIRONMENT = os.environ.get("SENTRY_ENVIRONMENT", JUNENG_ENV)
SENTRY_ENABLED = sentry_init(dsn=SENTRY_DSN, environment=SENTRY_ENVIRONMENT)

# REST API (api/): personal access tokens or the browser's session (CSRF enforced), bounded pages, throttled.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsMember"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.BoundedPageNumberPagination",
    "DEFAULT_SCHEMA_CLASS": "api.schema.JunengAutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "30/minute"),
        "user": os.environ.get("API_USER_RATE", "600/minute"),
    },
    "PAGE_SIZE": 25,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Juneng API",
    "DESCRIPTION": (
        "The investment promotion center's projects, companies, contact logs and follow-ups, "
        "with the same visibility rules and services as the pages."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["api.permissions.IsMember"],
    "ENUM_NAME_OVERRIDES": {
        "ProjectStatusEnum": "projects.models.Project.Status",
        "FollowUpStatusEnum": "activities.models.FollowUp.Status",
        "ProjectChannelEnum": "projects.models.Project.Channel",
        "StageEnum": "projects.stages.Stage",
        "ContactChannelEnum": "activities.models.Channel",
        "StageRequestStatusEnum": "projects.models.StageRequest.Status",
        "TripStatusEnum": "fieldwork.models.Trip.Status",
        "ReceptionStatusEnum": "fieldwork.models.Reception.Status",
        "BuildingStatusEnum": "premises.models.Building.Status",
    },
}
