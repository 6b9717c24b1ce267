"""Export everything, restore it into a fresh account: same progress, nothing twice, missing slugs reported,
malformed documents refused with a message and nothing stored."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from accounts.models import Profile
from exercises.models import Review, ReviewComment, SignOff, Submission
from learning.models import WeeklyGoal
from planner.models import Progress, ProgressState
from planner.services import milestone_complete, progress_summary
from portability.selectors import learner_export_get
from portability.services import learner_import
from portability.services.document import BAD_DOCUMENT, NOT_AN_EXPORT, UNSUPPORTED_VERSION
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lena(world):
    """The learner with a done milestone, a pass, a review with a line comment and a mentor's sign-off."""
    learner = world.users["learner"]
    milestone_complete(user=learner, milestone=world.a, evidence="self")
    passed = SubmissionFactory(
        user=learner,
        exercise=world.code,
        attempt=2,
        payload={"source": "def f(x):\n    return [v + 1 for v in x]\n"},
        status="passed",
        score=1.0,
        finished_at=timezone.now(),
    )
    review = Review.objects.create(submission=passed, mentor=world.users["mentor"], verdict="approve", body="Neat")
    ReviewComment.objects.create(review=review, line=2, body="a comprehension, good")
    SignOff.objects.create(learner=learner, milestone=world.m, mentor=world.users["mentor"])
    milestone_complete(user=learner, milestone=world.m, evidence="mentor")
    return learner


def _comparable(summary: dict) -> list[dict]:
    keep = ("track", "milestones", "milestones_done", "hours_done", "hours_remaining", "percent_done")
    return [{key: track[key] for key in keep} for track in summary["tracks"]]


def test_export_holds_profile_progress_submissions_code_and_reviews(world, lena):
    doc = learner_export_get(user=lena)
    assert doc["format"] == "pathwise-export" and doc["version"] == 1
    assert doc["profile"]["username"] == "lena"
    assert [e["track"] for e in doc["enrolments"]] == ["nlp"]
    states = {row["milestone"]: (row["state"], row["evidence"]) for row in doc["progress"]}
    assert states == {"a": ("done", "self"), "b": ("available", ""), "m": ("done", "mentor")}
    assert doc["sign_offs"] == [{"milestone": "m", "mentor": "mira", "created_at": doc["sign_offs"][0]["created_at"]}]
    attempts = {s["attempt"]: s for s in doc["submissions"]}
    assert attempts[1]["payload"] == {"source": "def f(x):\n    return x\n"}
    assert attempts[1]["status"] == "failed" and attempts[1]["score"] == 0.5
    assert attempts[1]["checks"][1]["message"] == "f(-1) returned -1, expected 0"
    assert attempts[2]["reviews"][0]["mentor"] == "mira"
    assert attempts[2]["reviews"][0]["comments"] == [{"line": 2, "body": "a comprehension, good"}]
    json.dumps(doc)  # every value is plain JSON


def test_export_never_holds_another_learners_data(world, lena):
    SubmissionFactory(user=world.users["other_learner"], exercise=world.code, attempt=1, payload={"source": "SECRET"})
    assert "SECRET" not in json.dumps(learner_export_get(user=lena))


def test_round_trip_into_a_fresh_account_gives_the_same_progress_summary(world, lena):
    doc = json.loads(json.dumps(learner_export_get(user=lena)))
    fresh = UserFactory(username="lena-elsewhere")
    report = learner_import(user=fresh, document=doc)
    assert _comparable(progress_summary(user_id=fresh.pk)) == _comparable(progress_summary(user_id=lena.pk))
    assert report.restored == {"enrolments": 1, "progress": 2, "sign_offs": 1, "submissions": 2}
    assert report.not_restored == {"reviews": 1}
    assert report.missing == {}
    restored = Submission.objects.get(user=fresh, attempt=1)
    assert restored.payload == {"source": "def f(x):\n    return x\n"}
    assert restored.created_at == Submission.objects.get(user=lena, attempt=1).created_at
    assert restored.counts_against_quota is False
    assert SignOff.objects.get(learner=fresh).mentor is None
    assert Progress.objects.get(user=fresh, milestone=world.m).state == ProgressState.DONE


