"""The public catalogue pages /milestones/ and /exercises/: filters (stage, kind, the reader's state, graded or
required), ranked search in either language, pagination that keeps the filters, a 400 naming an unknown value."""

from __future__ import annotations

import re

import pytest

from exercises.models import Exercise
from planner.models import Progress, ProgressState
from tests.factories import ExerciseFactory, MilestoneFactory, StageFactory, SubmissionFactory, UserFactory
from tests.world import page_client

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    return slugs_of(response.content.decode())


def slugs_of(html: str) -> list[str]:
    return re.findall(r'<li data-slug="([\w-]+)">', html)


@pytest.fixture
def catalogue():
    basics, models = StageFactory(slug="basics", order=1), StageFactory(slug="models", order=2)
    graded = MilestoneFactory(slug="numpy", stage=basics, completion="auto", title=("NumPy", "NumPy 数组"))
    reading = MilestoneFactory(
        slug="reading",
        stage=basics,
        completion="self",
        title=("Reading papers", "阅读论文"),
        summary=("How attention papers are written.", "注意力论文是怎么写的。"),
    )
    attention = MilestoneFactory(slug="attention", stage=models, completion="mentor", title=("Attention", "注意力机制"))
    ExerciseFactory(slug="softmax", milestone=graded, order=1, kind="code", title=("Softmax", "Softmax 函数"))
    ExerciseFactory(
        slug="numpy-quiz",
        milestone=graded,
        order=2,
        kind="quiz",
        title=("NumPy quiz", "NumPy 测验"),
        required=False,
    )
    ExerciseFactory(
        slug="attn-weights",
        milestone=attention,
        kind="code",
        title=("Attention weights", "注意力权重"),
        statement=("Use softmax.", "使用 softmax。"),
    )
    return {"graded": graded, "reading": reading, "attention": attention}


def test_a_visitor_browses_milestones_without_a_state_filter(catalogue):
    response = page_client().get("/milestones/")
    assert response.status_code == 200
    assert slugs(response) == ["numpy", "reading", "attention"]
    html = response.content.decode()
    assert 'name="stage"' in html and 'name="completion"' in html and 'name="graded"' in html
    assert 'name="state"' not in html
    assert 'type="search" name="q" id="id_q" value="" maxlength="100"' in html  # the form field's own limit


def test_milestone_filters_by_stage_kind_and_graded(catalogue):
    c = page_client()
    assert slugs(c.get("/milestones/", {"stage": "models"})) == ["attention"]
    assert slugs(c.get("/milestones/", {"completion": "self"})) == ["reading"]
    assert slugs(c.get("/milestones/", {"graded": "yes"})) == ["numpy", "attention"]
    assert slugs(c.get("/milestones/", {"graded": "no", "stage": "basics"})) == ["reading"]
    assert "2 graded exercises" in c.get("/milestones/", {"stage": "basics"}).content.decode()


def test_a_learner_filters_milestones_by_their_progress(catalogue):
    learner = UserFactory()
    Progress.objects.create(user=learner, milestone=catalogue["graded"], state=ProgressState.DONE)
    Progress.objects.create(user=learner, milestone=catalogue["attention"], state=ProgressState.LOCKED)
    c = page_client(learner)
    assert slugs(c.get("/milestones/", {"state": "done"})) == ["numpy"]
    assert slugs(c.get("/milestones/", {"state": "untracked"})) == ["reading"]
    html = c.get("/milestones/").content.decode()
    assert '<span class="badge done">Done</span>' in html and "Not in your tracks" in html
    # Each item links to its page; a milestone outside the learner's tracks is badged as one not tried.
    assert '<a href="/milestones/reading/"><strong>Reading papers</strong></a>' in html
    assert '<span class="badge not_tried">Not in your tracks</span>' in html


def test_milestone_search_ranks_a_title_match_first_in_both_languages(catalogue):
    # Curriculum order would put "reading" (a summary match, stage 1) before "attention" (a title match, stage 2).
    assert slugs(page_client().get("/milestones/", {"q": "attention"})) == ["attention", "reading"]
    zh = page_client(lang="zh-hans").get("/milestones/", {"q": "注意力"})
    assert slugs(zh) == ["attention", "reading"]
    assert "注意力机制" in zh.content.decode() and "最相关" in zh.content.decode()


