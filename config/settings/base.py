"""Settings shared by every environment; everything configurable comes from the environment."""

from pathlib import Path

import environ

from gpu_runner import queues

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "accounts",
    "planner",
    "exercises",
    "mentoring",
    "cohorts",
    "catalogue",
    "learning",
    "portability",
    "webhooks",
    "leaderboards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads the body (CsrfViewMiddleware reads POST): a huge upload is refused unparsed.
    "config.uploads.UploadBodyLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication: a signed-in user's own language and time zone replace the browser's.
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
            ],
        },
    },
]

# Persistent connections, not psycopg's pool (docs/ARCHITECTURE.md, "Connections"): a gunicorn sync worker and a
# Celery prefork process each serve one thing at a time, so each holds one connection, opened lazily after the fork
# and reused for DATABASE_CONN_MAX_AGE seconds (0: one per request, as before). The health check replaces a
# connection the server dropped before a request uses it, instead of failing that request; on PostgreSQL it asks
# the kernel whether the idle socket has anything to read instead of sending SELECT 1 (config/postgresql/base.py).
DATABASE_CONNECTIONS = {
    "CONN_MAX_AGE": env.int("DATABASE_CONN_MAX_AGE", default=300),
    "CONN_HEALTH_CHECKS": env.bool("DATABASE_CONN_HEALTH_CHECKS", default=True),
}


def database_settings(url: str) -> dict[str, object]:
    """DATABASES["default"] for a DATABASE_URL, with the connection policy of every environment."""
    config = {**env.db_url_config(url), "ATOMIC_REQUESTS": False, **DATABASE_CONNECTIONS}
    postgresql = config["ENGINE"] == "django.db.backends.postgresql"
    return {**config, "ENGINE": "config.postgresql"} if postgresql else config


