"""The coverage ratchet (PROTOCOL contract 4): every required milestone of every track gets a graded exercise.

`UNGRADED_REQUIRED` lists the milestones required in some track (curriculum/tracks.yaml) that have no required
exercise in the bank yet. When you add a graded exercise for one, remove it here: a listed milestone that is
graded fails ("remove it"), and so does a required milestone with no graded exercise that is not listed. At the
end the list is empty. `manage.py bank_coverage` prints the same figures per track, stage and kind.
"""

from __future__ import annotations

import pytest
from django.conf import settings

from exercises.coverage import coverage_compute, coverage_markdown
from gpu_runner.bank import Bank
from planner.curriculum import curriculum_parse

# Empty: every required milestone of every track has a graded exercise. Keep it so.
UNGRADED_REQUIRED: set[str] = set()


@pytest.fixture(scope="module")
def coverage():
    return coverage_compute(
        curriculum=curriculum_parse(settings.PATHWISE_CURRICULUM_DIR), exercises=Bank.default().all()
    )


def test_no_listed_milestone_has_a_graded_exercise_already(coverage):
    stale = sorted(UNGRADED_REQUIRED & set(coverage.graded))
    assert stale == [], f"these milestones have a graded exercise now: remove them from UNGRADED_REQUIRED: {stale}"


def test_every_required_milestone_without_a_graded_exercise_is_listed(coverage):
    missing = sorted(set(coverage.ungraded_required) - UNGRADED_REQUIRED)
    assert missing == [], f"required milestones with no graded exercise, not in UNGRADED_REQUIRED: {missing}"


def test_every_listed_milestone_is_required_in_some_track(coverage):
    unknown = sorted(UNGRADED_REQUIRED - set(coverage.required))
    assert unknown == [], f"not a required milestone of any track; remove from UNGRADED_REQUIRED: {unknown}"


def test_every_exercise_is_tied_to_a_milestone_of_the_curriculum(coverage):
    assert coverage.unknown_milestones == {}


def test_the_report_counts_each_track_and_every_exercise_once(coverage):
    report = coverage_markdown(coverage)
    for track in coverage.tracks:
        assert f"| {track.slug} | {len(track.graded)} / {len(track.required)} |" in report
    assert coverage.exercises == len(Bank.default().all())
    assert f"| **all** | {len(coverage.graded)} / " in report
