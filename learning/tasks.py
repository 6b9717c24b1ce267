"""Celery tasks of learning. Thin: one service call."""

from __future__ import annotations

from celery import shared_task

from gpu_runner import queues
from learning.services.reminders import reminders_send


@shared_task(name=queues.SEND_REMINDERS, acks_late=True)
def send_behind_plan_reminders_task() -> int:
    """Beat runs it hourly: each learner behind plan is reminded once per track and week of theirs."""
    return reminders_send()