DATABASES = {"default": database_settings(env("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make run`'s SQLite file serves runserver's threads and the worker's processes at once. A deferred
    # transaction that reads, then writes, fails at once with "database is locked" when another writer got there
    # first (the busy timeout cannot help it): IMMEDIATE takes the write lock at BEGIN, so writers queue for up to
    # `timeout` seconds instead, and every atomic block (the quota check and insert among them) runs alone, as
    # select_for_update makes it on PostgreSQL. WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_BUSY_TIMEOUT_S", default=30),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    # Sign-in by username or email address (allauth); both backends refuse inactive users.
    "allauth.account.auth_backends.AuthenticationBackend",
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Learners upload code as text or small files; anything larger is refused before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
PATHWISE_MAX_CODE_BYTES = env.int("PATHWISE_MAX_CODE_BYTES", default=64 * 1024)
# An artefact exercise's Markdown write-up and Jupyter notebook (exercises/services/artefacts.py). A notebook sent
# inside a JSON body is also bounded by DATA_UPLOAD_MAX_MEMORY_SIZE; as a file upload, by this limit.
PATHWISE_MAX_WRITEUP_BYTES = env.int("PATHWISE_MAX_WRITEUP_BYTES", default=100 * 1024)
PATHWISE_MAX_NOTEBOOK_BYTES = env.int("PATHWISE_MAX_NOTEBOOK_BYTES", default=2 * 1024 * 1024)
# Django applies DATA_UPLOAD_MAX_MEMORY_SIZE to form fields, not to files: an uploaded file is kept in memory up
# to one byte past the larger of the code and notebook limits (enough to say it is too large) and the rest is
# dropped, never spooled to disk; a multipart body past PATHWISE_MAX_UPLOAD_BYTES is a 413 before it is parsed
# (config/uploads.py).
FILE_UPLOAD_MAX_MEMORY_SIZE = max(PATHWISE_MAX_CODE_BYTES, PATHWISE_MAX_NOTEBOOK_BYTES) + 1
FILE_UPLOAD_HANDLERS = ["config.uploads.CappedUploadHandler"]
PATHWISE_MAX_UPLOAD_BYTES = env.int("PATHWISE_MAX_UPLOAD_BYTES", default=4 * 1024 * 1024)
# An export restored through the API (a JSON body, read by the bounded parser, not by Django's form limits): a
# learner with thousands of submissions of 64 KiB code each is tens of MiB.
PATHWISE_MAX_IMPORT_BYTES = env.int("PATHWISE_MAX_IMPORT_BYTES", default=64 * 1024 * 1024)

# Proxies in front of the app that append the client address to X-Forwarded-For (a load balancer, nginx). 0: the
# header is ignored and the socket address is the client. Rate limits (DRF's and allauth's) key on this address.
PATHWISE_TRUSTED_PROXIES = env.int("PATHWISE_TRUSTED_PROXIES", default=0)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    # DRF's JSON on orjson (config/renderers.py); the browsable API as before.
    "DEFAULT_RENDERER_CLASSES": ["config.renderers.ORJSONRenderer", "rest_framework.renderers.BrowsableAPIRenderer"],
    "PAGE_SIZE": 50,
    # DRF's JSON parser with bounds (depth, integer range, finite numbers): see config/parsers.py.
    "DEFAULT_PARSER_CLASSES": [
        "config.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "submissions": env("PATHWISE_SUBMISSION_RATE", default="10/min"),
        "auth": env("PATHWISE_AUTH_RATE", default="20/min"),
    },
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    # Throttles key anonymous callers on the client address: X-Forwarded-For is read only behind as many proxies as
    # PATHWISE_TRUSTED_PROXIES says (None would trust whatever the caller sends).
    "NUM_PROXIES": PATHWISE_TRUSTED_PROXIES,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Pathwise API",
    "DESCRIPTION": "Learning paths into ML/NLP: curriculum, enrolments, progress, plans, exercises and grading.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ExerciseKindEnum": "exercises.models.Exercise.Kind",
        "InvitationKindEnum": "cohorts.models.Invitation.Kind",
        "MentoringRequestStatusEnum": "cohorts.models.MentoringRequest.Status",
        # The submission status keeps the name it had before mentoring requests brought a second `status`.
        "StatusEnum": "exercises.models.SubmissionStatus",
    },
}

# One cache shared by every process (web workers, Celery workers): login and API rate limits live here, so a
# per-process cache would multiply them. Production: redis://host:6379/1. `make run`: a file cache under var/.
CACHE_URL = env("CACHE_URL", default=f"filecache://{VAR_DIR / 'cache'}")


def cache_settings(url: str) -> dict[str, object]:
    """CACHES["default"] for a CACHE_URL: redis:// and rediss:// are Django's own RedisCache whatever else is
    installed (django-environ would pick django-redis if present), with timeouts so that a Redis that stopped
    answering fails a request in seconds instead of holding a worker."""
    config = env.cache_url_config(url)
    if url.startswith(("redis://", "rediss://")):
        config["BACKEND"] = "django.core.cache.backends.redis.RedisCache"
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].setdefault("socket_connect_timeout", 2)
        config["OPTIONS"].setdefault("socket_timeout", 2)
    return config


CACHES = {"default": cache_settings(CACHE_URL)}


def version_push_default(cache_url: str) -> bool:
    """Versions kept in memory while PostgreSQL's NOTIFY says they are unchanged (config/version_push.py): on where a
    Redis read is worth saving and a kept connection (one LISTEN each) can hear the database announce changes."""
    pushed = DATABASES["default"]["ENGINE"] == "config.postgresql" and DATABASES["default"]["CONN_MAX_AGE"] != 0
    return env.bool("PATHWISE_VERSION_PUSH", default=pushed and cache_url.startswith(("redis://", "rediss://")))


PATHWISE_VERSION_PUSH = version_push_default(CACHE_URL)
# Sessions are read from that cache and written through to the database: a signed-in page reads its session
# without a query, and a cache that lost it (a restart, an eviction) falls back to the row. Nothing here deletes
# session rows directly (that would leave the cached copy valid); an account ends by being deactivated, which
# Django's session authentication checks on every request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Mail -----------------------------------------------------------------------------------------
# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587 (smtp+ssl:// for port 465). Default: an SMTP server
# on this host (production); `make run` prints mail to the console instead (local.py).


