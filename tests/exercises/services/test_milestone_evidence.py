"""Passing every required exercise of an auto milestone completes it and unlocks its dependants."""

from accounts.models import Notification
from exercises.services import submission_record_result
from planner.models import Progress
from planner.services import progress_ensure
from tests.factories import MilestoneFactory, SubmissionFactory


def record(submission, status: str) -> None:
    score = 1.0 if status == "passed" else 0.0
    submission_record_result(
        job_id=str(submission.job_id), result={"job_id": str(submission.job_id), "status": status, "score": score}
    )


def state(user, milestone) -> str:
    return Progress.objects.get(user=user, milestone=milestone).state


def test_milestone_is_done_when_every_required_exercise_passed_and_dependants_become_available(learner, bank_exercise):
    milestone = MilestoneFactory(slug="vectors-and-dot-product", completion="auto")
    dependant = MilestoneFactory(slug="after-vectors", completion="self", prerequisites=[milestone])
    dot = bank_exercise("dot-product", milestone=milestone)
    cosine = bank_exercise("cosine-similarity", milestone=milestone)
    bank_exercise("matrix-multiply", milestone=milestone, required=False)
    progress_ensure(user=learner, milestone_ids=[milestone.pk, dependant.pk])

    record(SubmissionFactory(user=learner, exercise=dot, attempt=1, status="running"), "passed")
    record(SubmissionFactory(user=learner, exercise=cosine, attempt=1, status="running"), "failed")
    assert state(learner, milestone) != "done"
    assert state(learner, dependant) == "locked"

    record(SubmissionFactory(user=learner, exercise=cosine, attempt=2, status="running"), "passed")

    progress = Progress.objects.get(user=learner, milestone=milestone)
    assert (progress.state, progress.evidence) == ("done", "auto")
    assert state(learner, dependant) == "available"
    assert Notification.objects.filter(user=learner, kind="submission_graded").count() == 3
    assert Notification.objects.filter(user=learner, kind="milestone_done").count() == 1


def test_mentor_milestone_waits_for_sign_off_after_exercises_pass(learner, bank_exercise):
    milestone = MilestoneFactory(slug="softmax-and-cross-entropy", completion="mentor")
    softmax = bank_exercise("softmax", milestone=milestone)
    progress_ensure(user=learner, milestone_ids=[milestone.pk])

    record(SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="running"), "passed")

    assert state(learner, milestone) != "done"


def test_another_learners_pass_does_not_complete_my_milestone(learner, other_learner, bank_exercise):
    milestone = MilestoneFactory(slug="softmax-and-cross-entropy", completion="auto")
    softmax = bank_exercise("softmax", milestone=milestone)
    progress_ensure(user=learner, milestone_ids=[milestone.pk])

    record(SubmissionFactory(user=other_learner, exercise=softmax, attempt=1, status="running"), "passed")

    assert state(learner, milestone) != "done"
    assert state(other_learner, milestone) == "done"
