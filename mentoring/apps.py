from django.apps import AppConfig


class MentoringConfig(AppConfig):
    """The mentor's pages: their learners at a glance, one learner's roadmap and work, sign-off, the review queue.

    They combine planner (progress, plans) and exercises (submissions, reviews), so they live above both;
    neither imports this app.
    """

    name = "mentoring"
    verbose_name = "Mentoring"