def email_settings(url: str) -> dict[str, object]:
    config = environ.Env.email_url_config(url)
    return {
        "EMAIL_BACKEND": config["EMAIL_BACKEND"],
        "EMAIL_HOST": config.get("EMAIL_HOST") or "localhost",
        "EMAIL_PORT": config.get("EMAIL_PORT") or 25,
        "EMAIL_HOST_USER": config.get("EMAIL_HOST_USER") or "",
        "EMAIL_HOST_PASSWORD": config.get("EMAIL_HOST_PASSWORD") or "",
        "EMAIL_USE_TLS": bool(config.get("EMAIL_USE_TLS")),
        "EMAIL_USE_SSL": bool(config.get("EMAIL_USE_SSL")),
    }


globals().update(email_settings(env("EMAIL_URL", default="smtp://localhost:25")))
# A slow mail server must not hold a worker for long; mail goes out from Celery tasks, retried with backoff.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Pathwise <pathwise@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Accounts (django-allauth) ------------------------------------------------------------------------
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
# Off: only staff create accounts (the sign-up page and POST /api/v1/auth/register/ answer that sign-up is closed).
PATHWISE_SIGNUP_OPEN = env.bool("PATHWISE_SIGNUP_OPEN", default=True)
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
# "mandatory": no sign-in (page or token) before the address is verified; "optional": a reminder only.
ACCOUNT_EMAIL_VERIFICATION = env("PATHWISE_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
# One address per account: a new one replaces the old only once it is verified.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Pathwise] "
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_SESSION_REMEMBER = True
# Failed sign-ins, pages and API alike: per client address and per account (AccountAdapter keys an account's
# username and email address together), kept in the shared cache above.
ACCOUNT_RATE_LIMITS = {
    "login_failed": env("PATHWISE_LOGIN_FAILED_RATE", default="10/m/ip,5/5m/key"),
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
    "confirm_email": "1/3m/key",
}
ALLAUTH_TRUSTED_PROXY_COUNT = PATHWISE_TRUSTED_PROXIES
# API tokens: lifetime in seconds (0: until revoked); the most one account may hold (past it, the least recently used
# goes).
PATHWISE_TOKEN_TTL = env.int("PATHWISE_TOKEN_TTL", default=0)
# Where links in mails sent by workers point (there is no request to take the host from).
PATHWISE_SITE_URL = env("PATHWISE_SITE_URL", default="http://127.0.0.1:8000")
PATHWISE_MAX_TOKENS = env.int("PATHWISE_MAX_TOKENS", default=20)

# --- Celery -------------------------------------------------------------------------------------
# Default: kombu's filesystem transport, so `make run` needs no broker server. Production: Redis.
BROKER_DIR = Path(env("PATHWISE_BROKER_DIR", default=str(VAR_DIR / "broker")))
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="filesystem://")
CELERY_TASK_ACKS_LATE = True
# Late ack alone still acks when the pool process is killed; this makes the broker redeliver.
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process keeps its database connection for this many tasks instead of opening one per task (Celery's
# Django fixup closes it around each task when this is unset or 0); config/celery.py drops a connection that
# failed before the next task.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=1000)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = queues.GRADING
# Longer than the longest job (fine-tuning budget), or Redis redelivers a running job to a second worker.
PATHWISE_LONGEST_JOB_S = env.int("PATHWISE_LONGEST_JOB_S", default=3600)
# A fine-tuning job still running this long after it started is killed and reported `internal` (its own budget,
# checked every training step, is the soft limit); the same variable as gpu_runner.worker reads.
PATHWISE_GPU_HARD_LIMIT_S = env.int("PATHWISE_GPU_HARD_LIMIT_S", default=PATHWISE_LONGEST_JOB_S + 300)
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "out"),
        "data_folder_out": str(BROKER_DIR / "out"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "store_processed": False,
        # The exchange table; kombu's default is `control/` in the working directory (the repository root).
        "control_folder": str(BROKER_DIR / "control"),
    }
    # This transport cannot drive Celery's event loop, so the pool runs synchronously, and there a killed pool
    # process's task is failed (and, rejected on worker loss, requeued) only after this wait for a result it
    # might have sent (default 10 s). Ours ack late and keep no results: a second is plenty.
    CELERY_WORKER_LOST_WAIT = 1.0
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": max(PATHWISE_LONGEST_JOB_S + 600, PATHWISE_GPU_HARD_LIMIT_S + 60)
    }
