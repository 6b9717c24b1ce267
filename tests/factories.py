"""Typed factory-boy factories for the models of every app."""

from __future__ import annotations

import datetime as dt

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from accounts.models import MentorAssignment
from exercises.models import Exercise, Submission
from planner.models import Enrolment, Milestone, Stage, Track, TrackMilestone

User = get_user_model()


class BilingualFactory(factory.django.DjangoModelFactory):
    """Takes a text field in both languages as one argument: `title=("Attention", "注意力机制")` sets title_en and
    title_zh (likewise summary, statement and topics)."""

    class Meta:
        abstract = True

    @classmethod
    def _adjust_kwargs(cls, **kwargs: object) -> dict[str, object]:
        for field in ("title", "summary", "statement", "topics"):
            if field in kwargs:
                kwargs[f"{field}_en"], kwargs[f"{field}_zh"] = kwargs.pop(field)
        return kwargs


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("pw-correct-horse")

    @factory.post_generation
    def verified_email(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """A verified address, as every account that finished sign-up has (verification is mandatory in the test
        settings); `verified_email=False` for one that has not."""
        if create and self.email and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email.lower(), defaults={"verified": True, "primary": True}
            )


class MentorAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorAssignment

    mentor = factory.SubFactory(UserFactory)
    learner = factory.SubFactory(UserFactory)


class StageFactory(BilingualFactory):
    class Meta:
        model = Stage

    slug = factory.Sequence(lambda n: f"stage-{n}")
    order = factory.Sequence(lambda n: n + 1)
    title_en = factory.LazyAttribute(lambda o: f"Stage {o.slug}")
    title_zh = factory.LazyAttribute(lambda o: f"阶段 {o.slug}")


class MilestoneFactory(BilingualFactory):
    class Meta:
        model = Milestone
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"milestone-{n}")
    stage = factory.SubFactory(StageFactory)
    order = factory.Sequence(lambda n: n)
    hours = 5
    completion = "self"
    title_en = factory.LazyAttribute(lambda o: f"Milestone {o.slug}")
    title_zh = factory.LazyAttribute(lambda o: f"里程碑 {o.slug}")
    summary_en = "A milestone."
    summary_zh = "一个里程碑。"

    @factory.post_generation
    def prerequisites(self, create: bool, extracted: list[Milestone] | None, **kwargs: object) -> None:
        if create and extracted:
            self.prerequisites.set(extracted)


class TrackFactory(BilingualFactory):
    class Meta:
        model = Track

    slug = factory.Sequence(lambda n: f"track-{n}")
    role = "data_scientist"
    title_en = factory.LazyAttribute(lambda o: f"Track {o.slug}")
    title_zh = factory.LazyAttribute(lambda o: f"路线 {o.slug}")


class TrackMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrackMilestone

    track = factory.SubFactory(TrackFactory)
    milestone = factory.SubFactory(MilestoneFactory)
    required = True
    order = factory.Sequence(lambda n: n)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    track = factory.SubFactory(TrackFactory)
    hours_per_week = 10
    start_date = dt.date(2026, 1, 5)


class ExerciseFactory(BilingualFactory):
    class Meta:
        model = Exercise

    slug = factory.Sequence(lambda n: f"exercise-{n}")
    milestone = factory.SubFactory(MilestoneFactory, completion="auto")
    kind = "code"
    sha256 = "0" * 64
    title_en = "An exercise"
    title_zh = "一个练习"
    statement_en = "Do it."
    statement_zh = "做吧。"
    limits = factory.LazyFunction(lambda: {"cpu_s": 5, "wall_s": 10, "memory_mb": 512, "output_kb": 256})


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Submission

    user = factory.SubFactory(UserFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    attempt = factory.Sequence(lambda n: n + 1)
    payload = factory.LazyFunction(lambda: {"source": "def f():\n    return 1\n"})
    exercise_sha256 = factory.LazyAttribute(lambda o: o.exercise.sha256)

    class Params:
        # A run the sandbox stopped at its time limit: an error with no score.
        timed_out = factory.Trait(status="error", score=0.0, error_code="timeout")
