"""Mail: immediate notification mails for the kinds a person chose, and a weekly digest (progress against plan,
what is next, reviews waiting); each prepared once however often beat runs, delivered with retries, in the
reader's language."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import EmailSent, Notification, Profile
from accounts.services.email import digest_week, digests_prepare, email_deliver, notification_emails_prepare
from accounts.services.notifications import notification_create
from accounts.tasks import MAX_DELIVERY_RETRIES, _backoff, deliver_email_task
from exercises.models import Review
from planner.services import enrolment_create
from tests.factories import (
    ExerciseFactory,
    MentorAssignmentFactory,
    MilestoneFactory,
    SubmissionFactory,
    TrackFactory,
    TrackMilestoneFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
MONDAY_9 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def deliver_all(ids: list[int]) -> None:
    for email_id in ids:
        assert email_deliver(email_id=email_id)


@pytest.fixture
def learner():
    user = UserFactory(username="ada", email="ada@example.org")
    track = TrackFactory(title=("NLP engineer", "NLP 工程师"))
    for order, title in enumerate(("Tokenisation", "Embeddings")):
        TrackMilestoneFactory(track=track, milestone=MilestoneFactory(title=(title, f"{title}（中）")), order=order)
    enrolment_create(user=user, track=track, start_date=dt.date(2026, 11, 2), target_date=dt.date(2027, 6, 30))
    return user


def test_digest_week_starts_monday_at_eight_local_time():
    shanghai = dt.timezone(dt.timedelta(hours=8))
    assert digest_week(dt.datetime(2026, 12, 7, 0, 30, tzinfo=dt.UTC), dt.UTC) == "2026-W49"  # Monday 00:30 UTC
    assert digest_week(dt.datetime(2026, 12, 7, 0, 30, tzinfo=dt.UTC), shanghai) == "2026-W50"  # 08:30 there


def test_weekly_digest_says_progress_what_is_next_and_reviews(learner):
    mentor = UserFactory(username="grace", email="grace@example.org")
    MentorAssignmentFactory(mentor=mentor, learner=learner)
    submission = SubmissionFactory(user=learner, exercise=ExerciseFactory(), status="failed")
    Review.objects.create(submission=submission, mentor=mentor, verdict="comment", body="Look at line 3.")
    waiting = SubmissionFactory(user=learner, exercise=submission.exercise, status="failed")
    deliver_all(digests_prepare(now=timezone.now()))
    by_to = {m.to[0]: m for m in mail.outbox}
    body = by_to["ada@example.org"].body
    assert by_to["ada@example.org"].subject.startswith("[Pathwise] Your week: ")
    assert "* NLP engineer: 0.0% done, 0 of 2 milestones." in body
    assert "On plan for your target date" in body or "Behind plan for your target date" in body
    assert "What is next\n* Tokenisation\n" in body
    assert "A mentor reviewed your work this week." in body
    assert "One submission is waiting for your review." in by_to["grace@example.org"].body
    assert waiting.pk


def test_digest_is_written_in_the_readers_language(learner):
    Profile.objects.create(user=learner, language="zh-hans")
    deliver_all(digests_prepare(now=MONDAY_9))
    message = mail.outbox[0]
    assert "下一步" in message.body or "接下来" in message.body
    assert "Tokenisation（中）" in message.body


def test_one_digest_per_person_per_week_however_often_beat_runs(learner):
    first = digests_prepare(now=MONDAY_9)
    again = digests_prepare(now=MONDAY_9 + dt.timedelta(hours=1))
    assert len(first) == 1 and again == first  # prepared once; the same pending row is handed out again
    deliver_all(first + again)
    assert len(mail.outbox) == 1
    assert digests_prepare(now=MONDAY_9 + dt.timedelta(days=2)) == []
    assert len(digests_prepare(now=MONDAY_9 + dt.timedelta(days=7))) == 1


def test_no_digest_for_people_who_turned_it_off_are_inactive_or_unverified(learner):
    Profile.objects.create(user=learner, email_weekly_digest=False)
    UserFactory(username="gone", email="gone@example.org", is_active=False)
    UserFactory(username="typo", email="typo@example.org", verified_email=False)
    assert digests_prepare(now=MONDAY_9) == []


def test_a_failed_delivery_is_recorded_and_retried_with_backoff(learner, monkeypatch):
    (email_id,) = digests_prepare(now=MONDAY_9)

    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        assert email_deliver(email_id=email_id) is False
    row = EmailSent.objects.get(pk=email_id)
    assert (row.status, row.attempts, row.error) == (
        "failed",
        1,
        "SMTPServerDisconnected: Connection unexpectedly closed",
    )
    assert [_backoff(n) for n in range(MAX_DELIVERY_RETRIES)] == [60, 120, 240, 480, 960, 1920]
    assert email_deliver(email_id=email_id) is True
    row.refresh_from_db()
    assert (row.status, row.attempts, row.error) == ("sent", 2, "")
    assert email_deliver(email_id=email_id) is True  # sent once only
    assert len(mail.outbox) == 1


def test_the_delivery_task_asks_celery_to_retry_after_a_failure(learner, monkeypatch):
    (email_id,) = digests_prepare(now=MONDAY_9)
    monkeypatch.setattr("accounts.tasks.email_deliver", lambda *, email_id: False)
    from celery.exceptions import Retry

    with pytest.raises(Retry):
        deliver_email_task.apply(args=[email_id], throw=True).get()


def test_notification_mails_only_for_the_kinds_chosen(learner):
    Profile.objects.create(user=learner, email_submission_graded=True, email_review_received=False)
    submission = SubmissionFactory(user=learner, exercise=ExerciseFactory(title_en="Softmax"), status="passed")
    notification_create(user=learner, kind=Notification.Kind.SUBMISSION_GRADED, submission=submission)
    mentor = UserFactory(username="grace")
    review = Review.objects.create(submission=submission, mentor=mentor, verdict="approve", body="ok")
    notification_create(user=learner, kind=Notification.Kind.REVIEW_POSTED, submission=submission, review=review)
    milestone = MilestoneFactory(title_en="Embeddings basics")
    notification_create(
        user=learner, kind=Notification.Kind.MILESTONE_DONE, params={"evidence": "self"}, milestone=milestone
    )
    notification_create(
        user=learner, kind=Notification.Kind.MILESTONE_DONE, params={"evidence": "mentor"}, milestone=milestone
    )
    ids = notification_emails_prepare()
    deliver_all(ids)
    assert sorted(m.subject for m in mail.outbox) == ["[Pathwise] Milestone done", "[Pathwise] Submission graded"]
    graded = next(m for m in mail.outbox if m.subject.endswith("Submission graded"))
    assert f"http://127.0.0.1:8000/submissions/{submission.pk}/" in graded.body
    assert notification_emails_prepare() == []  # each notification is mailed once
    deliver_all(notification_emails_prepare())
    assert len(mail.outbox) == 2


def test_old_notifications_are_not_mailed(learner):
    Profile.objects.create(user=learner, email_submission_graded=True)
    submission = SubmissionFactory(user=learner, exercise=ExerciseFactory(), status="passed")
    notification = notification_create(user=learner, kind=Notification.Kind.SUBMISSION_GRADED, submission=submission)
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - dt.timedelta(days=2))
    assert notification_emails_prepare() == []
