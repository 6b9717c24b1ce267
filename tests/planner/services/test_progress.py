import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Notification
from accounts.notifications import notification_show
from accounts.selectors import notification_list
from planner.models import Progress
from planner.services import (
    enrolment_create,
    milestone_complete,
    plan_generate,
    progress_moves,
    progress_update,
    self_assessment_apply,
)
from planner.services.progress import (
    MILESTONE_ALREADY_DONE,
    MILESTONE_DONE_BY_EVIDENCE,
    MILESTONE_LOCKED,
    MILESTONE_NEEDS_EXERCISES,
    MILESTONE_NEEDS_MENTOR,
    MILESTONE_NOT_SKIPPABLE,
    NOT_SKIPPABLE,
    UNKNOWN_MILESTONES,
)
from tests.factories import MilestoneFactory
from tests.planner.conftest import START


def states(user) -> dict[str, str]:
    return dict(Progress.objects.filter(user=user).values_list("milestone__slug", "state"))


def told(user, kind: str | None = None) -> list[tuple[str, str]]:
    """(kind, text) of the learner's notifications, oldest first, as the API reads them in English."""
    rows = notification_list(user=user).order_by("id")
    return [(n.kind, notification_show(n).text) for n in rows if kind is None or n.kind == kind]


def test_enrolment_creates_rows_and_one_summary_notification(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    assert states(learner) == {"a": "available", "b": "locked", "c": "locked", "d": "locked", "e": "available"}
    # One notification for the enrolment, not one per milestone that is open from the start.
    assert told(learner) == [("enrolled", "You are enrolled in Track small-track: 2 milestones are open to start.")]


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
    assert told(learner)[-3:] == [
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
    assert [(r.milestone.slug, r.state, r.evidence) for r in rows] == [
        ("a", "skipped", "self"),
        ("b", "skipped", "self"),
    ]
    assert states(learner) == {"a": "skipped", "b": "skipped", "c": "available", "d": "available", "e": "available"}


def test_unskipping_a_milestone_locks_its_available_dependants_again(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    self_assessment_apply(user=learner, known=["a", "b"])
    assert told(learner, "milestone_unlocked") == [
        ("milestone_unlocked", "Milestone unlocked: Milestone c"),
        ("milestone_unlocked", "Milestone unlocked: Milestone d"),
    ]
    self_assessment_apply(user=learner, known=[], unknown=["a"])
    assert states(learner) == {"a": "available", "b": "skipped", "c": "available", "d": "locked", "e": "available"}
    # The reset milestone itself is not announced as newly unlocked, and d's "unlocked" is withdrawn: d is locked
    # again, so the notification would be stale.
    assert told(learner, "milestone_unlocked") == [("milestone_unlocked", "Milestone unlocked: Milestone c")]


def test_self_assessment_rejects_unknown_slugs_and_writes_nothing(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    with pytest.raises(ValidationError) as exc:
        self_assessment_apply(user=learner, known=["a", "nope", "zzz"])
    assert exc.value.message_dict == {"known": [UNKNOWN_MILESTONES % {"slugs": "nope, zzz"}]}
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
        "evidence": ["Evidence 'self' does not complete a milestone whose completion is 'auto'."]
    }


def test_done_with_auto_evidence_cannot_be_reset_or_skipped(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    self_assessment_apply(user=learner, known=["a", "b"])
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


def test_a_pass_on_a_locked_milestone_is_kept_and_completes_it_once_its_prerequisites_are_done(small, learner):
    """Issue 11 bug 3: passing a locked milestone's exercises made it done while its prerequisites stayed locked."""
    enrolment_create(user=learner, track=small.track, start_date=START)
    row = milestone_complete(user=learner, milestone=small.c, evidence="auto")  # c needs b, which needs a
    assert (row.state, row.evidence) == ("locked", "auto")
    assert not Notification.objects.filter(user=learner, kind="milestone_done").exists()
    progress_update(user=learner, milestone=small.a, state="done")
    assert states(learner)["c"] == "locked"
    progress_update(user=learner, milestone=small.b, state="skipped")
    # Its prerequisites done or skipped, c completes on its own from the evidence kept.
    row = Progress.objects.get(user=learner, milestone=small.c)
    assert (row.state, row.evidence) == ("done", "auto")
    assert told(learner)[-1] == ("milestone_done", "Milestone done: Milestone c")
    assert "Milestone unlocked: Milestone c" not in [text for _, text in told(learner)]


def test_evidence_kept_on_a_locked_milestone_survives_a_skip_and_a_reset(small, learner):
    enrolment_create(user=learner, track=small.track, start_date=START)
    milestone_complete(user=learner, milestone=small.c, evidence="auto")
    progress_update(user=learner, milestone=small.c, state="skipped")
    progress_update(user=learner, milestone=small.c, state="available")
    self_assessment_apply(user=learner, known=["a", "b"])
    row = Progress.objects.get(user=learner, milestone=small.c)
    assert (row.state, row.evidence) == ("done", "auto")


@pytest.mark.parametrize("how", ["progress_update", "self_assessment_apply"])
def test_a_mentor_milestone_cannot_be_skipped_by_the_learner(small, learner, how):
    """Issue 16 item 10a: skipping it satisfied its dependants' prerequisites without the mentor."""
    enrolment_create(user=learner, track=small.track, start_date=START)
    with pytest.raises(ValidationError) as exc:
        if how == "progress_update":
            progress_update(user=learner, milestone=small.d, state="skipped")
        else:
            self_assessment_apply(user=learner, known=["a", "d"])
    expected = MILESTONE_NOT_SKIPPABLE if how == "progress_update" else NOT_SKIPPABLE % {"slugs": "d"}
    assert exc.value.message_dict == {"state" if how == "progress_update" else "known": [expected]}
    assert states(learner)["d"] == "locked" and states(learner)["a"] == "available"


@pytest.mark.parametrize("start", ["locked", "available", "in_progress", "done", "skipped"])
@pytest.mark.parametrize("slug", ["a", "b", "c", "d"])
def test_the_page_offers_exactly_the_moves_the_service_accepts(small, learner, start, slug):
    """progress_moves (what the milestone page offers) and progress_update (what it accepts) are one rule."""
    enrolment_create(user=learner, track=small.track, start_date=START)
    milestone = getattr(small, slug)
    Progress.objects.filter(user=learner, milestone=milestone).update(
        state=start, evidence="self" if start in ("done", "skipped") else ""
    )
    row = Progress.objects.get(user=learner, milestone=milestone)
    for target, offered in progress_moves(row, milestone).items():
        Progress.objects.filter(pk=row.pk).update(state=start, evidence=row.evidence)
        try:
            progress_update(user=learner, milestone=milestone, state=target)
            accepted = True
        except ValidationError:
            accepted = False
        changes = target != start and not (target == "available" and start in ("locked", "available"))
        assert offered == (accepted and changes), (start, slug, target)