def test_a_second_import_duplicates_nothing(world, lena):
    doc = learner_export_get(user=lena)
    fresh = UserFactory(username="lena-elsewhere")
    learner_import(user=fresh, document=doc)
    counts = (Submission.objects.filter(user=fresh).count(), Progress.objects.filter(user=fresh).count())
    again = learner_import(user=fresh, document=doc)
    assert again.restored == {}
    assert again.unchanged == {"enrolments": 1, "progress": 3, "sign_offs": 1, "submissions": 2}
    assert (Submission.objects.filter(user=fresh).count(), Progress.objects.filter(user=fresh).count()) == counts


def test_missing_milestones_and_exercises_are_reported_and_the_rest_restored(world, lena):
    doc = learner_export_get(user=lena)
    doc["progress"].append({"milestone": "quantum-nlp", "state": "done", "evidence": "self"})
    doc["submissions"][0]["exercise"] = "no-such-exercise"
    doc["enrolments"].append({**doc["enrolments"][0], "track": "astronaut"})
    fresh = UserFactory(username="lena-elsewhere")
    report = learner_import(user=fresh, document=doc)
    assert report.as_dict()["missing"] == {
        "exercises": ["no-such-exercise"],
        "milestones": ["quantum-nlp"],
        "tracks": ["astronaut"],
    }
    assert report.restored["submissions"] == 1


def test_import_never_moves_progress_backwards(world, lena):
    fresh = UserFactory(username="lena-elsewhere")
    doc = learner_export_get(user=lena)
    learner_import(user=fresh, document=doc)
    for row in doc["progress"]:
        row["state"] = "in_progress"
    learner_import(user=fresh, document=doc)
    assert Progress.objects.get(user=fresh, milestone=world.a).state == ProgressState.DONE


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([1, 2], NOT_AN_EXPORT % {"format": "pathwise-export"}),
        ({"format": "pathwise-export", "version": 7}, UNSUPPORTED_VERSION % {"version": 7, "supported": 1}),
    ],
)
def test_not_an_export_is_refused_with_a_message(world, document, message):
    with pytest.raises(ValidationError) as caught:
        learner_import(user=world.users["other_learner"], document=document)
    assert caught.value.messages == [message]


def test_a_malformed_export_stores_nothing(world, lena):
    doc = learner_export_get(user=lena)
    doc["submissions"][1]["attempt"] = "second"
    fresh = UserFactory(username="lena-elsewhere")
    with pytest.raises(ValidationError) as caught:
        learner_import(user=fresh, document=doc)
    assert caught.value.messages == [BAD_DOCUMENT % {"errors": "submissions[1].attempt: A valid integer is required."}]
    assert not Submission.objects.filter(user=fresh).exists()
    assert not Progress.objects.filter(user=fresh).exists()


@pytest.mark.parametrize(
    ("goal", "error"),
    [
        ({"kind": "hours", "hours": "999.0"}, "weekly_goal.hours: Hours a week must be between 0.5 and 100."),
        (
            {"kind": "items", "milestones": 900, "exercises": 1},
            "weekly_goal.milestones: At most 50 milestones and 200 exercises a week.",
        ),
        (
            {"kind": "items", "milestones": 0, "exercises": 0},
            "weekly_goal.milestones: Set at least one milestone or one exercise a week.",
        ),
    ],
)
def test_an_imported_weekly_goal_meets_the_goals_rules_or_nothing_is_stored(world, lena, goal, error):
    # The import created the goal as the document said, past the rules the rhythm page holds a goal to.
    doc = json.loads(json.dumps(learner_export_get(user=lena)))
    doc["weekly_goal"] = {**goal, "reminders": True}
    fresh = UserFactory(username="lena-elsewhere")
    with pytest.raises(ValidationError) as caught:
        learner_import(user=fresh, document=doc)
    assert caught.value.messages == [BAD_DOCUMENT % {"errors": error}]
    assert not WeeklyGoal.objects.filter(user=fresh).exists()
    assert not Submission.objects.filter(user=fresh).exists()


def test_an_imported_profile_meets_the_settings_rules_or_nothing_is_stored(world, lena):
    # The import set the profile's fields as the document said: a time zone no clock knows was stored.
    doc = json.loads(json.dumps(learner_export_get(user=lena)))
    doc["profile"] |= {"display_name": "Lena K", "time_zone": "Mars/Olympus"}
    fresh = UserFactory(username="lena-elsewhere")
    with pytest.raises(ValidationError) as caught:
        learner_import(user=fresh, document=doc)
    reason = "Unknown time zone: Mars/Olympus. Use an IANA name such as Asia/Shanghai or Europe/Berlin."
    assert caught.value.messages == [BAD_DOCUMENT % {"errors": f"profile.time_zone: {reason}"}]
    assert not Profile.objects.filter(user=fresh, display_name="Lena K").exists()
    doc["profile"]["time_zone"] = "Asia/Shanghai"
    learner_import(user=fresh, document=doc)
    assert Profile.objects.filter(user=fresh, display_name="Lena K", time_zone="Asia/Shanghai").exists()


