"""Production: PostgreSQL, Redis, gunicorn; refuses to start without a secret key or a shared Redis cache."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import cache_settings, env, version_push_default

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to a random string of at least 50 characters.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # noqa: F405

# Every web and Celery process (on every host) must see the same cache: rate limits are counted there, and the
# curriculum's version lives there (a reload or an admin edit in one process must reach every worker's next read).
# A per-process or per-host cache would break both without an error, so production refuses to start without Redis.
CACHE_URL = env("CACHE_URL", default="")
if not CACHE_URL.startswith(("redis://", "rediss://")):
    raise ImproperlyConfigured(
        "CACHE_URL must point at the Redis cache every process shares, e.g. redis://host:6379/1 (rediss:// for TLS)."
    )
CACHES = {"default": cache_settings(CACHE_URL)}
PATHWISE_VERSION_PUSH = version_push_default(CACHE_URL)

# The leaderboards' public/private split is only as secret as its seed: a learner who knew it could tell which
# hidden rows count for the private ranking. Like the secret key, it must come from the environment.
PATHWISE_LEADERBOARD_SEED = env("PATHWISE_LEADERBOARD_SEED", default="")
if len(PATHWISE_LEADERBOARD_SEED) < 32:
    raise ImproperlyConfigured("PATHWISE_LEADERBOARD_SEED must be set to a random string of at least 32 characters.")
