from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "planner"
    verbose_name = "Planner"

    def ready(self) -> None:
        from accounts.extensions import registry
        from planner.services.people import (
            learner_data_erase,
            learners_digest,
            weekly_hours_get,
            weekly_hours_set,
            weekly_hours_subquery,
        )

        registry.weekly_hours_get = weekly_hours_get
        registry.weekly_hours_set = weekly_hours_set
        registry.weekly_hours_subquery = weekly_hours_subquery
        registry.personal_data_erasers.append(learner_data_erase)
        registry.digest_builders.append(learners_digest)

        from planner.curriculum_version import connect_signals

        connect_signals()
