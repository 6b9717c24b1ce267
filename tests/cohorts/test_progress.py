"""The cohort page's figures: the heatmap, behind plan and by how much, inactivity, waiting reviews, exercise
statistics, sorting, the CSV export; and a constant number of queries whatever the number of learners."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Profile
from cohorts.export import progress_rows
from cohorts.progress import UNKNOWN_ORDERING, cohort_progress_get
from cohorts.services import cohort_join
from exercises.models import Review, Submission
from planner.models import Progress
from planner.services import enrolment_create, progress_update
from tests.factories import SubmissionFactory, UserFactory

NOW = timezone.now()


def at(user, *, days: float) -> None:
    Progress.objects.filter(user=user).update(updated_at=NOW - dt.timedelta(days=days))


@pytest.fixture
def members(world, cohort, link, today):
    """pia: 2 h a week planned, started 28 days ago, did `a` (4 h) 10 days ago and nothing since; passed add-one on
    her second attempt 3 hours after the first. quinn: joined today, failed add-one once (waiting for review)."""
    pia = UserFactory(username="pia")
    enrolment_create(user=pia, track=world.track, hours_per_week=2, start_date=today - dt.timedelta(days=28))
    progress_update(user=pia, milestone=world.a, state="done")
    Progress.objects.filter(user=pia, milestone=world.a).update(completed_at=NOW - dt.timedelta(days=10))
    cohort_join(user=pia, code=link[1])
    first = SubmissionFactory(user=pia, exercise=world.code, attempt=1, status="failed", finished_at=NOW)
    second = SubmissionFactory(user=pia, exercise=world.code, attempt=2, status="passed", finished_at=NOW)
    Submission.objects.filter(pk=first.pk).update(created_at=NOW - dt.timedelta(days=10, hours=3))
    Submission.objects.filter(pk=second.pk).update(
        created_at=NOW - dt.timedelta(days=10), finished_at=NOW - dt.timedelta(days=10)
    )
    for submission in (first, second):
        Review.objects.create(submission=submission, mentor=world.users["mentor"], verdict="comment")
    at(pia, days=10)
    quinn = UserFactory(username="quinn")
    cohort_join(user=quinn, code=link[1])
    SubmissionFactory(user=quinn, exercise=world.code, attempt=1, status="failed", finished_at=NOW)
    return pia, quinn


def row_of(progress, username):
    return next(r for r in progress.learners if r["username"] == username)


def test_the_heatmap_gives_each_stages_percent_done_per_learner(world, cohort, members):
    progress = cohort_progress_get(cohort=cohort)
    assert [s["slug"] for s in progress.stages] == ["basics", "advanced"]
    assert row_of(progress, "pia")["stages"] == {
        "basics": {"percent": 100.0, "done": 1, "total": 1},
        "advanced": {"percent": 0.0, "done": 0, "total": 2},
    }
    assert row_of(progress, "quinn")["stages"]["basics"] == {"percent": 0.0, "done": 0, "total": 1}
    assert row_of(progress, "pia")["percent_done"] == 30.8  # 4 of 13 h


def test_behind_plan_says_by_how_many_hours_and_days(world, cohort, members, today):
    progress = cohort_progress_get(cohort=cohort)
    pia = row_of(progress, "pia")
    # Pace: 4 h in 28 days = 1.0 h a week against 2 planned: 4 weeks x 1 h short. The other 9 h at 1 h a week take
    # 9 weeks from today: 35 days past the target (today + 27).
    assert (pia["pace_hours_per_week"], pia["behind_hours"], pia["late_days"]) == (1.0, 4.0, 35)
    assert pia["projected_finish"] == today + dt.timedelta(days=62)
    quinn = row_of(progress, "quinn")
    assert (quinn["behind"], quinn["behind_hours"], quinn["late_days"]) == (False, None, None)
    assert [r["username"] for r in progress.behind] == ["pia"]


def test_inactive_learners_are_those_idle_for_n_days(cohort, members):
    progress = cohort_progress_get(cohort=cohort, inactive_days=7)
    assert [(r["username"], r["days_inactive"]) for r in progress.inactive] == [("pia", 10)]
    assert cohort_progress_get(cohort=cohort, inactive_days=11).inactive == []


def test_waiting_reviews_are_the_members_unreviewed_work(cohort, members):
    progress = cohort_progress_get(cohort=cohort)
    assert progress.waiting_count == 1
    assert [w["submission"].user.username for w in progress.waiting] == ["quinn"]


def test_exercise_statistics_give_median_time_and_attempts_to_pass_and_who_failed(cohort, members):
    progress = cohort_progress_get(cohort=cohort)
    add_one = next(e for e in progress.exercises if e["slug"] == "add-one")
    assert {k: add_one[k] for k in ("tried", "passed", "failed", "stuck")} == {
        "tried": 2,
        "passed": 1,
        "failed": 2,
        "stuck": 1,
    }
    assert (add_one["median_hours_to_pass"], add_one["median_attempts_to_pass"]) == (3.0, 2)
    assert [e["slug"] for e in progress.most_failed] == ["add-one"]
    quiz = next(e for e in progress.exercises if e["slug"] == "quiz-basics")
    assert (quiz["tried"], quiz["median_hours_to_pass"]) == (0, None)


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("name", ["pia", "quinn"]),
        ("-name", ["quinn", "pia"]),
        ("-progress", ["pia", "quinn"]),
        ("progress", ["quinn", "pia"]),
        ("-behind", ["pia", "quinn"]),
        ("stage:basics", ["quinn", "pia"]),
        ("-stage:basics", ["pia", "quinn"]),
        ("last_active", ["pia", "quinn"]),
    ],
)
def test_learners_sort_by_any_column(cohort, members, ordering, expected):
    progress = cohort_progress_get(cohort=cohort, ordering=ordering)
    assert [r["username"] for r in progress.learners] == expected


@pytest.mark.parametrize("ordering", ["bogus", "--name", "stage:", "stage:nope", "-"])
def test_an_unknown_ordering_is_refused_naming_the_choices(cohort, ordering):
    with pytest.raises(ValidationError) as exc:
        cohort_progress_get(cohort=cohort, ordering=ordering)
    params = {"value": ordering, "choices": "name, joined, progress, behind, last_active"}
    assert exc.value.messages == [str(UNKNOWN_ORDERING) % params]


def test_the_csv_has_a_row_per_learner_and_a_column_per_stage(cohort, members):
    header, rows = progress_rows(cohort_progress_get(cohort=cohort))
    assert header[:4] == ["username", "name", "joined_at", "enrolled"]
    assert header[-2:] == ["stage:basics", "stage:advanced"]
    pia = dict(zip(header, rows[0], strict=True))
    assert (pia["username"], pia["percent_done"], pia["behind_hours"], pia["late_days"]) == ("pia", 30.8, 4.0, 35)
    assert (pia["stage:basics"], pia["stage:advanced"], pia["enrolled"]) == (100.0, 0.0, "yes")


def test_a_display_name_that_looks_like_a_formula_is_written_as_text(world, cohort, members, as_role):
    Profile.objects.update_or_create(user=members[0], defaults={"display_name": '=HYPERLINK("http://x","y")'})
    response = as_role("mentor").get(reverse("cohort-export", args=[cohort.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][:2] == ["pia", '\'=HYPERLINK("http://x","y")']


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_page_and_the_api_cost_the_same_queries_for_two_learners_or_twelve(
    world, cohort, link, members, as_role, django_assert_max_num_queries
):
    from rest_framework.test import APIClient

    page = as_role("mentor")
    api = APIClient()
    api.force_authenticate(world.users["mentor"])
    page_url = reverse("cohort-detail", args=[cohort.pk])
    api_url = reverse("api-cohort-progress", args=[cohort.pk])
    csv_url = reverse("cohort-export", args=[cohort.pk])
    before = (_queries(page, page_url), _queries(api, api_url), _queries(page, csv_url))
    link[0].__class__.objects.filter(pk=link[0].pk).update(seats=20)
    for n in range(10):
        learner = UserFactory(username=f"extra{n}")
        cohort_join(user=learner, code=link[1])
        SubmissionFactory(user=learner, exercise=world.code, attempt=1, status="failed", finished_at=NOW)
    after = (_queries(page, page_url), _queries(api, api_url), _queries(page, csv_url))
    assert after == before
    for client, url, most in ((page, page_url, 25), (api, api_url, 21), (page, csv_url, 23)):
        with django_assert_max_num_queries(most):
            client.get(url)