def test_progress_csv_has_one_row_per_milestone(world, lena, as_role):
    response = as_role("learner").get("/me/export/progress.csv")
    assert response["Content-Disposition"].startswith('attachment; filename="pathwise-lena-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["track"], r["milestone"], r["state"], r["evidence"]) for r in rows] == [
        ("nlp", "a", "done", "self"),
        ("nlp", "b", "available", ""),
        ("nlp", "m", "done", "mentor"),
    ]


def test_management_commands_export_and_import(world, lena, tmp_path):
    path = tmp_path / "lena.json"
    call_command("export_learner", "lena", "--out", str(path))
    UserFactory(username="lena2")
    out = io.StringIO()
    call_command("import_learner", str(path), "--user", "lena2", stdout=out)
    assert Submission.objects.filter(user__username="lena2").count() == 2
    assert json.loads(out.getvalue())["restored"]["submissions"] == 2


def test_notes_review_cards_and_goal_travel_and_are_not_duplicated(world, lena):
    from learning.models import Note, ReviewCard, ReviewLog, WeeklyGoal

    Note.objects.create(user=lena, milestone=world.a, body="**eigen** vectors", shared_with_mentors=True)
    now = timezone.now()
    card = ReviewCard.objects.create(
        user=lena,
        milestone=world.a,
        source="recall",
        key="recall:a:1",
        content={"front": "What is a vector?"},
        state=2,
        step=None,
        stability=3.5,
        difficulty=5.1,
        due=now,
        last_review=now,
        reps=2,
    )
    ReviewLog.objects.create(card=card, user=lena, rating=3, first=True, reviewed_at=now)
    WeeklyGoal.objects.create(user=lena, kind="hours", hours=6)
    doc = json.loads(json.dumps(learner_export_get(user=lena)))
    assert doc["notes"][0]["body"] == "**eigen** vectors"
    assert doc["review_cards"][0]["stability"] == 3.5 and doc["review_cards"][0]["logs"][0]["rating"] == 3
    fresh = UserFactory(username="lena-elsewhere")
    report = learner_import(user=fresh, document=doc)
    assert (report.restored["notes"], report.restored["review_cards"], report.restored["weekly_goal"]) == (1, 1, 1)
    copy = ReviewCard.objects.get(user=fresh)
    assert (copy.key, copy.stability, copy.due, copy.logs.get().rating) == ("recall:a:1", 3.5, now, 3)
    assert Note.objects.get(user=fresh).shared_with_mentors is True
    assert WeeklyGoal.objects.get(user=fresh).hours == 6
    again = learner_import(user=fresh, document=doc)
    assert (again.unchanged["notes"], again.unchanged["review_cards"]) == (1, 1)
    assert ReviewLog.objects.filter(user=fresh).count() == 1


def test_regrades_travel_linked_to_their_attempt_and_superseded_passes_stay_superseded(world, lena):
    passed = Submission.objects.get(user=lena, attempt=2)
    regrade = SubmissionFactory(
        user=lena,
        exercise=world.code,
        attempt=2,
        status="failed",
        score=0.3,
        regrade_of=passed,
        counts_against_quota=False,
    )
    Submission.objects.filter(pk=passed.pk).update(superseded_at=timezone.now())
    doc = json.loads(json.dumps(learner_export_get(user=lena)))
    assert [s["regrade"] for s in doc["submissions"] if s["attempt"] == 2] == [False, True]
    fresh = UserFactory(username="lena-elsewhere")
    learner_import(user=fresh, document=doc)
    learner_import(user=fresh, document=doc)
    copy = Submission.objects.get(user=fresh, attempt=2, regrade_of__isnull=False)
    assert (copy.status, copy.score, copy.regrade_of.status) == ("failed", 0.3, "passed")
    assert copy.regrade_of.superseded_at is not None
    assert Submission.objects.filter(user=fresh).count() == 3
    assert regrade.pk != copy.pk
