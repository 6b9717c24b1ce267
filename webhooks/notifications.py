"""Where this app's notifications lead (accounts.extensions.registry.notification_links): kind -> the page. The
webhooks have no pages (the API and the admin), so a "webhook disabled" notification links nowhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

NOTIFICATION_LINKS: dict[str, Callable[[Any], str]] = {"webhook_disabled": lambda notification: ""}
