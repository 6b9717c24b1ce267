import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()
# `gunicorn --preload` builds the application in the master and then forks the workers: a connection opened while
# loading (an app's ready(), a system check) would be one socket shared by every worker. Closed here, each worker
# opens its own on its first request and keeps it (CONN_MAX_AGE).
connections.close_all()