CELERY_TASK_ROUTES = queues.TASK_ROUTES
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-submissions": {"task": queues.SWEEP_STUCK, "schedule": 60.0},
    # Idempotent (one digest per person per week, one mail per notification): a beat that runs twice sends nothing
    # twice.
    "send-weekly-digests": {"task": queues.SEND_WEEKLY_DIGESTS, "schedule": 3600.0},
    "send-notification-emails": {"task": queues.SEND_NOTIFICATION_EMAILS, "schedule": 60.0},
    # Hourly, so each learner is looked at soon after their Monday starts; one reminder per condition and week.
    "send-behind-plan-reminders": {"task": queues.SEND_REMINDERS, "schedule": 3600.0},
    # Webhook deliveries whose message was lost (a broker or worker gone) are enqueued again from the database.
    "sweep-webhook-deliveries": {"task": queues.SWEEP_WEBHOOKS, "schedule": 60.0},
}

# --- Pathwise -----------------------------------------------------------------------------------
PATHWISE_EXERCISE_BANKS = env.list("PATHWISE_EXERCISE_BANKS", default=[])
PATHWISE_DAILY_QUOTA = env.int("PATHWISE_DAILY_QUOTA", default=20)
# The secret seed of the leaderboards' public/private split of hidden rows (gpu_runner.leaderboard). Never in the
# repository: empty here (no split, nothing ranked); local.py and test.py have a development default, production.py
# refuses to start without one.
PATHWISE_LEADERBOARD_SEED = env("PATHWISE_LEADERBOARD_SEED", default="")
PATHWISE_MAX_ATTEMPTS = env.int("PATHWISE_MAX_ATTEMPTS", default=3)
# A running job's lease: renewed every third of it while the job runs; a job whose worker died is taken back
# once it lapses (at once when the dead worker was on the same host).
PATHWISE_LEASE_S = env.int("PATHWISE_LEASE_S", default=30)
# How long a mentor may withdraw a sign-off (a click on the wrong learner) before it stands.
PATHWISE_SIGN_OFF_GRACE_HOURS = env.int("PATHWISE_SIGN_OFF_GRACE_HOURS", default=24)
# How long a cohort invitation (join link or mailed link) lasts when its mentor does not say (1 to 90 days).
PATHWISE_INVITATION_DAYS = env.int("PATHWISE_INVITATION_DAYS", default=14)
# Webhooks (webhooks/): timeouts of one delivery, the backoff of retries (base x 2^n, capped, for a window of a
# day), and how many deliveries in a row may fail for good before the endpoint is disabled.
WEBHOOKS_TIMEOUT_S = env.float("WEBHOOKS_TIMEOUT_S", default=5.0)
WEBHOOKS_RETRY_BASE_S = env.float("WEBHOOKS_RETRY_BASE_S", default=30.0)
WEBHOOKS_RETRY_CAP_S = env.float("WEBHOOKS_RETRY_CAP_S", default=4 * 3600.0)
WEBHOOKS_RETRY_WINDOW_S = env.float("WEBHOOKS_RETRY_WINDOW_S", default=24 * 3600.0)
WEBHOOKS_DISABLE_AFTER_FAILURES = env.int("WEBHOOKS_DISABLE_AFTER_FAILURES", default=20)
# A pending delivery this far past its time (or never attempted this long after it was made) is enqueued again.
WEBHOOKS_SWEEP_AFTER_S = env.float("WEBHOOKS_SWEEP_AFTER_S", default=300.0)
# Tests and the benchmark only: http:// and private addresses (a receiver on 127.0.0.1). Never in production.
WEBHOOKS_ALLOW_PRIVATE_FOR_TESTS = False
PATHWISE_CURRICULUM_DIR = env.path("PATHWISE_CURRICULUM_DIR", default=BASE_DIR / "curriculum")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
