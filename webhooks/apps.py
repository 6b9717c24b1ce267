from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    """Outgoing webhooks: endpoints registered by staff (every learner's events) or by a cohort's mentors (that
    cohort's learners), signed JSON deliveries from Celery with retries, a delivery log. Above every other app: it
    hears their signals (exercises, planner, learning) and reads their rows to describe an event; none imports it."""

    name = "webhooks"
    verbose_name = "Webhooks"

    def ready(self) -> None:
        from accounts.extensions import registry
        from webhooks import receivers
        from webhooks.notifications import NOTIFICATION_LINKS

        receivers.connect()
        registry.notification_links.update(NOTIFICATION_LINKS)
