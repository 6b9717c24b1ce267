"""What happens in the apps below becomes events, through their signals, sent on commit: a cohort's endpoint gets its
members' events only, a global one everybody's; work rolled back makes no event; the data holds ids, slugs,
statuses and scores, never code or review text."""

from __future__ import annotations

import json

import pytest
from django.db import transaction

from exercises.services.grading import submission_record_result
from exercises.services.reviews import review_create
from exercises.services.sign_offs import sign_off_create
from planner.services import progress_update
from tests.factories import SubmissionFactory
from tests.world import CODE_V1
from webhooks.models import Delivery, Event
from webhooks.services import endpoint_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoints(world, cohort, receiver, enqueued):
    """root's global endpoint and mira's cohort endpoint, both for every event."""
    events = ["submission.graded", "milestone.completed", "review.created", "signoff.created", "learner.behind_plan"]
    everyone, _ = endpoint_create(user=world.users["admin"], url=receiver.url + "/all", events=events)
    members, _ = endpoint_create(user=world.users["mentor"], url=receiver.url + "/cohort", events=events, cohort=cohort)
    return everyone, members


def deliveries(event_type: str) -> list[str]:
    return sorted(d.endpoint.url.rsplit("/", 1)[1] for d in Delivery.objects.filter(event__type=event_type))


def test_a_members_review_goes_to_both_endpoints_and_says_no_review_text(
    world, endpoints, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review = review_create(
            mentor=world.users["mentor"], submission=world.submission, verdict="comment", body="Secret advice."
        )

    assert deliveries("review.created") == ["all", "cohort"]
    (event,) = Event.objects.filter(type="review.created")
    assert event.learner == world.users["learner"]
    assert event.data == {
        "learner": {"id": world.users["learner"].pk, "username": "lena"},
        "mentor": {"id": world.users["mentor"].pk, "username": "mira"},
        "review": {
            "id": review.pk,
            "verdict": "comment",
            "score_override": None,
            "created_at": review.created_at.isoformat(),
        },
        "submission": {"id": world.submission.pk, "exercise": "add-one", "status": world.submission.status},
    }
    assert "Secret advice" not in json.dumps(event.data)


def test_a_graded_submission_of_someone_outside_the_cohort_goes_to_the_global_endpoint_only(
    world, endpoints, django_capture_on_commit_callbacks
):
    otto = world.users["other_learner"]
    submission = SubmissionFactory(
        user=otto, exercise=world.code, attempt=1, status="running", payload={"source": CODE_V1}
    )
    result = {"schema_version": 1, "job_id": str(submission.job_id), "status": "failed", "score": 0.25}
    with django_capture_on_commit_callbacks(execute=True):
        submission_record_result(job_id=str(submission.job_id), result=result)

    assert deliveries("submission.graded") == ["all"]
    (event,) = Event.objects.filter(type="submission.graded")
    assert event.data["submission"] == {
        "id": submission.pk,
        "exercise": "add-one",
        "milestone": "b",
        "attempt": 1,
        "status": "failed",
        "score": 0.25,
        "regrade_of": None,
        "finished_at": event.data["submission"]["finished_at"],
    }
    assert CODE_V1 not in json.dumps(event.data)


def test_a_milestone_done_and_a_sign_off_are_events(world, endpoints, django_capture_on_commit_callbacks):
    learner = world.users["learner"]
    SubmissionFactory(user=learner, exercise=world.quiz, attempt=1, status="passed", payload={"answers": {}})
    with django_capture_on_commit_callbacks(execute=True):
        progress_update(user=learner, milestone=world.a, state="done")
    with django_capture_on_commit_callbacks(execute=True):
        sign_off_create(mentor=world.users["mentor"], learner=learner, milestone=world.m)

    done = Event.objects.filter(type="milestone.completed").order_by("created_at")
    assert [(e.data["milestone"], e.data["evidence"]) for e in done] == [("a", "self"), ("m", "mentor")]
    assert deliveries("signoff.created") == ["all", "cohort"]
    (signoff,) = Event.objects.filter(type="signoff.created")
    assert signoff.data["sign_off"]["milestone"] == "m"


def test_work_rolled_back_makes_no_event(world, endpoints, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        review_create(mentor=world.users["mentor"], submission=world.submission, verdict="comment", body="x")
        raise RuntimeError("rolled back")
    assert not Event.objects.exists()
    assert not Delivery.objects.exists()


def test_an_endpoint_gets_only_the_events_it_chose(
    world, cohort, receiver, enqueued, django_capture_on_commit_callbacks
):
    endpoint_create(user=world.users["admin"], url=receiver.url, events=["signoff.created"])
    with django_capture_on_commit_callbacks(execute=True):
        review_create(mentor=world.users["mentor"], submission=world.submission, verdict="comment", body="x")
    assert not Event.objects.exists()  # nobody takes review.created: nothing stored


def test_a_behind_plan_reminder_is_an_event_once_a_week(world, endpoints, django_capture_on_commit_callbacks):
    import datetime as dt

    from django.utils import timezone

    from learning.services.reminders import reminders_send
    from planner.services import enrolment_create

    learner = world.users["learner"]  # a member of the cohort: both endpoints
    learner.enrolments.update(start_date=timezone.localdate() - dt.timedelta(days=28))
    ahead = world.users["other_learner"]
    ahead.enrolments.all().delete()
    enrolment_create(user=ahead, track=world.track, hours_per_week=5, start_date=timezone.localdate())

    for _run in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reminders_send()

    (event,) = Event.objects.filter(type="learner.behind_plan")
    assert deliveries("learner.behind_plan") == ["all", "cohort"]
    assert event.learner == learner
    assert {k: event.data[k] for k in ("learner", "track", "behind_hours", "late_days")} == {
        "learner": {"id": learner.pk, "username": "lena"},
        "track": "nlp",
        "behind_hours": 13.0,
        "late_days": None,
    }


def test_the_work_pays_one_message_and_the_worker_makes_the_event(
    world, endpoints, monkeypatch, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from webhooks.tasks import publish_webhook_event_task

    sent = []
    monkeypatch.setattr("webhooks.receivers.event_enqueue", lambda **kwargs: sent.append(kwargs))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review = review_create(mentor=world.users["mentor"], submission=world.submission, verdict="comment", body="x")
    with django_assert_num_queries(0):
        for callback in callbacks:
            if hasattr(callback, "announces"):
                callback()
    assert sent == [{"event_type": "review.created", "facts": {"review_id": review.pk}}]
    assert json.loads(json.dumps(sent[0]["facts"])) == sent[0]["facts"]  # what a task may carry
    assert not Event.objects.exists()

    publish_webhook_event_task.run(sent[0]["event_type"], sent[0]["facts"])
    assert deliveries("review.created") == ["all", "cohort"]
