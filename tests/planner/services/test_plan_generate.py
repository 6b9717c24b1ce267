import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from planner.models import Plan, Progress
from planner.services import (
    enrolment_create,
    milestone_complete,
    plan_generate,
    progress_update,
    self_assessment_apply,
)
from planner.services.schedule import (
    ALL_DONE,
    PLAN_AT_PACE,
    PLAN_INFEASIBLE,
    PLAN_ON_TRACK,
    TARGET_PASSED,
)
from tests.planner.conftest import START

D = dt.date


def items(plan: Plan) -> list[list[tuple[str, float]]]:
    return [[(i["slug"], i["hours"]) for i in w["items"]] for w in plan.weeks]


@pytest.fixture
def enrolment(small, learner):
    return enrolment_create(user=learner, track=small.track, start_date=START, hours_per_week=10)


def test_plan_is_dated_week_by_week_prerequisites_first(enrolment):
    plan = plan_generate(enrolment=enrolment, today=START)
    assert plan.weeks == [
        {
            "week": 1,
            "start": "2026-01-05",
            "end": "2026-01-11",
            "hours": 10.0,
            "items": [
                {"slug": "a", "title_en": "Milestone a", "title_zh": "里程碑 a", "stage": "basics", "hours": 4.0},
                {"slug": "b", "title_en": "Milestone b", "title_zh": "里程碑 b", "stage": "basics", "hours": 6.0},
            ],
        },
        {
            "week": 2,
            "start": "2026-01-12",
            "end": "2026-01-18",
            "hours": 10.0,
            "items": [
                {"slug": "c", "title_en": "Milestone c", "title_zh": "里程碑 c", "stage": "advanced", "hours": 10.0}
            ],
        },
        {
            "week": 3,
            "start": "2026-01-19",
            "end": "2026-01-25",
            "hours": 3.0,
            "items": [
                {"slug": "d", "title_en": "Milestone d", "title_zh": "里程碑 d", "stage": "advanced", "hours": 3.0}
            ],
        },
    ]
    assert (plan.start_date, plan.finish_date, plan.remaining_hours, plan.feasible) == (START, D(2026, 1, 25), 23, True)
    assert plan.message == PLAN_ON_TRACK.format(hours=Decimal("23.0"), rate=Decimal("10.0"), finish=D(2026, 1, 25))


def test_a_milestone_longer_than_what_is_left_of_a_week_is_split_across_weeks(enrolment):
    plan = plan_generate(enrolment=enrolment, hours_per_week=8, today=START)
    assert items(plan) == [[("a", 4.0), ("b", 4.0)], [("b", 2.0), ("c", 6.0)], [("c", 4.0), ("d", 3.0)]]
    assert all(w["hours"] <= 8 for w in plan.weeks)
    assert plan.hours_per_week == Decimal("8.0")


def test_prerequisites_come_before_dependants_even_across_stages(small, learner):
    small.a.prerequisites.add(small.e)  # e (stage 2) is now needed by a (stage 1)
    enrolment = enrolment_create(user=learner, track=small.track, start_date=START)
    plan = plan_generate(enrolment=enrolment, today=START)
    assert [s for week in items(plan) for s, _ in week][:3] == ["e", "a", "b"]


def test_optional_milestones_are_planned_only_when_the_enrolment_includes_them(enrolment):
    assert "e" not in {s for week in items(plan_generate(enrolment=enrolment, today=START)) for s, _ in week}
    enrolment.include_optional = True
    enrolment.save()
    plan = plan_generate(enrolment=enrolment, today=START)
    assert [s for week in items(plan) for s, _ in week] == ["a", "b", "c", "d", "e"]
    assert plan.remaining_hours == 25


def test_done_and_skipped_milestones_are_left_out(enrolment, learner, small):
    self_assessment_apply(user=learner, known=["a"])
    progress_update(user=learner, milestone=small.b, state="done")
    plan = plan_generate(enrolment=enrolment, today=START)
    assert items(plan) == [[("c", 10.0)], [("d", 3.0)]]


