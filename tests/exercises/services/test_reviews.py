import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Notification
from accounts.notifications import notification_show
from exercises.models import Review
from exercises.selectors import review_queue
from exercises.services import review_create, sign_off_create
from exercises.services.reviews import (
    COMMENT_LINE_RANGE,
    OVERRIDE_REASON_REQUIRED,
    REASON_WITHOUT_OVERRIDE,
    REVIEW_NOT_FINAL,
)
from exercises.services.sign_offs import NOT_YOUR_LEARNER, SIGN_OFF_EXERCISES_MISSING, SIGN_OFF_NOT_MENTOR_MILESTONE
from planner.models import Progress
from tests.factories import MilestoneFactory, SubmissionFactory

CODE = "def softmax(x):\n    return x\n"


@pytest.fixture
def graded(learner, softmax):
    return SubmissionFactory(
        user=learner, exercise=softmax, attempt=1, status="failed", score=0.5, payload={"source": CODE}
    )


def test_mentor_reviews_with_line_comments_and_an_override_kept_beside_the_score(mentor, learner, graded):
    review = review_create(
        mentor=mentor,
        submission=graded,
        verdict="request_changes",
        body="Subtract the max.",
        comments=[{"line": 2, "body": "overflows for large x"}, {"line": None, "body": "overall fine"}],
        score_override=0.8,
        override_reason="Right idea",
    )

    graded.refresh_from_db()
    assert graded.score == 0.5
    assert (review.score_override, review.override_reason) == (0.8, "Right idea")
    assert list(review.comments.values_list("line", "body")) == [(2, "overflows for large x"), (None, "overall fine")]
    notification = Notification.objects.get(user=learner, kind="review_posted")
    assert (
        notification_show(notification).text
        == "mentor reviewed your submission to Numerically stable softmax (attempt 1): Request changes."
    )


@pytest.mark.parametrize(
    ("kwargs", "errors"),
    [
        ({"score_override": 0.9}, {"override_reason": [OVERRIDE_REASON_REQUIRED]}),
        ({"override_reason": "because"}, {"override_reason": [REASON_WITHOUT_OVERRIDE]}),
        ({"comments": [{"line": 3, "body": "x"}]}, {"comments": [COMMENT_LINE_RANGE % {"line": 3, "lines": 2}]}),
    ],
)
def test_review_validation_messages(mentor, graded, kwargs, errors):
    with pytest.raises(ValidationError) as excinfo:
        review_create(mentor=mentor, submission=graded, verdict="approve", **kwargs)
    assert excinfo.value.message_dict == errors
    assert not Review.objects.exists()


def test_only_a_mentor_of_the_learner_reviews_a_final_submission(mentor, learner, other_learner, graded, softmax):
    with pytest.raises(PermissionDenied, match=str(NOT_YOUR_LEARNER)):
        review_create(mentor=other_learner, submission=graded, verdict="approve")
    with pytest.raises(PermissionDenied):
        review_create(mentor=learner, submission=graded, verdict="approve")
    queued = SubmissionFactory(user=learner, exercise=softmax, attempt=2)
    with pytest.raises(ValidationError) as excinfo:
        review_create(mentor=mentor, submission=queued, verdict="approve")
    assert excinfo.value.message_dict == {"submission": [REVIEW_NOT_FINAL]}


def test_review_queue_lists_unreviewed_final_work_of_my_learners_oldest_first(mentor, learner, other_learner, softmax):
    from django.utils import timezone

    now = timezone.now()
    newer = SubmissionFactory(user=learner, exercise=softmax, attempt=2, status="passed", finished_at=now)
    older = SubmissionFactory(
        user=learner, exercise=softmax, attempt=1, status="failed", finished_at=now - timezone.timedelta(hours=2)
    )
    reviewed = SubmissionFactory(user=learner, exercise=softmax, attempt=3, status="failed", finished_at=now)
    Review.objects.create(submission=reviewed, mentor=mentor, verdict="comment", body="ok")
    SubmissionFactory(user=learner, exercise=softmax, attempt=4, status="running")
    SubmissionFactory(
        user=learner, exercise=softmax, attempt=5, status="error", counts_against_quota=False, finished_at=now
    )
    SubmissionFactory(user=other_learner, exercise=softmax, attempt=1, status="failed", finished_at=now)

    assert list(review_queue(mentor=mentor, everything=True)) == [older, newer]
    assert list(review_queue(mentor=learner)) == []


def test_sign_off_completes_a_mentor_milestone_once_its_exercises_passed(mentor, learner, bank_exercise):
    milestone = MilestoneFactory(slug="softmax-and-cross-entropy", completion="mentor")
    softmax = bank_exercise("softmax", milestone=milestone)

    with pytest.raises(ValidationError) as excinfo:
        sign_off_create(mentor=mentor, learner=learner, milestone=milestone)
    assert excinfo.value.message_dict == {"milestone": [SIGN_OFF_EXERCISES_MISSING % {"slugs": "softmax"}]}

    SubmissionFactory(user=learner, exercise=softmax, attempt=1, status="passed")
    sign_off_create(mentor=mentor, learner=learner, milestone=milestone)
    progress = Progress.objects.get(user=learner, milestone=milestone)
    assert (progress.state, progress.evidence) == ("done", "mentor")


def test_sign_off_refuses_other_mentors_and_auto_milestones(mentor, learner, other_learner, softmax):
    with pytest.raises(PermissionDenied, match=str(NOT_YOUR_LEARNER)):
        sign_off_create(mentor=other_learner, learner=learner, milestone=softmax.milestone)
    with pytest.raises(ValidationError) as excinfo:
        sign_off_create(mentor=mentor, learner=learner, milestone=softmax.milestone)
    assert excinfo.value.message_dict == {
        "milestone": [SIGN_OFF_NOT_MENTOR_MILESTONE % {"slug": "softmax-and-cross-entropy", "completion": "auto"}]
    }
