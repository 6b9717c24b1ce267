"""Issue 10 §4: the milestone page and the dashboard's stages say how many exercises there are, how many a program
grades and of what kind; the dashboard says how the done milestones were completed (graded pass, mentor, self)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from exercises.templatetags.exercise_counts import kinds_text
from planner.models import Progress
from tests.factories import ExerciseFactory


def _text(html: str, marker: str) -> str:
    return re.search(rf"{marker}[^>]*>([^<]*)<", html).group(1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "3 exercises, 3 graded automatically: Code 2, Quiz 1"),
        ("zh-hans", "3 个练习，3 个自动评分：代码 2，测验 1"),
    ],
)
def test_the_milestone_page_counts_its_exercises_by_kind_in_both_languages(world, as_role, lang, expected):
    ExerciseFactory(slug="add-two", milestone=world.b, order=2)
    ExerciseFactory(slug="quiz-b", milestone=world.b, kind="quiz", order=3)
    html = as_role("learner", lang).get(reverse("milestone-detail", args=["b"])).content.decode()
    assert _text(html, 'id="exercise-kinds"') == expected


@pytest.mark.parametrize(
    ("lang", "basics", "advanced"),
    [
        ("en", "No exercises yet", "2 exercises, 2 graded automatically: Code 1, Quiz 1"),
        ("zh-hans", "还没有练习", "2 个练习，2 个自动评分：代码 1，测验 1"),
    ],
)
def test_the_dashboard_counts_each_stages_exercises_by_kind(world, as_role, lang, basics, advanced):
    html = as_role("learner", lang).get(reverse("dashboard")).content.decode()
    assert _text(html, 'data-stage-exercises="basics"').strip() == basics
    assert _text(html, 'data-stage-exercises="advanced"').strip() == advanced


def test_a_mentor_scored_kind_is_counted_apart_from_the_automatic_ones():
    assert (
        kinds_text({"code": 2, "artefact": 1})
        == "3 exercises, 2 graded automatically, 1 scored by a mentor: Code 2, Artefact (mentor-scored) 1"
    )
    assert kinds_text({"model": 1}) == "1 exercise, 1 graded automatically: Model 1"


def test_the_dashboard_shows_graded_vs_self_reported_progress(world, as_role):
    learner = world.users["learner"]
    Progress.objects.filter(user=learner, milestone=world.a).update(state="done", evidence="self")
    Progress.objects.filter(user=learner, milestone=world.b).update(state="done", evidence="auto")
    Progress.objects.filter(user=learner, milestone=world.m).update(state="skipped", evidence="self")
    response = as_role("learner").get(reverse("dashboard"))
    assert response.context["evidence"] == {"self": 1, "auto": 1, "mentor": 0}
    html = response.content.decode()
    assert "Graded vs self-reported" in html
    for key, value in {"auto": 1, "mentor": 0, "self": 1, "skipped": 1}.items():
        assert f'<strong data-evidence="{key}">{value}</strong>' in html
    # The mentor's view of the learner shows the same figures.
    mentor_html = as_role("mentor").get(reverse("mentor-learner", args=[learner.pk])).content.decode()
    assert '<strong data-evidence="auto">1</strong>' in mentor_html


@pytest.mark.parametrize(
    ("lang", "allowed", "forbidden"),
    [
        ("en", "Beyond the standard library you may use:", "Not allowed:"),
        ("zh-hans", "除标准库外，可以使用：", "不允许使用："),
    ],
)
def test_the_exercise_page_says_which_libraries_are_available(world, as_role, bank_exercise, lang, allowed, forbidden):
    bank_exercise("pandas-clean")
    bank_exercise("dot-product")
    bank_exercise("ab-sample-size")
    client = as_role("learner", lang)

    def line(slug):
        html = client.get(reverse("exercise-detail", args=[slug])).content.decode()
        return _text(html, 'id="exercise-libraries"')

    assert line("pandas-clean") == f"{allowed} pandas, numpy"
    assert line("dot-product") == f"{forbidden} numpy, scipy, sklearn, torch, pandas"
    assert line("ab-sample-size") == f"{allowed} numpy · {forbidden} scipy, statsmodels, sklearn, pandas"
    html = client.get(reverse("exercise-detail", args=["add-one"])).content.decode()
    assert 'id="exercise-libraries"' not in html  # nothing declared: nothing claimed
