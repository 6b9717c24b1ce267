"""Re-grading: a new result linked to the old one, no quota, lower priority, and evidence re-evaluated without ever
removing done silently."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from kombu import Connection

from accounts.models import MentorAssignment, Notification
from config.celery import app as celery_app
from exercises.models import Submission
from exercises.services import submission_record_result
from exercises.services.regrading import exercise_regrade, submission_regrade
from exercises.services.submissions import quota_get, submission_enqueue
from gpu_runner.spec import JobError, JobResult
from planner.models import Progress, ProgressState
from planner.services import milestone_complete
from tests.factories import SubmissionFactory
from tests.workers import flush_redis

pytestmark = pytest.mark.django_db


def record(submission: Submission, status: str, score: float) -> Submission:
    error = JobError(code="crash", message="the sandbox died") if status == "error" else None
    result = JobResult(job_id=str(submission.job_id), status=status, score=score, error=error).to_dict()
    return submission_record_result(job_id=str(submission.job_id), result=result)


@pytest.fixture
def done_b(world, django_capture_on_commit_callbacks):
    """Lena passed the code exercise, so the auto milestone b is done on it."""
    learner = world.users["learner"]
    milestone_complete(user=learner, milestone=world.a, evidence="self")
    passed = SubmissionFactory(user=learner, exercise=world.code, attempt=2, status="queued")
    record(passed, "passed", 1.0)
    assert Progress.objects.get(user=learner, milestone=world.b).state == ProgressState.DONE
    return Submission.objects.get(pk=passed.pk)


def test_a_regrade_is_a_new_result_of_the_same_attempt_linked_to_the_old(
    world, done_b, django_capture_on_commit_callbacks
):
    before = quota_get(user=done_b.user, exercise=world.code)
    with django_capture_on_commit_callbacks() as sent:
        regrade = submission_regrade(submission=done_b, by=world.users["admin"])
    assert len(sent) == 1
    assert (regrade.regrade_of_id, regrade.attempt, regrade.status) == (done_b.pk, 2, "queued")
    assert regrade.counts_against_quota is False and regrade.regraded_by == world.users["admin"]
    assert regrade.payload == done_b.payload
    assert quota_get(user=done_b.user, exercise=world.code) == before
    # Asked twice while it waits: the same re-grade, not a second one.
    assert submission_regrade(submission=done_b, by=world.users["admin"]).pk == regrade.pk
    record(regrade, "passed", 0.9)
    assert set(Submission.objects.filter(attempt=2, user=done_b.user).values_list("score", flat=True)) == {1.0, 0.9}
    done_b.refresh_from_db()
    assert done_b.superseded_at is not None


def test_passed_to_failed_keeps_done_and_sends_it_to_review_with_a_message(world, done_b, as_role):
    learner = world.users["learner"]
    regrade = submission_regrade(submission=done_b, by=world.users["mentor"])
    record(regrade, "failed", 0.4)
    row = Progress.objects.get(user=learner, milestone=world.b)
    assert row.state == ProgressState.DONE
    assert row.review_reason == {"key": "regrade_failed", "exercise": "add-one"}
    note = Notification.objects.get(user=learner, kind=Notification.Kind.EVIDENCE_REVIEW)
    assert (note.milestone, note.submission_id) == (world.b, regrade.pk)
    from accounts.notifications import notification_show

    assert notification_show(note).body == (
        "Add one was re-graded and no longer passes. Beta graded stays done and goes to review: pass the exercise "
        "again, or talk to your mentor."
    )
    page = as_role("learner").get(world.b.get_absolute_url()).content.decode()
    assert "This milestone is in review: add-one was re-graded and no longer passes." in page
    # A new pass by the learner settles it.
    again = SubmissionFactory(user=learner, exercise=world.code, attempt=3, status="queued")
    record(again, "passed", 1.0)
    assert Progress.objects.get(user=learner, milestone=world.b).review_reason is None


def test_a_regrade_that_errors_leaves_the_old_verdict_standing(world, done_b):
    regrade = submission_regrade(submission=done_b, by=None)
    record(regrade, "error", 0.0)
    done_b.refresh_from_db()
    assert done_b.superseded_at is None
    assert Progress.objects.get(user=done_b.user, milestone=world.b).review_reason is None


def test_exercise_regrade_takes_standing_verdicts_of_a_mentors_learners_since_a_date(world, done_b):
    other = SubmissionFactory(user=world.users["other_learner"], exercise=world.code, attempt=1, status="failed")
    mine = [done_b.user_id]
    queued = exercise_regrade(exercise=world.code, by=world.users["mentor"], learner_ids=mine)
    assert sorted(r.regrade_of_id for r in queued) == sorted([world.submission.pk, done_b.pk])
    # Waiting re-grades are not queued twice; the other learner's is not a mentor's to re-grade.
    assert exercise_regrade(exercise=world.code, by=world.users["mentor"], learner_ids=mine) == []
    later = exercise_regrade(exercise=world.code, by=None, since=timezone.now())
    assert later == []
    assert [r.regrade_of_id for r in exercise_regrade(exercise=world.code, by=None)] == [other.pk]


def test_regrade_command(world, done_b):
    out = io.StringIO()
    call_command("regrade", "--exercise", "add-one", "--since", "2000-01-01", stdout=out)
    assert out.getvalue().strip() == "2 re-grade(s) of add-one queued."
    assert Submission.objects.filter(regrade_of__isnull=False).count() == 2


def test_a_new_learner_submission_is_taken_before_waiting_regrades(world, done_b, django_capture_on_commit_callbacks):
    """Through the real Redis transport with the project's settings: re-grades at the lowest priority wait behind a
    learner's submission enqueued after them."""
    url = celery_app.conf.broker_url
    assert url.startswith("redis://")
    flush_redis(url)
    with django_capture_on_commit_callbacks(execute=True):
        regrades = exercise_regrade(exercise=world.code, by=None)
        fresh = SubmissionFactory(user=world.users["other_learner"], exercise=world.code, attempt=5, status="queued")
        submission_enqueue(submission_id=fresh.pk)
    taken = []
    with Connection(url, transport_options=celery_app.conf.broker_transport_options) as conn:
        channel = conn.default_channel
        while (message := channel.basic_get("grading", no_ack=True)) is not None:
            taken.append(message.headers["argsrepr"])
    flush_redis(url)
    assert taken == [f"[{fresh.pk}]"] + [f"[{r.pk}]" for r in regrades]


