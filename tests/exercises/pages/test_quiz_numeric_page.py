"""A numeric quiz question says how close an answer must be, in the reader's language; an exact one says nothing."""

from __future__ import annotations

from django.urls import reverse


def test_a_numeric_question_shows_its_tolerance_in_both_languages(world, as_role):
    questions = world.quiz.public["questions"]
    questions[1] = {**questions[1], "tolerance": 0.01, "relative_tolerance": 0.05}
    world.quiz.save(update_fields=["public"])
    url = reverse("exercise-detail", args=[world.quiz.slug])

    english = as_role("learner").get(url).content.decode()
    assert "within ±0.01 / ±5% of the right value" in english
    chinese = as_role("learner", lang="zh-hans").get(url).content.decode()
    assert "与正确值相差不超过 ±0.01 / ±5%" in chinese


def test_an_exact_numeric_question_shows_no_tolerance(world, as_role):
    html = as_role("learner").get(reverse("exercise-detail", args=[world.quiz.slug])).content.decode()
    assert "of the right value" not in html
