"""Laptop defaults: `make run` works with no services and no configuration."""

from .base import *  # noqa: F403
from .base import email_settings, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed development key; production.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="django-insecure-pathwise-local-development-only")
# A new user signs in at once; the verification mail is printed in the server log (console backend).
ACCOUNT_EMAIL_VERIFICATION = env("PATHWISE_EMAIL_VERIFICATION", default="optional")
globals().update(email_settings(env("EMAIL_URL", default="consolemail://")))
# A development seed for the leaderboards' public/private split; production.py requires a secret one.
PATHWISE_LEADERBOARD_SEED = env("PATHWISE_LEADERBOARD_SEED", default="pathwise-leaderboard-development-only")
