"""The signals of the apps below, turned into events: each receiver describes the event (webhooks.payloads) and
publishes it to the endpoints that take it. The signals are sent on commit (config.signals), so no event is made
for work that was rolled back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from exercises import signals as exercise_signals
from learning import signals as learning_signals
from planner import signals as planner_signals
from webhooks.models import EventType
from webhooks.payloads import BUILDERS
from webhooks.services import event_publish

SIGNALS: dict[EventType, Signal] = {
    EventType.SUBMISSION_GRADED: exercise_signals.submission_graded,
    EventType.REVIEW_CREATED: exercise_signals.review_created,
    EventType.SIGNOFF_CREATED: exercise_signals.signoff_created,
    EventType.MILESTONE_COMPLETED: planner_signals.milestone_completed,
    EventType.LEARNER_BEHIND_PLAN: learning_signals.learner_behind_plan,
}
_receivers: list[Callable[..., None]] = []  # signals keep weak references: these keep the receivers alive


def _receiver(event_type: EventType) -> Callable[..., None]:
    build = BUILDERS[event_type]

    def receive(sender: Any, **kwargs: Any) -> None:
        kwargs.pop("signal", None)
        built = build(**kwargs)
        if built is not None:
            learner_id, key, data = built
            event_publish(event_type=event_type, key=key, learner_id=learner_id, data=data)

    return receive


def connect() -> None:
    for event_type, signal in SIGNALS.items():
        receive = _receiver(event_type)
        _receivers.append(receive)
        signal.connect(receive, dispatch_uid=f"webhooks:{event_type}")
