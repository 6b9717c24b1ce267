"""Queue and task names: the contract between the web side, its workers and GPU hosts, in one module that the
gpu_runner worker, the Django tasks and services, and CELERY_TASK_ROUTES import (no Django here)."""

from __future__ import annotations

# Queues: grading (code, model, quiz: CPU), gpu (fine-tuning), events (results and progress back to the web side,
# and the web side's own small jobs).
GRADING = "grading"
GPU = "gpu"
EVENTS = "events"
# Outgoing webhooks: a slow receiver waits here, never in front of results being recorded.
WEBHOOKS = "webhooks"

# Tasks of the grading pipeline.
GRADE_SUBMISSION = "exercises.grade_submission"
RUN_JOB = "gpu_runner.run_job"
RECORD_RESULT = "exercises.record_result"
RECORD_EVENT = "exercises.record_event"
SWEEP_STUCK = "exercises.sweep_stuck_submissions"
# The web side's mail.
DELIVER_EMAIL = "accounts.deliver_email"
SEND_WEEKLY_DIGESTS = "accounts.send_weekly_digests"
SEND_NOTIFICATION_EMAILS = "accounts.send_notification_emails"
# Behind-plan reminders (learning) and webhook deliveries.
SEND_REMINDERS = "learning.send_behind_plan_reminders"
DELIVER_WEBHOOK = "webhooks.deliver"
PUBLISH_WEBHOOK_EVENT = "webhooks.publish_event"
SWEEP_WEBHOOKS = "webhooks.sweep_deliveries"

# The tasks each queue carries; every task goes to exactly one queue.
QUEUE_TASKS = {
    GRADING: (GRADE_SUBMISSION,),
    GPU: (RUN_JOB,),
    EVENTS: (
        RECORD_RESULT,
        RECORD_EVENT,
        SWEEP_STUCK,
        DELIVER_EMAIL,
        SEND_WEEKLY_DIGESTS,
        SEND_NOTIFICATION_EMAILS,
        SEND_REMINDERS,
    ),
    WEBHOOKS: (DELIVER_WEBHOOK, PUBLISH_WEBHOOK_EVENT, SWEEP_WEBHOOKS),
}

TASK_ROUTES = {task: {"queue": queue} for queue, tasks in QUEUE_TASKS.items() for task in tasks}
