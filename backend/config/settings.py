"""Settings, read from the environment with safe defaults for the embedded (SQLite) setup."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from backend.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", default=False)
# `DJANGO_ENV=production` switches on HTTPS everywhere (below) and requires a secret key.
PRODUCTION = env_str("DJANGO_ENV", "development").strip().lower() == "production"
# The key an embedded/dev install runs on: it is public (it is in this file), so production
# must never sign sessions or password-reset links with it.
DEVELOPMENT_SECRET_KEY = "insecure-embedded-default-key-change-me-in-production-0123456789"
SECRET_KEY = env_str("SECRET_KEY", "").strip()
if PRODUCTION or env_bool("REQUIRE_SECRET_KEY", default=False):
    if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a secret value in production (DJANGO_ENV=production or "
            "REQUIRE_SECRET_KEY=1); the development key is public."
        )
elif not SECRET_KEY:
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
# Links in e-mails point here (start.sh derives it from BIND when it is not set).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
# The host of SITE_URL is served by default, so the links in e-mails open.
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    sorted({"127.0.0.1", "localhost", urlsplit(SITE_URL).hostname or "localhost"}),
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "django_fsm_log",
    "backend.core",
    "backend.accounts",
    "backend.seal",
    "backend.events",
    "backend.registry",
    "backend.records",
    "backend.calls",
    "backend.callsetup",
    "backend.plans",
    "backend.assessment",
    "backend.network",
    "backend.letters",
    "backend.documents",
    "backend.imports",
    "backend.casework",
    "backend.remedies",
    "backend.demand",
    "backend.clarifications",
    "backend.announcements",
    "backend.retention",
    "backend.demo",
    "backend.web",
    "workflows",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "backend.config.urls"
WSGI_APPLICATION = "backend.config.wsgi.application"

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
                "backend.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zsss.sqlite3'}"),
        # A process keeps its connection between requests (a new one costs a few
        # milliseconds of both cores) and checks it with a `SELECT 1` before a request's first
        # query, so a restarted database costs a reconnect, not a failed request.
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default keeps its database in var/; make sure it exists on a fresh clone.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Wait for a concurrent writer instead of failing at once ("database is locked").
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

# Every form renders the government design system's markup (labels, errors, help linked).
FORM_RENDERER = "backend.web.rendering.GovFormRenderer"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS: list[dict[str, Any]] = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "cs"
LANGUAGES = [("cs", _("Czech")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "media/"
# Uploaded documents live outside the web root and are served through permission checks.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Largest file a provider may attach to a plan (bytes) and the accepted file types.
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENT_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "png", "jpg", "jpeg"]
# How many documents one plan may carry (a plan is read by people; more is a pasted archive).
ATTACHMENTS_PER_PLAN = env_int("ATTACHMENTS_PER_PLAN", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = ATTACHMENT_MAX_BYTES + 1024 * 1024

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint's font subsetting logs every glyph at INFO.
    "loggers": {name: {"level": "WARNING"} for name in ("fontTools", "weasyprint")},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A query a connection repeats is planned once and then executed as a prepared statement:
    # planning was half of PostgreSQL's CPU per transition (bench/README.md). Django turns
    # prepared statements off for transaction-pooling proxies (PgBouncer): behind one, set
    # DB_PREPARE_THRESHOLD=0.
    prepare_threshold = env_int("DB_PREPARE_THRESHOLD", 5)
    if prepare_threshold > 0:
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=prepare_threshold
        )

    # The planner's default cost of a random read (4) is a spinning disk's: it scanned all
    # 100 000 plans rather than follow an index to the 2 700 of one service type (55 ms
    # against 10 at 1.1, bench/README.md "Issue 23"). A pooler that refuses the `options`
    # startup parameter (PgBouncer does unless told to ignore it): DB_RANDOM_PAGE_COST=0.
    random_page_cost = env_str("DB_RANDOM_PAGE_COST", "1.1").strip()
    if random_page_cost not in ("", "0"):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={float(random_page_cost)}"
        )

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts, so two transitions of the same object
    # are serialised on SQLite as SELECT … FOR UPDATE serialises them on PostgreSQL.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"

FORMAT_MODULE_PATH = ["backend.config.formats"]

# ------------------------------------------------------------------------------------------
# REST API v1 (Django REST Framework + drf-spectacular) — backend/api/, docs/api.md
# ------------------------------------------------------------------------------------------
INSTALLED_APPS += ["rest_framework", "drf_spectacular", "drf_spectacular_sidecar", "backend.api"]
# The API answers in the client's language (Accept-Language), right after LocaleMiddleware.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.locale.LocaleMiddleware") + 1,
    "backend.api.middleware.ApiLanguageMiddleware",
)

REST_FRAMEWORK = {
    # Token first: an unauthenticated request gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "backend.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["backend.api.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "backend.api.pagination.PagePagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "backend.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "backend.api.throttling.WriteThrottle",
        "backend.api.throttling.AnonThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "login": env_str("API_THROTTLE_LOGIN", "10/min"),
        "write": env_str("API_THROTTLE_WRITE", "120/min"),
        "anon": env_str("API_THROTTLE_ANON", "300/min"),
        # "verify a document" uploads per client address (the page and the API)
        "verify": env_str("THROTTLE_VERIFY", "20/min"),
    },
    "COERCE_DECIMAL_TO_STRING": True,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

CACHES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ZSSS API",
    "DESCRIPTION": (
        "Development plans for the basic network of social services (ZSSS): calls, plans "
        "and their transitions, municipal opinions, council resolutions and the network "
        "register. Guide: docs/api.md."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "backend.api.schema.add_error_responses",
        "backend.api.schema.label_enums_in_czech",
    ],
    # Object ids in paths are `<id:…>` (backend/core/url_ids.py): integers in the schema.
    "PATH_CONVERTER_OVERRIDES": {"id": int},
    "ENUM_NAME_OVERRIDES": {
        "PlanStateEnum": "backend.machines.plan_review.states.PlanState",
        "OpinionStateEnum": "backend.machines.opinion_review.states.OpinionState",
        "CallStateEnum": "backend.machines.call_lifecycle.states.CallState",
        "VerdictEnum": "backend.machines.opinion_review.states.Verdict",
        "DecisionOutcomeEnum": "backend.api.enums.DECISION_OUTCOMES",
        "NetworkStatusEnum": "backend.api.enums.NETWORK_STATUSES",
        "NetworkLevelEnum": "backend.network.choices.NetworkLevel",
        "DecisionLevelEnum": "backend.api.enums.DECISION_LEVELS",
        "ResolutionOutcomeEnum": "backend.plans.choices.ResolutionOutcome",
        "PlanKindEnum": "backend.machines.plan_review.kinds.PlanKind",
        "AttachmentKindEnum": "backend.plans.choices.AttachmentKind",
        "DecidingBodyEnum": "backend.plans.choices.DecidingBody",
        "CapacityUnitEnum": "backend.registry.choices.CapacityUnit",
        "ServiceFormEnum": "backend.registry.choices.ServiceForm",
        "LegalFormEnum": "backend.registry.choices.LegalForm",
        "RoleEnum": "backend.accounts.models.Role",
        "OpinionRoleEnum": "backend.plans.choices.OpinionRole",
        "OpinionRoutingEnum": "backend.calls.choices.OpinionRouting",
    },
}


# ==== Celery, e-mail and notifications (issue 4) ==========================================
# Everything time-driven runs in Celery. With REDIS_URL set the broker is Redis; without
# it (the embedded default) it is kombu's filesystem transport in var/broker/, so
# scripts/start.sh runs the worker and the scheduler with no server to install. Outgoing
# e-mail goes to var/mail/ (one .eml per message) unless EMAIL_BACKEND says otherwise.
from celery.schedules import crontab  # noqa: E402

INSTALLED_APPS += ["django_celery_beat"]

REDIS_URL = env_str("REDIS_URL", "")
# The API throttles (backend/api/throttling.py) count in Redis when it is configured, so the
# limits hold over all web processes; else in each process's memory (the embedded default).
CACHES["throttle"] = (
    {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "zsss",
        # Redis away: a throttle gives up after half a second and lets the request through.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttle"}
)
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://localhost//")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _BROKER_DIR = VAR_DIR / "broker"
    for _folder in ("queue", "control"):
        (_BROKER_DIR / _folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_BROKER_DIR / "queue"),
        "data_folder_out": str(_BROKER_DIR / "queue"),
        "control_folder": str(_BROKER_DIR / "control"),
        "polling_interval": 1,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # A message a worker took but did not acknowledge (it died) is handed out again.
        "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600),
        "unacked_restore_interval": env_int("CELERY_UNACKED_RESTORE_INTERVAL", 10),
        "unacked_restore_throttle": 1,
        # Publishing fails fast when Redis is down (the outbox catches up), never hangs.
        "max_retries": 1,
        "interval_start": 0,
        "interval_step": 0.2,
        "interval_max": 0.5,
        "socket_connect_timeout": 2,
        "socket_timeout": 10,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# One task at a time per worker process (run more workers to do more at once). With room for a
# second task the worker keeps a BRPOP open on Redis while it runs the first, and when Redis
# goes away then, kombu 5.7 fails closing the channel and the worker exits with "Unrecoverable
# error: AttributeError(... 'hostname')" (docs/operations.md, Celery and Redis). Holding its
# only task, it has no BRPOP open and reconnects.
CELERY_WORKER_CONCURRENCY = env_int("CELERY_WORKER_CONCURRENCY", 1)
# A task running while the broker is away runs to its end (its acknowledgement is lost, so the
# message is handed out again after the visibility timeout: every task is idempotent) rather
# than being cancelled half-way; explicit, as Celery 6 changes the default.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Installed into django-celery-beat's tables when beat starts (visible in the admin).
CELERY_BEAT_SCHEDULE = {
    "calls: open and close on time": {
        "task": "notifications.tasks.calls_sweep_task",
        "schedule": float(env_int("SCHEDULE_CALLS_SECONDS", 60)),
    },
    "deadlines: lapses, opinions not given, reminders": {
        "task": "notifications.tasks.deadlines_sweep_task",
        "schedule": float(env_int("SCHEDULE_DEADLINES_SECONDS", 600)),
    },
    "notices: drain the outbox, send waiting e-mails": {
        "task": "notifications.tasks.outbox_drain_task",
        "schedule": float(env_int("SCHEDULE_OUTBOX_SECONDS", 60)),
    },
    "digest: regional officers, working days at 7:00": {
        "task": "notifications.tasks.daily_digest_task",
        "schedule": crontab(minute="0", hour="7", day_of_week="1-5"),
    },
    # At night (CELERY_TIMEZONE is Europe/Prague), away from the working day's load.
    "retention: personal data past its period, nightly at 2:30": {
        "task": "notifications.tasks.retention_purge_task",
        "schedule": crontab(minute="30", hour="2"),
    },
}

# Reminders this many working days before each deadline.
NOTIFICATIONS_REMINDER_LEADS = tuple(
    int(lead) for lead in env_list("NOTIFICATIONS_REMINDER_LEADS", ["5", "1"])
)
NOTIFICATIONS_BATCH_SIZE = env_int("NOTIFICATIONS_BATCH_SIZE", 1000)
NOTIFICATIONS_MAX_BATCHES = env_int("NOTIFICATIONS_MAX_BATCHES", 50)
NOTIFICATIONS_TRANSITIONS_PER_RUN = env_int("NOTIFICATIONS_TRANSITIONS_PER_RUN", 500)
NOTIFICATIONS_TRANSITIONS_PER_COMMIT = env_int("NOTIFICATIONS_TRANSITIONS_PER_COMMIT", 50)
# A claimed e-mail whose worker died is handed out again after this lease; a queued one
# whose message was lost (broker down) after the requeue time.
NOTIFICATIONS_EMAIL_LEASE_SECONDS = env_int("NOTIFICATIONS_EMAIL_LEASE_SECONDS", 600)
NOTIFICATIONS_EMAIL_REQUEUE_SECONDS = env_int("NOTIFICATIONS_EMAIL_REQUEUE_SECONDS", 300)
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env_int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", 20)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "notifications.mailbox.EmlFolderBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "zsss@kraj-lbc.example")
LOGGING["loggers"] = {
    "celery": {"level": env_str("CELERY_LOG_LEVEL", "INFO")},
    "notifications": {"level": env_str("LOG_LEVEL", "INFO")},
}
# ==== end of Celery, e-mail and notifications ==============================================

# ==== Accounts and transport security (issue 8) ===========================================
# Login lockout (django-axes), strong passwords, optional TOTP (django-otp) for regional
# officers, session lifetime, CSP (django-csp) and the HTTPS settings. `DJANGO_ENV=production`
# switches on HSTS, secure cookies and the HTTPS redirect; the embedded default over
# http://127.0.0.1 keeps them off. docs/security.md ("accounts and headers") lists the env.
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

# The static device holds a user's single-use backup codes (accounts/services.py).
INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
]
# The admin site asks users with a confirmed TOTP device for their code (accounts/admin_site.py).
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = "backend.accounts.apps.AdminConfig"
MIDDLEWARE.insert(1, "csp.middleware.CSPMiddleware")
_AUTH = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH + 1 : _AUTH + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "backend.accounts.middleware.OtpSetupRequiredMiddleware",
]
# Last, as axes asks: turns a locked-out login into the lockout page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# Axes first: it refuses a locked-out username+address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]

# Lockout after AXES_FAILURE_LIMIT failed logins of one username from one address (web, admin
# and the API's token endpoint alike), for AXES_COOLOFF_MINUTES; a success clears the count.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# … and after AXES_ADDRESS_FAILURE_LIMIT failed logins from one address over all usernames
# (password spraying), for the same time (backend/accounts/lockout.py).
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20)
AXES_HANDLER = "backend.accounts.lockout.AddressLimitHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "backend.accounts.lockout.lockout_response"
# The client address is REMOTE_ADDR unless a trusted proxy in front sets X-Forwarded-For
# (AXES_PROXY_COUNT proxies); otherwise a client could pick a new address per attempt.
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# Django's validators, with a longer minimum (they run where a password is set in a form).
AUTH_PASSWORD_VALIDATORS = [
    {
        **validator,
        **(
            {"OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 12)}}
            if validator["NAME"].endswith("MinimumLengthValidator")
            else {}
        ),
    }
    for validator in AUTH_PASSWORD_VALIDATORS
]

# Two-factor (TOTP) is optional; with this on, a regional officer without a confirmed device
# is sent to the set-up page before anything else.
OTP_REQUIRED_FOR_REGIONAL_OFFICERS = env_bool("OTP_REQUIRED_FOR_REGIONAL_OFFICERS", default=False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "ZSSS Liberecký kraj")

# A session lasts one working day from the login (not extended by activity, so no write per
# request) and ends when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
SESSION_SAVE_EVERY_REQUEST = False

# Content Security Policy: only the app's own scripts, styles, fonts and images (the design
# system's CSS uses data: SVG images); no inline scripts or styles anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS: on in production. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=1 (the
# proxy must set X-Forwarded-Proto and strip it from clients).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 60 * 60 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=PRODUCTION)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=PRODUCTION)
# Axes logs every lockout; its start-up banner on each manage.py command is noise.
LOGGING["loggers"]["axes.apps"] = {"level": "WARNING"}
# ==== end of accounts and transport security ===============================================

# ==== Uploads, audit trail and field history (issue 8) =====================================
# Field history of plans, opinions, resolutions, decisions, calls, providers, services and
# register entries (backend/audit/history.py); the request's user is recorded as the author.
INSTALLED_APPS += ["simple_history", "backend.audit"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "simple_history.middleware.HistoryRequestMiddleware",
)
# The transition log as django-fsm-log's simple backend writes it, except that a deadline
# sweep inserts the rows of a group of transitions together (issue 23).
DJANGO_FSM_LOG_STORAGE_METHOD = "backend.audit.transition_log.DeferrableBackend"
# Uploads are checked by content (backend/plans/uploads.py); a file is no longer received
# once it passes ATTACHMENT_MAX_BYTES, so an oversized upload never fills memory or disk.
FILE_UPLOAD_HANDLERS = [
    "backend.plans.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# ==== end of uploads, audit trail and field history ========================================

# ==== Operations: health checks, structured logging, error pages (issue 8) =================
# Health endpoints under /health/ (backend/operations/), a request id on every request
# (django-guid: the client's X-Request-ID or a new one, returned in the response header),
# in every log line and in the tasks a request enqueues; JSON log lines with LOG_FORMAT=json,
# readable text by default. Error pages never show a stack trace (DEBUG is off by default).
from backend.config.logging import logging_config  # noqa: E402

INSTALLED_APPS += ["django_guid", "backend.operations"]
# First, so that every log line of the request carries its id; the API's JSON 500 last, so
# it sees a view's exception first.
MIDDLEWARE.insert(0, "django_guid.middleware.guid_middleware")
MIDDLEWARE.append("backend.operations.middleware.ApiServerErrorMiddleware")
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,  # a client's id is kept only when it is a UUID (no log injection)
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": True,
}
# Probes talk plain HTTP to the container (no personal data there): never redirected to HTTPS.
SECURE_REDIRECT_EXEMPT = [*globals().get("SECURE_REDIRECT_EXEMPT", []), r"^health/"]
HEALTH_CHECK_TIMEOUT_SECONDS = env_int("HEALTH_CHECK_TIMEOUT_SECONDS", 2)
# /health/celery/ is healthy while the minute jobs ran within this many seconds.
HEALTH_CELERY_MAX_AGE_SECONDS = env_int("HEALTH_CELERY_MAX_AGE_SECONDS", 300)
LOGGING = logging_config(
    json_lines=env_str("LOG_FORMAT", "text").lower() == "json",
    level=env_str("LOG_LEVEL", "INFO"),
    loggers={
        **LOGGING.get("loggers", {}),
        # WeasyPrint's font subsetting logs every glyph at INFO; django-guid every request.
        **{name: {"level": "WARNING"} for name in ("fontTools", "weasyprint", "django_guid")},
    },
)
# ==== end of operations ====================================================================
# ==== accessibility statement ==============================================================
# Where people report inaccessible content (the statement required by Act No. 99/2019 Coll.).
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)
# ==== retention of personal data (issue 22) =========================================# The periods of docs/personal-data.md ("Retention"), in days; the region's file plan
# (spisový a skartační plán) is authoritative and overrides them. The nightly job
# (backend/retention) removes or anonymises what is past its period; 0 switches a row off.
RETENTION_DEACTIVATED_ACCOUNT_DAYS = env_int("RETENTION_DEACTIVATED_ACCOUNT_DAYS", 730)
RETENTION_NOTIFICATION_DAYS = env_int("RETENTION_NOTIFICATION_DAYS", 730)
RETENTION_LOGIN_RECORD_DAYS = env_int("RETENTION_LOGIN_RECORD_DAYS", 90)
# Counted and reported only: the access log is append-only, its truncation is the operator's.
RETENTION_ACCESS_LOG_DAYS = env_int("RETENTION_ACCESS_LOG_DAYS", 1825)
# Files of plans that ended without inclusion (not included, withdrawn, lapsed), counted from
# the end of the plan (decision, withdrawal or lapse).
RETENTION_ENDED_PLAN_ATTACHMENT_DAYS = env_int("RETENTION_ENDED_PLAN_ATTACHMENT_DAYS", 1825)
# At most this many accounts and files per category and run (the next night goes on).
RETENTION_BATCH_SIZE = env_int("RETENTION_BATCH_SIZE", 1000)
# ==== end of retention =====================================================================
# ==== electronic seal (docs/seal.md) ======================================================
# The region's seal: a PKCS#12 file with the key, the seal certificate and its chain (never
# committed). Without it a throwaway test CA and seal certificate are made in SEAL_DIR at
# first use, which production allows only when told so (SEAL_TEST_CERTIFICATE=1).
SEAL_PKCS12_FILE = env_str("SEAL_PKCS12_FILE", "")
SEAL_PKCS12_PASSWORD = env_str("SEAL_PKCS12_PASSWORD", "")
SEAL_TEST_CERTIFICATE = env_bool("SEAL_TEST_CERTIFICATE", default=not PRODUCTION)
SEAL_DIR = Path(env_str("SEAL_DIR", str(VAR_DIR / "seal")))
# PEM files of the certificates a seal must chain to (the seal CA's root, the timestamp
# authority's); empty: the self-signed certificate of the PKCS#12 chain.
SEAL_TRUST_ROOTS = env_list("SEAL_TRUST_ROOTS", [])
# An RFC 3161 timestamp authority: when set, each sealed document gets a document timestamp.
SEAL_TSA_URL = env_str("SEAL_TSA_URL", "")
SEAL_TSA_TIMEOUT = env_int("SEAL_TSA_TIMEOUT", 10)
SEAL_LOCATION = env_str("SEAL_LOCATION", "Liberec")
# The stamp's font (Czech letters): a TrueType file, prepared once into SEAL_DIR.
SEAL_STAMP_FONT = env_str("SEAL_STAMP_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# ==== reference numbers (čísla jednací, docs/records.md) ====================================
# The regional office's series (the submissions it receives, the decisions it issues) and each
# municipality's own series (the opinions it issues; `{municipality}`: its ČSÚ code). Fields:
# {number} (a format spec such as {number:05d} allowed), {year}; checked at start-up.
REFERENCE_NUMBER_PATTERN = env_str("REFERENCE_NUMBER_PATTERN", "KULK/{number}/{year}")
REFERENCE_NUMBER_MUNICIPAL_PATTERN = env_str(
    "REFERENCE_NUMBER_MUNICIPAL_PATTERN", "OBEC-{municipality}/{number}/{year}"
)
