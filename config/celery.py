"""The Celery app of the Django side (tasks of planner/exercises; gpu_runner has its own binding)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

app = Celery("pathwise")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
