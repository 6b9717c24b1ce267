"""The small world every page, accounts and API test can share: two stages, a self-report milestone `a`, an auto-graded `b` (needs a) with a
code exercise, a mentor-signed `m` (needs a) with a quiz; two learners enrolled, each with their own mentor,
and an admin. The learner has one graded (failed) submission to the code exercise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Exercise, Submission
from exercises.services.submissions import quota_day_start
from planner.models import Milestone, Track
from planner.services import enrolment_create
from tests.factories import (
    ExerciseFactory,
    MentorAssignmentFactory,
    MilestoneFactory,
    StageFactory,
    SubmissionFactory,
    TrackFactory,
    TrackMilestoneFactory,
    UserFactory,
)

ROLES = ["anonymous", "learner", "other_learner", "mentor", "other_mentor", "admin"]

CODE_V1 = "def f(x):\n    return x\n"
CODE_V2 = "def f(x):\n    y = x + 1\n    return y\n"


@dataclass
class World:
    a: Milestone
    b: Milestone
    m: Milestone
    track: Track
    code: Exercise
    quiz: Exercise
    submission: Submission
    users: dict


@pytest.fixture
def world(db) -> World:
    s1 = StageFactory(slug="basics", order=1, title=("Basics", "基础"))
    s2 = StageFactory(slug="advanced", order=2, title=("Advanced", "进阶"))
    a = MilestoneFactory(
        slug="a",
        stage=s1,
        order=1,
        hours=4,
        completion="self",
        title=("Alpha basics", "阿尔法基础"),
        topics=(["vectors"], ["向量"]),
    )
    b = MilestoneFactory(
        slug="b", stage=s2, order=1, hours=6, completion="auto", prerequisites=[a], title=("Beta graded", "贝塔评分")
    )
    m = MilestoneFactory(
        slug="m",
        stage=s2,
        order=2,
        hours=3,
        completion="mentor",
        prerequisites=[a],
        title=("Mentor checked", "导师确认"),
    )
    a.resources.create(
        order=1,
        title="Linear Algebra Done Right",
        authors="Sheldon Axler",
        kind="book",
        url="https://linear.axler.net/",
    )
    track = TrackFactory(slug="nlp", title=("NLP engineer", "NLP 工程师"))
    for order, milestone in enumerate([a, b, m], start=1):
        TrackMilestoneFactory(track=track, milestone=milestone, order=order)
    code = ExerciseFactory(
        slug="add-one",
        milestone=b,
        title=("Add one", "加一"),
        statement=(
            "# Add one\n\nReturn $x_i + 1$ for **every** item.\n\n<script>alert(1)</script>",
            "# 加一\n\n对每一项返回 $x_i + 1$。",
        ),
        starter="def f(x):\n    pass\n",
    )
    quiz = ExerciseFactory(
        slug="quiz-basics",
        milestone=m,
        kind="quiz",
        title=("Basics quiz", "基础测验"),
        public={
            "questions": [
                {
                    "id": "q1",
                    "type": "choice",
                    "prompt": {"en": "Pick `a`", "zh": "选 `a`"},
                    "options": [
                        {"id": "a", "text": {"en": "A", "zh": "甲"}},
                        {"id": "b", "text": {"en": "B", "zh": "乙"}},
                    ],
                },
                {"id": "q2", "type": "numeric", "prompt": {"en": "2 + 2?", "zh": "2 + 2 = ?"}},
            ]
        },
    )
    users = {
        "learner": UserFactory(username="lena"),
        "other_learner": UserFactory(username="otto"),
        "mentor": UserFactory(username="mira"),
        "other_mentor": UserFactory(username="omar"),
        "admin": UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    MentorAssignmentFactory(mentor=users["mentor"], learner=users["learner"])
    MentorAssignmentFactory(mentor=users["other_mentor"], learner=users["other_learner"])
    for key in ("learner", "other_learner"):
        enrolment_create(user=users[key], track=track, hours_per_week=5, start_date=timezone.localdate())
    now = timezone.now()
    # Hours ago, but never before today's quota day began: the pages count it in today's quota at any hour.
    created = max(now - dt.timedelta(hours=3), quota_day_start())
    submission = SubmissionFactory(
        user=users["learner"],
        exercise=code,
        attempt=1,
        payload={"source": CODE_V1},
        status="failed",
        score=0.5,
        checks=[
            {"name": "small inputs", "passed": True, "message": ""},
            {"name": "negative numbers", "passed": False, "message": "f(-1) returned -1, expected 0"},
        ],
        stdout_tail="hello from stdout",
        runtime={"device": "cpu", "python": "3.11.2"},
        finished_at=min(created + dt.timedelta(hours=1), now),
    )
    Submission.objects.filter(pk=submission.pk).update(created_at=created)
    submission.refresh_from_db()
    return World(a=a, b=b, m=m, track=track, code=code, quiz=quiz, submission=submission, users=users)


def waiting_since(submission: Submission, *, hours: float) -> None:
    """Make `submission` one that finished `hours` ago (and started an hour before), at any time of day: the world's
    own submission is kept inside today's quota day, so after midnight it has not been waiting long."""
    finished = timezone.now() - dt.timedelta(hours=hours)
    Submission.objects.filter(pk=submission.pk).update(
        created_at=finished - dt.timedelta(hours=1), finished_at=finished
    )
    submission.refresh_from_db()


def page_client(user=None, lang: str = "en") -> Client:
    """A test client that reads pages in `lang`, signed in as `user` (None: anonymous)."""
    client = Client()
    client.cookies["django_language"] = lang
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_role(world: World):
    """A test client signed in as one of ROLES (English unless `lang` is given)."""

    def make(role: str, lang: str = "en") -> Client:
        return page_client(None if role == "anonymous" else world.users[role], lang)

    return make


@pytest.fixture
def bank_quiz(world) -> dict:
    """The real quiz-numpy exercise from the bank, with its right answers (for a graded-in-request submission)."""
    from exercises.management.commands.load_exercises import exercise_fields
    from gpu_runner.bank import Bank

    source = Bank.default().get("quiz-numpy")
    Exercise.objects.create(slug="quiz-numpy", milestone=world.m, **exercise_fields(source))
    return {"slug": "quiz-numpy", "answers": {q["id"]: q["answer"] for q in source.questions}}