def test_unreachable_target_is_reported_with_the_hours_per_week_that_would_meet_it(enrolment):
    plan = plan_generate(enrolment=enrolment, target_date=D(2026, 1, 18), today=START)
    assert plan.feasible is False
    assert plan.required_hours_per_week == Decimal("11.5")
    assert plan.message == PLAN_INFEASIBLE.format(
        target=D(2026, 1, 18),
        hours=Decimal("23.0"),
        rate=Decimal("10.0"),
        finish=D(2026, 1, 25),
        required=Decimal("11.5"),
    )
    # the suggested rate does meet it
    plan = plan_generate(enrolment=enrolment, hours_per_week=11.5, target_date=D(2026, 1, 18), today=START)
    assert (plan.feasible, plan.finish_date) == (True, D(2026, 1, 18))


def test_reachable_target_is_feasible(enrolment):
    plan = plan_generate(enrolment=enrolment, target_date=D(2026, 3, 1), today=START)
    assert plan.feasible is True
    assert plan.required_hours_per_week == Decimal("2.9")  # 23 h over 8 whole weeks, rounded up


def test_plan_starts_today_when_the_enrolment_started_earlier(enrolment):
    plan = plan_generate(enrolment=enrolment, today=D(2026, 1, 9))
    assert plan.weeks[0]["start"] == "2026-01-09"
    assert plan.pace_hours_per_week is None  # under two weeks: no pace yet


def _done_on(learner, milestone, day: dt.date) -> None:
    progress_update(user=learner, milestone=milestone, state="done")
    at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    Progress.objects.filter(user=learner, milestone=milestone).update(completed_at=at)


def test_falling_behind_reflows_the_plan_at_the_learners_pace(enrolment, learner, small):
    _done_on(learner, small.a, D(2026, 1, 10))
    _done_on(learner, small.b, D(2026, 1, 25))
    today = D(2026, 2, 2)  # 28 days: 10 h done in 4 weeks = 2.5 h/week, planned 10
    plan = plan_generate(enrolment=enrolment, today=today)
    assert plan.pace_hours_per_week == Decimal("2.5")
    assert [w["hours"] for w in plan.weeks] == [2.5, 2.5, 2.5, 2.5, 2.5, 0.5]
    assert plan.finish_date == D(2026, 3, 15)
    assert plan.message == PLAN_AT_PACE.format(
        pace=Decimal("2.5"), planned=Decimal("10.0"), hours=Decimal("13.0"), finish=D(2026, 3, 15)
    )


def test_getting_ahead_keeps_the_planned_hours_per_week(enrolment, learner, small):
    enrolment.hours_per_week = 2
    enrolment.save()
    _done_on(learner, small.a, D(2026, 1, 10))
    _done_on(learner, small.b, D(2026, 1, 12))
    plan = plan_generate(enrolment=enrolment, today=D(2026, 1, 19))  # 10 h in 2 weeks = 5 h/week
    assert plan.pace_hours_per_week == Decimal("5.0")
    assert {w["hours"] for w in plan.weeks[:-1]} == {2.0}
    assert plan.remaining_hours == 13


def test_everything_done_gives_an_empty_plan(enrolment, learner, small):
    self_assessment_apply(user=learner, known=["a", "b", "c"])
    milestone_complete(user=learner, milestone=small.d, evidence="mentor")  # a mentor's milestone: not skippable
    plan = plan_generate(enrolment=enrolment, today=START)
    assert (plan.weeks, plan.finish_date, plan.remaining_hours, plan.message) == ([], None, 0, ALL_DONE)


@pytest.mark.parametrize("hours", [0, Decimal("0.5"), 101])
def test_hours_per_week_out_of_range_is_refused(enrolment, hours):
    with pytest.raises(ValidationError) as exc:
        plan_generate(enrolment=enrolment, hours_per_week=hours, today=START)
    assert exc.value.message_dict == {"hours_per_week": ["Hours per week must be between 1 and 100."]}


def test_a_target_date_that_has_passed_gives_an_infeasible_plan_not_an_error(enrolment):
    enrolment.target_date = D(2026, 1, 20)
    enrolment.save()
    plan = plan_generate(enrolment=enrolment, today=D(2026, 2, 2))
    assert (plan.feasible, plan.required_hours_per_week) == (False, None)
    assert plan.message == TARGET_PASSED.format(target=D(2026, 1, 20), hours=Decimal("23.0"))


def test_asking_for_a_target_before_the_start_is_refused(enrolment):
    with pytest.raises(ValidationError) as exc:
        plan_generate(enrolment=enrolment, target_date=D(2026, 1, 1), today=START)
    assert exc.value.message_dict == {"target_date": ["The target date must not be before the start date."]}
