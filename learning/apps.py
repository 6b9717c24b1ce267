from django.apps import AppConfig


class LearningConfig(AppConfig):
    """What keeps a learner learning after a milestone is done: private notes per milestone, spaced review (FSRS)
    of done milestones, a weekly goal with streaks and reminders. Above exercises (review cards come from passed
    quizzes) and planner; below mentoring and cohorts, which show a learner's shared notes."""

    name = "learning"
    verbose_name = "Learning"

    def ready(self) -> None:
        from accounts.extensions import registry
        from learning.notifications import NOTIFICATION_LINKS
        from learning.services.people import learning_data_erase

        registry.personal_data_erasers.append(learning_data_erase)
        registry.notification_links.update(NOTIFICATION_LINKS)
