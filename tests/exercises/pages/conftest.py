"""Fixtures for the exercise pages' tests (beside tests/exercises/conftest.py and the shared world)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from tests.factories import ExerciseFactory, SubmissionFactory
from tests.world import World


@pytest.fixture
def passed_attempt(world: World) -> Callable[..., str]:
    """`passed_attempt(slug, kind, metric, score, **fields)`: the learner's first attempt, passed with `score`, at a new
    exercise `slug` of `kind` on milestone b graded by `metric` ({"name": ..., "threshold": ...}); returns the
    submission page's URL. `fields` are the submission's others (metrics, runtime, curve, ...)."""

    def make(slug: str, kind: str, metric: dict, score: float, **fields) -> str:
        exercise = ExerciseFactory(slug=slug, milestone=world.b, kind=kind, metric=metric)
        submission = SubmissionFactory(
            user=world.users["learner"], exercise=exercise, attempt=1, status="passed", score=score, **fields
        )
        return reverse("submission-detail", args=[submission.pk])

    return make
