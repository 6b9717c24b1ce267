"""Laptop defaults: `make run` works with no services and no configuration."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed development key; production.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-pathwise-local-development-only")
