"""Where this app's notifications lead (accounts.extensions.registry.notification_links): kind -> the page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

NOTIFICATION_LINKS: dict[str, Callable[[Any], str]] = {}