def test_mentor_assignment_gives_regrade_rights(world, done_b, client_for):
    url = f"/api/v1/submissions/{done_b.pk}/regrade/"
    assert client_for(world.users["learner"]).post(url).status_code == 403
    MentorAssignment.objects.filter(mentor=world.users["mentor"]).delete()
    assert client_for(world.users["mentor"]).post(url).status_code == 404
    response = client_for(world.users["admin"]).post(url)
    assert response.status_code == 202 and response.json()["regrade_of"] == done_b.pk


def test_admin_actions_queue_regrades(world, done_b, as_role):
    admin = as_role("admin")
    response = admin.post(
        "/admin/exercises/submission/", {"action": "regrade", "_selected_action": [done_b.pk]}, follow=True
    )
    assert "1 re-grade queued." in response.content.decode()
    assert Submission.objects.get(regrade_of=done_b).regraded_by == world.users["admin"]
    response = admin.post(
        "/admin/exercises/exercise/", {"action": "regrade_all", "_selected_action": [world.code.pk]}, follow=True
    )
    # Lena's first attempt; her second has a re-grade waiting already.
    assert "1 re-grade queued." in response.content.decode()


def test_the_regrade_api_answers_a_hidden_submission_and_an_unknown_exercise_as_the_other_operations(
    world, done_b, client_for
):
    MentorAssignment.objects.filter(mentor=world.users["mentor"]).delete()
    response = client_for(world.users["mentor"]).post(f"/api/v1/submissions/{done_b.pk}/regrade/")
    assert (response.status_code, response.json()) == (404, {"detail": "Submission not found."})
    response = client_for(world.users["admin"]).post("/api/v1/exercises/no-such-thing/regrade/")
    assert (response.status_code, response.json()) == (404, {"detail": "No exercise 'no-such-thing'."})
