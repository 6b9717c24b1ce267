import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import Notification
from planner.models import Progress
from planner.services import (
    enrolment_create,
    milestone_complete,
    milestone_sign_off,
    plan_generate,
    progress_update,
    self_assessment_apply,
)
from planner.services.progress import (
    MILESTONE_ALREADY_DONE,
    MILESTONE_DONE_BY_EVIDENCE,
    MILESTONE_LOCKED,
    MILESTONE_NEEDS_EXERCISES,
    MILESTONE_NEEDS_MENTOR,
    NOT_MENTOR_OF_LEARNER,
    UNKNOWN_MILESTONES,
)
from tests.factories import MentorAssignmentFactory, MilestoneFactory, UserFactory
from tests.planner.conftest import START


def states(user) -> dict[str, str]:
    return dict(Progress.objects.filter(user=user).values_list("milestone__slug", "state"))


def test_enrolment_creates_rows_and_unlocks_milestones_without_prerequisites(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    assert states(learner) == {"a": "available", "b": "locked", "c": "locked", "d": "locked", "e": "available"}
    assert sorted(Notification.objects.filter(user=learner, kind="milestone_unlocked").values_list("message", flat=True)) == [
        "Milestone unlocked: Milestone a", "Milestone unlocked: Milestone e"]


def test_enrolment_includes_prerequisites_outside_the_track(small, learner):
    outside = MilestoneFactory(slug="outside", stage=small.a.stage)
    small.e.prerequisites.add(outside)
    enrolment_create(user=learner, track=small.track, start_date=START)
    assert states(learner)["outside"] == "available"
    assert states(learner)["e"] == "locked"


def test_enrolling_twice_in_a_track_is_refused(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    with pytest.raises(ValidationError) as exc:
        enrolment_create(user=learner, track=small.track, start_date=START)
    assert exc.value.message_dict == {"track": ["You are already enrolled in this track."]}


def test_learner_starts_then_finishes_a_self_report_milestone_and_its_dependants_unlock(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    row = progress_update(user=learner, milestone=small.a, state="in_progress")
    assert row.state == "in_progress" and row.started_at is not None
    row = progress_update(user=learner, milestone=small.a, state="done")
    assert (row.state, row.evidence) == ("done", "self")
    assert row.completed_at is not None
    assert states(learner) == {"a": "done", "b": "available", "c": "locked", "d": "available", "e": "available"}
    messages = list(Notification.objects.filter(user=learner).order_by("id").values_list("kind", "message"))
    assert messages[-3:] == [
        ("milestone_done", "Milestone done: Milestone a"),
        ("milestone_unlocked", "Milestone unlocked: Milestone b"),
        ("milestone_unlocked", "Milestone unlocked: Milestone d"),
    ]


def test_locked_milestone_cannot_be_started(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    with pytest.raises(ValidationError) as exc:
        progress_update(user=learner, milestone=small.b, state="in_progress")
    assert exc.value.message_dict == {"state": [MILESTONE_LOCKED]}


@pytest.mark.parametrize(("slug", "message"), [("c", MILESTONE_NEEDS_EXERCISES), ("d", MILESTONE_NEEDS_MENTOR)])
def test_learner_cannot_self_report_auto_or_mentor_milestones(small, learner, slug, message):
    enrolment_create(user=learner, track=small.track, start_date=START)
    self_assessment_apply(user=learner, known=["a", "b"])
    with pytest.raises(ValidationError) as exc:
        progress_update(user=learner, milestone=getattr(small, slug), state="done")
    assert exc.value.message_dict == {"state": [message]}


def test_self_assessment_skips_known_milestones_which_satisfy_prerequisites(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    rows = self_assessment_apply(user=learner, known=["a", "b"])
    assert [(r.milestone.slug, r.state, r.evidence) for r in rows] == [("a", "skipped", "self"), ("b", "skipped", "self")]
    assert states(learner) == {"a": "skipped", "b": "skipped", "c": "available", "d": "available", "e": "available"}


def test_unskipping_a_milestone_locks_its_available_dependants_again(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    self_assessment_apply(user=learner, known=["a", "b"])
    self_assessment_apply(user=learner, known=[], unknown=["a"])
    assert states(learner) == {"a": "available", "b": "skipped", "c": "available", "d": "locked", "e": "available"}
    # the reset milestone itself is not announced as newly unlocked
    assert Notification.objects.filter(user=learner, message="Milestone unlocked: Milestone a").count() == 1


def test_self_assessment_rejects_unknown_slugs_and_writes_nothing(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    with pytest.raises(ValidationError) as exc:
        self_assessment_apply(user=learner, known=["a", "nope", "zzz"])
    assert exc.value.message_dict == {"known": [UNKNOWN_MILESTONES.format(slugs="nope, zzz")]}
    assert states(learner)["a"] == "available"


def test_milestone_complete_with_auto_evidence_is_idempotent(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    self_assessment_apply(user=learner, known=["a", "b"])
    first = milestone_complete(user=learner, milestone=small.c, evidence="auto")
    again = milestone_complete(user=learner, milestone=small.c, evidence="auto")
    assert (first.state, first.evidence) == ("done", "auto")
    assert again.completed_at == first.completed_at
    assert Notification.objects.filter(user=learner, kind="milestone_done").count() == 1


def test_milestone_complete_refuses_self_evidence_for_an_auto_milestone(small, learner):
    with pytest.raises(ValidationError) as exc:
        milestone_complete(user=learner, milestone=small.c, evidence="self")
    assert exc.value.message_dict == {
        "evidence": ["Evidence 'self' does not complete a milestone whose completion is 'auto'."]}


def test_mentor_signs_off_a_mentor_milestone_of_their_learner(small, learner):
    mentor = UserFactory(username="mentor")
    MentorAssignmentFactory(mentor=mentor, learner=learner)
    enrolment_create(user=learner, track=small.track, start_date=START)
    row = milestone_sign_off(mentor=mentor, learner=learner, milestone=small.d)
    assert (row.state, row.evidence) == ("done", "mentor")


def test_someone_elses_mentor_cannot_sign_off(small, learner):
    other_mentor = UserFactory(username="other-mentor")
    MentorAssignmentFactory(mentor=other_mentor, learner=UserFactory(username="someone"))
    with pytest.raises(PermissionDenied) as exc:
        milestone_sign_off(mentor=other_mentor, learner=learner, milestone=small.d)
    assert str(exc.value) == NOT_MENTOR_OF_LEARNER


def test_done_with_auto_evidence_cannot_be_reset_or_skipped(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    milestone_complete(user=learner, milestone=small.c, evidence="auto")
    with pytest.raises(ValidationError) as exc:
        progress_update(user=learner, milestone=small.c, state="available")
    assert exc.value.message_dict == {"state": [MILESTONE_DONE_BY_EVIDENCE]}
    with pytest.raises(ValidationError) as exc:
        progress_update(user=learner, milestone=small.c, state="skipped")
    assert exc.value.message_dict == {"state": [MILESTONE_ALREADY_DONE]}


def test_progress_change_regenerates_the_stored_plan(small, learner):
    enrolment = enrolment_create(user=learner, track=small.track, start_date=START)
    plan = plan_generate(enrolment=enrolment, today=START)
    assert plan.remaining_hours == 23
    self_assessment_apply(user=learner, known=["a"])
    plan.refresh_from_db()
    assert plan.remaining_hours == 19
    assert plan.weeks[0]["items"][0]["slug"] == "b"
    assert plan.start_date == max(START, timezone.localdate())  # a refresh never starts in the past