def test_a_search_that_finds_nothing_says_so_with_zero_results_in_both_languages(catalogue):
    # An empty page of results is falsy in a template: the page tests against None, not its truth.
    html = page_client().get("/milestones/", {"q": "zebra"}).content.decode()
    assert slugs_of(html) == [] and 'id="no-results"' in html
    assert "No milestone matches" in html and "0 results" in html
    zh = page_client(lang="zh-hans").get("/exercises/", {"q": "斑马"}).content.decode()
    assert "没有匹配的练习" in zh and "0 个结果" in zh
    refused = page_client().get("/exercises/", {"kind": "essay"}).content.decode()
    assert 'id="no-results"' not in refused and 'id="result-count"' not in refused


def test_an_unknown_filter_value_is_a_400_that_names_it(catalogue):
    response = page_client(UserFactory()).get("/milestones/", {"state": "bogus"})
    assert response.status_code == 400
    assert 'id="state-error"' in response.content.decode()
    assert page_client().get("/exercises/", {"stage": "nope"}).status_code == 400
    assert page_client().get("/exercises/", {"kind": "essay"}).status_code == 400


def test_exercise_catalogue_filters_by_stage_kind_required_and_state(catalogue):
    learner = UserFactory()
    SubmissionFactory(user=learner, exercise=Exercise.objects.get(slug="softmax"), status="passed")
    SubmissionFactory(user=learner, exercise=Exercise.objects.get(slug="attn-weights"), status="failed")
    c = page_client(learner)
    assert slugs(c.get("/exercises/")) == ["softmax", "numpy-quiz", "attn-weights"]
    assert slugs(c.get("/exercises/", {"stage": "models"})) == ["attn-weights"]
    assert slugs(c.get("/exercises/", {"kind": "quiz"})) == ["numpy-quiz"]
    assert slugs(c.get("/exercises/", {"required": "no"})) == ["numpy-quiz"]
    assert slugs(c.get("/exercises/", {"state": "passed"})) == ["softmax"]
    assert slugs(c.get("/exercises/", {"state": "tried"})) == ["attn-weights"]
    assert slugs(c.get("/exercises/", {"state": "not_tried"})) == ["numpy-quiz"]
    html = c.get("/exercises/").content.decode()
    assert '<a href="/exercises/softmax/"><strong>Softmax</strong></a>' in html
    assert '<span class="badge passed">Passed</span>' in html
    assert '<span class="badge not_tried">Not tried</span>' in html
    assert 'name="state"' not in page_client().get("/exercises/").content.decode()


def test_exercise_search_puts_the_title_match_before_the_statement_match(catalogue):
    assert slugs(page_client().get("/exercises/", {"q": "softmax"})) == ["softmax", "attn-weights"]
    assert slugs(page_client(lang="zh-hans").get("/exercises/", {"q": "权重"})) == ["attn-weights"]


def test_pages_keep_the_filters_and_show_twenty_a_page(db):
    stage = StageFactory(slug="many", order=1)
    for n in range(25):
        MilestoneFactory(slug=f"m-{n:02d}", stage=stage, order=n)
    first = page_client().get("/milestones/", {"stage": "many"})
    assert len(slugs(first)) == 20 and "25 results" in first.content.decode()
    assert 'href="?stage=many&amp;page=2"' in first.content.decode()
    second = page_client().get("/milestones/", {"stage": "many", "page": "2"})
    assert slugs(second) == [f"m-{n}" for n in range(20, 25)]


def test_a_visitor_reads_a_milestone_and_an_exercise_statement(catalogue):
    milestone = page_client().get("/milestones/attention/")
    assert milestone.status_code == 200
    assert (
        'id="sign-in-to-track"' in milestone.content.decode()
        and 'id="milestone-state"' not in milestone.content.decode()
    )
    exercise = page_client(lang="zh-hans").get("/exercises/attn-weights/")
    html = exercise.content.decode()
    assert exercise.status_code == 200 and "使用 softmax。" in html
    assert 'id="sign-in-to-submit"' in html and 'id="submit-form"' not in html
