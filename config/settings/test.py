"""Tests run on the real PostgreSQL and Redis that every machine of this project has."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "pathwise-tests-only"  # noqa: S105
DEBUG = False
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/pathwise")}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production keeps the default
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"submissions": "1000/min", "auth": "1000/min"}}  # noqa: F405
# Serve static files from the app folders (no collectstatic in tests), as runserver does.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
