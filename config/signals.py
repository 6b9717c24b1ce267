"""Events an app announces to the apps above it, sent once the work that made them is committed.

A lower app (exercises, planner, learning) defines its own signals and sends them from the one service where the
thing happens, through `send_on_commit`: a receiver (webhooks) never hears of work that was rolled back, and a
receiver that fails is logged, never an error of the service that sent it (the work is committed by then).
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.dispatch import Signal

log = logging.getLogger(__name__)


def send_on_commit(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Send `signal` when the current transaction commits (at once outside one). Arguments are ids and JSON."""

    def send() -> None:
        for receiver, result in signal.send_robust(sender=sender, **kwargs):
            if isinstance(result, Exception):
                log.error("receiver %r of %s failed: %r", receiver, sender, result, exc_info=result)

    send.announces = signal  # type: ignore[attr-defined]  # tests tell an announcement from an enqueued job
    transaction.on_commit(send)


def jobs_only(callbacks: list[Any]) -> list[Any]:
    """The on-commit callbacks that are not announcements (for tests that count the jobs a service enqueued)."""
    return [c for c in callbacks if not hasattr(c, "announces")]
