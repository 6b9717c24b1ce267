"""The signals of the apps below, turned into events. The signals are sent on commit (config.signals), so no event
is made for work that was rolled back; each receiver hands the signal's ids to a task (webhooks.publish_event), which
describes the event and publishes it to the endpoints that take it, off the request that did the work."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from exercises import signals as exercise_signals
from learning import signals as learning_signals
from planner import signals as planner_signals
from webhooks.models import EventType
from webhooks.services.events import event_enqueue

SIGNALS: dict[EventType, Signal] = {
    EventType.SUBMISSION_GRADED: exercise_signals.submission_graded,
    EventType.REVIEW_CREATED: exercise_signals.review_created,
    EventType.SIGNOFF_CREATED: exercise_signals.signoff_created,
    EventType.MILESTONE_COMPLETED: planner_signals.milestone_completed,
    EventType.LEARNER_BEHIND_PLAN: learning_signals.learner_behind_plan,
}
_receivers: list[Callable[..., None]] = []  # signals keep weak references: these keep the receivers alive


def _receiver(event_type: EventType) -> Callable[..., None]:
    def receive(sender: Any, **kwargs: Any) -> None:
        kwargs.pop("signal", None)
        event_enqueue(event_type=str(event_type), facts=kwargs)

    return receive


def connect() -> None:
    for event_type, signal in SIGNALS.items():
        receive = _receiver(event_type)
        _receivers.append(receive)
        signal.connect(receive, dispatch_uid=f"webhooks:{event_type}")
