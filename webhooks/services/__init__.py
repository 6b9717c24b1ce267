"""The write side of webhooks. Import services from here: `from webhooks.services import endpoint_create`."""

from webhooks.services.deliveries import delivery_attempt, delivery_redeliver
from webhooks.services.endpoints import endpoint_create, endpoint_delete, endpoint_rotate_secret, endpoint_update
from webhooks.services.events import event_publish

__all__ = [
    "delivery_attempt",
    "delivery_redeliver",
    "endpoint_create",
    "endpoint_delete",
    "endpoint_rotate_secret",
    "endpoint_update",
    "event_publish",
]
