"""The Celery app of the Django side (tasks of planner/exercises; gpu_runner has its own binding)."""

import os
from typing import Any

from celery import Celery
from celery.signals import task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

app = Celery("pathwise")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@task_prerun.connect
def drop_failed_connections(**_: Any) -> None:
    """A worker keeps its database connection between tasks (CELERY_DB_REUSE_MAX): one that raised a database
    error, or was left outside autocommit, is replaced before the next task rather than failing it, as Django
    does between requests. A healthy one costs no round trip here."""
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.connection is None:
            continue
        if conn.get_autocommit() != conn.settings_dict["AUTOCOMMIT"]:
            conn.close()
        elif conn.errors_occurred:
            if conn.is_usable():
                conn.errors_occurred = False
            else:
                conn.close()
