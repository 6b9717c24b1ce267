"""Tests run on the real PostgreSQL and Redis that every machine of this project has."""

from tests.workers import own_broker_url

from .base import *  # noqa: F403
from .base import database_settings, env

SECRET_KEY = "pathwise-tests-only"  # noqa: S105
DEBUG = False
DATABASES = {"default": database_settings(env("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/pathwise"))}
# Redis db 15, or one per pytest-xdist process (tests/workers.py says which).
CELERY_BROKER_URL = own_broker_url()
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production keeps the default
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"submissions": "1000/min", "auth": "1000/min"}}  # noqa: F405
# Serve static files from the app folders (no collectstatic in tests), as runserver does.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Each test process has its own cache (tests clear it); tests/accounts/test_rate_limits.py runs the shared one.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
PATHWISE_VERSION_PUSH = False  # a per-process cache: nothing to save (tests/config/test_version_push.py turns it on)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Off in tests (the SSRF tests prove refusal); a test that runs a receiver on 127.0.0.1 turns it on for itself, and
# scripts/bench_webhooks.py sets the variable for its worker.
WEBHOOKS_ALLOW_PRIVATE_FOR_TESTS = env.bool("WEBHOOKS_ALLOW_PRIVATE_FOR_TESTS", default=False)
# A development seed for the leaderboards' public/private split; production.py requires a secret one.
PATHWISE_LEADERBOARD_SEED = env("PATHWISE_LEADERBOARD_SEED", default="pathwise-leaderboard-development-only")
