from django.apps import AppConfig


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = "Exercises"

    def ready(self) -> None:
        from accounts.extensions import registry
        from exercises.services.people import learner_submissions_erase, reviews_digest

        registry.personal_data_erasers.append(learner_submissions_erase)
        registry.digest_builders.append(reviews_digest)
