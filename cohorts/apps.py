from django.apps import AppConfig


class CohortsConfig(AppConfig):
    """Cohorts, invitations and mentoring requests. Above planner, exercises and accounts: it uses their services
    and selectors, and none of them imports it (accounts reaches it through its registry)."""

    name = "cohorts"
    verbose_name = "Cohorts"

    def ready(self) -> None:
        from accounts.extensions import registry
        from cohorts.notifications import NOTIFICATION_LINKS
        from cohorts.services.people import cohort_data_erase

        registry.personal_data_erasers.append(cohort_data_erase)
        registry.notification_links.update(NOTIFICATION_LINKS)
